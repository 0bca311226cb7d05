"""``fix`` streams: the plans made from the check's findings, applied block by block, give the same clean file,
side files and counts as the whole-table fixes; changes are counted and sampled; the change log holds them all."""

from __future__ import annotations

import csv
import io
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odwb_assist.core.contract import Change
from odwb_assist.core.i18n import Msg
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import fix, fix_engine, fix_stream
from odwb_assist.quality.change_log import SAMPLE

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from engine_spies import fix_both_ways  # noqa: E402
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)
LABELS = ["commune", " montant", "date", "categorie", "remarque", "", "code"]
CELLS = ["", "", "Namur", "Liège", " Ciney ", "12,5", "1 250,75", "3.5", "-", "n.d.", "31/01/2024", "1/2/23",
         "31/01/2024 14h05", "=SUM(A1)", "Voirie", "voirie", "VOIRIE", "Éclairage", "oui, non", 'dit "x"', "7",
         "Total", "12 places", "4"]


_csv = write_csv  # the name the property tests call: Hypothesis draws their examples from a hash of their source


def _both(source: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, **options: object) -> tuple[dict, dict]:
    """(streamed, whole table): each run's result, clean file and side files."""
    return fix_both_ways(source, folder, monkeypatch, PM, **options)


@st.composite
def tables(draw: st.DrawFn) -> list[list[str]]:
    width = draw(st.integers(2, 5))
    header = draw(st.lists(st.sampled_from(LABELS), min_size=width, max_size=width, unique=True))
    body = draw(st.lists(st.lists(st.sampled_from(CELLS), min_size=width, max_size=width), min_size=1, max_size=14))
    return [header] + body


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.text(alphabet=['a', ' ', ',', '"', "\n", "\r", "é", ";", "\t"], max_size=4), min_size=3,
                         max_size=3), max_size=6), st.lists(st.text(alphabet=["a", ",", '"', " "], max_size=3), min_size=3,
                                                             max_size=3, unique=True))
def test_blocks_are_written_byte_for_byte_as_to_csv(rows: list[list[str]], labels: list[str]) -> None:
    frame = pd.DataFrame(rows, columns=labels, dtype="str") if rows else pd.DataFrame(columns=labels, dtype="str")
    expected = io.StringIO()
    frame.to_csv(expected, index=False, lineterminator="\n")
    written = io.BytesIO()
    fix_stream.write_block(frame, written, header=True)
    assert written.getvalue() == expected.getvalue().encode("utf-8")


def test_changes_are_counted_sampled_and_all_in_the_journal(tmp_path: Path) -> None:
    rows = [["commune", "montant", "date"]] + [["Namur", f"{n},5", "31/01/2024"] for n in range(3000)]
    source = _csv(tmp_path / "export.csv", rows)
    journal = tmp_path / "journal.csv"
    result = fix(source, tmp_path / "propre.csv", plugins=PM, changes_file=journal)
    assert result.counts == {"decimal-comma": 3000, "date-format": 3000}
    assert [c for c in result.changes if c.fix == "decimal-comma"][:2] == [
        Change("decimal-comma", 2, "montant", "0,5", "0.5"), Change("decimal-comma", 3, "montant", "1,5", "1.5")]
    assert len(result.changes) == 2 * SAMPLE  # the preview keeps the first of each fix, not one record per cell
    with journal.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == ["correction", "ligne", "colonne", "avant", "apres"]
    assert len(lines) == 1 + 6000
    assert ["date-format", "3001", "date", "31/01/2024", "2024-01-31"] in lines
    assert result.to_dict()["changesFile"] == str(journal)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".odwb-")]  # no temporary file left


def test_dates_are_looked_for_only_in_the_columns_that_hold_some(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The date fix reads the columns the check found local dates in, and those of another type with cells not of
    it (a date-time column with « 31/01/2024 10:15 », a month column with « janvier 2024 »): the names, the
    amounts and the date-times as they should be are not run through it, and the clean file is the whole table's."""
    rows = [["commune", "montant", "ouvert_le", "mois", "depuis"]]
    rows += [["Namur", f"{n},5", f"2024-01-{n % 28 + 1:02d} 10:15:00", f"2023-{n % 12 + 1:02d}", "15/03/2024"]
             for n in range(40)]
    rows += [["Ciney", "2,5", "31/01/2024 10:15", "janvier 2024", "16/03/2024"]]
    source = _csv(tmp_path / "export.csv", rows)
    planned: list[list[str]] = []
    original = fix_stream.stream_fixes

    def spy(path: Path, detected: object, steps: list, *args: object, **kwargs: object) -> object:
        planned.extend(list(plan.rewrites) for item, plan in steps if item.name == "date-format")
        return original(path, detected, steps, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fix_engine, "stream_fixes", spy)
    streamed, whole = _both(source, tmp_path, monkeypatch)
    assert planned == [["ouvert_le", "mois", "depuis"]]
    assert streamed["files"] == whole["files"]
    clean = streamed["files"]["propre.csv"].decode("utf-8").splitlines()
    assert clean[-1] == "Ciney,2.5,2024-01-31T10:15:00,2024-01,2024-03-16"
    assert streamed["result"].counts["date-format"] == 43


def test_no_journal_without_the_option_nor_on_a_dry_run(tmp_path: Path) -> None:
    source = _csv(tmp_path / "export.csv", [["commune", "montant"], ["Namur", "1,5"], ["Ciney", "2,5"]])
    result = fix(source, tmp_path / "propre.csv", plugins=PM, dry_run=True, changes_file=tmp_path / "journal.csv")
    assert result.counts == {"decimal-comma": 2} and result.changes_file is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]


