// « Quelle procédure pour mon achat ? » — displays answers decided at build time.
//
// Every answer comes from regles.json, written by the build (mitkb.procedure): this script
// holds no threshold, date or rule. It reads the form, finds the piece of the date line and
// of the amount line the question falls in, and shows that piece's answer. The question
// lives in the address (?nature=…&montant=…&date=…&cas=…&lot=…), updated without adding
// history entries.

const root = document.getElementById("mitkb-procedure");
const form = document.getElementById("mitkb-procedure-formulaire");
const status = document.getElementById("mitkb-procedure-statut");
const detail = document.getElementById("mitkb-procedure-detail");
const amountInput = document.getElementById("mp-montant");
const lotInput = document.getElementById("mp-lot");
const lotField = document.getElementById("mp-lot-champ");
const dateInput = document.getElementById("mp-date");
const amountError = document.getElementById("mp-montant-erreur");
const lotError = document.getElementById("mp-lot-erreur");

// Same rules as mitkb.procedure.decide.parse_amount (tested with the same inputs).
const SPACES = /[\s\u00a0\u202f]+/g;
const SUFFIX = / ?(€|euros?|eur)? ?(ht|h\.t\.)?$/i;
const GROUPED = /^\d{1,3}( \d{3})+(,\d{1,2})?$|^\d{1,3}(\.\d{3})+(,\d{1,2})?$/;
const PLAIN = /^\d+([,.]\d{1,2})?$/;

function parseAmount(text) {
  const cleaned = String(text).replace(SPACES, " ").trim().replace(SUFFIX, "").trim();
  if (!cleaned) return { error: "Indiquez la valeur estimée hors taxes, par exemple « 12 500 »." };
  let number;
  if (GROUPED.test(cleaned)) number = cleaned.replace(/[ .]/g, "").replace(",", ".");
  else if (PLAIN.test(cleaned)) number = cleaned.replace(",", ".");
  else return { error: `« ${String(text).trim()} » n'est pas un montant : écrivez un nombre en euros hors taxes, par exemple « 12 500 » ou « 12 500,00 ».` };
  const value = Number(number);
  if (!(value > 0)) return { error: "La valeur estimée doit être supérieure à zéro." };
  return { value, text: String(value) };
}

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function euros(value) {
  return new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 }).format(value) + "\u00a0€\u00a0HT";
}

function longDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  const text = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(y, m - 1, d)));
  return d === 1 ? text.replace(/^1 /, "1er ") : text;
}

// The index of the interval [bounds[i-1], bounds[i]) holding value (a bound belongs to the interval it opens).
function interval(bounds, value) {
  let index = 0;
  while (index < bounds.length && value >= bounds[index]) index += 1;
  return index;
}

function lookup(data, question) {
  const periods = data.types[`${question.nature}|${question.cas}`];
  if (!periods) return null;
  let period = periods[0];
  for (const candidate of periods) if (candidate.du <= question.date) period = candidate;
  const row = period.reponses[Math.min(interval(period.bornes, question.montant), period.reponses.length - 1)];
  const column = row.length === 1 ? 0 : interval(period.bornes, question.lot);
  const index = row[column];
  return index >= 0 ? data.reponses[index] : null;
}

function showError(input, element, message) {
  element.textContent = message || "";
  element.hidden = !message;
  if (message) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}

function checked(name) {
  const input = form.querySelector(`input[name="${name}"]:checked`);
  return input ? input.value : "";
}

function writeAddress(question) {
  const params = new URLSearchParams();
  if (question.nature) params.set("nature", question.nature);
  if (question.montantTexte) params.set("montant", question.montantTexte);
  if (question.date) params.set("date", question.date);
  if (question.cas) params.set("cas", question.cas);
  if (question.cas === "petit-lot" && question.lotTexte) params.set("lot", question.lotTexte);
  const query = params.toString();
  history.replaceState(history.state, "", query ? `?${query}` : location.pathname);
}

