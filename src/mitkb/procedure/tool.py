"""The page quelle-procedure/, its build-time tables and the data its script displays.

Every answer the browser can show is decided here by ``decide``: the date line is cut at
every day a threshold or a rule changes, the amount line at every threshold in force in
that period, and each piece gets the answer decided for it. The script only finds the
piece a question falls in and shows its (pre-rendered) answer.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import jinja2

from ..content import Site
from ..formatting import date_long, euros_ht
from ..models import LegalBasis
from ..pages import GeneratedFile, GeneratedPage, legifrance_url
from .decide import CASES, NATURES, TEMPLATE_PROCEDURE, Answer, Part, decide
from .rules import THRESHOLD_IDS, ProcedureRules

PAGE_PATH = "quelle-procedure.md"
DATA_PATH = "quelle-procedure/regles.json"
WEB_DIR = Path(__file__).parent / "web"
WEB_ASSETS = {
    "assets/javascripts/procedure.js": "procedure.js",
    "assets/stylesheets/procedure.css": "procedure.css",
}
FORMS_PAGE = "formulaires-officiels.md"
GUIDES_PAGE = "methodes/index.md"
# An answer lists the guides that use most of the procedure's templates, not all of them:
# on a phone, five links are read; the others are one link away.
GUIDES_SHOWN = 5
# The questions the tool answers: (nature, special case).
KINDS: tuple[tuple[str, str | None], ...] = (
    ("travaux", None), ("fournitures", None), ("services", None),
    ("travaux", "innovant"), ("fournitures", "innovant"), ("services", "innovant"),
    ("services", "sss"),
    ("travaux", "petit-lot"), ("fournitures", "petit-lot"), ("services", "petit-lot"),
)
FIRST_DAY = dt.date(1, 1, 1)
SMALLEST = Decimal("0.01")
PROCEDURE_SHORT = {"dispense": "Sans publicité ni mise en concurrence",
                   "mapa": "Procédure adaptée (MAPA)", "formalisee": "Procédure formalisée"}


def procedure_assets() -> list[tuple[str, bytes]]:
    """(path in the site, content) of the tool's script and style sheet."""
    return [(path, (WEB_DIR / name).read_bytes()) for path, name in WEB_ASSETS.items()]


def kind_key(nature: str, case: str | None) -> str:
    return f"{nature}|{case or ''}"


def _legifrance(rule) -> str:
    """Légifrance search for the article of a rule or a valuation question."""
    return legifrance_url(LegalBasis.model_validate({"code": "CCP", "article": rule.article}))


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


@dataclass
class Period:
    start: dt.date
    bounds: list[int]  # amounts where the answer may change (sorted)


