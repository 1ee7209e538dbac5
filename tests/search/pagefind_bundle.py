"""Read a Pagefind bundle in tests: its word index and its fragments (gzip, then
« pagefind_dcd » and CBOR for the index, JSON for the fragments)."""

from __future__ import annotations

import gzip
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def _cbor(data: bytes, at: int):
    """The CBOR item at ``at`` and where the next one starts (what Pagefind writes:
    integers, strings, arrays, maps)."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        value = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        value = int.from_bytes(data[at:at + size], "big")
        at += size
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        raw = data[at:at + value]
        return (raw.decode("utf-8") if major == 3 else raw), at + value
    if major in (4, 5):
        items = []
        for _ in range(value * (2 if major == 5 else 1)):
            item, at = _cbor(data, at)
            items.append(item)
        return (dict(zip(items[::2], items[1::2])) if major == 5 else items), at
    raise ValueError(f"CBOR inattendu : {head:#x}")


def _load(path: Path):
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(SIGNATURE), path
    return raw[len(SIGNATURE):]


def fragments(bundle: Path) -> dict[str, dict]:
    """Each result's fragment (its text, anchors, metadata), by file name (its hash)."""
    return {path.name.split(".")[0]: json.loads(_load(path)) for path in (bundle / "fragment").iterdir()}


def word_occurrences(bundle: Path, accented_only: bool = False) -> dict[str, dict[str, int]]:
    """{indexed word: {result address: occurrences in the text}}, accented forms included
    (Pagefind files « épuration » under « epur » as a variant), or only those."""
    meta, _ = _cbor(_load(next(bundle.glob("pagefind.*.pf_meta"))), 0)
    by_hash = fragments(bundle)
    addresses = [by_hash[page[0]]["url"] for page in meta[1]]
    words: dict[str, dict[str, int]] = {}
    for chunk in meta[2]:
        index, _ = _cbor(_load(bundle / "index" / f"{chunk[2]}.pf_index"), 0)
        for entry in index[0]:
            lists = [] if accented_only else [entry[1]]
            lists += [variant[1] for variant in (entry[2] if len(entry) > 2 else [])]
            for pages in lists:
                number = 0
                for page in pages:  # page numbers are written as differences
                    number += page[0]
                    count = sum(1 for location in page[1] if location >= 0)  # negatives: weights
                    if count:
                        found = words.setdefault(entry[0], {})
                        found[addresses[number]] = found.get(addresses[number], 0) + count
    return words
