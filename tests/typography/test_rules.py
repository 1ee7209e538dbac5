"""French typography: the rules on text, HTML and pandoc Markdown."""

from __future__ import annotations

import pytest

from mitkb.typography import french_html, french_markdown, french_text

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(("typed", "published"), [
    ("Quoi de neuf ?", f"Quoi de neuf{NNBSP}?"),
    ("Attention ! Oui ; non", f"Attention{NNBSP}! Oui{NNBSP}; non"),
    ("Objet : travaux", f"Objet{NBSP}: travaux"),
    ("« Commande publique »", f"«{NBSP}Commande publique{NBSP}»"),
    ("«oui»", f"«{NBSP}oui{NBSP}»"),
    ("100 000 € HT", f"100{NBSP}000{NBSP}€{NBSP}HT"),
    ("5 404 000 €", f"5{NBSP}404{NBSP}000{NBSP}€"),
    ("81 %", f"81{NBSP}%"),
    ("l'érosion, aujourd'hui", "l’érosion, aujourd’hui"),
    ("Quoi de neuf\u00a0?", f"Quoi de neuf{NNBSP}?"),  # a no-break space before ? becomes the narrow one
])
def test_rules(typed, published):
    assert french_text(typed) == published


@pytest.mark.parametrize("untouched", [
    "05 62 67 40 40",  # a phone number is not a number with thousands
    "32022 Auch Cedex 9",
    "en 2017 et 2023",
    "10:30",
    "https://www.gers.fr/?q=a:b",
    "'guillemets simples'",
])
def test_what_is_not_touched(untouched):
    assert french_text(untouched) == untouched


def test_html_changes_text_only():
    page = ('<p title="a : b" data-x="l\'eau">Objet : <a href="https://x.fr/?a=1;b">l\'eau !</a> '
            '<code>x : y ; z</code><pre>a ! b</pre><script>if (a ? b : c) {}</script></p>')
    assert french_html(page) == (
        f'<p title="a : b" data-x="l\'eau">Objet{NBSP}: <a href="https://x.fr/?a=1;b">l’eau{NNBSP}!</a> '
        '<code>x : y ; z</code><pre>a ! b</pre><script>if (a ? b : c) {}</script></p>')


def test_html_across_tags_and_escaped_apostrophes():
    assert french_html("<p><strong>Objet</strong> : l'<em>eau</em> « <b>oui</b> »</p>") == (
        f"<p><strong>Objet</strong>{NBSP}: l’<em>eau</em> «{NBSP}<b>oui</b>{NBSP}»</p>")
    assert french_html("<span>[Date d&#x27;envoi]</span>") == "<span>[Date d’envoi]</span>"


def test_html_line_break_before_punctuation_is_a_space():
    assert french_html("<p>Voici\n: la suite</p>") == f"<p>Voici{NBSP}: la suite</p>"


def test_markdown_keeps_syntax_addresses_and_keys():
    source = (
        '---\ntitle: "Décision d\\\\\'attribution : modèle"\nlang: fr-FR\n---\n\n'
        'Texte \\: [\\[Nom de l\\\'attributaire\\]]{custom-style="Champ à compléter"} ; voir '
        "[le site](https://x.fr/a?b=c) et `code : ici`.\n\n```{=openxml}\n<w:p a=\"b : c\"/>\n```\n"
    )
    assert french_markdown(source) == (
        f'---\ntitle: "Décision d’attribution{NBSP}: modèle"\nlang: fr-FR\n---\n\n'
        f'Texte{NBSP}\\: [\\[Nom de l’attributaire\\]]{{custom-style="Champ à compléter"}}{NNBSP}; voir '
        "[le site](https://x.fr/a?b=c) et `code : ici`.\n\n```{=openxml}\n<w:p a=\"b : c\"/>\n```\n"
    )


def test_idempotent():
    text = "Quoi de neuf ? « Oui » : 100 000 € HT, l'eau !"
    assert french_text(french_text(text)) == french_text(text)
    assert french_html(french_html(f"<p>{text}</p>")) == french_html(f"<p>{text}</p>")


def test_html_at_the_edges_and_between_runs_of_tags():
    """Text before the first tag and after the last one has no tag beside it (a colon at the
    very start keeps no space); white space between tags is left exactly as written."""
    assert french_html(": début <b>x</b> fin !") == f": début <b>x</b> fin{NNBSP}!"
    assert french_html("<p>\n  <a>a</a>\n\t<b></b>  <i>l'x</i>\n</p> 5 000 €") == (
        f"<p>\n  <a>a</a>\n\t<b></b>  <i>l’x</i>\n</p> 5{NBSP}000{NBSP}€")
    assert french_html("<p>Objet</p>\n<!-- c : d -->\n<p>: suite</p>") == (
        "<p>Objet</p>\n<!-- c : d -->\n<p>: suite</p>")
