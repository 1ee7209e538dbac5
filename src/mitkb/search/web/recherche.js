// The search page (recherche/): Pagefind's small API, facets, and a shareable address.
//
// Only what a query needs is fetched: pagefind.js and its WebAssembly once, then the
// index chunks of the words typed and the excerpts of the results shown (RESULTS_PER_PAGE
// at a time); the filter index only once the reader turns to the facets. The address
// keeps the query and the chosen filters (?q=…&type=…), so a search can be shared; it is
// kept in step while typing, without adding history entries.
//
// The rules come from the build, as data (the inline JSON « mitkb-recherche-donnees »,
// decided in mitkb.search.next_steps): how word forms are folded (« prévus » → « prévu »),
// which kind of page is for the MIT's staff (left out unless ticked), and what to offer
// when a query finds nothing or little. The spelling vocabulary, the words of a procurement
// question and the glossary's terms are fetched only then (DATA.aide).

const RESULTS_PER_PAGE = 6;
const TYPING_DELAY_MS = 250;
const root = new URL("../../", import.meta.url); // the site root (assets/javascripts/ → /)
const form = document.getElementById("mitkb-recherche-formulaire");
const input = document.getElementById("mitkb-recherche-q");
const status = document.getElementById("mitkb-recherche-statut");
const list = document.getElementById("mitkb-recherche-liste");
const more = document.getElementById("mitkb-recherche-plus");
const facets = Array.from(document.querySelectorAll("[data-facette]"));
const facetNames = facets.map((fieldset) => fieldset.dataset.facette);
const nextSteps = document.getElementById("mitkb-recherche-suite");
const nextStepsList = document.getElementById("mitkb-recherche-suite-liste");
const dataScript = document.getElementById("mitkb-recherche-donnees");
const DATA = dataScript ? JSON.parse(dataScript.textContent) : {};
const SUB_RESULTS = 3; // passages of a long page shown under its result
// Words too common to tell pages apart: searching them would only fetch the largest
// chunks of the index (« de » is on every page); those of DATA.vides are not even in the
// index (mitkb.search.index_text).
const STOP_WORDS = new Set([...(DATA.vides || []), ...("le la les l un une des de du d et ou a à au aux en pour par sur dans " +
  "avec ce cet cette ces se sa son ses leur leurs qui que qu est sont ne y " +
  // words of a question (« quelle procédure pour mon achat ? »)
  "quel quelle quels quelles comment combien quand pourquoi faut il on je nous vous mon ma mes notre nos votre vos").split(" ")]);

let pagefindPromise = null;
let helpPromise = null;
let filtersPromise = null;
let searchId = 0;
let pending = [];
let timer = null;

function loadPagefind() {
  if (!pagefindPromise) {
    pagefindPromise = import(new URL("pagefind/pagefind.js", root).href).then(async (pagefind) => {
      // No web worker: one script less to download (41 KB); the index is searched in a few ms.
      await pagefind.options({ baseUrl: root.pathname, excerptLength: 28, noWorker: true });
      await pagefind.init();
      return pagefind;
    });
  }
  return pagefindPromise;
}

// The filter index, for the counts next to each facet: loaded when first needed.
function loadFilters() {
  if (!filtersPromise) {
    filtersPromise = loadPagefind().then((pagefind) => pagefind.filters());
  }
  return filtersPromise;
}

// -- word forms (mitkb.search.word_forms) ----------------------------------------

// Lower case, no accents, straight apostrophes; one character for one, as in Python.
function fold(text) {
  return Array.from(text, (ch) => {
    if ("’‘ʼ".includes(ch)) return "'";
    const base = ch.normalize("NFD")[0];
    const lower = base.toLowerCase();
    return lower.length === 1 ? lower : base;
  }).join("");
}

function applyRule(rule, word, folded) {
  const [suffix, replacement, minStem, notAfter, asTyped] = rule;
  if (!folded.endsWith(suffix)) return null;
  const stem = folded.length - suffix.length;
  if (stem < minStem || (stem > 0 && notAfter.includes(folded[stem - 1]))) return null;
  const removed = word.slice(stem);
  const start = removed.slice(0, replacement.length);
  const upper = removed === removed.toUpperCase() && removed !== removed.toLowerCase();
  const written = asTyped && fold(start) === replacement ? start : upper ? replacement.toUpperCase() : replacement;
  return [word.slice(0, stem) + written, folded.slice(0, stem) + replacement];
}

