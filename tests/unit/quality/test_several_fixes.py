"""« odwb-assist fix exports/ --output propre/ »: one clean copy per table, in a folder that keeps the layout; a file
that cannot be read is said with its reason and the others go on; nothing of the originals is touched."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from odwb_assist.core.errors import FixError
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import fix_files

PM = get_plugin_manager(load_entrypoints=False)
CLI = Callable[..., tuple[int, str, str]]


def _exports(root: Path) -> Path:
    """A folder of exports: a budget with a total row (in a subfolder), rooms, the same table as CSV and XLSX, a
    lock file, a PDF, an empty CSV."""
    exports = root / "exports"
    (exports / "2024").mkdir(parents=True)
    (exports / "2024" / "budget.csv").write_text("Article;Montant\n104/123-48;1 250,50\n104/123-49;80\nTotal;1 330,50\n",
                                                 encoding="cp1252")
    (exports / "salles.csv").write_text("Salle;Capacité\nSalle des fêtes;350\nSalle du village;80\n", encoding="utf-8")
    (exports / "population.csv").write_text("Commune;Population\nNamur;112000\n", encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.append(["Commune", "Population"])
    book.active.append(["Namur", 112000])
    book.save(exports / "population.xlsx")
    (exports / "~$population.xlsx").write_bytes(b"lock")
    (exports / "rapport.pdf").write_bytes(b"%PDF-1.4\n")
    (exports / "vide.csv").write_bytes(b"")
    return exports


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_each_table_gets_its_clean_copy_in_the_output_folder(tmp_path: Path) -> None:
    exports = _exports(tmp_path)
    before = _snapshot(exports)
    result = fix_files([exports], tmp_path / "propre", plugins=PM)
    assert _snapshot(exports) == before  # the originals untouched
    by_name = {Path(item.source).relative_to(exports).as_posix(): item for item in result.files}
    assert list(by_name) == ["2024/budget.csv", "population.csv", "population.xlsx", "salles.csv", "vide.csv"]
    assert {name: Path(item.target).relative_to(tmp_path / "propre").as_posix() for name, item in by_name.items()} == {
        "2024/budget.csv": "2024/budget.csv", "population.csv": "population.csv",
        "population.xlsx": "population.xlsx.csv",  # the same name as population.csv's copy: its extension kept
        "salles.csv": "salles.csv", "vide.csv": "vide.csv"}
    assert _rows(tmp_path / "propre" / "2024" / "budget.csv") == [["Article", "Montant"], ["104/123-48", "1250.50"],
                                                                  ["104/123-49", "80"]]
    assert _rows(tmp_path / "propre" / "2024" / "budget.lignes-retirees.csv")[1][:2] == ["4", "Supprimer les lignes de total"]
    assert _rows(tmp_path / "propre" / "population.xlsx.csv") == [["Commune", "Population"], ["Namur", "112000"]]
    assert by_name["vide.csv"].status in {"empty", "unreadable"} and by_name["vide.csv"].exit_code == 2
    assert not (tmp_path / "propre" / "vide.csv").exists()
    assert [item.exit_code for item in result.files if item.result is not None] == [0, 0, 0, 0]
    assert result.exit_code == 2


def test_a_dry_run_writes_nothing_and_a_second_run_leaves_the_output_inside_out(tmp_path: Path) -> None:
    exports = _exports(tmp_path)
    result = fix_files([exports], exports / "propre", dry_run=True, plugins=PM)
    assert not (exports / "propre").exists() and len(result.files) == 5
    fix_files([exports], exports / "propre", plugins=PM)
    again = fix_files([exports], exports / "propre", plugins=PM)  # the clean copies inside are no tables to fix
    assert [Path(item.source).parent.name for item in again.files] == ["2024", "exports", "exports", "exports",
                                                                       "exports"]


def test_the_output_is_a_folder_apart_from_the_originals(tmp_path: Path) -> None:
    exports = _exports(tmp_path)
    with pytest.raises(FixError, match="est le dossier d'origine"):
        fix_files([exports], exports, plugins=PM)
    with pytest.raises(FixError, match="--output nomme un dossier"):
        fix_files([exports], exports / "salles.csv", plugins=PM)


def test_the_cli_says_one_line_per_file(tmp_path: Path, cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    exports = _exports(tmp_path)
    (exports / "asbl.csv").write_text("Association;Numéro d'entreprise\nLes Amis du Parc;0590.580.989\n",
                                      encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("fix", "exports", "exports/rapport.pdf", "--output", "propre")
    assert code == 2 and err == ""
    lines = out.splitlines()
    assert lines[0] == "7 fichier(s) corrigé(s) dans propre (les originaux sont inchangés) :"
    assert "  ✓ exports/2024/budget.csv → propre/2024/budget.csv — 2 correction(s) ; mis de côté : 1 ligne(s)" in lines
    assert "  ✗ exports/asbl.csv → propre/asbl.csv — aucune cellule à corriger" in lines
    assert "      reste à corriger à la main : Numéro d'entreprise (BCE) non valide ×1" in lines
    assert any(line.startswith("  ? exports/rapport.pdf — illisible : rapport.pdf est un document PDF") for line in lines)
    assert "✗ 1 copie(s) propre(s) avec des erreurs à corriger à la main ; 2 illisible(s)." in lines
    assert lines[-1].endswith("vérifiez les copies : odwb-assist check propre")
    code, out, _ = cli("--lang", "en", "fix", "exports/salles.csv", "exports/population.xlsx", "-o", "clean")
    assert code == 0 and "✓ No blocking error in the clean copies." in out
    assert sorted(path.name for path in (tmp_path / "clean").iterdir()) == ["population.csv", "salles.csv"]
    code, _, err = cli("fix", "exports", "-o", "p2", "--sheet", "all")
    assert code == 2 and "--sheet vaut pour un seul classeur" in err
    code, _, err = cli("fix", "exports", "-o", "p2", "--journal", "j.csv")
    assert code == 2 and "--journal vaut pour un seul fichier" in err and not (tmp_path / "p2").exists()
    code, _, err = cli("fix", "exports", "-o", "exports")
    assert code == 2 and "est le dossier d'origine" in err


def test_one_file_into_a_folder_takes_its_own_name(tmp_path: Path, cli: CLI) -> None:
    exports = _exports(tmp_path)
    (tmp_path / "propre").mkdir()
    code, out, _ = cli("fix", str(exports / "population.xlsx"), "--output", str(tmp_path / "propre"))
    assert code == 0 and (tmp_path / "propre" / "population.csv").exists()
    assert f"Fichier propre écrit : {tmp_path / 'propre' / 'population.csv'}" in out


def test_the_cli_says_cells_of_long_rows_as_cells(tmp_path: Path, cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    for name in ("clubs.csv", "salles.csv"):
        (exports / name).write_text("Nom;Rue;Code postal\nPatro de Ciney;Rue du Commerce 12;5590;x\n"
                                    "Chorale;Place Monseigneur Cardijn 3;5590\nPétanque;Rue Haute 4;5590;;y;z\n"
                                    "Les Amis de Leignon;Rue du Centre 1;5590\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("fix", "exports", "--output", "propre")
    assert (code, err) == (0, "")
    assert ("  ✓ exports/clubs.csv → propre/clubs.csv — 0 correction(s) ; mis de côté : 3 cellule(s) au-delà de "
            "l'en-tête") in out.splitlines()
    code, out, err = cli("--lang", "en", "fix", "exports", "--output", "propre")
    assert "  ✓ exports/salles.csv → propre/salles.csv — 0 correction(s); set aside: 3 cell(s) beyond the header" \
        in out.splitlines()
