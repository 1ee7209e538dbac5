"""The real site's content, checked once, and its procedure tool at the test date."""

from __future__ import annotations

import datetime as dt

import pytest

from mitkb.procedure import ProcedureTool
from mitkb.references import check_site

from ..conftest import ROOT

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="session")
def real_site():
    site, errors = check_site(ROOT, TODAY)
    assert errors == []
    assert site.procedure_rules is not None
    return site


@pytest.fixture(scope="session")
def tool(real_site) -> ProcedureTool:
    return ProcedureTool(real_site, real_site.procedure_rules, TODAY)