// The start every form of a word shares: « prévus » → « prévu », « déclarées » → « déclaré ».
function foldWord(word) {
  const forms = DATA.formes;
  const folded = fold(word);
  if (!forms || forms.exceptions.includes(folded) || !/^\p{L}+$/u.test(folded)) return word;
  let current = [word, folded];
  const plural = applyRule(forms.pluriel, word, folded);
  if (plural) current = plural;
  for (const rule of forms.feminin) {
    const applied = applyRule(rule, current[0], current[1]);
    if (applied) return applied[0];
  }
  return current[0];
}

function queryWords(query) {
  const words = query.split(/[\s'’]+/).filter(Boolean);
  const kept = words.filter((word) => !STOP_WORDS.has(word.toLowerCase()));
  return kept.length ? kept : words;
}

// The words sent to Pagefind: folded, at most DATA.mots of them (each fetches its part of
// the index; the first words typed are usually the ones that matter).
function searchTerms(query) {
  return queryWords(query).slice(0, DATA.mots || Infinity).map(foldWord).join(" ");
}

// « (recherche sur « a b c ») » when words beyond DATA.mots were left out.
function searchedNote(query) {
  const words = queryWords(query);
  return DATA.mots && words.length > DATA.mots ? ` (recherche sur « ${words.slice(0, DATA.mots).join(" ")} »)` : "";
}

// Staff pages stay out of the results unless their kind is ticked.
function withoutStaffPages(filters) {
  const staff = DATA.personnel;
  if (!staff || filters[staff.type]) return filters; // a kind ticked: staff pages only if theirs is
  return { ...filters, [staff.filtre]: { none: [staff.valeur] } };
}

function checkboxes(name) {
  return Array.from(document.querySelectorAll(`input[type=checkbox][name="${name}"]`));
}

function chosenFilters() {
  const filters = {};
  for (const name of facetNames) {
    const values = checkboxes(name).filter((box) => box.checked).map((box) => box.value);
    if (values.length) filters[name] = { any: values };
  }
  return filters;
}

// -- the address ------------------------------------------------------------

function readAddress() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const name of facetNames) {
    const wanted = new Set(params.getAll(name));
    for (const box of checkboxes(name)) box.checked = wanted.has(box.value);
  }
  const header = document.getElementById("mitkb-entete-q");
  if (header) header.value = input.value;
}

function writeAddress() {
  const params = new URLSearchParams();
  const query = input.value.trim();
  if (query) params.set("q", query);
  for (const name of facetNames) {
    for (const box of checkboxes(name)) if (box.checked) params.append(name, box.value);
  }
  const search = params.toString();
  const address = location.pathname + (search ? `?${search}` : "") + location.hash;
  if (address !== location.pathname + location.search + location.hash) {
    history.replaceState(null, "", address);
  }
}

// -- results ------------------------------------------------------------------

function plural(count, one, many) {
  return `${count} ${count > 1 ? many : one}`;
}

function setStatus(text) {
  status.textContent = text;
}

