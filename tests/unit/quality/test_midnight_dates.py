"""A column of dates exported as date-times at midnight (a database, pandas, Excel): the check says they are dates, and
`fix` writes the date alone, in both of its paths; a column with one other time is a column of date-times, left."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)

ASSOCIATIONS = [["Dénomination", "Localité", "Date de création"], ["Les Amis du Bocq", "Yvoir", "2012-03-15 00:00:00"],
                ["Club de pétanque", "Yvoir", "2015-06-01 00:00:00"], ["Cercle d'histoire", "Godinne", "1998-11-20 00:00:00"],
                ["Les Scouts", "Yvoir", ""], ["Comité des fêtes", "Purnode", "2019-01-10 00:00:00"]]


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


def column(path: Path, index: int) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[index] for row in list(csv.reader(handle))[1:]]


def test_dates_exported_at_midnight_are_said_and_written_alone(tmp_path: Path) -> None:
    source = write(tmp_path / "associations.csv", ASSOCIATIONS)
    found = [f for f in check(source, plugins=PM).findings if f.type == "midnight-dates"]
    assert [(f.field_name, f.row_number, f.extra["count"]) for f in found] == [("Date de création", 2, 4)]
    assert "aucune autre heure : ce sont des dates" in found[0].message("fr")
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert column(tmp_path / "propre.csv", 2) == ["2012-03-15", "2015-06-01", "1998-11-20", "", "2019-01-10"]
    assert "    ligne 2, Date de création : « 2012-03-15 00:00:00 » → « 2012-03-15 »" in result.preview("fr")


def test_local_dates_at_midnight_become_iso_dates_in_the_whole_table_path_too(tmp_path: Path) -> None:
    rows = [["Date", "Lieu", "Passages"], ["2023", "", ""]]
    rows += [[f"{d}/3/2023 00:00", f"Rue {d}", str(d * 10)] for d in range(1, 6)] + [["2024", "", ""]]
    rows += [[f"{d:02d}/03/2024 0:00", f"Rue {d}", str(d * 11)] for d in range(1, 6)]
    result = fix(write(tmp_path / "comptages.csv", rows), tmp_path / "propre.csv", plugins=PM)
    assert result.counts.get("sections-to-column")  # read whole
    assert column(tmp_path / "propre.csv", 1) == [f"2023-03-0{d}" for d in range(1, 6)] + [
        f"2024-03-0{d}" for d in range(1, 6)]


def test_one_other_time_makes_a_column_of_date_times(tmp_path: Path) -> None:
    rows = [["Intervention", "Début"], ["A", "15/03/2024 00:00"], ["B", "16/03/2024 14:05"], ["C", "17/03/2024 00:00"]]
    source = write(tmp_path / "interventions.csv", rows)
    assert not [f for f in check(source, plugins=PM).findings if f.type == "midnight-dates"]
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert column(tmp_path / "propre.csv", 1) == ["2024-03-15T00:00:00", "2024-03-16T14:05:00", "2024-03-17T00:00:00"]


def test_dates_alone_and_words_with_a_midnight_are_left(tmp_path: Path) -> None:
    rows = [["Dossier", "Date", "Remarque"], ["D1", "2024-03-15", "reçu le 2024-03-01 00:00"], ["D2", "2024-03-16", "à voir"],
            ["D3", "2024-03-17", "complet"], ["D4", "2024-03-18", "2024-03-02 00:00"]]
    report = check(write(tmp_path / "dossiers.csv", rows), plugins=PM)
    assert not [f for f in report.findings if f.type == "midnight-dates"]  # « Remarque »: one date in four
