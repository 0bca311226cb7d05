from __future__ import annotations

from pathlib import Path

import openpyxl

from odwb_assist.core.findings import Finding, Severity
from odwb_assist.core.i18n import Msg
from odwb_assist.inventory import InventoryEntry, discover, merge, read

from .conftest import FakeEngine, FakeReport


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "donnees"
    (folder / "rh").mkdir(parents=True)
    (folder / "parkings_velos.csv").write_text("nom;places;latitude\nGare;12;50.29\nPlace;8;50.30\n", encoding="utf-8")
    (folder / "rh" / "agents.csv").write_text(
        "Nom,Prénom,Email,Téléphone\nDupont,Marie,marie.dupont@x.be,0470123456\n", encoding="utf-8")
    wb = openpyxl.Workbook()
    wb.active.append(["rue", "arbres"])
    wb.active.append(["Rue Haute", 3])
    wb.save(folder / "arbres.xlsx")
    (folder / "rapport.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "x.csv").write_text("a\n1\n", encoding="utf-8")
    (folder / "~$arbres.xlsx").write_bytes(b"lock")
    (folder / "notes.bin").write_bytes(b"\x00")
    return folder


def test_discover_proposes_rows_with_personal_flags(tmp_path: Path) -> None:
    entries = discover(_folder(tmp_path), engine=None, reader=None)
    by_id = {e.identifier: e for e in entries}
    assert sorted(by_id) == ["agents", "arbres", "parkings-velos", "rapport"]
    agents = by_id["agents"]
    assert agents.personal_data == "oui"
    assert "Prénom" in agents.remarks and "Email" in agents.remarks and "Téléphone" in agents.remarks
    assert agents.volume.startswith("1 lignes × 4 colonnes")
    assert agents.extra["columns"] == ["Nom", "Prénom", "Email", "Téléphone"]
    parkings = by_id["parkings-velos"]
    assert parkings.personal_data == "" and parkings.format == "CSV" and parkings.title == "Parkings velos"
    assert parkings.status == "identifié" and "parkings_velos.csv" in parkings.remarks
    assert by_id["arbres"].format == "Excel" and by_id["arbres"].extra["rows"] == 1
    assert by_id["rapport"].format == "PDF" and "rows" not in by_id["rapport"].extra


def test_discover_uses_the_engine_kinds_and_personal_findings(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "inscriptions.csv").write_text("ident,contact\n85073003328,a@b.be\n", encoding="utf-8")
    finding = Finding("be-national-number", Severity.ERROR, Msg("m", "m"), Msg("t", "t"), row_number=2,
                      field_name="ident")
    engine = FakeEngine(FakeReport([finding], kinds={"contact": "personal-email"}))
    [entry] = discover(folder, engine=engine, reader=None)
    assert entry.personal_data == "oui"
    assert entry.extra["kinds"] == {"contact": "personal-email"}
    assert {s["column"] for s in entry.extra["personal_signals"]} == {"ident", "contact"}
    assert engine.calls[0]["source"].endswith("inscriptions.csv")


def test_unreadable_file_still_gets_a_row(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "casse.xlsx").write_bytes(b"not really excel")
    [entry] = discover(folder, engine=None, reader=None)
    assert "Lecture incomplète : le fichier n'a pas pu être lu (abîmé" in entry.remarks
    assert "BadZipFile" not in entry.remarks and "zip" not in entry.remarks  # no library's English


def test_merge_never_overwrites_user_values(tmp_path: Path) -> None:
    existing = [
        InventoryEntry(identifier="INV-1", title="Parkings vélos", format="Excel", status="nettoyé", value=5),
        InventoryEntry(identifier="agents", title="Personnel", remarks="à ne pas publier"),
    ]
    proposed = discover(_folder(tmp_path), engine=None, reader=None)
    merged = merge(existing, proposed)
    assert existing[0].volume == ""  # inputs untouched
    first, second = merged[0], merged[1]
    assert (first.identifier, first.format, first.status, first.value) == ("INV-1", "Excel", "nettoyé", 5)
    assert first.volume.startswith("2 lignes")  # an empty cell was completed
    assert second.remarks == "à ne pas publier" and second.personal_data == "oui"
    assert [e.identifier for e in merged[2:]] == ["arbres", "rapport"]


def test_merge_gives_new_rows_unique_ids() -> None:
    merged = merge([InventoryEntry(identifier="x", title="A")], [InventoryEntry(identifier="X", title="B")])
    assert [(e.identifier, e.title) for e in merged] == [("x", "A")]  # same identifier: the same row, title kept
    merged = merge([InventoryEntry(identifier="y", title="A")], [InventoryEntry(identifier="z", title="B"),
                                                                 InventoryEntry(identifier="z", title="C")])
    assert [e.identifier for e in merged] == ["y", "z", "z-2"]


def test_discovered_rows_round_trip_through_the_workbook(tmp_path: Path) -> None:
    from odwb_assist.inventory import write_inventory

    entries = discover(_folder(tmp_path), engine=None, reader=None)
    out = write_inventory(entries, tmp_path / "inv.xlsx")
    inventory = read(out, engine=None)
    assert inventory.valid and len(inventory.entries) == 4


def test_big_tables_are_listed_without_being_read(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "gros.csv").write_text("a,b\n" + "1,2\n" * 100, encoding="utf-8")
    engine = FakeEngine()
    [entry] = discover(folder, engine=engine, reader=None, max_bytes=100)
    assert engine.calls == [] and "non analysé" in entry.remarks and entry.volume.endswith("o")


def test_engine_rows_and_fields_avoid_a_second_read(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "t.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    report = FakeReport()
    report.rows, report.fields = 1, ["a", "b"]

    def no_reader(path: str) -> None:
        raise AssertionError("the table was read twice")

    [entry] = discover(folder, engine=FakeEngine(report), reader=no_reader)
    assert entry.extra["rows"] == 1 and entry.extra["columns"] == ["a", "b"]


def test_merging_twice_adds_nothing_even_after_renaming(tmp_path: Path) -> None:
    from odwb_assist.inventory import write_inventory

    proposals = discover(_folder(tmp_path), engine=None, reader=None)
    first = read(write_inventory(merge([], proposals), tmp_path / "inv.xlsx"), engine=None).entries
    first[0].identifier, first[0].title = "INV-9", "Personnel communal"  # the user renamed the row
    again = merge(first, discover(_folder(tmp_path / "again"), engine=None, reader=None))
    assert len(again) == len(first) and again[0].identifier == "INV-9"
