"""Excel serial numbers under a date title (« 43766 », a date column Excel exported as numbers): the check told the
user « ou lancez odwb-assist fix », and the fix left them. Now the fix writes them as ISO dates where nothing else can
be meant (serial numbers alone, a title that says « date »), streamed and whole-table alike; elsewhere the check's
advice no longer promises it."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

sys.path.insert(0, str(Path(__file__).parents[2] / "helpers"))
from engine_spies import fix_both_ways  # noqa: E402
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


def _write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


def test_a_date_column_of_serial_numbers_is_written_as_iso_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [["Association", "Date de création", "Membres"]] + [
        [f"Club {n}", str(39839 + 97 * n), str(12 + n)] for n in range(20)]
    source = _write(tmp_path / "clubs.csv", rows)
    original = source.read_bytes()
    [said] = [f for f in check(source, plugins=PM).findings if f.type == "date-format"]
    assert said.extra["serial"] and said.extra["converted"] and "odwb-assist fix" in said.tip("fr")
    streamed, whole = fix_both_ways(source, tmp_path, monkeypatch, PM)
    assert streamed["files"] == whole["files"]
    clean = list(csv.reader(streamed["files"]["propre.csv"].decode("utf-8").splitlines()))
    assert clean[1] == ["Club 0", "2009-01-26", "12"] and clean[20][1] == "2014-02-12"  # 41682: 2014-01-01 is 41640
    assert source.read_bytes() == original


@pytest.mark.parametrize("title", ["Montant fin", "Jours de congé", "nb_candidates"])
def test_numbers_under_a_title_that_names_no_date_are_no_serial_dates(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, title: str) -> None:
    """« Montant fin » matched « fin », « nb_candidates » held « date »: their five-digit numbers were said to be
    dates written as Excel serial numbers."""
    rows = [["Poste", title]] + [[f"P{n}", str(12500 + 731 * n)] for n in range(12)]
    source = _write(tmp_path / "postes.csv", rows)
    assert [f for f in check(source, plugins=PM).findings if f.type == "date-format"] == []
    streamed, whole = fix_both_ways(source, tmp_path, monkeypatch, PM)
    clean = list(csv.reader(streamed["files"]["propre.csv"].decode("utf-8").splitlines()))
    assert [row[1] for row in clean[1:]] == [row[1] for row in rows[1:]]
    assert streamed["files"] == whole["files"]


@pytest.mark.parametrize("title", ["Fin de contrat", "Échéance", "dt_maj", "Jour de collecte"])
def test_a_date_title_with_a_few_other_numbers_is_said_and_left(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, title: str) -> None:
    rows = [["Poste", title]] + [[f"P{n}", str(45000 + 31 * n)] for n in range(12)] + [["P12", "2024"]]
    source = _write(tmp_path / "postes.csv", rows)
    [said] = [f for f in check(source, plugins=PM).findings if f.type == "date-format"]
    assert said.count == 12 and not said.extra["converted"] and "ne les convertit que" in said.tip("fr")
    streamed, whole = fix_both_ways(source, tmp_path, monkeypatch, PM)
    clean = list(csv.reader(streamed["files"]["propre.csv"].decode("utf-8").splitlines()))
    assert [row[1] for row in clean[1:]] == [row[1] for row in rows[1:]]
    assert streamed["files"] == whole["files"]


def test_unix_timestamps_under_a_date_title_are_written_as_iso_moments(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A sensor's or a web application's export: seconds (or milliseconds) since 1970, written ISO in UTC."""
    rows = [["Capteur", "horodatage", "created_at", "Valeur"]] + [
        [f"C{n}", str(1704189600 + 3600 * n), str(1704189600000 + 250 + 1000 * n), str(20 + n)] for n in range(12)]
    source = _write(tmp_path / "capteurs.csv", rows)
    report = check(source, plugins=PM)
    said = {f.field_name: f for f in report.findings if f.type == "date-format"}
    assert set(said) == {"horodatage", "created_at"}
    assert said["horodatage"].extra["epoch"] and said["horodatage"].extra["converted"]
    assert "soit 2024-01-02T10:00:00Z en temps universel" in said["horodatage"].message("fr")
    streamed, whole = fix_both_ways(source, tmp_path, monkeypatch, PM)
    assert streamed["files"] == whole["files"]
    clean = list(csv.reader(streamed["files"]["propre.csv"].decode("utf-8").splitlines()))
    assert clean[1] == ["C0", "2024-01-02T10:00:00Z", "2024-01-02T10:00:00.250Z", "20"]
    assert clean[12][1] == "2024-01-02T21:00:00Z"


@pytest.mark.parametrize(("title", "numbers"), [
    ("Date", [str(20240102 + n) for n in range(12)]),  # yyyymmdd: no timestamp (a compact date)
    ("Population", [str(1704189600 + n) for n in range(12)]),  # a title that names no moment
    ("date_maj", [str(800000000 + n) for n in range(12)]),  # 1995: before the range read as timestamps
])
def test_other_numbers_are_no_timestamps(tmp_path: Path, title: str, numbers: list[str]) -> None:
    source = _write(tmp_path / "nombres.csv", [["id", title]] + [[str(n), number] for n, number in enumerate(numbers)])
    assert not [f for f in check(source, plugins=PM).findings if f.type == "date-format" and f.extra.get("epoch")]


def test_dates_written_yyyymmdd_under_a_date_title_are_written_iso(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """An accounting export's « 20240102 »: said, and written 2024-01-02 in a column of them alone; a column where one
    is no day of the calendar (« 20240231 ») is said and left; under a title that names no date, nothing."""
    rows = [["Pièce", "Date comptable", "Numéro"]] + [[f"F{n}", f"202401{n + 1:02d}", f"202401{n + 1:02d}"]
                                                      for n in range(12)]
    source = _write(tmp_path / "journal.csv", rows)
    [said] = [f for f in check(source, plugins=PM).findings if f.type == "date-format"]
    assert (said.field_name, said.count) == ("Date comptable", 12) and said.extra["compact"] and said.extra["converted"]
    streamed, whole = fix_both_ways(source, tmp_path, monkeypatch, PM)
    assert streamed["files"] == whole["files"]
    clean = list(csv.reader(streamed["files"]["propre.csv"].decode("utf-8").splitlines()))
    assert clean[1] == ["F0", "2024-01-01", "20240101"] and clean[12][1] == "2024-01-12"
    rows[5][1] = "20240231"
    other = _write(tmp_path / "journal2.csv", rows)
    [left] = [f for f in check(other, plugins=PM).findings if f.type == "date-format"]
    assert left.count == 11 and not left.extra["converted"]
