"""Titles that differ only by case, accents or punctuation give the same field name on the portal (``code_postal``):
said before publishing, since only the author can tell which column is which."""

from __future__ import annotations

from pathlib import Path

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

PM = get_plugin_manager(load_entrypoints=False)


def _csv(path: Path, header: str) -> Path:
    width = header.count(";") + 1
    path.write_text(header + "\n" + ";".join(["Namur", *["5000"] * (width - 1)]) + "\n"
                    + ";".join(["Gembloux", *["5030"] * (width - 1)]) + "\n", encoding="utf-8")
    return path


def test_titles_that_give_one_portal_name_are_said(tmp_path: Path) -> None:
    report = check(_csv(tmp_path / "adresses.csv", "Commune;Code postal;Téléphone;Code-postal;Telephone;CODE POSTAL"),
                   plugins=PM)
    found = [f for f in report.findings if f.type == "same-portal-name"]
    assert [(f.extra["technicalName"], f.extra["columns"], f.field_number) for f in found] == [
        ("code_postal", [2, 4, 6], 4), ("telephone", [3, 5], 5)]
    assert found[0].message("fr").startswith(
        "Colonnes « Code postal », « Code-postal », « CODE POSTAL » : ces titres donnent le même nom technique sur le "
        "portail, « code_postal »")
    assert found[1].message("en").startswith("Columns 'Téléphone', 'Telephone': these titles give the same technical")
    assert found[0].severity.value == "warning" and report.valid


def test_distinct_titles_repeats_and_untitled_columns_are_left_to_their_own_findings(tmp_path: Path) -> None:
    # « % voix » beside « Voix », « Montant (€) » beside « Montant € »: how the portal names « % » or « € » is not
    # documented, so nothing is said
    symbols = check(_csv(tmp_path / "voix.csv", "Liste;Voix;% voix;Montant (€);Montant €"), plugins=PM)
    assert "same-portal-name" not in symbols.stats
    report = check(_csv(tmp_path / "adresses.csv", "Commune;Code postal;Code postal;Code postal (bureau)"), plugins=PM)
    assert "same-portal-name" not in report.stats and "duplicate-label" in report.stats  # a title repeated as such
    (tmp_path / "sans_titre.csv").write_text("Commune;Code postal;;\nNamur;5000;;\nGembloux;5030;;\n", encoding="utf-8")
    untitled = check(tmp_path / "sans_titre.csv", plugins=PM)
    assert "same-portal-name" not in untitled.stats and "blank-label" in untitled.stats  # « field3 », « field4 »
