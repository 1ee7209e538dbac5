// The YAML the editor writes: what the project would write by hand (CONTRIBUTING.md).
//
// - The file's first line (the schema comment that VS Code reads) is kept, or added to a new file.
// - What did not change is written back byte for byte, comments included: the file as it was
//   read is kept next to the entry's data (SOURCE_KEY) and each key, list item or sub-key whose
//   value is unchanged is copied from it. Editing one field changes that field's lines only.
// - What changed is written in the project's style: keys in the models' order, long texts in
//   block scalars (`>` folded, `|` when the text has line breaks), short lists of identifiers
//   in brackets, empty optional fields left out.
//
// One module for the browser (Decap CMS's custom format) and for Node (the round-trip test):
// the YAML parser is passed in.

export const SOURCE_KEY = "__mitkb_source";
const WIDTH = 100;
const DATE = /^\d{4}-\d{2}(-\d{2})?$/;

export function makeFormat(YAML, { header, shape }) {
  return {
    fromFile(content) {
      const data = YAML.parse(content) || {};
      return { ...data, [SOURCE_KEY]: content };
    },
    toFile(data) {
      const { [SOURCE_KEY]: source, ...rest } = data || {};
      return writeYaml(YAML, clean(rest) || {}, typeof source === "string" ? source : null, header, shape);
    },
  };
}

