"""The inventory with the real quality engine (and the Belgian plugin when installed)."""

from __future__ import annotations

from pathlib import Path

import pluggy
import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.inventory import check, discover, write_template

from .conftest import GOOD_ROWS, fill

pytest.importorskip("odwb_assist.quality.engine")


@pytest.fixture(scope="module")
def pm() -> pluggy.PluginManager:
    manager = get_plugin_manager(load_entrypoints=False)
    try:
        import odwb_assist_belgium  # the personal-data kinds of the Belgian plugin, when installed

        manager.register(odwb_assist_belgium, name="belgium")
    except ImportError:
        pass
    return manager


def test_round_trip_with_the_engine_has_no_finding(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    path = fill(write_template(tmp_path / "inventaire.xlsx"), GOOD_ROWS)
    report = check(path, plugins=pm)
    assert report.findings == [] and report.valid
    assert len(report.inventory.entries) == 3


def test_badly_filled_csv_with_the_engine(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    path = tmp_path / "inventaire.csv"
    path.write_text("Identifiant;Titre;Valeur (1-5);Statut;Date de publication\n"
                    "A;Parkings;4;publié;01/02/2026\nA;;haut;fini;2026-13-01\n", encoding="utf-8")
    report = check(path, "en", plugins=pm)
    located = {(f.row_number, f.field_name, f.type) for f in report.findings}
    assert {(3, "Identifiant", "inventory-duplicate-id"), (3, "Titre", "inventory-required-value"),
            (3, "Valeur (1-5)", "inventory-score"), (3, "Statut", "inventory-unknown-code"),
            (3, "Date de publication", "inventory-date")} <= located
    assert all(f.row_number is not None and f.field_name for f in report.findings)
    assert not report.valid and "Row 3" in report.render_text()


def test_discover_flags_people_files(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    folder = tmp_path / "donnees"
    folder.mkdir()
    (folder / "agents.csv").write_text("Nom,Courriel,GSM\nDupont,marie.dupont@gmail.com,0470123456\n"
                                       "Martin,paul.martin@skynet.be,0471234567\n", encoding="utf-8")
    (folder / "parkings.csv").write_text("nom;places\nGare;12\nPlace;8\n", encoding="utf-8")
    by_id = {e.identifier: e for e in discover(folder, plugins=pm)}
    assert by_id["agents"].personal_data == "oui" and by_id["parkings"].personal_data == ""
    assert by_id["parkings"].extra["rows"] == 2


def test_discover_flags_what_check_blocks_and_names_what_to_look_at(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    """A register of permits (applicants' names, the addresses of their houses: a ``home-addresses`` error that
    ``publish`` refuses) was proposed with no word of personal data: the discovery knew only older type names."""
    folder = tmp_path / "urbanisme"
    folder.mkdir()
    rows = ["N° dossier;Demandeur;Adresse du bien;Objet", "PU/1;Dupont Jean;Rue du Centre 12;Extension",
            "PU/2;Martin Marie;Rue de la Gare 4;Abattage", "PU/3;Lambert Luc;Place Monseu 2;Transformation",
            "PU/4;Renard Sophie;Rue Saint-Roch 9;Panneaux"]
    (folder / "permis.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    [entry] = discover(folder, plugins=pm)
    assert entry.personal_data == "oui" and "Adresse du bien (contrôle home-addresses)" in entry.remarks
    assert "Demandeur (contrôle person-names, à vérifier)" in entry.remarks


def test_discover_leaves_out_what_the_tool_wrote_reads_tab_text_and_takes_the_files_own_title(
        tmp_path: Path, pm: pluggy.PluginManager) -> None:
    """A folder after a workshop day: the clean file of ``fix`` and its side files, ``document``'s output folder
    (its CSV copy of a workbook among them), an export saved as Excel's « Texte Unicode » (UTF-16, tabs, .txt), and
    a table titled in its first line. The side files and the documentation are no datasets; the .txt is a table; the
    title line names the dataset better than the file's name."""
    from odwb_assist.quality import fix

    folder = tmp_path / "donnees"
    (folder / "documentation" / "arbres").mkdir(parents=True)
    rows = "".join(f"Rue {n};{n * 10}\n" for n in range(1, 21))
    (folder / "population.csv").write_text("Population par rue au 1er janvier 2024\n\nRue;Habitants\n" + rows +
                                           "Total;2100\n", encoding="utf-8")
    fix(folder / "population.csv", folder / "population-propre.csv")
    assert (folder / "population-propre.lignes-retirees.csv").is_file()
    for name in ("metadata.json", "payload.json", "datapackage.json"):
        (folder / "documentation" / "arbres" / name).write_text("{}", encoding="utf-8")
    (folder / "documentation" / "arbres" / "arbres.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    text = "Rue\tHabitants\r\n" + "".join(f"Rue {n}\t{n}\r\n" for n in range(1, 6))
    (folder / "export.txt").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    (folder / "lisez-moi.txt").write_text("Ces fichiers viennent du service population.\n", encoding="utf-8")
    by_id = {e.identifier: e for e in discover(folder, plugins=pm)}
    assert sorted(by_id) == ["export", "lisez-moi", "population", "population-propre"]
    assert by_id["population"].title == "Population par rue au 1er janvier 2024"
    assert by_id["population-propre"].title == "Population par rue au 1er janvier 2024"  # its original's
    assert by_id["export"].format == "CSV" and by_id["export"].extra["rows"] == 5
    assert by_id["lisez-moi"].format == "Autre" and "rows" not in by_id["lisez-moi"].extra
