// Previews that look like the published page (en bref, steps, contact box). Macros show their
// value at the build date, decided in Python (reglages.js): the script only displays.
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

export function macros(text, data) {
  return esc(text).replace(/\{\{\s*(seuil|chiffre|champ)\(\s*(?:'|&quot;)([^'&]*)(?:'|&quot;)\s*\)\s*\}\}/g, (all, name, id) => {
    const table = name === "seuil" ? data.seuils : name === "chiffre" ? data.chiffres : null;
    if (!table) return `<span class="mitkb-macro">[${esc(id)}]</span>`;
    if (!(id in table)) return `<span class="mitkb-macro mitkb-inconnu" title="identifiant inconnu">${esc(all)}</span>`;
    return `<span class="mitkb-macro" title="${esc(all)}">${esc(table[id])}</span>`;
  });
}

// The Markdown the project accepts: paragraphs, « - » lists, **bold**, *italic*, [links](https://…).
export function markdown(text, data) {
  const inline = (s) => macros(s, data)
    .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
    .replace(/\*(.+?)\*/g, "<em>$1</em>")
    .replace(/\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>');
  const blocks = String(text || "").trim().split(/\n\s*\n/);
  return blocks.map((block) => {
    const lines = block.split("\n");
    if (lines.every((l) => /^\s*-\s/.test(l) || /^\s{2,}\S/.test(l))) {
      const items = block.split(/\n(?=\s*-\s)/).map((i) => "<li>" + inline(i.replace(/^\s*-\s+/, "")) + "</li>");
      return "<ul>" + items.join("") + "</ul>";
    }
    return "<p>" + inline(block) + "</p>";
  }).join("");
}

export function registerPreviews(CMS, data) {
  const h = window.h;
  const html = (tag, props, content) => h(tag, { ...props, dangerouslySetInnerHTML: { __html: content } });
  const list = (entry, key) => (entry.getIn(["data", key]) ? entry.getIn(["data", key]).toJS() : []);
  const get = (entry, key) => entry.getIn(["data", key]) || "";

  function contactBox(id) {
    const c = data.contacts[id];
    if (!c) return h("div", { className: "mitkb-contact" }, id ? `Contact inconnu « ${id} »` : "Choisissez un référent.");
    const lines = [c.nom, c.fonction, c.organisme, c.courriel && `Courriel : ${c.courriel}`,
      c.telephone && `Téléphone : ${c.telephone}`, c.adresse].filter(Boolean);
    return h("div", { className: "mitkb-contact" }, lines.map((l, i) => h(i ? "div" : "strong", { key: i }, l)));
  }

  const Guide = ({ entry }) => {
    const themes = list(entry, "themes").map((t) => data.domaines[t] || t);
    const audience = list(entry, "public").map((p) => data.publics[p] || p).join(", ");
    const meta = ["Guide méthodologique", data.domaines[get(entry, "domaine")] || get(entry, "domaine"), ...themes,
      audience && `Pour : ${audience}`].filter(Boolean).join(" · ");
    return h("article", {},
      h("h1", {}, get(entry, "titre")),
      h("p", { className: "mitkb-meta" }, meta),
      h("div", { className: "admonition abstract" }, h("p", { className: "admonition-title" }, "En bref"),
        html("div", {}, markdown(get(entry, "en_bref"), data))),
      h("h2", {}, "Les étapes"),
      ...list(entry, "etapes").map((step, i) => h("section", { key: `e${i}` },
        h("h3", {}, `${i + 1}. ${step.titre || ""}`),
        h("p", { className: "mitkb-phase" }, data.phases[step.phase] || step.phase || ""),
        html("div", {}, markdown(step.texte, data)))),
      h("h2", {}, "Qui peut vous aider ?"),
      h("ul", {}, list(entry, "acteurs").map((a, i) => html("li", { key: i }, `<strong>${esc(a.nom || "")}</strong> : ${macros(a.role || "", data)}`))),
      h("h2", {}, "Points de vigilance"),
      h("div", { className: "admonition warning" }, h("p", { className: "admonition-title" }, "À surveiller"),
        h("ul", {}, list(entry, "vigilance").map((v, i) => html("li", { key: i }, markdown(v, data))))),
      h("h2", {}, "Votre contact"),
      contactBox(get(entry, "referent")));
  };

  const Template = ({ entry }) => h("article", {},
    h("h1", {}, get(entry, "titre")),
    h("p", { className: "mitkb-meta" }, ["Modèle de document", ...list(entry, "procedures").map((p) => data.procedures[p] || p)].join(" · ")),
    h("div", { className: "admonition abstract" }, h("p", { className: "admonition-title" }, "À quoi sert ce modèle"),
      html("div", {}, markdown(get(entry, "objet"), data))),
    h("h2", {}, "Quand l'utiliser"), html("div", {}, markdown(get(entry, "quand"), data)),
    h("h2", {}, "Le document"),
    ...list(entry, "corps").map((s, i) => h("section", { key: i }, h("h3", {}, s.titre || ""), html("div", {}, markdown(s.texte, data)))),
    h("h2", {}, "Votre contact"), contactBox(get(entry, "referent")));

  const Workshop = ({ entry }) => h("article", {},
    h("h1", {}, get(entry, "titre")),
    h("p", { className: "mitkb-meta" }, ["Atelier du réseau Commande publique", get(entry, "date"), get(entry, "lieu")].filter(Boolean).join(" · ")),
    h("div", { className: "admonition abstract" }, h("p", { className: "admonition-title" }, "Résumé"),
      html("div", {}, markdown(get(entry, "resume"), data))),
    h("h2", {}, "Ce qu'il faut retenir"), h("ul", {}, list(entry, "enseignements").map((t, i) => html("li", { key: i }, markdown(t, data)))),
    h("h2", {}, "Les suites"), h("ul", {}, list(entry, "suites").map((t, i) => html("li", { key: i }, markdown(t, data)))));

  CMS.registerPreviewStyle("mitkb-apercu.css");
  CMS.registerPreviewTemplate("methodes", Guide);
  CMS.registerPreviewTemplate("modeles", Template);
  CMS.registerPreviewTemplate("ateliers", Workshop);
}