def test_a_layout_to_change_reads_the_whole_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read = []
    original = fix_engine.read_table
    monkeypatch.setattr(fix_engine, "read_table", lambda *a, **k: read.append(1) or original(*a, **k))
    streamed = _csv(tmp_path / "plain.csv", [["commune", "montant"], ["Namur", "1,5"], ["Ciney", "2,5"]])
    fix(streamed, tmp_path / "a.csv", plugins=PM)
    assert read == []  # the common case streams
    one_column = write_csv(tmp_path / "one.csv", [["commune;code;montant"]] + [[f"Namur;{n};{n},5"] for n in range(8)],
                           delimiter=",", encoding="utf-8")
    result = fix(one_column, tmp_path / "b.csv", plugins=PM)
    assert read == [1] and "split-single-column" in result.counts


class _UpperOnly:
    """A plugin fix with the whole-table ``apply`` only (the contract before streaming)."""

    name = "upper-only"
    label = Msg("Majuscules", "Capitals")

    def apply(self, table: pd.DataFrame, context: object) -> tuple[pd.DataFrame, list[Change]]:
        new = table.copy()
        new["commune"] = new["commune"].str.upper()
        return new, [Change(self.name, int(row), "commune", table.at[row, "commune"], new.at[row, "commune"])
                     for row in table.index[new["commune"] != table["commune"]]]


def test_a_plugin_fix_with_apply_only_still_works(tmp_path: Path) -> None:
    from odwb_assist.core.hookspecs import hookimpl

    class Plugin:
        @hookimpl
        def odwb_fixes(self) -> list[object]:
            return [_UpperOnly()]

    manager = get_plugin_manager(load_entrypoints=False)
    manager.register(Plugin(), name="upper")
    source = _csv(tmp_path / "export.csv", [["commune", "montant"], ["Namur", "1,5"]])
    result = fix(source, tmp_path / "propre.csv", plugins=manager)
    assert result.counts == {"decimal-comma": 1, "upper-only": 1}
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8") == "commune,montant\nNAMUR,1.5\n"


def test_late_rows_of_another_width_are_fixed_as_frictionless_read_them(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Short and long rows below the sample stay on the pyarrow reader (put back in place): the clean file, the
    side files and the counts are those of the reading that stops at the first such row and lets Frictionless
    read the rest (the reader before); the cells beyond the header are kept in their side file, gathered from the
    rows put back (the file is not read again for them)."""
    from odwb_assist.quality import ragged, reader, side_files

    rows = [["commune", "montant", "date"]] + [["Namur", f"{n},5", "31/01/2024"] for n in range(400)]
    rows[250] = ["Ciney", "3,5"]  # short
    rows[300] = ["Dinant", "4,5", "01/02/2024", "note hors tableau"]  # long
    rows.append(["Source : service finances"])  # a footer line
    source = _csv(tmp_path / "export.csv", rows)
    outcomes = []
    for stop in (False, True):
        with monkeypatch.context() as patch:
            read: list[int] = []
            original = reader._frictionless_chunks
            patch.setattr(reader, "_frictionless_chunks",
                          lambda *a, r=read, o=original: r.append(1) or o(*a))  # type: ignore[misc]
            again: list[int] = []  # the file read again for the cells beyond the header
            rescan = side_files.cells_beyond
            patch.setattr(side_files, "cells_beyond",
                          lambda *a, r=again, o=rescan: r.append(1) or o(*a))  # type: ignore[misc]
            if stop:
                patch.setattr(ragged, "WAITING", 0)  # pyarrow's reading stops at the first row of another width
            out = tmp_path / ("stopped" if stop else "blocks") / "propre.csv"
            out.parent.mkdir()
            result = fix(source, out, plugins=PM)
            outcomes.append((result, {p.name: p.read_bytes() for p in out.parent.iterdir()}))
            assert bool(read) == stop  # Frictionless read the rest only when pyarrow stopped
            assert bool(again) == stop  # … and only then was the file read again for the cells beyond
    (mine, my_files), (theirs, their_files) = outcomes
    assert my_files == their_files
    assert mine.counts == theirs.counts == {"decimal-comma": 400, "date-format": 399, "drop-notes-below-table": 1}
    assert (mine.rows_before, mine.rows_after) == (theirs.rows_before, theirs.rows_after) == (401, 400)
    side = b"".join(data for name, data in my_files.items() if name != "propre.csv")
    assert b"note hors tableau" in side and b"Source : service finances" in side  # nothing lost
