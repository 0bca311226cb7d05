"""What a file says of itself becomes its metadata: a workbook's notice sheet, the title line above a table, the
notes under it (``metadata.enrich_file_notes``)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pluggy

from odwb_assist.core.config import load
from odwb_assist.metadata import Metadata, draft, score

NOTICE = ["Inventaire des arbres remarquables — Ville de Ciney", None, "Source : Service environnement, relevé 2024",
          "Licence : CC BY 4.0", "Mise à jour : chaque année", "Contact : environnement@ciney.be",
          "Les coordonnées sont en WGS 84 (degrés décimaux)."]


def workbook(path: Path, notice: list[str | None]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Notice"
    for line in notice:
        sheet.append([line])
    data = book.create_sheet("Données")
    data.append(["Identifiant", "Essence", "Circonférence (cm)"])
    for number in range(1, 21):
        data.append([f"ARB-{number:03d}", "Chêne pédonculé", 100 + number])
    book.save(path)
    return path


def test_a_workbooks_notice_gives_title_licence_frequency_contact_and_description(tmp_path: Path,
                                                                                   pm: pluggy.PluginManager) -> None:
    md = draft(None, workbook(tmp_path / "arbres.xlsx", NOTICE), plugins=pm)
    assert md.get("title") == "Inventaire des arbres remarquables — Ville de Ciney"  # not « Arbres », the file's name
    assert md.get("license") == "CC BY 4.0" and md.get("dcat.accrualperiodicity") == "Annuelle"
    assert md.get("dcat.contact_email") == "environnement@ciney.be"
    description = md.get("description")
    assert "<p>Source : Service environnement, relevé 2024.</p>" in description
    assert "<p>Les coordonnées sont en WGS 84 (degrés décimaux).</p>" in description
    assert "À compléter" in description and "CC BY" not in description and "@" not in description
    findings = {f.code: f for f in score(md, plugins=pm).findings}
    licence = findings["license-unconfirmed"]  # a licence the tool read is still the publisher's to confirm
    assert "lue dans le fichier" in licence.message.fr and "politique wallonne" not in licence.message.fr
    assert "title-from-file" not in findings and "description-not-french" not in findings


def test_a_persons_contact_in_the_notice_is_neither_the_contact_nor_in_the_description(
        tmp_path: Path, pm: pluggy.PluginManager) -> None:
    notice = ["Liste des salles communales de Gesves", "Contact : jean.dupont@gesves.be",
              "Pour toute question, écrire à marie.lambert@gmail.com ou passer à l'accueil."]
    md = draft(None, workbook(tmp_path / "salles.xlsx", notice), plugins=pm)
    assert md.get("title") == "Liste des salles communales de Gesves"
    assert md.get("dcat.contact_email") is None and "@" not in str(md.get("description") or "")


def test_the_projects_contact_and_licence_are_kept(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    source = workbook(tmp_path / "arbres.xlsx", NOTICE)
    (tmp_path / "odwb.toml").write_text(
        '[administration]\nname = "Ville de Ciney"\ncontact_email = "opendata@ciney.be"\n[[datasets]]\nid = "arbres"\n'
        'file = "arbres.xlsx"\n[datasets.metadata]\nlicense = "CC0 1.0"\n', encoding="utf-8")
    md = draft(load(tmp_path / "odwb.toml"), source, plugins=pm)
    assert md.get("dcat.contact_email") == "opendata@ciney.be" and md.get("license") == "CC0 1.0"


def test_a_csvs_title_line_and_source_note_are_read_and_an_export_stamp_is_no_title(
        tmp_path: Path, pm: pluggy.PluginManager) -> None:
    rows = "".join(f"Rue {n};{n * 10};{n * 4}\n" for n in range(1, 21))
    source = tmp_path / "population.csv"
    source.write_text("VILLE DE CINEY\nExport du 12/03/2024 14:05\nPopulation par rue au 1er janvier 2024\n\n"
                      "Rue;Habitants;Ménages\n" + rows + "\nSource : Registre national, extraction du service "
                      "population.\n", encoding="utf-8")
    md = draft(None, source, plugins=pm)
    assert md.get("title") == "Population par rue au 1er janvier 2024"
    description = md.get("description")
    assert "Registre national, extraction du service population." in description
    assert "Export du 12/03/2024 14:05." in description and "CINEY" not in description  # the publisher says who


def test_a_file_without_notes_keeps_its_title_from_the_file_name(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    source = tmp_path / "parkings-velos.csv"
    source.write_text("nom;places\n" + "".join(f"Parking {n};{n}\n" for n in range(1, 11)), encoding="utf-8")
    md = draft(None, source, plugins=pm)
    assert md.get("title") == "Parkings velos" and md.get("description") is None


def test_only_english_or_a_long_text_without_french_is_said_not_french(pm: pluggy.PluginManager) -> None:
    def codes(description: str) -> set[str]:
        return {f.code for f in score(Metadata.from_dict({"description": description}), plugins=pm).findings}

    assert "description-not-french" not in codes("Source : Service Environnement. Mise à jour : 12/03/2025.")
    assert "description-not-french" in codes("List of the remarkable trees of the town, with their species.")


def test_the_clean_file_of_fix_is_documented_with_what_its_original_said(tmp_path: Path,
                                                                        pm: pluggy.PluginManager) -> None:
    """The tutorial documents the clean file: its title line and its source note went to the side file of removed
    rows, which is read in their place."""
    from odwb_assist.quality import fix

    rows = "".join(f"{n};Chêne;{10 + n}\n" for n in range(1, 21))
    original = tmp_path / "arbres.csv"
    original.write_text("Inventaire des arbres remarquables de Ciney\n\nId;Essence;Hauteur\n" + rows +
                        "\nSource : Service environnement, relevé 2024\n", encoding="utf-8")
    fix(original, tmp_path / "arbres-propre.csv")
    assert (tmp_path / "arbres-propre.lignes-retirees.csv").is_file()
    md = draft(None, tmp_path / "arbres-propre.csv", plugins=pm)
    assert md.get("title") == "Inventaire des arbres remarquables de Ciney"
    assert "Source : Service environnement, relevé 2024." in md.get("description")


def test_a_numbered_tables_title_is_read_without_its_number(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    source = tmp_path / "t3.csv"
    source.write_text("Tableau 3 : Population par âge au 1er janvier 2024\n\nÂge;Hommes;Femmes\n"
                      + "".join(f"{n};{n + 40};{n + 42}\n" for n in range(0, 20)), encoding="utf-8")
    md = draft(None, source, plugins=pm)
    assert md.get("title") == "Population par âge au 1er janvier 2024" and md.get("description") is None


def test_a_note_giving_a_phone_number_stays_out_of_the_description(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    """The description is published: a note « Pour le président, appelez le 0476 11 22 33 » under a directory of
    associations would publish a person's mobile. A line with a phone number is left out, the others kept."""
    rows = "".join(f"Association {n};Personne {n};083 67 02 {10 + n}\n" for n in range(30))
    source = tmp_path / "annuaire.csv"
    source.write_text("Annuaire des associations de Gesves\n\nAssociation;Président;Téléphone\n" + rows +
                      "\nSource : service des associations.\nPour le président, appelez le 0476 11 22 33.\n"
                      "Renseignements : +32 83 67 02 11\n", encoding="utf-8")
    description = draft(None, source, plugins=pm).get("description")
    assert "<p>Source : service des associations.</p>" in description
    assert "0476" not in description and "67 02 11" not in description


def test_a_line_with_a_contact_is_no_title(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    source = tmp_path / "permanences.csv"
    source.write_text("Permanences de Marie Lambert au 0476 11 22 33\nPermanences sociales du CPAS de Gesves\n\n"
                      "Jour;Lieu\n" + "".join(f"Lundi {n};Salle {n}\n" for n in range(10)), encoding="utf-8")
    assert draft(None, source, plugins=pm).get("title") == "Permanences sociales du CPAS de Gesves"


def test_a_pivot_tables_labels_are_no_title(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    """Excel's pivot writes « Somme de Montant » and « Étiquettes de colonnes » above its table: no title, no note."""
    rows = "".join(f"Service {n};{n}00;{n}50;{2 * n}50\n" for n in range(1, 11))
    source = tmp_path / "pivot.csv"
    source.write_text("Somme de Montant;Étiquettes de colonnes;;\nÉtiquettes de lignes;2023;2024;Total général\n" + rows,
                      encoding="utf-8")
    md = draft(None, source, plugins=pm)
    assert md.get("title") == "Pivot" and md.get("description") is None
