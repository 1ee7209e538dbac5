// The search page (recherche/): Pagefind's small API, facets, and a shareable address.
//
// Only what a query needs is fetched: pagefind.js and its WebAssembly once, then the
// index chunks of the words typed and the excerpts of the results shown (RESULTS_PER_PAGE
// at a time); the filter index only once the reader turns to the facets. The address
// keeps the query and the chosen filters (?q=…&type=…), so a search can be shared; it is
// kept in step while typing, without adding history entries.

const RESULTS_PER_PAGE = 6;
const TYPING_DELAY_MS = 250;
// Words too common to tell pages apart: searching them would only fetch the largest
// chunks of the index (« de » is on every page).
const STOP_WORDS = new Set(("le la les l un une des de du d et ou a à au aux en pour par sur dans " +
  "avec ce cet cette ces se sa son ses leur leurs qui que qu est sont ne y").split(" "));

const root = new URL("../../", import.meta.url); // the site root (assets/javascripts/ → /)
const form = document.getElementById("mitkb-recherche-formulaire");
const input = document.getElementById("mitkb-recherche-q");
const status = document.getElementById("mitkb-recherche-statut");
const list = document.getElementById("mitkb-recherche-liste");
const more = document.getElementById("mitkb-recherche-plus");
const facets = Array.from(document.querySelectorAll("[data-facette]"));
const facetNames = facets.map((fieldset) => fieldset.dataset.facette);

let pagefindPromise = null;
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

function searchTerms(query) {
  const words = query.split(/[\s'’]+/).filter(Boolean);
  const kept = words.filter((word) => !STOP_WORDS.has(word.toLowerCase()));
  return (kept.length ? kept : words).join(" ");
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
  return item;
}

async function showMore(id, focusFirst = false) {
  const next = pending.splice(0, RESULTS_PER_PAGE);
  const data = await Promise.all(next.map((result) => result.data()));
  if (id !== searchId) return;
  const items = data.map(resultItem);
  list.append(...items);
  more.hidden = pending.length === 0;
  if (focusFirst && items.length) items[0].querySelector("a").focus();
}

async function run() {
  const id = ++searchId;
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
  const search = await pagefind.search(query ? searchTerms(query) : null, { filters });
  if (id !== searchId || !search) return;
  list.replaceChildren();
  pending = search.results.slice();
  const counts = !useFilters ? null : query ? search.totalFilters : await loadFilters();
  if (id !== searchId) return;
  showCounts(counts);
  const total = search.results.length;
  const about = query ? ` pour « ${query} »` : "";
  if (!total) {
    setStatus(`Aucun résultat${about}. Essayez un mot plus court ou plus général, ou retirez un filtre.`);
    more.hidden = true;
    return;
  }
  setStatus(`${plural(total, "résultat", "résultats")}${about}.`);
  await showMore(id);
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
