"""The YAML loader: positions, and a clear French error for every bad input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mitkb.yaml_loader import MAX_FILE_BYTES, YamlLoadError, load_yaml_text

from ..conftest import FIXTURES

VALID = (FIXTURES / "tiny" / "guides" / "methodes" / "suivre-step.yml").read_bytes()


def errors_of(raw: bytes) -> list[str]:
    with pytest.raises(YamlLoadError) as caught:
        load_yaml_text(raw, "guides/methodes/x.yml")
    return [e.format() for e in caught.value.errors]


def test_positions_of_keys_values_and_block_text():
    loaded = load_yaml_text(b"titre: A\netapes:\n  - texte: |\n      ligne 1\n      ligne 2\n", "x.yml")
    assert loaded.data == {"titre": "A", "etapes": [{"texte": "ligne 1\nligne 2\n"}]}
    assert loaded.positions.of_value(("titre",)) == (1, 8)
    assert loaded.positions.of_key(("etapes",)) == (2, 1)
    assert loaded.positions.of_value(("etapes", 0, "texte")) == (3, 12)
    assert loaded.positions.text_line(("etapes", 0, "texte")) == 4
    # an unknown path falls back to its closest parent
    assert loaded.positions.of_value(("etapes", 0, "absent")) == (3, 5)


def test_dates_are_dates():
    import datetime as dt

    assert load_yaml_text(b"relu_le: 2026-11-27\n", "x.yml").data == {"relu_le": dt.date(2026, 11, 27)}


def test_a_bom_is_accepted():
    assert load_yaml_text(b"\xef\xbb\xbf" + VALID, "x.yml").data["titre"] == "Suivre une station d'épuration"


def test_non_utf8_bytes_name_the_line():
    raw = b"titre: A\ndomaine: caf\xe9\n"
    assert errors_of(raw) == [
        "guides/methodes/x.yml:2: le fichier n'est pas encodé en UTF-8\n"
        "    → Réenregistrez le fichier en UTF-8 (dans VS Code : barre d'état, « Enregistrer avec l'encodage »)."
    ]


def test_a_too_large_file_is_refused():
    raw = b"titre: " + b"a" * (MAX_FILE_BYTES + 1)
    assert errors_of(raw)[0].startswith("guides/methodes/x.yml: fichier trop volumineux (512 Kio, maximum 512 Kio)")


@pytest.mark.parametrize("raw", [b"", b"   \n", b"# seulement un commentaire\n", b"---\n"])
def test_an_empty_file(raw):
    assert errors_of(raw) == ["guides/methodes/x.yml:1:1: fichier vide\n    → Complétez le fichier ou supprimez-le."]


def test_control_characters_name_the_line():
    assert errors_of(b"titre: A\ndomaine: b\x01\n") == [
        "guides/methodes/x.yml:2: caractère invisible non autorisé (U+0001)\n"
        "    → Supprimez ce caractère (souvent copié depuis un traitement de texte)."
    ]


def test_tabs():
    assert errors_of(b"titre: A\n\tdomaine: b\n")[0].startswith("guides/methodes/x.yml:2:1: tabulation trouvée")


def test_duplicate_keys_name_both_lines():
    assert errors_of(b"titre: A\ndomaine: b\ntitre: C\n")[0].startswith(
        "guides/methodes/x.yml:3:1: clé « titre » en double (déjà définie ligne 1)"
    )


def test_duplicate_keys_in_a_nested_mapping():
    raw = b"etapes:\n  - titre: A\n    texte: b\n    titre: c\n"
    assert errors_of(raw)[0].startswith("guides/methodes/x.yml:4:5: clé « titre » en double (déjà définie ligne 2)")


def test_billion_laughs_is_refused_at_the_first_alias():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[index]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    errors = errors_of("\n".join(lines).encode())
    assert errors[0].startswith("guides/methodes/x.yml:2:8: les ancres et alias YAML (&nom, *nom) ne sont pas acceptés")


def test_python_tags_are_refused():
    errors = errors_of(b"titre: !!python/object/apply:os.system ['echo non']\n")
    assert errors[0].startswith("guides/methodes/x.yml:1:8: étiquette YAML non acceptée")


def test_several_documents_in_one_file():
    assert errors_of(b"titre: A\n---\ntitre: B\n")[0].startswith(
        "guides/methodes/x.yml:2:1: plusieurs documents YAML dans un seul fichier"
    )


def test_unclosed_quote():
    assert errors_of(b'titre: "Une station\ndomaine: b\n')[0].startswith("guides/methodes/x.yml:3:1: fin de fichier inattendue")


def test_colon_in_plain_text_gets_a_hint():
    errors = errors_of(b"titre: Objet : travaux: voirie\n")
    assert errors == [
        "guides/methodes/x.yml:1:14: deux-points inattendu\n"
        "    → Si le texte contient « : », mettez-le entre guillemets ou utilisez un bloc « | »."
    ]


def test_impossible_date():
    assert errors_of(b"relu_le: 2026-02-30\n")[0].startswith(
        "guides/methodes/x.yml:1:10: champ « relu_le » : date impossible « 2026-02-30 »"
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(position=st.integers(0, len(VALID)), junk=st.binary(min_size=0, max_size=6), cut=st.integers(0, 6))
def test_mutated_content_loads_or_reports_a_located_error(position, junk, cut):
    raw = VALID[:position] + junk + VALID[position + cut:]
    try:
        load_yaml_text(raw, "guides/methodes/x.yml")
    except YamlLoadError as exc:
        assert exc.errors
        for error in exc.errors:
            assert error.path == "guides/methodes/x.yml"
            assert error.message
            assert "Traceback" not in error.format()
            if error.message not in ("le fichier contient un caractère nul : ce n'est pas un fichier texte",):
                assert error.line >= 1 or "UTF-8" in error.message or "volumineux" in error.message


def test_libyaml_and_pure_python_parsers_agree_on_every_real_file(monkeypatch):
    from mitkb import yaml_loader

    from ..conftest import ROOT

    files = sorted(ROOT.glob("guides/*/*.yml")) + sorted(ROOT.glob("data/*.yml"))
    fast = {f: load_yaml_text(f.read_bytes(), "x.yml") for f in files}
    monkeypatch.setattr(yaml_loader, "_CLoader", None)
    for f in files:
        slow = load_yaml_text(f.read_bytes(), "x.yml")
        assert slow.data == fast[f].data
        assert slow.positions == fast[f].positions, f
