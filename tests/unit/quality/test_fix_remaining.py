"""``fix`` says what its clean file still holds that no fix takes out (« Reste à corriger ») and exits 1:
« Fichier propre écrit » is never a green tick over two stacked tables or unknown NIS codes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from odwb_assist.core.contract import Change, FixContext
from odwb_assist.core.i18n import Msg
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix, fix_engine

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager()  # with the Belgian plugin


def _csv(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


STACKED = [["Commune", "Population", "Superficie"], ["Namur", "112000", "175,7"], ["Liège", "195000", "69,4"],
           [], ["Commune", "Naissances", "Décès"], ["Namur", "1200", "1100"], ["Liège", "2300", "2100"]]


def test_two_stacked_tables_are_left_to_correct_and_said(tmp_path: Path) -> None:
    result = fix(_csv(tmp_path / "t.csv", STACKED), tmp_path / "propre.csv", plugins=PM)
    assert result.written and [f.type for f in result.remaining] == ["stacked-tables"]
    preview = result.preview("fr")
    assert "Reste à corriger :" in preview
    assert "Un second tableau sous le premier — 1 erreur (stacked-tables) : ligne 5 — à la main" in preview
    assert "Virgule décimale → point : 2" in preview  # what was fixed is still shown
    english = result.preview("en")
    assert "Left to correct:" in english and "A second table under the first — 1 error (stacked-tables): row 5 — by " \
        "hand" in english and "Reste" not in english
    assert result.to_dict()["remaining"][0]["type"] == "stacked-tables"
    assert "1 erreur(s) restent à corriger" in repr(result)


def test_the_cli_exits_1_when_errors_are_left_and_0_when_every_error_was_fixed(tmp_path: Path, cli) -> None:
    code, out, _ = cli("fix", _csv(tmp_path / "t.csv", STACKED), "-o", tmp_path / "propre.csv")
    assert code == 1 and "Fichier propre écrit" in out and "Reste à corriger :" in out
    assert (tmp_path / "propre.csv").exists()  # written all the same: what could be fixed is
    assert "odwb-assist check" in out  # the fix did not run every check: the clean file is to be checked
    fixable = [["Liste des subsides 2024", "", ""], ["Commune", "Montant", "Date"], ["Namur", "12,5", "31/01/2024"],
               ["Ciney", "1 250,75", "01/02/2024"], ["Total", "1263,25", ""]]
    code, out, _ = cli("fix", _csv(tmp_path / "s.csv", fixable), "-o", tmp_path / "propre2.csv")
    assert code == 0 and "Reste à corriger" not in out
    assert not [f for f in check(tmp_path / "propre2.csv").findings if f.severity == "error"]


def test_wrong_codes_are_left_with_their_rows_and_a_retired_one_is_fixed(tmp_path: Path) -> None:
    rows = [["Commune", "Code INS", "Montant"]] + [["Namur", "92094", "10"]] * 20
    rows += [["Somme-Leuze", "91120", "12"], ["Nulle part", "99999", "3"], ["Namur", "920", "4"]]
    result = fix(_csv(tmp_path / "c.csv", rows), tmp_path / "propre.csv", plugins=PM)
    assert result.counts.get("be-nis-replace-retired") is None  # nothing retired here
    left = {f.type: f for f in result.remaining}
    assert set(left) == {"be-nis-unknown", "be-nis-invalid"}
    assert list(left["be-nis-unknown"].all_rows) == [23] and list(left["be-nis-invalid"].all_rows) == [24]
    assert "colonne « Code INS », ligne 23" in result.preview("fr")
    retired = [["Commune", "Code INS"], ["Les Bons Villers", "52075"]] + [["Namur", "92094"]] * 10 + [["X", "82003"]]
    result = fix(_csv(tmp_path / "r.csv", retired), tmp_path / "propre-r.csv", plugins=PM)
    assert result.counts.get("be-nis-replace-retired") and not any(f.type == "be-nis-retired" for f in result.remaining)


def test_an_error_on_a_row_fix_removed_is_not_left(tmp_path: Path) -> None:
    # a row of technical names under the titles: « code_postal » reads as a wrong postal code, and the row goes
    rows = [["Commune", "Code postal", "Population"], ["commune", "code_postal", "population"]]
    rows += [["Namur", "5000", "113000"], ["Andenne", "5300", "27000"], ["Ciney", "5590", "16000"]] * 4
    result = fix(_csv(tmp_path / "t.csv", rows), tmp_path / "propre.csv", plugins=PM)
    assert 2 in {row for row, _ in result.removed_rows}
    assert not result.remaining


def test_an_error_whose_fix_was_not_chosen_is_left(tmp_path: Path, cli) -> None:
    rows = [["Commune", "Montant"], ["Namur", "12,5"], ["Ciney", "3,5"], ["Total", "16,0"]]
    result = fix(_csv(tmp_path / "t.csv", rows), tmp_path / "propre.csv", plugins=PM, fixes=["decimal-comma"])
    assert [f.type for f in result.remaining] == ["total-row"]
    assert "1 erreur (total-row) : colonne « Commune », ligne 4 — la correction « drop-total-rows » s'en chargerait " \
           "(non choisie)" in result.preview("fr")
    result = fix(_csv(tmp_path / "t.csv", rows), tmp_path / "propre-2.csv", plugins=PM)
    assert not result.remaining and result.counts["drop-total-rows"] == 1


def test_the_partial_check_says_the_errors_left_as_the_whole_check_does(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [["Commune", "Courriel", "Code INS"]] + [[f"Namur {n}", f"info{n}@namur.be", "92094"] for n in range(10)]
    rows += [["Ciney", "jean.dupont@gmail.com", "99999"]] + STACKED[3:]
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    partial = fix(_csv(tmp_path / "t.csv", rows), tmp_path / "a" / "propre.csv", plugins=PM)
    monkeypatch.setattr(fix_engine, "_read_types", lambda chosen, *available: None)
    whole = fix(tmp_path / "t.csv", tmp_path / "b" / "propre.csv", plugins=PM)
    assert not partial.checked_all and whole.checked_all
    said, all_said = {f.type for f in partial.remaining}, {f.type for f in whole.remaining}
    # every check that may report an error runs: the partial check says the same errors as the whole one
    assert said == all_said and {"be-nis-unknown", "stacked-tables", "personal-email"} <= said
    on_clean = {f.type for f in check(tmp_path / "b" / "propre.csv", plugins=PM).findings if f.severity == "error"}
    assert all_said <= on_clean


class _Resolving:
    """A plugin's fix that says it takes out the plugin's error type."""

    name = "strip-stars"
    label = Msg("Retirer les étoiles", "Strip stars")
    reads = ()
    resolves = ("star-cell",)

    def apply(self, table, context: FixContext):
        changes = []
        for column in table.columns:
            for index, value in table[column].items():
                if isinstance(value, str) and value.startswith("*"):
                    changes.append(Change(self.name, int(index), column, value, value.lstrip("*")))
                    table.at[index, column] = value.lstrip("*")
        return table, changes


def test_a_plugin_fix_says_what_it_resolves() -> None:
    from odwb_assist.core.findings import Finding, Severity
    from odwb_assist.core.fix_contract import resolved_by
    from odwb_assist.quality.fix_remaining import remaining_errors

    star = Finding("star-cell", Severity.ERROR, Msg("*", "*"), Msg("", ""), row_number=3, field_name="a")
    other = Finding("stacked-tables", Severity.ERROR, Msg("", ""), Msg("", ""), row_number=5)
    report = type("R", (), {"findings": [star, other]})()
    assert resolved_by(_Resolving()) == {"star-cell"}
    assert remaining_errors(report, [_Resolving()], {"strip-stars": 2}, []) == [other]  # type: ignore[arg-type]
    assert remaining_errors(report, [_Resolving()], {}, []) == [star, other]  # changed nothing: resolved nothing
    assert remaining_errors(report, [_Resolving()], {}, [3, 5]) == []  # both rows removed by another fix


def test_a_file_without_data_is_left_without_a_word_on_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "vide.csv"
    path.write_text("Commune;Population\n", encoding="utf-8")
    result = fix(path, tmp_path / "propre.csv", plugins=PM, dry_run=True)
    preview = result.preview("fr")
    assert [f.type for f in result.remaining] == ["no-data"] and "Aucune ligne de données — 1 erreur (no-data)" in preview
    assert "numéros de ligne" not in preview
