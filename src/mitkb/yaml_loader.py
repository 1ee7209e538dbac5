"""Safe YAML loading that keeps where every value came from.

PyYAML silently keeps the last of two duplicate keys, expands aliases without
limit and reports errors in English. This loader composes the node tree, refuses
what content files never need (aliases, tags, duplicate keys, huge files) and
records the line and column of every key and value so that validation errors can
point at them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ContentError

MAX_FILE_BYTES = 512 * 1024
MAX_NODES = 50_000

Location = tuple[int, int]
FieldPath = tuple[Any, ...]


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document stands."""

    values: dict[FieldPath, Location] = field(default_factory=dict)
    keys: dict[FieldPath, Location] = field(default_factory=dict)
    # First line of a scalar's text (the line after `|` or `>` for block scalars).
    text_lines: dict[FieldPath, int] = field(default_factory=dict)

    def of_value(self, path: FieldPath) -> Location:
        """The closest known position for a path (walking up to the parents)."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def of_key(self, path: FieldPath) -> Location:
        return self.keys.get(tuple(path)) or self.of_value(path)

    def text_line(self, path: FieldPath) -> int:
        return self.text_lines.get(tuple(path)) or self.of_value(path)[0]


@dataclass
class LoadedYaml:
    data: Any
    positions: Positions


class YamlLoadError(Exception):
    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__("\n".join(e.format() for e in errors))


_PROBLEMS_FR = {
    "found character '\\t' that cannot start any token": (
        "tabulation trouvée",
        "YAML n'accepte pas les tabulations pour indenter : remplacez-les par des espaces.",
    ),
    "mapping values are not allowed here": (
        "deux-points inattendu",
        "Si le texte contient « : », mettez-le entre guillemets ou utilisez un bloc « | ».",
    ),
    "could not find expected ':'": (
        "« : » attendu après la clé",
        "Chaque ligne d'une table s'écrit « clé: valeur ».",
    ),
    "found unexpected end of stream": (
        "fin de fichier inattendue",
        "Un guillemet ou un crochet n'est probablement pas refermé.",
    ),
    "found undefined alias": ("alias inconnu", "Les alias YAML (*nom) ne sont pas acceptés."),
    "expected <block end>, but found '-'": (
        "élément de liste mal indenté",
        "Les tirets « - » d'une même liste doivent être alignés.",
    ),
    "expected <block end>, but found '<block mapping start>'": (
        "indentation incohérente",
        "Les clés d'une même table doivent commencer à la même colonne.",
    ),
    "expected <block end>, but found '<scalar>'": (
        "indentation incohérente",
        "Vérifiez l'alignement de cette ligne avec les précédentes.",
    ),
    "found unknown escape character": (
        "séquence d'échappement inconnue entre guillemets doubles",
        "Utilisez des guillemets simples, ou doublez la barre oblique inverse.",
    ),
    "expected alphabetic or numeric character, but found": (
        "caractère inattendu",
        "Les caractères « * », « & » et « ! » en début de valeur ont un sens en YAML : "
        "mettez la valeur entre guillemets.",
    ),
    "found character that cannot start any token": (
        "caractère inattendu en début de valeur",
        "Les caractères « @ », « ` », « % » en début de valeur doivent être entre guillemets.",
    ),
}


def _translate_problem(problem: str) -> tuple[str, str]:
    for english, french in _PROBLEMS_FR.items():
        if problem.startswith(english) or english in problem:
            return french
    return (
        f"syntaxe YAML invalide ({problem})",
        "Vérifiez l'indentation, les « : » et les guillemets autour de cette ligne.",
    )


def _line_of_offset(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def load_yaml_text(raw: bytes, display_path: str) -> LoadedYaml:
    """Parse YAML bytes into plain Python data plus positions, or raise YamlLoadError."""

    def fail(message: str, line: int = 0, column: int = 0, hint: str = "") -> YamlLoadError:
        return YamlLoadError([ContentError(display_path, line, column, message, hint=hint)])

    if len(raw) > MAX_FILE_BYTES:
        raise fail(
            f"fichier trop volumineux ({len(raw) // 1024} Kio, maximum {MAX_FILE_BYTES // 1024} Kio)",
            hint="Découpez ce contenu en plusieurs fichiers.",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM (Windows editors) is harmless: accept it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_of_offset(raw, exc.start)
        raise fail(
            "le fichier n'est pas encodé en UTF-8",
            line,
            hint="Réenregistrez le fichier en UTF-8 (dans VS Code : barre d'état, « Enregistrer avec l'encodage »).",
        ) from None
    if "\x00" in text:
        raise fail("le fichier contient un caractère nul : ce n'est pas un fichier texte")
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise fail("fichier vide", 1, 1, hint="Complétez le fichier ou supprimez-le.")

    fast = _load_fast(text, display_path)
    if fast is not None:
        return fast
    # The pure-Python parser: slower, but it stops at the alias itself and gives
    # the exact position of every problem.
    loader = None
    try:
        try:
            loader = _NoAliasLoader(text)
            root = loader.get_single_node()
        except _AliasFound as found:
            raise fail(
                "les ancres et alias YAML (&nom, *nom) ne sont pas acceptés",
                found.mark.line + 1,
                found.mark.column + 1,
                "Recopiez la valeur au lieu d'utiliser un alias.",
            ) from None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            message, hint = _translate_problem(exc.problem or str(exc))
            if exc.problem and "expected a single document" in (exc.context or "") + exc.problem:
                message, hint = "plusieurs documents YAML dans un seul fichier", "Retirez la ligne « --- »."
            raise fail(message, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0, hint) from None
        except yaml.reader.ReaderError as exc:
            line = text.count("\n", 0, exc.position) + 1
            raise fail(
                f"caractère invisible non autorisé (U+{exc.character:04X})" if isinstance(exc.character, int)
                else "caractère non autorisé",
                line,
                hint="Supprimez ce caractère (souvent copié depuis un traitement de texte).",
            ) from None
        except yaml.YAMLError as exc:
            raise fail(f"YAML illisible ({exc})") from None
        if root is None or (isinstance(root, ScalarNode) and root.tag.endswith(":null")):
            raise fail("fichier vide", 1, 1, hint="Complétez le fichier ou supprimez-le.")
        builder = _Builder(loader, display_path)
        data = builder.build(root, ())
    finally:
        if loader is not None:
            loader.dispose()
    if builder.errors:
        raise YamlLoadError(builder.errors)
    return LoadedYaml(data, builder.positions)


_CLoader = getattr(yaml, "CSafeLoader", None)


class _AliasMet(Exception):
    pass


def _load_fast(text: str, display_path: str) -> LoadedYaml | None:
    """Parse with libyaml when it is available and the file is clean; None otherwise
    (the caller then parses again with the pure-Python parser for exact errors)."""
    if _CLoader is None:
        return None
    loader = _CLoader(text)
    try:
        root = loader.get_single_node()
        if root is None or (isinstance(root, ScalarNode) and root.tag.endswith(":null")):
            return None
        builder = _Builder(loader, display_path, refuse_shared=True)
        data = builder.build(root, ())
    except (yaml.YAMLError, _AliasMet):
        return None
    finally:
        loader.dispose()
    if builder.errors:
        return None
    return LoadedYaml(data, builder.positions)


def load_yaml_file(path: Path, display_path: str) -> LoadedYaml:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlLoadError([ContentError(display_path, 0, 0, f"fichier illisible ({exc.strerror})")]) from None
    return load_yaml_text(raw, display_path)


class _AliasFound(Exception):
    def __init__(self, mark):
        self.mark = mark


class _NoAliasLoader(yaml.SafeLoader):
    """Refuses aliases where they appear: content never needs them, and they
    are the vector of "billion laughs" expansion attacks."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _AliasFound(self.peek_event().start_mark)
        return super().compose_node(parent, index)


