"""Located content errors, reported all at once and in French."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one content file, with its position and a hint to fix it."""

    path: str
    line: int = 0
    column: int = 0
    message: str = ""
    field: str = ""
    hint: str = ""

    def format(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        text = f"{where}: "
        if self.field:
            text += f"champ « {self.field} » : "
        text += self.message
        if self.hint:
            text += f"\n    → {self.hint}"
        return text

    def __str__(self) -> str:
        return self.format()


@dataclass
class ErrorCollector:
    """Gathers every error of a content tree before anything is built."""

    errors: list[ContentError] = field(default_factory=list)

    def add(self, error: ContentError) -> None:
        self.errors.append(error)

    def extend(self, errors) -> None:
        self.errors.extend(errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentErrors(self.errors)


class ContentErrors(Exception):
    """Raised when the content tree is invalid; carries every error found."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        plural = "s" if count > 1 else ""
        lines = [f"{count} erreur{plural} dans le contenu :"]
        lines.extend(error.format() for error in self.errors)
        return "\n".join(lines)


def relative_path(path: Path, root: Path) -> str:
    """The path as editors see it: relative to the project root, with slashes."""
    if ".." not in path.parts and path.is_relative_to(root):  # the usual case, without a system call
        return path.relative_to(root).as_posix()
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
