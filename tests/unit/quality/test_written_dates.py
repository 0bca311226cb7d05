"""Dates written in words as French Excel and Word write them (« 15 janvier 2024 », « lundi 15 janvier 2024 »,
« 15-janv.-24 ») and year first (« 2024/01/15 »): reported by `date-format`, made ISO by its fix, in both paths."""

from __future__ import annotations

import csv
import random
import re
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from odwb_assist.checks.written_dates import WORDS, _iso, arrow_written
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
          "décembre"]
SHORT = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


@pytest.mark.parametrize(("text", "iso"), [
    ("15 janvier 2024", "2024-01-15"), ("1er mars 2024", "2024-03-01"), ("lundi 15 janvier 2024", "2024-01-15"),
    ("Mardi, 2 avril 2024", "2024-04-02"), ("12 Décembre 2024", "2024-12-12"), ("3 AOÛT 2023", "2023-08-03"),
    ("3 aout 2023", "2023-08-03"), ("15 fevrier 2024", "2024-02-15"), (" 15 janvier 2024 ", "2024-01-15"),
    ("15-janv.-24", "2024-01-15"), ("15-JANV-24", "2024-01-15"), ("15-déc.-99", "1999-12-15"),
    ("15 févr. 2024", "2024-02-15"), ("2024/01/15", "2024-01-15"), ("2024/1/5", "2024-01-05"),
    ("31 février 2024", ""), ("2024/13/01", ""), ("15 janvier", ""), ("15/01/2024", ""),
    ("janvier 2024", "2024-01"), ("Janv. 2024", "2024-01"), ("janv.-24", "2024-01"), ("févr.-24", "2024-02"),
    ("mars-24", "2024-03"), ("mai-99", "1999-05"), ("Décembre-2023", "2023-12"), ("AOÛT 2024", "2024-08"),
    ("mai 24", ""), ("Mai 68", ""), ("janvier", ""), ("mars 2024 à 14h", ""), ("Fête de juin 2024", ""),
    ("Rue du 15 août 1944", ""), ("15 janvier 2024 à 14h", ""), ("Jambes", ""),
    # a collection calendar's « lun. 06/01/2025 »: day first, and only when the weekday is the date's
    ("lun. 06/01/2025", "2025-01-06"), ("Mar 21/01/2025", "2025-01-21"), ("mercredi, 08/01/2025", "2025-01-08"),
    ("dim. 5/1/2025", "2025-01-05"), ("sam 11.01.2025", "2025-01-11"), ("mer. 09/01/2025", ""),
    ("lun. 32/01/2025", ""), ("lun. 06/01/25", ""), ("Lundi", ""),
    # Google Forms' responses: year first, a time, a 12-hour clock, a time zone
    ("2024/03/15 10:23:45 UTC+1", "2024-03-15T10:23:45+01:00"), ("2024/03/15 3:24:53 PM GMT+2", "2024-03-15T15:24:53+02:00"),
    ("2024/03/15 12:05:00 AM", "2024-03-15T00:05:00"), ("2024/3/5 9:07", "2024-03-05T09:07:00"),
    ("2024/03/15 10:23:45 UTC", "2024-03-15T10:23:45Z"), ("2024/03/15 10:23:45 GMT+05:30", "2024-03-15T10:23:45+05:30"),
    ("2024/02/30 10:00:00 UTC+1", ""), ("2024/03/15 13:00:00 PM", ""), ("2024/03/15 25:00", ""),
])
def test_one_value(text: str, iso: str) -> None:
    assert _iso(text) == iso