function showCounts(counts) {
  for (const name of facetNames) {
    for (const box of checkboxes(name)) {
      const count = counts && counts[name] ? counts[name][box.value] || 0 : null;
      const label = box.parentElement.querySelector(".mitkb-facette__nombre");
      if (label) label.textContent = count === null ? "" : ` (${count})`;
    }
  }
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "mitkb-resultat";
  const title = document.createElement("h2");
  title.className = "mitkb-resultat__titre";
  const link = document.createElement("a");
  link.href = (data.meta && data.meta.url) || data.url; // records (contacts) carry their own address
  link.textContent = (data.meta && data.meta.title) || data.url;
  title.append(link);
  item.append(title);
  const details = [data.meta && data.meta.type, data.meta && data.meta.domaine].filter(Boolean);
  if (details.length) {
    const meta = document.createElement("p");
    meta.className = "mitkb-resultat__meta";
    meta.textContent = details.join(" — ");
    item.append(meta);
  }
  if (data.excerpt) {
    const excerpt = document.createElement("p");
    excerpt.className = "mitkb-resultat__extrait";
    excerpt.innerHTML = data.excerpt; // Pagefind escapes the page text and adds <mark>
    item.append(excerpt);
  }
  const passages = subResults(data);
  if (passages.length) {
    const heading = document.createElement("p");
    heading.className = "mitkb-resultat__passages-titre";
    heading.id = `mitkb-passages-${++passageLists}`;
    heading.textContent = "Dans cette page :";
    const sublist = document.createElement("ul");
    sublist.className = "mitkb-resultat__passages";
    link.id = `mitkb-resultat-${passageLists}`;
    sublist.setAttribute("aria-labelledby", `${heading.id} ${link.id}`); // « Dans cette page : <titre> »
    for (const passage of passages) {
      const entry = document.createElement("li");
      const anchor = document.createElement("a");
      anchor.href = passage.url;
      anchor.textContent = passage.title;
      entry.append(anchor);
      if (passage.excerpt) {
        const text = document.createElement("p");
        text.className = "mitkb-resultat__extrait";
        text.innerHTML = passage.excerpt;
        entry.append(text);
      }
      sublist.append(entry);
    }
    item.append(heading, sublist);
  }
  return item;
}

let passageLists = 0;

function nearHeading() {
  const item = document.createElement("li");
  item.className = "mitkb-resultats-approches";
  const heading = document.createElement("p");
  heading.textContent = "Pages qui contiennent une partie des mots cherchés :";
  item.append(heading);
  return item;
}

// After few results, the pages that match every word searched but one: a word the page
// does not use (« éteindre » where it writes « extinction ») does not hide it. The words
// are those of the query, whose parts of the index are already loaded: nothing more is
// fetched but the excerpts shown. Best score first, without the pages already found.
async function nearResults(pagefind, terms, filters, found) {
  const words = terms.split(" ").filter(Boolean);
  if (words.length < 2) return [];
  const seen = new Set(found.map((result) => result.id));
  const best = new Map();
  for (let left = 0; left < words.length; left++) {
    const search = await pagefind.search(words.filter((_, i) => i !== left).join(" "), { filters });
    for (const result of (search && search.results) || []) {
      if (seen.has(result.id)) continue;
      const known = best.get(result.id);
      if (!known || result.score > known.score) best.set(result.id, result);
    }
  }
  return Array.from(best.values()).sort((a, b) => b.score - a.score).map((result) => ({
    id: result.id, score: result.score, near: true, data: () => result.data(),
  }));
}

