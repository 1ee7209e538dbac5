"""The batch build tunes the garbage collector for its own duration only."""

from __future__ import annotations

import gc

from mitkb.adapters import mkdocs_build


def test_build_thresholds_apply_during_the_build_and_are_restored(monkeypatch):
    seen = []
    monkeypatch.setattr(mkdocs_build, "build", lambda config: seen.append(gc.get_threshold()))

    class Plugins:
        def on_shutdown(self):
            seen.append("arrêt")

    class Config:
        plugins = Plugins()

    monkeypatch.setattr(mkdocs_build, "load_config", lambda *args, **kwargs: Config())
    before = gc.get_threshold()
    mkdocs_build._build_here("mkdocs.yml", "site", True)
    assert seen == [mkdocs_build.BUILD_GC_THRESHOLDS, "arrêt"]
    assert gc.get_threshold() == before


def test_thresholds_are_restored_when_the_build_fails(monkeypatch):
    def failing(config):
        raise mkdocs_build.Abort("page cassée")

    class Config:
        class plugins:
            @staticmethod
            def on_shutdown():
                pass

    monkeypatch.setattr(mkdocs_build, "build", failing)
    monkeypatch.setattr(mkdocs_build, "load_config", lambda *args, **kwargs: Config())
    before = gc.get_threshold()
    try:
        mkdocs_build._build_here("mkdocs.yml", "site", True)
    except mkdocs_build.SiteBuildError as exc:
        assert "page cassée" in str(exc)
    else:
        raise AssertionError("the failure must be reported")
    assert gc.get_threshold() == before