def test_pyarrow_and_python_agree() -> None:
    rnd = random.Random(3)
    texts = []
    for _ in range(3000):
        day, month = rnd.randint(0, 35), rnd.randrange(12)
        texts.append(rnd.choice([
            f"{day} {MONTHS[month]} {rnd.randint(1990, 2030)}", f"{day}-{SHORT[month]}-{rnd.randint(0, 99):02d}",
            f"{rnd.choice(['lundi', 'Samedi', 'dimanche,'])} {day} {MONTHS[month].upper()} 2024",
            f"{rnd.randint(1990, 2030)}/{rnd.randint(0, 14)}/{day}", f"{day}er {MONTHS[month]} 2024",
            f"Sentier du Bois {day}", f"{day} {MONTHS[month]}", f"{day}.{month + 1}.2024", "",
            f"{rnd.choice([MONTHS[month], SHORT[month]]).capitalize()} {rnd.randint(1990, 2030)}",
            f"{SHORT[month]}-{rnd.randint(0, 99):02d}", f"{MONTHS[month]} {day}", f"{SHORT[month]}{day}",
            f"{rnd.choice(['lun.', 'Mar', 'mercredi,', 'dim'])} {day:02d}/{month + 1:02d}/2025",
            f"2024/{month + 1}/{day} {rnd.randint(0, 25)}:{rnd.randint(0, 61):02d}:{rnd.randint(0, 59):02d}"
            f"{rnd.choice(['', ' AM', ' pm', ' UTC', ' UTC+1', ' GMT-05:30', ' GMT+2'])}",
            # what opens with a digit and names no month: phone numbers, amounts, year-first look-alikes
            f"04{day:02d}/{month:02d}.{day:02d}.{month:02d}", f"0{day}/{month}/{rnd.randint(10, 99)}",
            f"{rnd.randint(1000, 9999)}/{month}/{day}x", f"{day:02d}{month:02d}/1/2", f"{day},{month} €",
        ]))
    python = [re.fullmatch(WORDS, text) is not None for text in texts]
    assert arrow_written(pa.array(texts)).tolist() == python
    assert sum(python) > 1000


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


ROWS = [["dossier", "decision", "echeance", "adresse"],
        ["D1", "15 janvier 2024", "15-janv.-24", "Rue du 15 août 1944"],
        ["D2", "lundi 4 mars 2024", "04-mars-24", "Place de l'Église 3"],
        ["D3", "1er juillet 2024", "01-juil.-24", "12 rue Haute"],
        ["D4", "", "2024/12/31", "Avenue Reine Astrid 8"]]


def test_check_reports_them_and_fix_makes_them_iso(tmp_path: Path) -> None:
    source = write(tmp_path / "decisions.csv", ROWS)
    found = {f.field_name: f.extra["count"] for f in check(source, plugins=PM).findings if f.type == "date-format"}
    assert found == {"decision": 3, "echeance": 4}
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.counts["date-format"] == 7
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle))
    assert [row[1:] for row in written[1:]] == [
        ["2024-01-15", "2024-01-15", "Rue du 15 août 1944"], ["2024-03-04", "2024-03-04", "Place de l'Église 3"],
        ["2024-07-01", "2024-07-01", "12 rue Haute"], ["", "2024-12-31", "Avenue Reine Astrid 8"]]
    assert not [f for f in check(tmp_path / "propre.csv", plugins=PM).findings if f.type == "date-format"]


def test_the_whole_table_path_converts_them_too(tmp_path: Path) -> None:
    rows = [ROWS[0], ["2023", "", "", ""], *ROWS[1:3], ["2024", "", "", ""], *ROWS[3:]]  # sections: read whole
    result = fix(write(tmp_path / "par-annee.csv", rows), tmp_path / "propre.csv", plugins=PM)
    assert result.counts.get("sections-to-column") and result.counts["date-format"] == 7
    text = (tmp_path / "propre.csv").read_text(encoding="utf-8")
    assert "2024-03-04" in text and "janv" not in text and "Rue du 15 août 1944" in text


def test_months_named_with_their_year_are_their_own_finding_and_become_iso_months(tmp_path: Path) -> None:
    rows = [["Mois", "Consommation (kWh)", "Relevé"], ["janv.-24", "1200", "15/01/2024"], ["févr.-24", "1100", "14/02/2024"],
            ["mars-24", "950", "15/03/2024"], ["avril 2024", "800", "15 avril 2024"]]
    source = write(tmp_path / "consommation.csv", rows)
    found = {f.field_name: f for f in check(source, plugins=PM).findings if f.type == "date-format"}
    assert found["Mois"].extra["count"] == 4 and found["Relevé"].extra["count"] == 4
    assert "mois écrit(s) avec leur nom" in found["Mois"].message("fr") and "AAAA-MM" in found["Mois"].tip("fr")
    assert "month(s) written with their name" in found["Mois"].message("en")
    assert "date(s) au format local" in found["Relevé"].message("fr")
    fix(source, tmp_path / "propre.csv", plugins=PM)
    lines = (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1:] == ["2024-01,1200,2024-01-15", "2024-02,1100,2024-02-14", "2024-03,950,2024-03-15",
                         "2024-04,800,2024-04-15"]


