"""The PDF benchmark reads the build's own report of its PDF step and tabulates it."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import measure
from benchmarks.pdf import PdfBench, PdfStep, pdf_step, table
from mitkb.pdf import PdfReport


def run_with_log(tmp_path: Path, text: str) -> measure.ProcessRun:
    log = tmp_path / "construction.log"
    log.write_text(text, encoding="utf-8")
    return measure.ProcessRun(1.0, 1.0, 0, 0, 0, log)


def test_the_step_is_read_from_the_line_the_build_prints(tmp_path):
    line = PdfReport(generated=3, reused=117, seconds=2.5, total_bytes=7_700_000).message()
    step = pdf_step(run_with_log(tmp_path, f"INFO     Début\nINFO     {line}\nINFO     Fin\n"))
    assert step == PdfStep(printed=3, reused=117, megabytes=7.7, seconds=2.5)


def test_a_build_without_pdf_step_is_a_failed_measure(tmp_path):
    with pytest.raises(measure.StepFailed, match="PDF des guides"):
        pdf_step(run_with_log(tmp_path, "INFO     Documentation built in 3 seconds\n"))


def test_the_table_gives_per_pdf_times_and_the_ratios(tmp_path):
    result = PdfBench(100, 120, floor=2.0, without_pdf=4.0, cold=40.0, warm=4.4, edited=6.0,
                      cold_step=PdfStep(120, 0, 7.7, 36.0), warm_step=PdfStep(0, 120, 7.7, 0.4),
                      edited_step=PdfStep(1, 119, 7.7, 2.0))
    text = table([result])
    assert "| Étape PDF, cache froid | 36.0 s (120 imprimés, 0.30 s par PDF) |" in text
    assert "| Construction / plancher : sans PDF → avec PDF, cache chaud | 2.00 → 2.20" in text
