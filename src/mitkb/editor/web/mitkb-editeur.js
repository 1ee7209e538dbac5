// Starts Decap CMS with the project's YAML format and page previews (settings in reglages.js,
// written by the build from the models and data/).
import * as YAML from "./vendor/yaml/index.js";
import { makeFormat } from "./mitkb-format.js";
import { registerPreviews } from "./mitkb-apercu.js";

const settings = window.MITKB_EDITEUR;
const CMS = window.CMS;

if (!settings.configure) {
  const message = document.createElement("main");
  message.className = "mitkb-editeur-absent";
  message.innerHTML = "<h1>Éditeur non configuré</h1><p>Ce site a été construit sans l'adresse de son dépôt " +
    "GitHub (variable MITKB_DEPOT_URL) : l'éditeur ne sait pas où enregistrer. Voir la page " +
    "« Contribuer », section « Mise en place, une fois ».</p>";
  document.body.append(message);
} else {
  for (const [name, spec] of Object.entries(settings.formats)) {
    CMS.registerCustomFormat(name, "yml", makeFormat(YAML, spec));
  }
  registerPreviews(CMS, settings.apercu);
  CMS.init();
  // Decap's preview frame has no name for screen readers: give it one.
  new MutationObserver(() => {
    const frame = document.getElementById("preview-pane");
    if (frame && !frame.title) frame.title = "Aperçu de la page";
  }).observe(document.body, { childList: true, subtree: true });
}