// The headings of a long page (with an id) where the query's words stand, best first,
// at most SUB_RESULTS, in page order; the page's top and its title are its main result.
function subResults(data) {
  const score = (sub) => (sub.weighted_locations || []).reduce((sum, l) => sum + (l.balanced_score || 0), 0);
  return (data.sub_results || [])
    .filter((sub) => sub.url && sub.url.includes("#") && sub.title && !(sub.anchor && /^h1$/i.test(sub.anchor.element)))
    .map((sub, order) => ({ sub, order, score: score(sub) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, SUB_RESULTS)
    .sort((a, b) => a.order - b.order)
    .map(({ sub }) => sub);
}

// How many of the words searched the page's address names (« courrier-candidat-non-retenu »):
// the address is the short name authors give a page, and it settles what titles leave even
// (« candidats non retenus », when both letters' titles say « candidat » and « retenu »).
function addressScore(data, terms) {
  const address = ((data.meta && data.meta.url) || data.url || "").split("#")[0];
  const name = fold(decodeURIComponent(address.replace(/\/$/, "").split("/").pop() || ""));
  const parts = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return terms.filter((term) => parts.some((part) => part.startsWith(term))).length;
}

async function showMore(id, focusFirst = false, terms = null) {
  const next = pending.splice(0, RESULTS_PER_PAGE);
  let data = await Promise.all(next.map((result) => result.data()));
  if (id !== searchId) return;
  if (terms && terms.length) {
    // The first results shown, in order of the words their address names, then of score.
    const order = next.map((result, index) => ({ result, data: data[index], index,
      score: result.near ? -1 : addressScore(data[index], terms) }));
    order.sort((a, b) => (a.result.near === b.result.near ? b.score - a.score : a.result.near ? 1 : -1) || a.index - b.index);
    next.splice(0, next.length, ...order.map((entry) => entry.result));
    data = order.map((entry) => entry.data);
  }
  const items = data.map(resultItem);
  items.forEach((item, index) => {
    // Pages matching all the words but one come after the others, under a heading of their own.
    if (next[index].near && !list.querySelector(".mitkb-resultats-approches")) list.append(nearHeading());
    list.append(item);
  });
  more.hidden = pending.length === 0;
  if (focusFirst && items.length) items[0].querySelector("a").focus();
}

// The results list is busy (aria-busy) from the query to the last thing shown for it.
async function run() {
  const id = ++searchId;
  list.setAttribute("aria-busy", "true");
  try {
    await runSearch(id);
  } finally {
    if (id === searchId) list.removeAttribute("aria-busy");
  }
}

async function runSearch(id) {
  writeAddress();
  const query = input.value.trim();
  const filters = chosenFilters();
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    more.hidden = true;
    showCounts(null);
    setStatus("Tapez un mot pour lancer la recherche, ou choisissez un filtre.");
    return;
  }
  setStatus("Recherche en cours…");
  let pagefind;
  try {
    pagefind = await loadPagefind();
  } catch (error) {
    setStatus("La recherche est indisponible : l'index de recherche n'a pas pu être chargé.");
    return;
  }
  const useFilters = Object.keys(filters).length > 0 || filtersPromise !== null;
  if (useFilters) await loadFilters();
  const search = await pagefind.search(query ? searchTerms(query) : null, { filters: withoutStaffPages(filters) });
  if (id !== searchId || !search) return;
  list.replaceChildren();
  hideNextSteps();
  pending = search.results.slice();
  const counts = !useFilters ? null : query ? search.totalFilters : await loadFilters();
  if (id !== searchId) return;
  showCounts(counts);
  const total = search.results.length;
  const about = query ? ` pour « ${query} »` : "";
  if (!total && query) {
    // Nothing for the words typed: the closest words of the site, when there are some.
    const fixed = suggestion(query, (await loadHelp()).vocabulaire);
    if (id !== searchId) return;
    const retry = fixed ? await pagefind.search(searchTerms(fixed), { filters: withoutStaffPages(filters) }) : null;
    if (id !== searchId) return;
    if (retry && retry.results.length) {
      pending = retry.results.slice();
      const count = retry.results.length;
      setStatus(`Aucun résultat pour « ${query} ». ${plural(count, "résultat", "résultats")} pour « ${fixed} ».`);
      await showMore(id);
      if (count <= (DATA.peu ?? 3)) await showNextSteps(id, fixed, count, null);
      return;
    }
  }
  const near = query && total <= (DATA.peu ?? 3)
    ? await nearResults(pagefind, searchTerms(query), withoutStaffPages(filters), search.results) : [];
  if (id !== searchId) return;
  pending.push(...near);
  const nearNote = near.length ? ` ${plural(near.length, "page contient", "pages contiennent")} une partie des mots.` : "";
  if (!total) {
    setStatus(`Aucun résultat${about}.${nearNote} Essayez un mot plus court ou plus général, ou retirez un filtre.`);
  } else {
    setStatus(`${plural(total, "résultat", "résultats")}${about}${searchedNote(query)}.${nearNote}`);
  }
  if (pending.length) await showMore(id, false, searchTerms(query).split(" ").map(fold).filter(Boolean));
  else more.hidden = true;
  if (query && total <= (DATA.peu ?? 3)) await showNextSteps(id, query, total);
}

// -- no dead end: what to do after few results ---------------------------------

function hideNextSteps() {
  if (!nextSteps) return;
  nextSteps.hidden = true;
  nextStepsList.replaceChildren();
}

// Vocabulary, procurement words and glossary terms: fetched after few results only.
function loadHelp() {
  if (!helpPromise) {
    const empty = { vocabulaire: [], commande_publique: [], glossaire: {} };
    helpPromise = DATA.aide
      ? fetch(new URL(DATA.aide, root)).then((response) => (response.ok ? response.json() : empty))
          .catch(() => empty)
      : Promise.resolve(empty);
  }
  return helpPromise;
}

// Optimal string alignment distance (an inversion of two letters counts one), capped.
function distance(a, b, cap) {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let cost = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        cost = Math.min(cost, before[j - 2] + 1);
      }
      current.push(cost);
      best = Math.min(best, cost);
    }
    if (best > cap) return cap + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

