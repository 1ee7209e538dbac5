"""Mark what Chromium paints outside the structure tree as artifacts.

Chromium's tagged PDF leaves the footer (build date, address, « page X / Y ») and a few
decorations outside any marked-content sequence; PDF/UA-1 (ISO 14289-1, 7.1) wants every
painted item to be either tagged content or an artifact. Each painting operator found
outside marked content is wrapped in ``/Artifact BMC … EMC`` (with the path it paints),
each link annotation gets its text as alternate description (PDF/UA-1, 7.18.5), and the
document gets an XMP metadata packet with its title and language.
"""

from __future__ import annotations

import io

import pikepdf

TEXT_PAINT = {"Tj", "TJ", "'", '"'}
OTHER_PAINT = {"Do", "sh", "INLINE IMAGE"}
PATH_PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}
PATH_BUILD = {"m", "l", "c", "v", "y", "h", "re"}
PATH_END = PATH_PAINT | {"n"}


def _artifact_runs(instructions) -> list[tuple[int, int]]:
    """(first, last) instruction indexes to wrap, outside any marked-content sequence."""
    runs, depth, path_start = [], 0, None
    for index, (_operands, operator) in enumerate(instructions):
        name = str(operator)
        if name in ("BMC", "BDC"):
            depth += 1
        elif name == "EMC":
            depth -= 1
        elif name in PATH_BUILD and path_start is None:
            path_start = index
        if name in PATH_END:
            if depth == 0 and name in PATH_PAINT:
                runs.append((path_start if path_start is not None else index, index))
            path_start = None
        elif depth == 0 and (name in TEXT_PAINT or name in OTHER_PAINT):
            runs.append((index, index))
    return runs


def mark_artifacts(pdf: pikepdf.Pdf) -> int:
    """Wrap untagged painting in artifacts on every page; how many were wrapped."""
    wrapped = 0
    for page in pdf.pages:
        instructions = list(pikepdf.parse_content_stream(page))
        runs = _artifact_runs(instructions)
        if not runs:
            continue
        starts, ends = {first for first, _ in runs}, {last for _, last in runs}
        rewritten = []
        for index, instruction in enumerate(instructions):
            if index in starts:
                rewritten.append(pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact], pikepdf.Operator("BMC")))
            rewritten.append(instruction)
            if index in ends:
                rewritten.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")))
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(rewritten))
        wrapped += len(runs)
    return wrapped


def describe_links(pdf: pikepdf.Pdf, link_texts: dict[str, str]) -> int:
    """/Contents of each link annotation: the link's text on the page, else its address."""
    described = 0
    for page in pdf.pages:
        for annotation in page.get("/Annots") or []:
            if annotation.get("/Subtype") != pikepdf.Name.Link or "/Contents" in annotation:
                continue
            action = annotation.get("/A")
            uri = str(action.URI) if action is not None and "/URI" in action else None
            text = (link_texts.get(uri) or uri) if uri else "Lien vers une autre partie du document"
            annotation.Contents = pikepdf.String(text)
            described += 1
    return described


def finish_pdf(data: bytes, title: str, language: str = "fr", link_texts: dict[str, str] | None = None) -> bytes:
    """Artifacts marked, links described, XMP title and language; written byte-stable (no time,
    identifier computed from the content)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        mark_artifacts(pdf)
        describe_links(pdf, link_texts or {})
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:title"] = title
            meta["dc:language"] = [language]
        output = io.BytesIO()
        pdf.save(output, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return output.getvalue()
