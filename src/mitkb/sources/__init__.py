"""Sources of the guides: the articles of the known codes and the checks that tie a
guide's text to its « Textes de référence » list."""

from .articles import CODE_FORMATS, CodeFormat, cited_articles, format_problem
from .check import check_guide_sources, check_legal_basis

__all__ = ["CODE_FORMATS", "CodeFormat", "cited_articles", "format_problem", "check_guide_sources", "check_legal_basis"]