_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


def _field_label(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else ("." if text else "") + str(part)
    return text


class _Builder:
    """Turns composed nodes into Python values, recording positions."""

    def __init__(self, loader: yaml.SafeLoader, display_path: str, refuse_shared: bool = False):
        self.constructor: SafeConstructor = loader
        self.path = display_path
        self.positions = Positions()
        self.errors: list[ContentError] = []
        # libyaml gives an alias the very node of its anchor: seeing a node twice means an alias.
        self.seen: set[int] | None = set() if refuse_shared else None
        self.count = 0

    def error(self, node: Node, message: str, hint: str = "", field: str = "") -> None:
        mark = node.start_mark
        self.errors.append(ContentError(self.path, mark.line + 1, mark.column + 1, message, field, hint))

    def build(self, node: Node, path: tuple) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self.error(node, f"fichier trop complexe (plus de {MAX_NODES} valeurs)")
            return None
        if self.seen is not None:
            if id(node) in self.seen:
                raise _AliasMet()
            self.seen.add(id(node))
        mark = node.start_mark
        self.positions.values[path] = (mark.line + 1, mark.column + 1)
        if node.tag not in _PLAIN_TAGS:
            self.error(node, f"étiquette YAML non acceptée ({node.tag})", "Retirez l'étiquette commençant par « ! ».")
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.style in ("|", ">"):
            self.positions.text_lines[path] = mark.line + 2
        else:
            self.positions.text_lines[path] = mark.line + 1
        try:
            return self.constructor.construct_object(node, deep=True)
        except ValueError:
            self.error(
                node, f"date impossible « {node.value} »", "Vérifiez le jour et le mois (AAAA-MM-JJ).",
                _field_label(path),
            )
            return None
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            self.error(node, f"valeur illisible ({problem})", "Mettez la valeur entre guillemets.")
            return None

    def _mapping(self, node: MappingNode, path: tuple) -> dict:
        result: dict = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.error(key_node, "la fusion YAML (<<) n'est pas acceptée", "Recopiez les clés voulues.")
                continue
            if not isinstance(key_node, ScalarNode):
                self.error(key_node, "une clé doit être un simple mot", "Vérifiez l'indentation et les « : ».")
                continue
            key = key_node.value
            if key in first_seen:
                self.error(
                    key_node,
                    f"clé « {key} » en double (déjà définie ligne {first_seen[key]})",
                    "Gardez une seule occurrence de cette clé : YAML ne garderait que la dernière.",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            child = path + (key,)
            self.positions.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child)
        return result
