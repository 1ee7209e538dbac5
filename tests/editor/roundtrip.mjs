// Reads and writes YAML files as the editor does (mitkb-format.js with the npm `yaml` parser).
// stdin: {"yaml": "<path of yaml's index.js>", "format": "<path of mitkb-format.js>",
//         "files": [{"text": "...", "header": "...", "shape": {...}, "set": {"key": value} | null, "fresh": bool}]}
// stdout: the written texts, in order (JSON list).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const spec = JSON.parse(readFileSync(0, "utf8"));
const YAML = await import(pathToFileURL(spec.yaml).href);
const { makeFormat, SOURCE_KEY } = await import(pathToFileURL(spec.format).href);
const out = spec.files.map((file) => {
  const format = makeFormat(YAML, { header: file.header, shape: file.shape });
  const data = format.fromFile(file.text);
  if (file.fresh) delete data[SOURCE_KEY];
  Object.assign(data, file.set || {});
  return format.toFile(JSON.parse(JSON.stringify(data)));
});
process.stdout.write(JSON.stringify(out));
