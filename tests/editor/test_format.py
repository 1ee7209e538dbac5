"""What the editor writes is what the project writes (mitkb-format.js, run in Node)."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
import yaml

from mitkb.editor.config import DATA_FILES

from ..conftest import ROOT
from .conftest import format_of, write_as_editor

CONTENT = sorted(ROOT.glob("guides/*/*.yml")) + [ROOT / f"data/{name}.yml" for name in DATA_FILES]


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def stripped(value):
    """The data as the models see it (texts are stripped of surrounding white space)."""
    if isinstance(value, dict):
        return {k: stripped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [stripped(v) for v in value]
    return value.strip() if isinstance(value, str) else value


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_every_content_file_is_written_back_unchanged(node, formats):
    files = [{"path": relative(p), "text": p.read_text(encoding="utf-8")} for p in CONTENT]
    written = write_as_editor(node, formats, files)
    for file, text in zip(files, written):
        assert text == file["text"], f"{file['path']}:\n" + "\n".join(changed_lines(file["text"], text))


def test_a_file_written_from_scratch_holds_the_same_data_in_the_project_style(node, formats):
    """Without the file as it was read (a new entry), every field is written in the project's style:
    the data is the same, the schema line comes first, keys keep the models' order."""
    files = [{"path": relative(p), "text": p.read_text(encoding="utf-8"), "fresh": True} for p in CONTENT]
    written = write_as_editor(node, formats, files)
    for file, text in zip(files, written):
        assert stripped(yaml.safe_load(text)) == stripped(yaml.safe_load(file["text"])), file["path"]
        assert text.splitlines()[0] == file["text"].splitlines()[0]
        keys = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
        order = formats[format_of(file["path"])]["shape"]["keys"]
        assert keys == [key for key in order if key in keys], file["path"]
        inline_macro = [line for line in text.splitlines() if re.match(r"^\s*(- )?[a-z_]+: .*\{\{", line)]
        assert inline_macro == [], f"{file['path']}: a macro outside a block scalar"


def test_editing_one_field_changes_that_field_only(node, formats):
    path = ROOT / "guides/methodes/suivre-station-epuration.yml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    steps = data["etapes"]
    steps[1] = {**steps[1], "titre": "Un autre titre d'étape"}
    title, step_edit = write_as_editor(node, formats, [
        {"path": relative(path), "text": text, "set": {"titre": "Suivre sa station d'épuration"}},
        {"path": relative(path), "text": text, "set": {"etapes": steps}},
    ])
    assert changed_lines(text, title) == [f"-titre: {data['titre']}", "+titre: Suivre sa station d'épuration"]
    assert changed_lines(text, step_edit) == [f"-    titre: {yaml.safe_load(text)['etapes'][1]['titre']}",
                                              "+    titre: Un autre titre d'étape"]


@pytest.mark.parametrize("value, expected", [
    ("Un texte court", "note: Un texte court"),
    ("Version 2: la suite", 'note: "Version 2: la suite"'),
    ("1.0", 'note: "1.0"'),
    ("oui", "note: oui"),
    ("yes", 'note: "yes"'),
    ("2026-11-27", "note: 2026-11-27"),
])
def test_short_texts_are_quoted_only_when_yaml_would_misread_them(node, formats, value, expected):
    text = "# yaml-language-server: $schema=../schemas/data/glossaire.schema.json\ntermes: []\n"
    written, = write_as_editor(node, formats, [{"path": "data/glossaire.yml", "text": text, "fresh": True,
                                                "set": {"termes": [{"terme": "X", "definition": "Y", "note": value}]}}])
    assert f"    {expected}" in written.splitlines()
