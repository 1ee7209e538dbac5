// « Remplir en ligne » : fills a template's .docx and .odt in the browser.
//
// Nothing leaves the browser: the page's form values are written into the files
// the site already publishes (fetched from the same site), and the filled file is
// handed to the reader as a download. The markers (content-control tags, custom
// XML store, user fields, styles) and the month names come from the JSON the
// page embeds (mitkb.documents.fields.browser_config): this script hard-codes none.
// Source of src/mitkb/documents/web/remplir.js (`make remplir` rebuilds it).

import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const NBSP = "\u00a0";

// -- values, written the way the documents write them -------------------------

function groupThousands(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

export function formatValue(type, raw, config) {
  const value = (raw || "").trim();
  if (!value) return "";
  if (type === "date") {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return value;
    const day = Number(match[3]);
    return `${day === 1 ? "1er" : day} ${config.months[Number(match[2]) - 1]} ${match[1]}`;
  }
  if (type === "montant") {
    const number = Number(value.replace(/[\s\u00a0\u202f€]/g, "").replace(",", "."));
    if (!Number.isFinite(number)) return value;
    const [whole, cents] = number.toFixed(2).split(".");
    const text = groupThousands(whole) + (cents === "00" ? "" : "," + cents);
    return `${text}${NBSP}${config.currency}`;
  }
  if (type === "heure") {
    const match = /^(\d{2}):(\d{2})$/.exec(value);
    return match ? `${Number(match[1])}${NBSP}h${NBSP}${match[2]}` : value;
  }
  if (type === "nombre") return groupThousands(value.replace(/\s/g, ""));
  return value;
}

// -- Word ----------------------------------------------------------------------

function setRunText(doc, run, text) {
  for (const child of Array.from(run.childNodes)) {
    if (child.localName !== "rPr") run.removeChild(child);
  }
  text.split("\n").forEach((line, index) => {
    if (index > 0) run.appendChild(doc.createElementNS(W, "w:br"));
    const t = doc.createElementNS(W, "w:t");
    t.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:space", "preserve");
    t.textContent = line;
    run.appendChild(t);
  });
}

function dropFieldStyle(element, styleId) {
  for (const style of Array.from(element.getElementsByTagNameNS(W, "rStyle"))) {
    if (style.getAttributeNS(W, "val") === styleId) style.parentNode.removeChild(style);
  }
}

function fillDocx(files, values, config) {
  const markers = config.docx;
  const parser = new DOMParser();
  const doc = parser.parseFromString(strFromU8(files["word/document.xml"]), "application/xml");
  for (const sdt of Array.from(doc.getElementsByTagNameNS(W, "sdt"))) {
    const tag = sdt.getElementsByTagNameNS(W, "tag")[0];
    const name = tag && tag.getAttributeNS(W, "val");
    if (!name || !name.startsWith(markers.tagPrefix)) continue;
    const value = values[name.slice(markers.tagPrefix.length)];
    if (!value) continue; // an empty field stays a highlighted placeholder
    const content = sdt.getElementsByTagNameNS(W, "sdtContent")[0];
    const runs = Array.from(content.getElementsByTagNameNS(W, "r"));
    runs.slice(1).forEach((run) => run.parentNode.removeChild(run));
    setRunText(doc, runs[0], value);
    dropFieldStyle(sdt, markers.fieldStyle);
  }
  files["word/document.xml"] = strToU8(new XMLSerializer().serializeToString(doc));
  const store = parser.parseFromString(strFromU8(files[markers.customXml]), "application/xml");
  for (const [id, value] of Object.entries(values)) {
    const node = store.getElementsByTagNameNS(markers.namespace, id)[0];
    if (node && value) node.textContent = value;
  }
  files[markers.customXml] = strToU8(new XMLSerializer().serializeToString(store));
}

// -- OpenDocument ----------------------------------------------------------------

function fillOdt(files, values, config) {
  const doc = new DOMParser().parseFromString(strFromU8(files["content.xml"]), "application/xml");
  for (const decl of Array.from(doc.getElementsByTagNameNS(TEXT, "user-field-decl"))) {
    const value = values[decl.getAttributeNS(TEXT, "name")];
    if (value) decl.setAttributeNS(OFFICE, "office:string-value", value.replace(/\n/g, " "));
  }
  for (const get of Array.from(doc.getElementsByTagNameNS(TEXT, "user-field-get"))) {
    const value = values[get.getAttributeNS(TEXT, "name")];
    if (!value) continue;
    get.textContent = value.replace(/\n/g, " ");
    const span = get.parentNode;
    if (span.localName === "span" && span.getAttributeNS(TEXT, "style-name") === config.odt.fieldStyle) {
      span.parentNode.replaceChild(get, span); // filled: no longer highlighted
    }
  }
  files["content.xml"] = strToU8(new XMLSerializer().serializeToString(doc));
}

// -- archive -----------------------------------------------------------------------

export function fill(kind, data, values, config) {
  const files = unzipSync(new Uint8Array(data));
  if (kind === "docx") fillDocx(files, values, config);
  else fillOdt(files, values, config);
  const entries = {};
  for (const [name, content] of Object.entries(files)) {
    // OpenDocument: « mimetype » first and stored uncompressed (order is kept).
    entries[name] = name === "mimetype" ? [content, { level: 0 }] : content;
  }
  return zipSync(entries, { level: 6, mtime: new Date(1980, 0, 1) });
}

// -- the page ----------------------------------------------------------------------

const MIME = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: "application/vnd.oasis.opendocument.text",
};

function start() {
  const form = document.getElementById("mitkb-remplir");
  const configNode = document.getElementById("mitkb-remplir-config");
  if (!form || !configNode || typeof DOMParser === "undefined") return;
  const config = JSON.parse(configNode.textContent);
  const status = form.querySelector("[role=status]");
  form.closest("section").hidden = false;

  function values() {
    const result = {};
    for (const field of config.fields) {
      const input = form.elements.namedItem(field.id);
      result[field.id] = input ? formatValue(field.type, input.value, config) : "";
    }
    return result;
  }

  async function download(kind) {
    status.textContent = "Préparation du document…";
    try {
      const response = await fetch(form.dataset[kind]);
      if (!response.ok) throw new Error(String(response.status));
      const filled = fill(kind, await response.arrayBuffer(), values(), config);
      const url = URL.createObjectURL(new Blob([filled], { type: MIME[kind] }));
      const link = document.createElement("a");
      link.href = url;
      link.download = `${form.dataset.modele}-rempli.${kind}`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      status.textContent = "Document rempli prêt : vérifiez votre dossier de téléchargements.";
    } catch (error) {
      status.textContent = "Le document n'a pas pu être préparé. Utilisez le téléchargement simple ci-dessus.";
    }
  }

  for (const button of form.querySelectorAll("button[data-format]")) {
    button.addEventListener("click", () => download(button.dataset.format));
  }
  form.addEventListener("submit", (event) => event.preventDefault());
}

if (typeof document !== "undefined") start();
