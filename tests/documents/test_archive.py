"""Byte-stable ZIP archives."""

from __future__ import annotations

import io
import time
import zipfile

from mitkb.documents.archive import FIXED_TIME, normalise_zip


def make_zip(entries: list[tuple[str, bytes]], date_time) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(zipfile.ZipInfo(name, date_time=date_time), content, compresslevel=1)
    return output.getvalue()


ENTRIES = [("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>" * 50)]


def test_same_content_at_different_times_gives_the_same_bytes():
    early = make_zip(ENTRIES, (2020, 1, 2, 3, 4, 6))
    late = make_zip(ENTRIES, time.localtime()[:6])
    assert early != late
    assert normalise_zip(early) == normalise_zip(late)


def test_entries_keep_their_order_and_mimetype_stays_uncompressed():
    archive = zipfile.ZipFile(io.BytesIO(normalise_zip(make_zip(ENTRIES, (2024, 5, 6, 7, 8, 10)))))
    infos = archive.infolist()
    assert [i.filename for i in infos] == ["mimetype", "content.xml"]
    assert infos[0].compress_type == zipfile.ZIP_STORED
    assert infos[1].compress_type == zipfile.ZIP_DEFLATED
    assert {i.date_time for i in infos} == {FIXED_TIME}
    assert archive.read("content.xml") == b"<x/>" * 50


def test_transform_edits_one_entry():
    data = normalise_zip(make_zip(ENTRIES, FIXED_TIME), lambda name, content: content.upper() if name == "content.xml" else content)
    assert zipfile.ZipFile(io.BytesIO(data)).read("content.xml") == b"<X/>" * 50