function clearAnswer(message) {
  status.replaceChildren();
  if (message) {
    const p = document.createElement("p");
    p.textContent = message;
    status.append(p);
  }
  detail.replaceChildren();
}

function update(data) {
  const nature = checked("nature");
  const cas = checked("cas");
  lotField.hidden = cas !== "petit-lot";
  const date = dateInput.value || today();
  const question = { nature, cas, date, montantTexte: "", lotTexte: "" };
  const amount = amountInput.value.trim() ? parseAmount(amountInput.value) : null;
  showError(amountInput, amountError, amount && amount.error);
  if (amount && !amount.error) {
    question.montant = amount.value;
    question.montantTexte = amount.text;
  }
  let lot = null;
  if (cas === "petit-lot" && lotInput.value.trim()) {
    lot = parseAmount(lotInput.value);
    if (!lot.error && question.montant !== undefined && lot.value > question.montant) {
      lot = { error: "La valeur du lot ne peut pas dépasser la valeur totale de tous les lots." };
    }
    showError(lotInput, lotError, lot.error);
    if (!lot.error) {
      question.lot = lot.value;
      question.lotTexte = lot.text;
    }
  } else {
    showError(lotInput, lotError, "");
  }
  writeAddress(question);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return clearAnswer("Indiquez une date valide : jour, mois et année.");
  if (!nature) return clearAnswer("Choisissez ce que vous achetez : travaux, fournitures ou services.");
  if (cas === "sss" && nature !== "services") {
    return clearAnswer("Les services sociaux et autres services spécifiques sont des services : choisissez « services ».");
  }
  if (amount && amount.error) return clearAnswer("Montant non compris : corrigez la valeur estimée (voir sous le champ).");
  if (question.montant === undefined) return clearAnswer("Indiquez la valeur totale estimée hors taxes.");
  if (cas === "petit-lot" && (!lot || lot.error)) {
    return clearAnswer(lot ? "Valeur du lot non comprise : corrigez-la (voir sous le champ)." : "Indiquez aussi la valeur estimée du lot.");
  }
  const answer = lookup(data, question);
  if (!answer) return clearAnswer("Aucune réponse pour cette question.");
  const verdict = document.createElement("p");
  verdict.id = "mitkb-procedure-verdict";
  verdict.className = "mitkb-procedure__verdict";
  if (answer.p) verdict.dataset.procedure = answer.p;
  const subject = cas === "petit-lot"
    ? `${data.natures[nature]}, lot de ${euros(question.lot)} dans un marché de ${euros(question.montant)}`
    : `${data.natures[nature]}${cas ? ` (${data.cas[cas].toLowerCase()})` : ""}, ${euros(question.montant)}`;
  verdict.append(Object.assign(document.createElement("strong"), { textContent: answer.t }));
  verdict.append(` — ${subject}, consultation lancée le ${longDate(date)}.`);
  status.replaceChildren(verdict);
  detail.innerHTML = answer.b.map((index) => `<section class="mitkb-procedure__bloc">${data.blocs[index]}</section>`).join("");
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  const nature = params.get("nature");
  const radio = nature && form.querySelector(`input[name="nature"][value="${CSS.escape(nature)}"]`);
  if (radio) radio.checked = true;
  const cas = params.get("cas") || "";
  const caseRadio = form.querySelector(`input[name="cas"][value="${CSS.escape(cas)}"]`);
  if (caseRadio) caseRadio.checked = true;
  if (params.has("montant")) amountInput.value = params.get("montant");
  if (params.has("lot")) lotInput.value = params.get("lot");
  dateInput.value = params.get("date") || today();
}

async function start() {
  if (!root || !form) return;
  const response = await fetch(new URL(root.dataset.regles, location.href));
  const data = await response.json();
  form.hidden = false;
  document.getElementById("votre-reponse").hidden = false;
  readAddress();
  form.addEventListener("input", () => update(data));
  form.addEventListener("change", () => update(data));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update(data);
  });
  update(data);
  root.dataset.pret = "oui";
}

start();
