"""Generate a synthetic but schema-valid project of N guides, for the benchmark.

``generate_project(n_guides, destination)`` writes a whole project tree: the
repository's configuration, hand-written pages, theme overrides, macros and
shared data, plus N methodology guides and proportionate templates and workshops
in ``guides/``. The text is French, of the size of the real guides, spread over
the domains and themes of ``data/domaines.yml``, cross-referenced (guides →
templates and workshops, workshops → guides and templates, superseded
templates) and calls the ``seuil`` / ``chiffre`` / ``champ`` macros.

The output depends only on N and the seed, so runs can be compared.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import subprocess
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import french_text as fr

REPO_ROOT = Path(__file__).resolve().parent.parent
# Copied as is from the repository. The real guides/ come too: hand-written pages
# of docs/ link to real templates, and a strict build refuses a broken link.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "macros", "data", "guides",
                 "pagefind.yml", "pagefind.yaml", "pagefind.toml", "pagefind.json")
KINDS = ("methodes", "modeles", "ateliers")

TEMPLATES_PER_GUIDE = 0.6
WORKSHOPS_PER_GUIDE = 0.2
WRAP = 96

# Placeholder → (kind, preferred id); the id falls back to one that exists in data/.
MACROS = {
    "seuil_travaux": ("seuil", "sans-publicite-travaux"),
    "seuil_services": ("seuil", "sans-publicite-fournitures-services"),
    "seuil_boamp": ("seuil", "publicite-boamp-jal"),
    "seuil_dce": ("seuil", "gratuite-dce"),
    "seuil_formalisee_travaux": ("seuil", "procedure-formalisee-travaux"),
    "chiffre_communes": ("chiffre", "communes-gers"),
    "chiffre_intercommunalites": ("chiffre", "intercommunalites-accompagnees-2017-2023"),
    "chiffre_communes_accompagnees": ("chiffre", "communes-accompagnees-2017-2023"),
}
TEMPLATE_THRESHOLDS = {
    "sans-publicite": ["sans-publicite-travaux", "sans-publicite-fournitures-services"],
    "mapa": ["publicite-boamp-jal", "gratuite-dce"],
    "formalisee": ["procedure-formalisee-travaux", "procedure-formalisee-fournitures-services"],
}


@dataclass(frozen=True)
class CorpusSize:
    """How many items of each kind a project holds (real and synthetic together)."""

    guides: int
    templates: int
    workshops: int

    @classmethod
    def for_guides(cls, n_guides: int) -> CorpusSize:
        """N guides plus templates and workshops in the same proportion at every size."""
        return cls(
            n_guides,
            max(1, round(n_guides * TEMPLATES_PER_GUIDE)),
            max(1, round(n_guides * WORKSHOPS_PER_GUIDE)),
        )

    @property
    def items(self) -> int:
        return self.guides + self.templates + self.workshops

    def as_tuple(self) -> tuple[int, int, int]:
        return (self.guides, self.templates, self.workshops)


def synthetic_count(wanted: int, real: int) -> int:
    """Synthetic items to add to the real ones: the total is `wanted` whenever it exceeds
    the real content; below that (smoke tests), `wanted` synthetic items are added anyway."""
    return wanted - real if wanted > real else wanted


def slugify(text: str) -> str:
    text = text.replace("œ", "oe").replace("æ", "ae")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# -- YAML output ----------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, data: str):
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: dict, schema: str) -> str:
    header = (
        f"# yaml-language-server: $schema=../../schemas/{schema}.schema.json\n"
        "# Contenu synthétique généré par benchmarks/corpus.py (banc d'essai, jamais publié).\n"
    )
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=WRAP)


# -- text -------------------------------------------------------------------------


def _data_ids(root: Path, name: str, key: str) -> list[str]:
    data = yaml.safe_load((root / "data" / f"{name}.yml").read_text(encoding="utf-8"))
    return [entry["id"] for entry in data.get(key, [])]


def _wrap(text: str, **options) -> str:
    """Wrap at WRAP columns as an editor would, never inside a macro call."""
    protected = re.sub(r"\{\{.*?\}\}", lambda m: m.group(0).replace(" ", "\x00"), text)
    wrapped = textwrap.fill(protected, WRAP - 6, break_on_hyphens=False, break_long_words=False, **options)
    return wrapped.replace("\x00", " ")


class TextMaker:
    """Paragraphs, lists and macro calls, drawn from the sentence banks."""

    def __init__(self, rng: random.Random, thresholds: list[str], figures: list[str]):
        self.rng = rng
        self.macros = {}
        for name, (kind, wanted) in MACROS.items():
            known = thresholds if kind == "seuil" else figures
            chosen = wanted if wanted in known else known[0]
            self.macros[name] = f"{{{{ {kind}('{chosen}') }}}}"

    def fill(self, sentence: str, obj: tuple[str, str]) -> str:
        return sentence.format(objet=obj[0], de_objet=obj[1], **self.macros)

    def sentences(self, bank: list[str], count: int, obj: tuple[str, str]) -> list[str]:
        picked = self.rng.sample(bank, min(count, len(bank)))
        return [self.fill(s, obj) for s in picked]

    @staticmethod
    def paragraph(sentences: list[str]) -> str:
        return _wrap(" ".join(sentences))

    @staticmethod
    def bullets(items: list[str]) -> str:
        items = list(items)
        items[-1] = re.sub(r"\s*;$", ".", items[-1])
        return "\n".join(_wrap(item, initial_indent="- ", subsequent_indent="  ") for item in items)

    def step_text(self, phase: str, obj: tuple[str, str]) -> str:
        rng = self.rng
        first_count = rng.randint(2, 3)
        picked = self.sentences(fr.PHASE_SENTENCES[phase], first_count + rng.randint(1, 2), obj)
        items = self.sentences(fr.PHASE_BULLETS[phase], rng.randint(3, 5), obj)
        lead = rng.choice(["Points à examiner :", "En pratique :", "Vérifiez notamment :"])
        first, last = self.paragraph(picked[:first_count]), self.paragraph(picked[first_count:])
        return f"{first}\n\n{lead}\n\n{self.bullets(items)}\n\n{last}\n"


# -- items ------------------------------------------------------------------------


def _weights(count: int) -> list[float]:
    """A mild skew: a few templates are cited by many guides, as in real life."""
    return [1 / (rank + 1) ** 0.6 for rank in range(count)]


def _titles(rng: random.Random, domains: list[str], count: int) -> list[tuple[str, str, tuple[str, str]]]:
    """(title, domain, object) for `count` guides, as distinct as the banks allow."""
    combos = []
    for domain in domains:
        for action in fr.ACTIONS.get(domain, fr.ACTIONS["commande-publique"]):
            for obj in fr.OBJECTS.get(domain, fr.OBJECTS["commande-publique"]):
                for qualifier in fr.QUALIFIERS:
                    title = f"{action} {obj[0]}" + (f" {qualifier}" if qualifier else "")
                    combos.append((title, domain, obj))
    rng.shuffle(combos)
    # Take round-robin over domains so that every domain is present at small N.
    by_domain: dict[str, list] = {}
    for combo in combos:
        by_domain.setdefault(combo[1], []).append(combo)
    ordered = []
    while any(by_domain.values()):
        for domain in domains:
            if by_domain.get(domain):
                ordered.append(by_domain[domain].pop())
    result = []
    for index in range(count):
        title, domain, obj = ordered[index % len(ordered)]
        if index >= len(ordered):
            title += f" (variante {index // len(ordered) + 1})"
        result.append((title[0].upper() + title[1:], domain, obj))
    return result


def _unique_slugs(titles: list[str], taken: set[str] = frozenset()) -> list[str]:
    used = set(taken)
    slugs = []
    for title in titles:
        base = slugify(title)[:70].strip("-")
        slug, count = base, 1
        while slug in used:
            count += 1
            slug = f"{base}-{count}"
        used.add(slug)
        slugs.append(slug)
    return slugs


def _review_dates(rng: random.Random) -> tuple[dt.date, dt.date]:
    reviewed = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 320))
    return reviewed, reviewed + dt.timedelta(days=365)


def make_guide(text: TextMaker, title, domain, obj, themes, template_slugs, workshop_slugs, referent) -> dict:
    rng = text.rng
    phases = list(fr.PHASE_SENTENCES)
    if rng.random() < 0.4:
        phases.insert(phases.index("passation"), "passation")
    steps = []
    for phase in phases:
        step_title = text.fill(rng.choice(fr.PHASE_TITLES[phase]), obj)
        steps.append({"phase": phase, "titre": step_title, "texte": text.step_text(phase, obj)})
    actors = rng.sample(fr.ACTORS, rng.randint(4, 6))
    if fr.ACTORS[0] not in actors:
        actors[0] = fr.ACTORS[0]  # the MIT helps in every guide
    reviewed, next_review = _review_dates(rng)
    guide = {
        "titre": title,
        "domaine": domain,
        "themes": themes,
        "public": rng.choice([["communes", "epci"], ["communes"], ["epci"], ["communes", "epci"]]),
        "en_bref": text.paragraph(
            [f"Ce guide s'adresse aux collectivités qui souhaitent {title[0].lower() + title[1:]}."]
            + text.sentences(fr.SUMMARY_SENTENCES, rng.randint(4, 5), obj)
        ) + "\n",
        "etapes": steps,
        "acteurs": [{"nom": name, "role": role} for name, role in actors],
        "vigilance": text.sentences(fr.VIGILANCE, rng.randint(4, 6), obj),
        "modeles": template_slugs,
        "ateliers": workshop_slugs,
        "referent": referent,
        "relu_le": reviewed,
        "prochaine_relecture": next_review,
    }
    if not workshop_slugs:
        del guide["ateliers"]
    if not template_slugs:
        del guide["modeles"]
    return guide


def make_template(text: TextMaker, title, procedures, thresholds, replaced_by, referent) -> dict:
    rng = text.rng
    neutral = ("", "")
    fields = [f for f in fr.FIELDS if f[0] in ("nom_collectivite", "objet_marche")]
    others = [f for f in fr.FIELDS if f not in fields]
    fields += rng.sample(others, rng.randint(12, 20))
    section_count = rng.randint(5, 7)
    titles = [fr.BODY_SECTION_TITLES[0]] + sorted(
        rng.sample(fr.BODY_SECTION_TITLES[1:-1], section_count - 2), key=fr.BODY_SECTION_TITLES.index
    ) + [fr.BODY_SECTION_TITLES[-1]]
    assigned: list[list[tuple]] = [[] for _ in titles]
    for index, field in enumerate(fields):
        assigned[index % len(titles)].append(field)
    body = []
    for section_title, section_fields in zip(titles, assigned):
        fillers = text.sentences(fr.BODY_FILLERS, rng.randint(4, 6), neutral)
        paragraphs = [text.paragraph(fillers[start:start + 2]) for start in range(0, len(fillers), 2)]
        for field_id, label, _help in section_fields:
            call = f"{{{{ champ('{field_id}') }}}}"
            pattern = fr.FIELD_SENTENCES.get(field_id, f"{label} : {{c}}.")
            paragraphs.insert(rng.randint(0, len(paragraphs)), text.paragraph([pattern.format(c=call)]))
        body.append({"titre": section_title, "texte": "\n\n".join(paragraphs) + "\n"})
    legal = rng.sample(fr.LEGAL_BASES, rng.randint(2, 5))
    reviewed, next_review = _review_dates(rng)
    usage = rng.choice(fr.TEMPLATE_USAGES)
    template = {
        "titre": title,
        "objet": text.paragraph([s.format(usage=usage) for s in fr.TEMPLATE_PURPOSES[: rng.randint(3, 4)]]) + "\n",
        "quand": text.paragraph(text.sentences(fr.TEMPLATE_WHEN, rng.randint(3, 5), neutral)) + "\n",
        "procedures": procedures,
        "seuils": thresholds,
        "base_legale": [{"code": code, "article": article, "objet": subject} for code, article, subject in legal],
        "champs": [
            {"id": field_id, "libelle": label, **({"aide": help_text} if help_text else {})}
            for field_id, label, help_text in fields
        ],
        "corps": body,
        "version": rng.choice(["1.0", "1.1", "2.0", "2.1"]),
        "remplace_par": replaced_by,
        "referent": referent,
        "relu_le": reviewed,
        "prochaine_relecture": next_review,
    }
    if replaced_by is None:
        del template["remplace_par"]
    if not thresholds:
        del template["seuils"]
    return template


def make_workshop(text: TextMaker, index: int, subject: str, themes, guide_slugs, template_slugs) -> dict:
    rng = text.rng
    neutral = ("", "")
    year = 2024 + (index // 12) % 3
    month = 1 + index % 12
    date = f"{year}-{month:02d}" if rng.random() < 0.3 else dt.date(year, month, rng.randint(1, 28))
    summary = [fr.WORKSHOP_SUMMARY[0].format(sujet=subject)] + text.sentences(fr.WORKSHOP_SUMMARY[1:], 4, neutral)
    return {
        "titre": f"Atelier du réseau Commande publique : {subject} (n° {index + 1})",
        "date": date,
        "lieu": rng.choice(fr.WORKSHOP_PLACES),
        "themes": themes,
        "resume": text.paragraph(summary) + "\n",
        "enseignements": text.sentences(fr.WORKSHOP_TAKEAWAYS, rng.randint(4, 6), neutral),
        "suites": text.sentences(fr.WORKSHOP_NEXT, rng.randint(2, 3), neutral),
        "methodes": guide_slugs,
        "modeles": template_slugs,
    }


# -- the project ----------------------------------------------------------------


def copy_project_parts(destination: Path, source: Path = REPO_ROOT) -> None:
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        origin = source / name
        if origin.is_dir():
            shutil.copytree(origin, destination / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
        elif origin.is_file():
            shutil.copy2(origin, destination / name)


def generate_project(n_guides: int, destination: Path, seed: int = 20261127, source: Path = REPO_ROOT) -> CorpusSize:
    """Write a complete project of N guides (the real ones plus synthetic ones) into `destination`.

    Templates and workshops follow in proportion (see CorpusSize.for_guides). Returns the
    numbers of items of each kind in the project.
    """
    destination = Path(destination)
    if destination.exists():
        shutil.rmtree(destination)
    copy_project_parts(destination, source)
    real = {kind: sorted((destination / "guides" / kind).glob("*.yml")) for kind in KINDS}
    wanted = CorpusSize.for_guides(n_guides)
    size = CorpusSize(*(synthetic_count(w, len(real[k])) for w, k in zip(wanted.as_tuple(), KINDS)))
    rng = random.Random(seed)

    domains_data = yaml.safe_load((destination / "data" / "domaines.yml").read_text(encoding="utf-8"))["domaines"]
    field_domains = [d["id"] for d in domains_data if d["type"] == "domaine"]
    theme_ids = [d["id"] for d in domains_data if d["type"] == "theme"]
    guide_domains = field_domains + [t for t in theme_ids if t == "commande-publique"]
    thresholds = _data_ids(destination, "seuils", "seuils")
    figures = _data_ids(destination, "chiffres", "chiffres")
    contacts = _data_ids(destination, "contacts", "contacts")
    text = TextMaker(rng, thresholds, figures)

    guide_specs = _titles(rng, guide_domains, size.guides)
    guide_slugs = _unique_slugs([t for t, _, _ in guide_specs], {p.stem for p in real["methodes"]})

    template_titles = []
    for kind, procedures in fr.TEMPLATE_KINDS:
        for subject in fr.TEMPLATE_SUBJECTS:
            template_titles.append((f"{kind} {subject}", procedures))
    rng.shuffle(template_titles)
    template_specs = []
    for index in range(size.templates):
        title, procedures = template_titles[index % len(template_titles)]
        if index >= len(template_titles):
            title += f" (version {index // len(template_titles) + 1})"
        template_specs.append((title, procedures))
    template_slugs = _unique_slugs([t for t, _ in template_specs], {p.stem for p in real["modeles"]})
    workshop_subjects = [fr.WORKSHOP_SUBJECTS[i % len(fr.WORKSHOP_SUBJECTS)] for i in range(size.workshops)]
    workshop_slugs = _unique_slugs(
        [f"atelier-{slugify(subject)}-{index + 1}" for index, subject in enumerate(workshop_subjects)],
        {p.stem for p in real["ateliers"]},
    )
    template_weights = _weights(size.templates)
    workshop_weights = _weights(size.workshops)

    out = destination / "guides"
    for kind in ("methodes", "modeles", "ateliers"):
        (out / kind).mkdir(parents=True, exist_ok=True)

    for (title, domain, obj), slug in zip(guide_specs, guide_slugs):
        themes = sorted(set(rng.sample(theme_ids, rng.randint(1, 2))) - {domain})
        chosen_templates = sorted(set(rng.choices(template_slugs, template_weights, k=rng.randint(2, 5))))
        chosen_workshops = (
            sorted(set(rng.choices(workshop_slugs, workshop_weights, k=rng.randint(1, 2))))
            if rng.random() < 0.35 else []
        )
        guide = make_guide(text, title, domain, obj, themes, chosen_templates, chosen_workshops, rng.choice(contacts))
        (out / "methodes" / f"{slug}.yml").write_text(dump_yaml(guide, "methode"), encoding="utf-8")

    for index, ((title, procedures), slug) in enumerate(zip(template_specs, template_slugs)):
        replaced_by = None
        if size.templates > 1 and rng.random() < 0.04:
            replaced_by = rng.choice([s for s in template_slugs if s != slug])
        chosen_procedures = sorted(set(rng.sample(procedures, rng.randint(1, len(procedures)))),
                                   key=list(TEMPLATE_THRESHOLDS).index)
        wanted = [t for p in chosen_procedures for t in TEMPLATE_THRESHOLDS[p]]
        template_thresholds = [t for t in dict.fromkeys(wanted) if t in thresholds]
        template = make_template(text, title, chosen_procedures, template_thresholds, replaced_by, rng.choice(contacts))
        (out / "modeles" / f"{slug}.yml").write_text(dump_yaml(template, "modele"), encoding="utf-8")

    for index, (subject, slug) in enumerate(zip(workshop_subjects, workshop_slugs)):
        themes = sorted(set(["commande-publique"] + rng.sample(theme_ids, 1)) & set(theme_ids)) or [theme_ids[0]]
        guides = sorted(set(rng.sample(guide_slugs, min(len(guide_slugs), rng.randint(2, 4)))))
        templates = sorted(set(rng.choices(template_slugs, template_weights, k=rng.randint(1, 3))))
        workshop = make_workshop(text, index, subject, themes, guides, templates)
        (out / "ateliers" / f"{slug}.yml").write_text(dump_yaml(workshop, "atelier"), encoding="utf-8")
    return CorpusSize(*(size_part + len(real[kind]) for size_part, kind in zip(size.as_tuple(), KINDS)))


def commit_project(root: Path) -> bool:
    """Make the project a git repository with one commit, as a real checkout is (the build
    reads last-change dates from git). False when git is not installed."""
    git = shutil.which("git")
    if git is None:
        return False
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-11-20T10:00:00+01:00",
           "GIT_COMMITTER_DATE": "2026-11-20T10:00:00+01:00"}
    identity = ["-c", "user.name=Banc d'essai", "-c", "user.email=banc@example.org", "-c", "commit.gpgsign=false"]
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], [*identity, "commit", "-q", "--allow-empty", "-m", "Corpus synthétique"]):
        subprocess.run([git, "-C", str(root), *command], check=True, env=env, capture_output=True)
    return True


def edit_one_guide(root: Path, revision: int) -> Path:
    """Change one synthetic guide's summary (as an editor would) and return its path."""
    path = next(p for p in sorted((Path(root) / "guides" / "methodes").glob("*.yml"))
                if "banc d'essai" in p.read_text(encoding="utf-8")[:300])
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["en_bref"] = data["en_bref"].rstrip() + f" Mise à jour n° {revision}.\n"
    path.write_text(dump_yaml(data, "methode"), encoding="utf-8")
    return path
