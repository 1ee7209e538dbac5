"""The page kinds every accessibility and privacy test visits, and how to open them."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python

# One page of every kind the site has (paths on the local server).
PAGE_KINDS: dict[str, str] = {
    "accueil": "/",
    "liste-methodes": "/methodes/",
    "liste-modeles": "/modeles/",
    "liste-ateliers": "/ateliers/",
    "liste-themes": "/themes/",
    "theme": "/themes/eau-assainissement/",
    "contacts": "/contacts/",
    "quoi-de-neuf": "/quoi-de-neuf/",
    "guide": "/methodes/suivre-station-epuration/",
    "modele": "/modeles/decision-attribution/",
    "atelier": "/ateliers/lancement-reseau-commande-publique/",
    "glossaire": "/glossaire/",
    "recherche-resultats": "/recherche/?q=epuration",
    "quelle-procedure": "/quelle-procedure/?nature=travaux&montant=120000&date=2026-05-01",
    "formulaires-officiels": "/formulaires-officiels/",
    "accessibilite": "/accessibilite/",
    "contribuer": "/contribuer/",
    "404": "/404.html",
}

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DEVICES = {"ordinateur": DESKTOP, "telephone": PHONE}
# Playwright's emulated prefers-color-scheme -> the Material scheme the page must show.
SCHEMES = {"clair": ("light", "default"), "sombre": ("dark", "slate")}

WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def new_context(browser, device: str, scheme: str):
    """A browser context for one device and colour scheme, in French."""
    color_scheme, _ = SCHEMES[scheme]
    return browser.new_context(locale="fr-FR", color_scheme=color_scheme, **DEVICES[device])


def open_page(tab, site_url: str, path: str, *, until_network_idle: bool = False) -> None:
    """Load a page and wait until it is complete (search results shown on the search page).

    until_network_idle also waits for 500 ms without any request (for the network log).
    """
    tab.goto(site_url + path)
    if path.startswith("/recherche/?q="):
        tab.wait_for_selector(".mitkb-resultat", timeout=15000)
    if path.startswith("/quelle-procedure/?"):
        tab.wait_for_selector("#mitkb-procedure-verdict", timeout=15000)
    if until_network_idle:
        tab.wait_for_load_state("networkidle")


def axe_violations(tab, tags: list[str] = WCAG_21_AA_TAGS) -> list[str]:
    """axe-core (bundled, injected in the page: no network) run on the page; one line per failing node."""
    tab.evaluate(AXE_SCRIPT)
    results = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", tags)
    lines = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}) {node['target']}: {node['failureSummary']}")
    return lines
