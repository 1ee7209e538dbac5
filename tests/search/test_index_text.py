"""The copy of each page Pagefind indexes (small words out, accents off) and the excerpts
given back the page's own text (mitkb.search.index_text)."""

from __future__ import annotations

from mitkb.search.index_text import MARKS, STOP_WORDS, prepare, restore_text, without_accents
from mitkb.search.indexer import index_site

from .pagefind_bundle import fragments, word_occurrences
from .test_search_browser import _search, tab  # noqa: F401 - tab: the fixture

PAGE = ('<div data-pagefind-body><h1 id="t">Réparer le pont de la commune</h1>'
        '<p title="La règle de l’État">La station d’épuration de la commune rejette l’eau à la rivière. '
        'Un marché et une marche à pied&nbsp;: à&nbsp;voir. Le cœur du bourg.</p>'
        '<span data-pagefind-filter="domaine:Préservation de la ressource en eau"></span></div>')


def test_small_words_are_marked_and_accents_taken_off_in_the_text_only():
    prepared, _ = prepare(PAGE)
    assert "Reparer " + MARKS["le"] + " pont " + MARKS["de"] + " " + MARKS["la"] + " commune" in prepared
    assert "station d'epuration" in prepared, "typographic apostrophes made straight, accents off"
    assert f"pied&nbsp;: {MARKS['a']}&nbsp;voir" in prepared, "« à » (alone on the page) → « a », then marked"
    # attributes (titles, filters, metadata) stay as written
    assert 'title="La règle de l’État"' in prepared
    assert 'data-pagefind-filter="domaine:Préservation de la ressource en eau"' in prepared
    # a mark is one word for Pagefind (no space inside) and no letter it would index
    assert all(" " not in mark and not any(ch.isalnum() for ch in mark) for mark in MARKS.values())


def test_a_word_that_would_mix_with_another_keeps_its_accents():
    prepared, restore = prepare(PAGE)
    assert " marché " in prepared and " marche " in prepared, "« marché » stays: the page also says « marche »"
    assert "marche" not in restore
    assert restore["epuration"] == "épuration" and restore["Reparer"] == "Réparer"


def test_the_text_goes_back_to_the_page_own_words():
    prepared, restore = prepare(PAGE)
    # the text as Pagefind reads it (straight apostrophes); attributes as written
    assert restore_text(prepared, restore) == PAGE.replace("d’épuration", "d'épuration").replace("l’eau", "l'eau")


def test_without_accents_keeps_one_letter_for_one():
    assert without_accents("Réemploi, maîtrise d’œuvre, reçu, À") == "Reemploi, maitrise d’œuvre, recu, A"


def test_excerpts_keep_the_page_text_after_indexing(tmp_path):
    site = tmp_path / "site"
    (site / "guide").mkdir(parents=True)
    body = ('<h1 id="titre">Suivre la station d’épuration</h1><h2 id="etape-1">1. Définir le besoin</h2>'
            '<p>Le bilan de la station est envoyé à la DDT et à l’agence de l’eau chaque année.</p>')
    (site / "guide" / "index.html").write_text(
        f'<!doctype html><html lang="fr"><head><title>x</title></head><body><div data-pagefind-body>{body}'
        '</div><!--/mitkb-index--></body></html>', encoding="utf-8")

    index_site(site)

    [fragment] = fragments(site / "pagefind").values()
    assert fragment["content"] == ("Suivre la station d'épuration. 1. Définir le besoin. Le bilan de la station "
                                   "est envoyé à la DDT et à l'agence de l'eau chaque année.")
    assert [anchor["text"] for anchor in fragment["anchors"]] == ["Suivre la station d'épuration",
                                                                  "1. Définir le besoin"]


def test_an_excerpt_changes_its_file_name_when_only_an_accent_changes(tmp_path):
    """Pagefind names an excerpt's file after what it read: without accents, « marche » and
    « marché » read the same, and a browser could keep the old excerpt under the same name."""
    names = []
    for word in ("marche", "marché"):
        site = tmp_path / word / "site"
        (site / "guide").mkdir(parents=True)
        (site / "guide" / "index.html").write_text(
            '<!doctype html><html lang="fr"><head><title>x</title></head><body><div data-pagefind-body>'
            f'<h1>Guide</h1><p>Le {word} public.</p></div><!--/mitkb-index--></body></html>', encoding="utf-8")
        index_site(site)
        [(name, fragment)] = fragments(site / "pagefind").items()
        assert fragment["content"] == f"Guide. Le {word} public."
        names.append(name)
    assert names[0] != names[1]


def test_small_words_and_accents_are_out_of_the_built_index(built_site):
    """What makes a chunk of the index large is out of it: the small words on every line,
    and accented words (Pagefind does not count them when it fills a chunk)."""
    bundle = built_site / "pagefind"
    words = [word for fragment in fragments(bundle).values() if not fragment["url"].startswith("/_mitkb")
             for word in fragment["content"].split()]
    small_words_written = sum(1 for word in words if word.lower() in STOP_WORDS)
    accented_written = sum(1 for word in words if without_accents(word) != word)
    indexed = word_occurrences(bundle)
    small_words_indexed = sum(count for word in STOP_WORDS for address, count in indexed.get(word, {}).items()
                              if not address.startswith("/_mitkb"))
    accented_indexed = sum(count for pages in word_occurrences(bundle, accented_only=True).values()
                           for count in pages.values())
    assert small_words_written > 5000 and accented_written > 5000
    assert small_words_indexed < small_words_written / 20, (small_words_indexed, small_words_written)
    assert accented_indexed < accented_written / 20, (accented_indexed, accented_written)
    # what readers search is there, accents or not
    assert indexed["epur"]["/methodes/suivre-station-epuration/"] >= 3
    assert indexed["station"]["/methodes/suivre-station-epuration/"] >= 5


def test_excerpts_read_as_the_page_in_the_browser(tab, site_url):  # noqa: F811 - tab: the fixture
    results = _search(tab, site_url, "station epuration")
    excerpt = results[0]["excerpt"]
    assert not any("\ue000" <= ch <= "\uf8ff" for ch in excerpt) and "<mark>" in excerpt
    assert "<mark>d'épuration</mark>" in excerpt, excerpt
    assert " de " in excerpt or " la " in excerpt or " des " in excerpt, excerpt


def test_a_page_that_writes_a_mark_character_keeps_its_small_words():
    page = f"<p>Puce {MARKS['de']} collée de la réunion</p>"
    prepared, restore = prepare(page)
    assert prepared == f"<p>Puce {MARKS['de']} collee de la reunion</p>", "small words left, accents off"
    assert restore_text(prepared, restore) == page


def test_the_small_words_pattern_finds_what_an_alternation_would():
    import re

    from mitkb.search.index_text import _MARKED, _SMALL_WORD

    alternation = re.compile(r"([\s;(\x00])(" + "|".join(sorted(map(re.escape, _MARKED), key=len, reverse=True))
                             + r")(?=[\s&\x00,.;:!?)])")
    words = list(_MARKED) + ["dessus", "lesquels", "auxquels", "sont-ils", "Dans", "uneX", "enfin", "ya"]
    text = " ".join(f"{before}{word}{after}" for word in words for before, after in ((" ", " "), ("(", ","), (";", ".")))
    assert _SMALL_WORD.split(text) == alternation.split(text)