// The query with each unknown word replaced by the closest word of the site (the most
// frequent at equal distance), or null when every word is known or nothing is close.
function suggestion(query, vocabulary) {
  const known = new Map();
  vocabulary.forEach((word, rank) => { const key = fold(word); if (!known.has(key)) known.set(key, [word, rank]); });
  const keys = Array.from(known.keys());
  let changed = false;
  const words = query.trim().split(/\s+/).map((word) => {
    const key = fold(word);
    if (key.length < 4 || STOP_WORDS.has(key) || known.has(key) || known.has(fold(foldWord(word)))) return word;
    const cap = key.length >= 8 ? 2 : 1;
    let best = null;
    for (const candidate of keys) {
      const d = distance(key, candidate, cap);
      if (d <= cap && (!best || d < best.d || (d === best.d && known.get(candidate)[1] < best.rank))) {
        best = { d, word: known.get(candidate)[0], rank: known.get(candidate)[1] };
      }
    }
    if (!best) return word;
    changed = true;
    return best.word;
  });
  return changed ? words.join(" ") : null;
}

function isProcurementQuestion(query, help) {
  const words = new Set(help.commande_publique);
  return queryWords(query).some((word) => words.has(fold(foldWord(word))) || words.has(fold(word)));
}

function stepItem(text, href, label) {
  const item = document.createElement("li");
  if (text) item.append(text);
  const link = document.createElement("a");
  link.href = href;
  link.textContent = label;
  item.append(link);
  return item;
}

// `fixed` undefined: look for a spelling suggestion; null: none to offer (already applied).
async function showNextSteps(id, query, total, fixed) {
  if (!nextSteps) return;
  const steps = DATA.suite || {};
  const items = [];
  const help = await loadHelp();
  if (id !== searchId) return;
  if (fixed === undefined) fixed = suggestion(query, help.vocabulaire);
  if (fixed) {
    const address = new URL(location.href);
    address.searchParams.set("q", fixed);
    items.push(stepItem("Vouliez-vous dire ", address.pathname + address.search, `« ${fixed} »`));
    items[0].append(" ?");
    setStatus(`${status.textContent} Vouliez-vous dire « ${fixed} » ?`);
  }
  if (isProcurementQuestion(query, help)) {
    if (steps.procedure) {
      items.push(stepItem("Pour trouver la procédure adaptée à votre achat : ",
        new URL(steps.procedure.url, root).pathname, steps.procedure.titre));
    }
    if (steps.glossaire) {
      const terms = help.glossaire;
      const term = queryWords(query).map((word) => terms[fold(foldWord(word))] || terms[fold(word)]).find(Boolean);
      const url = new URL(steps.glossaire.url, root);
      if (term) url.hash = term[1];
      items.push(stepItem("Les mots de la commande publique : ", url.pathname + url.hash,
        term ? `« ${term[0]} » dans le glossaire` : "le glossaire"));
    }
  }
  if (steps.mit) {
    items.push(stepItem("Votre question reste sans réponse ? ", new URL(steps.mit.url, root).pathname,
      steps.mit.titre));
  }
  if (!items.length) return;
  nextStepsList.replaceChildren(...items);
  nextSteps.hidden = false;
}

function runSoon() {
  clearTimeout(timer);
  timer = setTimeout(run, TYPING_DELAY_MS);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run();
});
input.addEventListener("input", runSoon);
for (const fieldset of facets) fieldset.addEventListener("change", () => run());
const facetPanel = document.querySelector(".mitkb-recherche__facettes");
if (facetPanel) {
  // Counts appear as soon as the reader reaches the facets (mouse or keyboard).
  const showFacetCounts = () => {
    if (filtersPromise === null) loadFilters().then(() => input.value.trim() && run());
  };
  facetPanel.addEventListener("focusin", showFacetCounts);
  facetPanel.addEventListener("pointerenter", showFacetCounts);
}
more.addEventListener("click", () => showMore(searchId, true));
window.addEventListener("popstate", () => {
  readAddress();
  run();
});

readAddress();
if (input.value.trim() || Object.keys(chosenFilters()).length) {
  run();
} else {
  input.focus();
}