def test_a_collection_calendar_s_dates_with_their_weekday(tmp_path: Path) -> None:
    """« lun. 06/01/2025 »: said, and written ISO by the fix; a weekday that is not the date's is said apart
    (``weekday-mismatch``) and left as it is."""
    rows = [["Secteur", "Date", "Collecte"], ["Centre", "lun. 06/01/2025", "PMC"], ["Centre", "lun. 13/01/2025", "Papiers"],
            ["Leignon", "mer. 08/01/2025", "Organiques"], ["Leignon", "mer. 16/01/2025", "Résiduels"]]
    source = write(tmp_path / "collectes.csv", rows)
    report = check(source, plugins=PM)
    [found] = report.by_type()["date-format"]
    assert (found.field_name, found.count) == ("Date", 3)
    [wrong] = report.by_type()["weekday-mismatch"]  # said apart: the fix does not rewrite it
    assert (wrong.row_number, wrong.cell) == (5, "mer. 16/01/2025")
    fix(source, tmp_path / "propre.csv", plugins=PM)
    dates = [line.split(",")[1] for line in (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[1:]]
    assert dates == ["2025-01-06", "2025-01-13", "2025-01-08", "mer. 16/01/2025"]  # the 16th is a Thursday


def test_a_google_forms_export_s_timestamps_become_iso_date_times(tmp_path: Path) -> None:
    rows = [["Horodateur", "Quel est votre quartier ?", "Satisfaction (1 à 5)"]] + [
        [f"2024/03/{day:02d} {8 + day % 12}:{day:02d}:07 UTC+1", "Jambes", str(1 + day % 5)] for day in range(1, 21)]
    source = write(tmp_path / "reponses.csv", rows)
    [said] = [f for f in check(source, plugins=PM).findings if f.type == "date-format"]
    assert (said.field_name, said.count) == ("Horodateur", 20)
    fix(source, tmp_path / "propre.csv", plugins=PM)
    clean = list(csv.reader((tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()))
    assert clean[1][0] == "2024-03-01T09:01:07+01:00" and clean[20][0] == "2024-03-20T16:20:07+01:00"


# an agenda typed by hand: two dates whose weekday is not theirs (14/01/2025 and 15 March 2024 are a Tuesday and a
# Friday), the others right
AGENDA = ["Activité;Date;Lieu", "Collecte PMC;lun. 06/01/2025;Rue Haute", "Collecte papier;mar. 07/01/2025;Rue Basse",
          "Collecte PMC;lun. 14/01/2025;Rue Haute", "Collecte verre;jeu. 09/01/2025;Rue Basse",
          "Conseil communal;lundi 15 mars 2024;Hôtel de ville", "Marché;vendredi 15 mars 2024;Place"]


@pytest.mark.parametrize("chunk_rows", [None, 2])
def test_a_weekday_that_is_not_the_dates_is_said_apart_and_left_by_the_fix(tmp_path: Path,
                                                                           chunk_rows: int | None) -> None:
    source = tmp_path / "agenda.csv"
    source.write_text("\n".join(AGENDA) + "\n", encoding="utf-8")
    report = check(source, plugins=PM, chunk_rows=chunk_rows)
    [wrong] = report.by_type()["weekday-mismatch"]
    assert (wrong.field_name, wrong.count, wrong.row_number, wrong.cell) == ("Date", 2, 4, "lun. 14/01/2025")
    assert "un mardi) : le jour ou la date est faux" in wrong.message.fr and "a Tuesday" in wrong.message.en
    [dates] = report.by_type()["date-format"]
    assert dates.count == 4  # the others: the fix rewrites them
    out = tmp_path / "propre.csv"
    fix(source, out, plugins=PM)
    with out.open(encoding="utf-8", newline="") as handle:
        written = [row[1] for row in list(csv.reader(handle))[1:]]
    assert written == ["2025-01-06", "2025-01-07", "lun. 14/01/2025", "2025-01-09", "lundi 15 mars 2024", "2024-03-15"]
    again = check(out, plugins=PM)
    assert [f.type for f in again.findings if f.field_name == "Date"] == ["weekday-mismatch"]


def test_a_long_date_is_read_only_with_its_own_weekday() -> None:
    assert _iso("mardi 15 janvier 2024") == "" and _iso("lundi 15 janvier 2024") == "2024-01-15"
    assert _iso("Vendredi 15 mars 2024") == "2024-03-15" and _iso("lundi 31 février 2024") == ""
