"""An e-mail address typed into a text (a remark, a survey's comment: « écrivez-moi : marie.dubois@gmail.com ») is
judged as an address column's would be: a person's is personal data, an association's or a service's is not."""

from __future__ import annotations

import sys
from pathlib import Path

from odwb_assist import quality
from odwb_assist.checks.personal_email import cell_verdict
from odwb_assist.core.plugins import get_plugin_manager

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


def test_a_persons_address_in_a_remark_is_personal_data(tmp_path: Path) -> None:
    path = write(tmp_path / "agenda.csv", [
        ["Événement", "Lieu", "Remarques"],
        ["Brocante", "Jambes", "Inscriptions : écrivez à marie.dubois@gmail.com avant le 10 mai"],
        ["Concert", "Namur", "Infos : info@lesamisdelamusique.be"],
        ["Balade", "Wépion", "Contact castors.jambes@gmail.com"],
        ["Marché", "Bouge", "Pas d'inscription"]])
    report = quality.check(path, plugins=PM)
    found = [(f.type, f.row_number, f.severity.value, f.extra) for f in report.findings if "email" in f.type]
    assert found == [("personal-email", 2, "error", {"reason": "name", "address": "marie.dubois@gmail.com"}),
                     ("possible-personal-email", 4, "warning", {"reason": "shape", "address": "castors.jambes@gmail.com"})]
    error = next(f for f in report.findings if f.type == "personal-email")
    assert error.message("fr") == ("Ligne 2, colonne « Remarques » : le texte « Inscriptions : écrivez à "
                                   "marie.dubois@gmail.com avant le 10 mai » contient l'adresse e-mail d'une personne, "
                                   "« marie.dubois@gmail.com » (forme prénom.nom) : donnée personnelle.")
    assert "Retirez l'adresse du texte" in error.tip("fr") and "Take the address out of the text" in error.tip("en")


def test_an_address_cell_keeps_its_message_and_addresses_in_a_list_are_addresses() -> None:
    assert cell_verdict("jean.dupont@gmail.com", lambda: [], False) == ("personal-email", "name", None)
    assert cell_verdict("info@club.be ou jean.dupont@gmail.com", lambda: [], False) == ("personal-email", "name", None)
    assert cell_verdict("mail:jean.dupont@gmail.com (le soir)", lambda: [], False) == (
        "personal-email", "name", "jean.dupont@gmail.com")
    assert cell_verdict("Voir https://example.be/@club et user@localhost", lambda: [], False) is None
    assert cell_verdict("Secrétariat : secretariat@cpas-namur.be", lambda: [], False) is None


def test_a_long_remark_is_quoted_by_its_start_and_the_address_whole(tmp_path: Path) -> None:
    remark = "Merci pour cette belle journée, " * 5 + "contactez-moi à marie.dubois@gmail.com pour la suite."
    path = write(tmp_path / "avis.csv", [["Date", "Avis"], ["2024-03-15", remark], ["2024-03-16", "Bien"]])
    [found] = [f for f in quality.check(path, plugins=PM).findings if f.type == "personal-email"]
    message = found.message("fr")
    assert "« marie.dubois@gmail.com »" in message and "…" in message and len(message) < 260
    assert found.cell == remark  # the finding keeps the cell whole
