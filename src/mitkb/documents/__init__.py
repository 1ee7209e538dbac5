"""Downloadable office documents (.docx, .odt) generated from the templates.

Markdown built from each template (``markdown.py``) goes through pandoc
(``pandoc.py``) with reference documents patched in code (``reference.py``);
the archives are made byte-stable (``archive.py``) and kept in a content-hash
cache (``cache.py``). ``generate.py`` ties them together for the build.
"""

from .generate import FORMATS, Download, Documents, DocumentStats, generate_documents, size_text

__all__ = ["FORMATS", "Download", "Documents", "DocumentStats", "generate_documents", "size_text"]
