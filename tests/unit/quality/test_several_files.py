"""« odwb-assist check a.csv b.xlsx » or a folder: one report per file, a line per file in the terminal, every report
in JSON; a file that cannot be read is said with its reason and the others go on; the exit code is the worst one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from odwb_assist.core.errors import InputError
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check_files
from odwb_assist.quality.several_files import table_files

PM = get_plugin_manager(load_entrypoints=False)
CLI = Callable[..., tuple[int, str, str]]


def _folder(root: Path) -> Path:
    """A service's shared folder of exports, as it is: tables, a clean copy with its side file, a PDF, a lock file."""
    exports = root / "exports"
    (exports / "2024").mkdir(parents=True)
    (exports / "salles.csv").write_text("Salle;Capacité\nSalle des fêtes;350\nSalle du village;80\n", encoding="utf-8")
    (exports / "2024" / "budget.csv").write_text("Article;Montant\n104/123-48;1250\nTotal;1250\n", encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.append(["Commune", "Population"])
    book.active.append(["Namur", 112000])
    book.save(exports / "population.xlsx")
    (exports / "propre.csv").write_text("Salle,Capacité\nSalle des fêtes,350\n", encoding="utf-8")
    (exports / "propre.lignes-retirees.csv").write_text("ligne_origine,motif\n4,Ligne de total\n", encoding="utf-8")
    (exports / "~$population.xlsx").write_bytes(b"lock")
    (exports / ".cache.csv").write_text("a\n1\n", encoding="utf-8")
    (exports / "rapport.pdf").write_bytes(b"%PDF-1.4\n")
    documented = exports / "documentation" / "population"  # what « document » wrote: a CSV copy, its metadata
    documented.mkdir(parents=True)
    (documented / "population.csv").write_text("Commune,Population\nNamur,112000\n", encoding="utf-8")
    (documented / "metadata.json").write_text("{}", encoding="utf-8")
    (documented / "payload.json").write_text("{}", encoding="utf-8")
    return exports


def test_a_folder_stands_for_its_tables(tmp_path: Path) -> None:
    exports = _folder(tmp_path)
    assert [path.relative_to(exports).as_posix() for path in table_files([exports])] == [
        "2024/budget.csv", "population.xlsx", "propre.csv", "salles.csv"]  # no side file, lock file, hidden file, PDF,
    # nor the copy « document » wrote into its output folder (it was checked as one of the service's tables)
    assert table_files([exports / "salles.csv", exports, exports / "salles.csv"])[0] == exports / "salles.csv"
    assert len(table_files([exports / "salles.csv", exports])) == 4  # each file once
    (tmp_path / "vide").mkdir()
    with pytest.raises(InputError, match="ne contient aucun tableau"):
        table_files([tmp_path / "vide"])
    with pytest.raises(InputError, match="n'existe pas"):
        table_files([tmp_path / "absent.csv"])


def test_each_file_is_checked_on_its_own(tmp_path: Path) -> None:
    exports = _folder(tmp_path)
    pdf = exports / "rapport.pdf"
    result = check_files([exports, pdf], plugins=PM)
    by_name = {Path(item.source).name: item for item in result.files}
    assert by_name["salles.csv"].status == "checked" and by_name["salles.csv"].exit_code == 0
    budget = by_name["budget.csv"]
    assert budget.report is not None and "total-row" in budget.report.stats and budget.exit_code == 1
    assert by_name["rapport.pdf"].status == "unreadable" and by_name["rapport.pdf"].exit_code == 2
    assert by_name["rapport.pdf"].message is not None and "PDF" in by_name["rapport.pdf"].message("fr")
    assert result.exit_code == 2 and not result.valid
    data = json.loads(result.to_json("fr"))
    assert data["version"] == 1 and data["valid"] is False
    assert [item["status"] for item in data["files"]] == ["checked", "checked", "checked", "checked", "unreadable"]
    assert data["files"][0]["report"]["rows"] == 2 and "message" in data["files"][-1]  # 2024/budget.csv first


def test_the_cli_says_one_line_per_file(tmp_path: Path, cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    exports = _folder(tmp_path)
    monkeypatch.chdir(exports)
    code, out, err = cli("check", ".", "rapport.pdf")
    assert code == 2 and err == ""
    lines = out.splitlines()
    assert lines[0] == "5 fichier(s) vérifié(s) :"
    assert "  ✗ 2024/budget.csv — 2 ligne(s), 1 erreur(s)" in lines  # a path under the current folder, as typed
    assert any(line.startswith("      Ligne de total ×1") for line in lines)
    assert "  ✓ salles.csv — 2 ligne(s)" in lines
    assert any(line.startswith("  ? rapport.pdf — illisible : rapport.pdf est un document PDF") for line in lines)
    assert lines[-2:] == ["✗ 1 fichier(s) avec des erreurs à corriger ; 1 illisible(s).",
                          "Le détail d'un fichier : odwb-assist check FICHIER"]
    # a plugin's kind of error is named by its own title (the Belgian plugin's, installed with the project)
    (exports / "asbl.csv").write_text("Association;Numéro d'entreprise\nLes Amis du Parc;0590.580.989\n"
                                      "Judo Club;0790.916.173\n", encoding="utf-8")
    code, out, _ = cli("check", "asbl.csv", "salles.csv")
    assert code == 1 and "      Numéro d'entreprise (BCE) non valide ×2" in out.splitlines()
    code, out, _ = cli("check", "salles.csv", "population.xlsx", "--lang", "en")
    assert code == 0 and out.splitlines()[-1] == "✓ No blocking error."
    code, out, _ = cli("check", "salles.csv", "2024/budget.csv", "--format", "json", "--output", str(tmp_path / "r.json"))
    assert code == 1 and [f["status"] for f in json.loads((tmp_path / "r.json").read_text("utf-8"))["files"]] == [
        "checked", "checked"]
    code, _, err = cli("check", "salles.csv", "population.xlsx", "--format", "xlsx")
    assert code == 2 and "avec plusieurs fichiers, choisissez le format text, json ou html" in err
    code, _, err = cli("check", "salles.csv", "population.xlsx", "--sheet", "all")
    assert code == 2 and "--sheet vaut pour un seul classeur" in err
    code, out, _ = cli("check", "salles.csv", "2024/budget.csv", "--format", "html", "--output", str(tmp_path / "r.html"))
    page = (tmp_path / "r.html").read_text("utf-8")
    assert code == 1 and page.count('<h2 id="fichier-') == 2 and "2024/budget.csv" in page