class ProcedureTool:
    """The tool for one site and one build date."""

    def __init__(self, site: Site, rules: ProcedureRules, today: dt.date):
        self.site = site
        self.rules = rules
        self.today = today
        self.blocks: list[str] = []
        self._block_index: dict[str, int] = {}
        self.answers: list[dict] = []
        self._answer_index: dict[tuple, int] = {}
        self._procedure_blocks: dict[str, list[int]] = {}  # documents and guides, per procedure

    # -- the cutting of dates and amounts -----------------------------------------------
    def change_days(self) -> list[dt.date]:
        """Every day a threshold or a rule the tool reads starts or stops applying."""
        days = set(self.rules.dates())
        for tid in THRESHOLD_IDS:
            for value in self.site.thresholds[tid].values:
                days.add(value.start)
                if value.end is not None:
                    days.add(value.end + dt.timedelta(days=1))
        return sorted(days)

    def bounds_on(self, day: dt.date) -> list[int]:
        amounts = set()
        for tid in THRESHOLD_IDS:
            for value in self.site.thresholds[tid].values:
                if value.start <= day and (value.end is None or day <= value.end):
                    amounts.add(value.amount)
        return sorted(amounts)

    def periods(self) -> list[Period]:
        return [Period(day, self.bounds_on(day)) for day in [FIRST_DAY, *self.change_days()]]

    def decide(self, nature: str, case: str | None, amount, day: dt.date, lot=None) -> Answer:
        return decide(self.site.thresholds, self.rules, nature, amount, day, case, lot)

    # -- the data of the script ---------------------------------------------------------
    def _block(self, markup: str) -> int:
        if markup not in self._block_index:
            self._block_index[markup] = len(self.blocks)
            self.blocks.append(markup)
        return self._block_index[markup]

    def _answer(self, answer: Answer, nature: str, case: str | None) -> int:
        key = answer.key
        if key not in self._answer_index:
            self._answer_index[key] = len(self.answers)
            self.answers.append(self.answer_data(answer, nature, case))
        return self._answer_index[key]

    def grid(self, nature: str, case: str | None, period: Period) -> list[list[int]]:
        """Answer indexes by (total interval, lot interval); -1 where no lot fits the total."""
        starts = [SMALLEST, *map(Decimal, period.bounds)]
        ends = [*map(Decimal, period.bounds), None]
        rows = []
        for total_start, total_end in zip(starts, ends):
            if case != "petit-lot":
                rows.append([self._answer(self.decide(nature, case, total_start, period.start), nature, case)])
                continue
            row = []
            for lot_start in starts:
                if total_end is not None and lot_start >= total_end:
                    row.append(-1)
                    continue
                total = max(total_start, lot_start)
                row.append(self._answer(self.decide(nature, case, total, period.start, lot_start), nature, case))
            rows.append(row)
        return rows

    def data(self) -> dict:
        """Everything the script needs: the pieces, their answers, the messages."""
        kinds = {}
        for nature, case in KINDS:
            kinds[kind_key(nature, case)] = [
                {"du": period.start.isoformat(), "bornes": period.bounds, "reponses": self.grid(nature, case, period)}
                for period in self.periods()
            ]
        return {"natures": NATURES, "cas": CASES, "types": kinds, "reponses": self.answers, "blocs": self.blocks}

    def files(self) -> list[GeneratedFile]:
        payload = json.dumps(self.data(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return [GeneratedFile(DATA_PATH, payload.encode("utf-8"), self.rules.source)]

    # -- answers as HTML ------------------------------------------------------------------
    def _link(self, target_page: str) -> str:
        """Link from the tool's address (quelle-procedure/) to another page's address."""
        url = target_page.removesuffix(".md").removesuffix("index") + ("" if target_page.endswith("index.md") else "/")
        return posixpath.join("..", url)

    def part_html(self, part: Part) -> str:
        rule = part.rule
        text = f"<p><strong>{_e(rule.title)}.</strong> {_e(rule.text)}</p>"
        source = (f'Article <a href="{_e(_legifrance(rule))}">{_e(rule.article)} du code de la commande '
                  f"publique</a> (règle en vigueur depuis le {date_long(rule.start)}"
                  + (f", jusqu'au {date_long(rule.end)}" if rule.end else "") + f" ; source : {_e(rule.source)}).")
        if rule.reliability == "moyenne":
            source += " Fiabilité moyenne : vérifiez cette règle avant de vous y fier."
        items = "".join(
            f"<li>{_e(amount.sentence())} (source : {_e(amount.value.source)}"
            + (", fiabilité moyenne" if amount.value.reliability == "moyenne" else "") + ").</li>"
            for amount in part.amounts)
        amounts = f'<ul class="mitkb-procedure__seuils">{items}</ul>' if items else ""
        return f'<div class="mitkb-procedure__regle">{text}<p class="mitkb-procedure__source">{source}</p>{amounts}</div>'

    def answer_data(self, answer: Answer, nature: str, case: str | None) -> dict:
        blocks: list[int] = []
        if answer.procedure is None:
            items = "".join(f"<li>{_e(line)}.</li>" for line in answer.missing)
            blocks.append(self._block(
                '<h3>Pas de données pour cette date</h3><p>Ce site ne connaît pas les règles en vigueur à cette '
                f"date : il ne devine pas.</p><ul>{items}</ul><p>Interrogez la Mission Ingénierie des Territoires "
                "(MIT) ou consultez le code de la commande publique sur Légifrance.</p>"))
            return {"p": None, "t": "Pas de données pour cette date", "b": blocks}
        blocks.append(self._block("<h3>Procédure</h3>" + self.part_html(answer.verdict)))
        if answer.publicity:
            blocks.append(self._block("<h3>Publicité</h3>" + self.part_html(answer.publicity)))
        if answer.obligations:
            blocks.append(self._block("<h3>Obligations d'information et de transparence</h3>"
                                      + "".join(self.part_html(p) for p in answer.obligations)))
        if answer.criteria:
            blocks.append(self._block("<h3>Critères de choix de l'offre</h3>" + self.part_html(answer.criteria)))
        blocks += self.procedure_blocks(answer.procedure)
        if answer.missing:
            items = "".join(f"<li>{_e(line)}.</li>" for line in answer.missing)
            blocks.append(self._block(f"<h3>Ce que ce site ne sait pas pour cette date</h3><ul>{items}</ul>"))
        return {"p": answer.procedure, "t": answer.verdict.rule.title, "b": blocks}

    def procedure_blocks(self, procedure: str) -> list[int]:
        """The documents and the guides of a procedure (the same in all its answers)."""
        if procedure not in self._procedure_blocks:
            blocks = [self._block(self.documents_html(procedure))]
            guides = self.guides_of(procedure)
            if guides:
                shown = guides[:GUIDES_SHOWN]
                links = "".join(f'<li><a href="{_e(self._link(g.page_path))}">{_e(g.title)}</a></li>' for g in shown)
                more = ""
                if len(guides) > len(shown):
                    others = len(guides) - len(shown)
                    more = (f'<p>{others} autre{"s" if others > 1 else ""} guide{"s" if others > 1 else ""} '
                            f'{"utilisent" if others > 1 else "utilise"} ces modèles : voir '
                            f'<a href="{_e(self._link(GUIDES_PAGE))}">tous les guides méthodologiques</a>.</p>')
                blocks.append(self._block(f"<h3>Guides utiles</h3><ul>{links}</ul>{more}"))
            self._procedure_blocks[procedure] = blocks
        return self._procedure_blocks[procedure]

    def templates_of(self, procedure: str):
        key = TEMPLATE_PROCEDURE[procedure]
        found = [t for t in self.site.templates.values() if key in t.model.procedures and not t.model.superseded_by]
        return sorted(found, key=lambda t: t.title.casefold())

    def guides_of(self, procedure: str):
        """The guides that use the procedure's templates, those that use most of them first."""
        slugs = {t.slug for t in self.templates_of(procedure)}
        found = [(len(slugs & set(g.model.templates)), g) for g in self.site.guides.values()]
        return [g for used, g in sorted(found, key=lambda pair: (-pair[0], pair[1].title.casefold())) if used]

    def documents_html(self, procedure: str) -> str:
        items = "".join(f'<li><a href="{_e(self._link(t.page_path))}">{_e(t.title)}</a> (modèle à télécharger)</li>'
                        for t in self.templates_of(procedure))
        items += (f'<li><a href="{_e(self._link(FORMS_PAGE))}">Formulaires officiels de la direction des affaires '
                  "juridiques (DAJ)</a> : DC1, DC2, ATTRI1, NOTI… (facultatifs)</li>")
        return f"<h3>Documents</h3><ul>{items}</ul>"

    # -- the build-time tables (the answer without JavaScript) ---------------------------------
    def table_rows(self, nature: str, case: str | None, day: dt.date) -> list[dict] | list[str]:
        """Merged rows (amount range → procedure and publicity) on `day`; or the missing data."""
        bounds = self.bounds_on(day)
        starts = [SMALLEST, *map(Decimal, bounds)]
        ends = [*map(Decimal, bounds), None]
        rows: list[dict] = []
        formal = None
        if case == "petit-lot":
            kind = "travaux" if nature == "travaux" else "fournitures-services"
            found = [v for v in self.site.thresholds[f"procedure-formalisee-{kind}"].values
                     if v.start <= day and (v.end is None or day <= v.end)]
            formal = Decimal(found[0].amount) if found else None
        for start, end in zip(starts, ends):
            if case == "petit-lot":
                if formal is None:
                    return list(self.decide(nature, case, 1, day, 1).missing)
                if start > formal:
                    break
                answer = self.decide(nature, case, formal, day, start)
            else:
                answer = self.decide(nature, case, start, day)
            if answer.procedure is None:
                return list(answer.missing)
            key = (answer.procedure, answer.verdict.rule.id, answer.publicity.rule.id if answer.publicity else None)
            if rows and rows[-1]["key"] == key:
                rows[-1]["end"] = end
            else:
                rows.append({"key": key, "start": start, "end": end, "answer": answer})
        if case == "petit-lot" and rows:
            rows[-1]["end"] = None
        return rows

    @staticmethod
    def range_text(start: Decimal, end: Decimal | None) -> str:
        if start <= SMALLEST:
            return f"en dessous de {euros_ht(int(end))}" if end is not None else "tout montant"
        if end is None:
            return f"à partir de {euros_ht(int(start))}"
        return f"à partir de {euros_ht(int(start))} et en dessous de {euros_ht(int(end))}"

    def tables(self, day: dt.date) -> list[dict]:
        groups = [
            ("Travaux", "travaux", None), ("Fournitures ou services", "fournitures", None),
            ("Achat innovant : travaux", "travaux", "innovant"),
            ("Achat innovant : fournitures ou services", "fournitures", "innovant"),
            ("Services sociaux et autres services spécifiques", "services", "sss"),
            ("Petit lot de travaux, dans un marché dont le total atteint le seuil européen", "travaux", "petit-lot"),
            ("Petit lot de fournitures ou de services, dans un marché dont le total atteint le seuil européen",
             "fournitures", "petit-lot"),
        ]
        tables = []
        for heading, nature, case in groups:
            rows = self.table_rows(nature, case, day)
            if rows and isinstance(rows[0], str):
                tables.append({"heading": heading, "missing": rows, "rows": []})
                continue
            tables.append({"heading": heading, "missing": [], "rows": [
                {"range": self.range_text(row["start"], row["end"]),
                 "procedure": row["answer"].verdict, "publicity": row["answer"].publicity,
                 "data_procedure": row["answer"].procedure}
                for row in rows]})
        return tables

    def next_change(self) -> dt.date | None:
        """The first day after the build date on which the decision table changes."""
        today_tables = self._table_signature(self.today)
        for day in self.change_days():
            if day > self.today and self._table_signature(day) != today_tables:
                return day
        return None

    def _table_signature(self, day: dt.date) -> list:
        return [(t["missing"], [(r["range"], r["procedure"].key, r["publicity"].key if r["publicity"] else None)
                                for r in t["rows"]]) for t in self.tables(day)]

    # -- the page --------------------------------------------------------------------------------
    def page_markdown(self) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                                 undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
        env.filters.update(e=_e, date_long=date_long, euros=euros_ht, legifrance=_legifrance)
        next_day = self.next_change()
        sources = []
        for versions in self.rules.rules.values():
            sources.extend(versions)
        return env.get_template("quelle-procedure.md.j2").render(
            today=self.today, natures=NATURES, cases=CASES, valuation=self.rules.valuation,
            tables_today=self.tables(self.today), next_day=next_day,
            tables_next=self.tables(next_day) if next_day else None,
            rules=sources, thresholds=[self.site.thresholds[tid] for tid in THRESHOLD_IDS],
            short=PROCEDURE_SHORT, criteria_start=self.rules.rules["criteres"][-1].start,
        )

    def pages(self) -> list[GeneratedPage]:
        return [GeneratedPage(PAGE_PATH, self.page_markdown(), self.rules.source)]