// Empty optional fields (the editor leaves "" or null behind) are not written.
export function clean(value) {
  if (value === null || value === undefined || value === "") return undefined;
  if (Array.isArray(value)) return value.map(clean).filter((v) => v !== undefined);
  if (typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const c = clean(v);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

function canonical(value) {
  if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
  if (value && typeof value === "object") {
    return "{" + Object.keys(value).sort().map((k) => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}";
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString().slice(0, 10));
  return JSON.stringify(value);
}

function same(a, b) {
  return canonical(clean(a)) === canonical(clean(b));
}

function orderedKeys(data, shape) {
  const known = (shape && shape.keys) || [];
  return [...known.filter((k) => k in data), ...Object.keys(data).filter((k) => !known.includes(k))];
}

// --- writing in the project's style ---------------------------------------------------------

function plainSafe(text) {
  if (DATE.test(text)) return true; // dates are written bare: YAML reads them as dates
  if (text === "" || text !== text.trim() || /[\n\t]/.test(text)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text) || /: |:$| #/.test(text) || text.includes("{{")) return false;
  if (/^(true|false|yes|no|on|off|null|y|n|~)$/i.test(text)) return false;
  if (/^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text) || /^[-+]?\.(inf|nan)$/i.test(text)) return false;
  if (/^0[xob]/i.test(text) || /^[-+]?\d+(:[0-5]?\d)+/.test(text)) return false;
  return true;
}

function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? line + " " + word : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// `head` is "  key:" or "  -"; the block's lines are indented by `indent`.
function scalarLines(head, value, indent, inList) {
  if (typeof value !== "string") return [head + " " + (value instanceof Date ? value.toISOString().slice(0, 10) : String(value))];
  const pad = " ".repeat(indent);
  const text = value.replace(/\s+$/, "");
  if (text.includes("\n") || (text.includes("{{") && /(^\s| {2})/.test(text))) {
    const indicator = /^\s/.test(text) ? "|2" : "|";
    return [head + " " + indicator, ...text.split("\n").map((l) => (l.trim() ? pad + l.replace(/\s+$/, "") : ""))];
  }
  if (plainSafe(text) && head.length + 1 + text.length <= WIDTH) return [head + " " + text];
  if ((text.length > 40 || text.includes("{{")) && !/(^\s| {2})/.test(text)) {
    return [head + (inList ? " >-" : " >"), ...wrap(text, WIDTH - indent).map((l) => pad + l)];
  }
  return [head + " " + JSON.stringify(text)];
}

function flowItem(item) {
  if (typeof item === "number") return String(item);
  if (typeof item === "string" && /^[\w.-]+$/.test(item) && plainSafe(item)) return item; // identifiers only
  return null;
}

function entryLines(key, value, indent, shape) {
  const pad = " ".repeat(indent);
  if (Array.isArray(value)) {
    if (!value.length) return [pad + key + ": []"];
    const flow = value.map(flowItem);
    const line = pad + key + ": [" + flow.join(", ") + "]";
    if (!flow.includes(null) && line.length <= WIDTH) return [line];
    return [pad + key + ":", ...value.flatMap((item) => itemLines(item, indent + 2, shape))];
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return [pad + key + ":", ...mappingLines(value, indent + 2, shape)];
  }
  return scalarLines(pad + key + ":", value, indent + 2, false);
}

function itemLines(item, indent, shape) {
  if (item && typeof item === "object" && !Array.isArray(item) && !(item instanceof Date)) {
    const lines = mappingLines(item, indent + 2, shape);
    lines[0] = " ".repeat(indent) + "- " + lines[0].slice(indent + 2);
    return lines;
  }
  if (Array.isArray(item)) return [" ".repeat(indent) + "- " + JSON.stringify(item)];
  return scalarLines(" ".repeat(indent) + "-", item, indent + 2, true);
}

function mappingLines(data, indent, shape) {
  return orderedKeys(data, shape).flatMap((key) =>
    entryLines(key, data[key], indent, shape && shape.children ? shape.children[key] : null));
}

// --- keeping what did not change --------------------------------------------------------------

const isComment = (line) => /^\s*(#.*)?$/.test(line);

// Chunks of a block mapping or sequence whose entries start at column `indent`:
// each chunk holds the comment lines just above its entry.
function chunks(lines, startRe) {
  const out = [];
  let pending = [];
  for (const line of lines) {
    if (startRe.test(line)) {
      out.push({ first: line, lines: [...pending, line], comments: pending });
      pending = [];
    } else if (out.length && !isComment(line)) {
      out[out.length - 1].lines.push(...pending, line);
      pending = [];
    } else {
      pending.push(line);
    }
  }
  if (out.length) out[out.length - 1].lines.push(...pending);
  return { entries: out, trailing: out.length ? [] : pending };
}

function dedent(lines, indent) {
  return lines.map((l) => (l.startsWith(" ".repeat(indent)) ? l.slice(indent) : l.trimStart())).join("\n");
}

function keyChunks(YAML, lines, indent) {
  const re = new RegExp("^ {" + indent + "}([A-Za-z_][\\w-]*):(\\s|$)");
  const { entries } = chunks(lines, re);
  const byKey = {};
  for (const entry of entries) {
    const key = entry.first.match(re)[1];
    try {
      entry.value = (YAML.parse(dedent(entry.lines, indent)) || {})[key];
      byKey[key] = entry;
    } catch (e) {
      /* unreadable chunk: written again from the data */
    }
  }
  return byKey;
}

function itemChunks(YAML, lines, indent) {
  const re = new RegExp("^ {" + indent + "}-( |$)");
  const { entries } = chunks(lines, re);
  for (const entry of entries) {
    try {
      entry.value = (YAML.parse(dedent(entry.lines, indent)) || [])[0];
    } catch (e) {
      entry.value = undefined;
    }
  }
  return entries;
}

const isObject = (v) => v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date);

function keptMapping(YAML, data, lines, indent, shape) {
  const old = keyChunks(YAML, lines, indent);
  const out = [];
  for (const key of orderedKeys(data, shape)) {
    const value = data[key];
    const child = shape && shape.children ? shape.children[key] : null;
    const chunk = old[key];
    if (chunk && same(chunk.value, value)) {
      out.push(...chunk.lines);
    } else if (chunk && Array.isArray(value) && value.some(isObject) && Array.isArray(chunk.value)
               && chunk.first.trim() === key + ":") {
      const body = chunk.lines.slice(chunk.comments.length + 1);
      out.push(...chunk.comments, chunk.first, ...keptSequence(YAML, value, body, indent + 2, child));
    } else if (chunk && isObject(value) && isObject(chunk.value) && chunk.first.trim() === key + ":") {
      const body = chunk.lines.slice(chunk.comments.length + 1);
      out.push(...chunk.comments, chunk.first, ...keptMapping(YAML, value, body, indent + 2, child));
    } else {
      out.push(...(chunk ? chunk.comments : []), ...entryLines(key, value, indent, child));
    }
  }
  return out;
}

function keptSequence(YAML, items, lines, indent, shape) {
  const old = itemChunks(YAML, lines, indent);
  const used = new Set();
  const out = [];
  items.forEach((item, index) => {
    let match = old.findIndex((o, j) => !used.has(j) && same(o.value, item));
    if (match >= 0) {
      used.add(match);
      out.push(...old[match].lines);
      return;
    }
    const twin = old[index];
    if (twin && !used.has(index) && isObject(item) && isObject(twin.value)) {
      used.add(index);
      const body = twin.lines.slice(twin.comments.length);
      body[0] = " ".repeat(indent + 2) + body[0].slice(indent + 2);
      const kept = keptMapping(YAML, item, body, indent + 2, shape);
      const first = kept.findIndex((l) => !isComment(l));
      kept[first] = " ".repeat(indent) + "- " + kept[first].slice(indent + 2);
      out.push(...twin.comments, ...kept);
      return;
    }
    out.push(...itemLines(item, indent, shape));
  });
  return out;
}

export function writeYaml(YAML, data, source, header, shape) {
  if (!source) return [header, ...mappingLines(data, 0, shape)].join("\n") + "\n";
  let lines = source.replace(/\n+$/, "").split("\n");
  const head = [];
  if (lines.length && lines[0].startsWith("# yaml-language-server:")) head.push(lines.shift());
  else head.push(header);
  return [...head, ...keptMapping(YAML, data, lines, 0, shape)].join("\n") + "\n";
}
