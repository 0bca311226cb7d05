"""Tables that are not plain tables, built as real exports shape them: each gets its finding, and its fix when safe."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

LAYOUT_TYPES = {"no-header", "single-column-table", "repeated-header", "section-row", "notes-below-table",
                "merged-label-cells", "form-layout"}


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def csv(tmp_path: Path, name: str, rows: list[list[object]], delimiter: str = ";") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(delimiter.join(str(c) for c in row) for row in rows) + "\n", encoding="utf-8")
    return path


def xlsx(tmp_path: Path, name: str, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def found(report, type_: str) -> list:  # noqa: ANN001
    return [f for f in report.findings if f.type == type_]


COMMUNES = [("Andenne", "5300", 27000, "12,5"), ("Assesse", "5330", 7100, "3,2"), ("Namur", "5000", 111000, "40,1"),
            ("Ciney", "5590", 16500, "8,4"), ("Gesves", "5340", 7300, "2,9"), ("Dinant", "5500", 13400, "9,9"),
            ("Rochefort", "5580", 12600, "6,6"), ("Havelange", "5370", 5100, "1,2")]


# --- no-header ---------------------------------------------------------------------------------

def test_a_file_without_header_is_said_so(tmp_path: Path) -> None:
    path = csv(tmp_path, "sans_entete.csv", [list(c) for c in COMMUNES])
    report = check(path, plugins=pm())
    [finding] = found(report, "no-header")
    assert finding.row_number == 1 and "« 5300 »" in finding.message("fr") and not report.valid
    assert "en-tête" in finding.message("fr") and finding.tip("fr")


def test_fix_gives_the_first_row_back_to_the_data(tmp_path: Path) -> None:
    path = csv(tmp_path, "sans_entete.csv", [list(c) for c in COMMUNES])
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    lines = (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "colonne_1,colonne_2,colonne_3,colonne_4" and lines[1] == "Andenne,5300,27000,12.5"
    assert len(lines) == len(COMMUNES) + 1 and result.counts["add-header"] == 1
    assert not found(check(tmp_path / "propre.csv", plugins=pm()), "no-header")


def test_a_real_header_with_years_or_ages_is_not_taken_for_data(tmp_path: Path) -> None:
    years = csv(tmp_path, "annees.csv",
                [["commune", "2019", "2020", "2021"]] + [[c[0], c[2], c[2] + 5, c[2] + 9] for c in COMMUNES])
    ages = csv(tmp_path, "ages.csv", [["commune", "0", "1", "2", "3"]] + [[c[0], 10, 12, 14, 16] for c in COMMUNES])
    normal = csv(tmp_path, "normal.csv", [["commune", "code_postal", "population", "superficie"]] + [list(c) for c in COMMUNES])
    for path in (years, ages, normal):
        assert not found(check(path, plugins=pm()), "no-header"), path.name


# --- single-column-table -----------------------------------------------------------------------

def test_a_table_typed_into_one_column_is_found_and_split(tmp_path: Path) -> None:
    rows = [["commune;code_postal;population"]] + [[f"{c[0]};{c[1]};{c[2]}"] for c in COMMUNES]
    path = xlsx(tmp_path, "une_colonne.xlsx", rows)
    report = check(path, plugins=pm())
    [finding] = found(report, "single-column-table")
    assert finding.severity == "error" and "« ; »" in finding.message("fr") and "3 colonnes" in finding.message("fr")
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    lines = (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "commune,code_postal,population" and lines[1] == "Andenne,5300,27000"
    assert len(lines) == len(COMMUNES) + 1 and result.counts["split-single-column"] >= 1
    assert not found(check(tmp_path / "propre.csv", plugins=pm()), "single-column-table")


def test_a_real_one_column_list_is_not_split(tmp_path: Path) -> None:
    path = csv(tmp_path, "liste.csv", [["adresse"], ["Rue de Fer, 5000 Namur"], ["Place d'Armes, 5000 Namur"],
                                       ["Rue Haute, 5300 Andenne"]])
    assert not found(check(path, plugins=pm()), "single-column-table")
    path = xlsx(tmp_path, "noms.xlsx", [["Nom, prénom"], ["Dupont, Jean"], ["Martin, Anne"], ["Lambert, Luc"]])
    assert not found(check(path, plugins=pm()), "single-column-table")


# --- repeated-header ---------------------------------------------------------------------------

def test_repeated_headers_are_found_and_dropped(tmp_path: Path) -> None:
    header = ["commune", "code_postal", "population", "superficie"]
    rows = [header] + [list(c) for c in COMMUNES[:4]] + [header] + [list(c) for c in COMMUNES[4:]] + [header]
    path = csv(tmp_path, "pages.csv", rows)
    report = check(path, plugins=pm())
    assert [f.row_number for f in found(report, "repeated-header")] == [6, 11]
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    dropped = [c.row_number for c in result.changes if c.fix == "drop-repeated-headers"]
    assert dropped == [6, 11] and result.rows_after == len(COMMUNES)
    text = (tmp_path / "propre.csv").read_text(encoding="utf-8")
    assert text.count("commune") == 1 and all(c[0] in text for c in COMMUNES)


def test_a_row_of_technical_names_under_the_header_is_no_data(tmp_path: Path) -> None:
    """A template or a database export gives the columns' technical names on a second header row."""
    rows = [["Commune", "Code postal", "Population", "Superficie (km²)"],
            ["commune", "code_postal", "population", "superficie_km2"]] + [list(c) for c in COMMUNES]
    path = csv(tmp_path, "communes.csv", rows)
    report = check(path, plugins=pm())
    [repeated] = found(report, "repeated-header")
    assert repeated.row_number == 2 and repeated.extra == {"technicalNames": True}
    assert "les noms techniques des colonnes (« commune », « code_postal », « population »…)" in repeated.message("fr")
    assert report.types["Population"] == "string"  # read with the names among the numbers, as a text column
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    assert [c.row_number for c in result.changes if c.fix == "drop-repeated-headers"] == [2]
    assert result.rows_after == len(COMMUNES)
    assert check(tmp_path / "propre.csv", plugins=pm()).types["Population"] == "integer"


@pytest.mark.parametrize("second", [["communes", "code", "habitants", "km2"], ["Namur", "5000", "111000", "175,7"]])
def test_a_second_row_of_other_words_is_not_technical_names(tmp_path: Path, second: list[str]) -> None:
    rows = [["Commune", "Code postal", "Population", "Superficie (km²)"], second] + [list(c) for c in COMMUNES]
    assert not found(check(csv(tmp_path, "communes.csv", rows), plugins=pm()), "repeated-header")


@pytest.mark.parametrize("translated", [["Gemeente", "Postcode", "Aantal inwoners", "Oppervlakte (km²)"],
                                        ["Gemeinde", "Postleitzahl", "Einwohner", "Fläche (km²)"],
                                        ["Municipality", "Postcode", "Inhabitants", "Area (km²)"]])
def test_the_header_in_another_language_under_it_is_no_data(tmp_path: Path, translated: list[str]) -> None:
    """Brussels and bilingual files give the labels in Dutch (or German, English) on a second row."""
    rows = [["Commune", "Code postal", "Population", "Superficie (km²)"], translated] + [list(c) for c in COMMUNES]
    path = csv(tmp_path, "communes.csv", rows)
    report = check(path, plugins=pm())
    [repeated] = found(report, "repeated-header")
    assert repeated.row_number == 2 and repeated.extra == {"translatedLabels": True}
    assert f"dans une autre langue (« {translated[0]} », « {translated[1]} »" in repeated.message("fr")
    assert f"in another language ('{translated[0]}', '{translated[1]}'" in repeated.message("en")
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    assert [c.row_number for c in result.changes if c.fix == "drop-repeated-headers"] == [2]
    assert result.rows_after == len(COMMUNES) and not result.remaining  # its postal code error went with the row
    assert check(tmp_path / "propre.csv", plugins=pm()).types["Population"] == "integer"


@pytest.mark.parametrize("first", [
    ["Jambes", "Fermé", "Fermé", "Fermé"],  # words in number columns, no label word
    ["Namur", "Postcode", "inconnu", "n.d."],  # placeholders
    ["Namur", "5000", "Aantal", "Oppervlakte"],  # a number on the row: data
    ["Gemeente", "Postcode", "", ""],  # one column of numbers only
])
def test_a_first_row_of_words_is_not_taken_for_translated_labels(tmp_path: Path, first: list[str]) -> None:
    rows = [["Commune", "Code postal", "Population", "Superficie (km²)"], first] + [list(c) for c in COMMUNES]
    assert not found(check(csv(tmp_path, "communes.csv", rows), plugins=pm()), "repeated-header")


def test_a_label_word_its_column_holds_again_is_data(tmp_path: Path) -> None:
    rows = [["Service", "Horaire", "Capacité"], ["Dienst", "Totaal", "Aantal"]] + \
        [["Accueil", "8", "12"], ["Dienst", "9", "15"], ["Urbanisme", "10", "5"], ["Travaux", "7", "3"]]
    assert not found(check(csv(tmp_path, "t.csv", rows), plugins=pm()), "repeated-header")


def test_a_row_that_shares_one_value_with_the_header_is_data(tmp_path: Path) -> None:
    rows = [["type", "nom", "population"], ["commune", "Namur", "111000"], ["type", "Andenne", "27000"],
            ["commune", "Ciney", "16500"]]
    assert not found(check(csv(tmp_path, "t.csv", rows), plugins=pm()), "repeated-header")


# --- section-row -------------------------------------------------------------------------------

def test_year_separator_rows_are_sections(tmp_path: Path) -> None:
    rows: list[list[object]] = [["commune", "code_postal", "population", "superficie"]]
    for year in (2021, 2022, 2023):
        rows.append([year, "", "", ""])
        rows += [list(c) for c in COMMUNES]
    path = xlsx(tmp_path, "par_annee.xlsx", rows)
    report = check(path, plugins=pm())
    sections = found(report, "section-row")
    assert [(f.row_number, f.cell) for f in sections] == [(2, "2021"), (11, "2022"), (20, "2023")]
    assert all(f.severity == "warning" for f in sections) and "intertitre" in sections[0].message("fr")


def test_sparse_rows_are_not_sections(tmp_path: Path) -> None:
    rows = [["nom", "telephone", "email", "site"]] + [[f"Club {i}", "", "", ""] if i % 2 else
                                                     [f"Club {i}", "081 22 33 44", f"club{i}@example.org", ""]
                                                     for i in range(20)]
    assert not found(check(csv(tmp_path, "clubs.csv", rows), plugins=pm()), "section-row")


# --- notes-below-table -------------------------------------------------------------------------

def test_notes_below_the_data_are_found(tmp_path: Path) -> None:
    rows: list[list[object]] = [["commune", "code_postal", "population", "superficie"]] + [list(c) for c in COMMUNES]
    rows += [["", "", "", ""], ["Source : Statbel, registre national au 1er janvier 2024", "", "", ""],
             ["* chiffres provisoires", "", "", ""]]
    report = check(xlsx(tmp_path, "notes.xlsx", rows), plugins=pm())
    [finding] = found(report, "notes-below-table")
    assert finding.row_number == 11 and finding.extra["rows"] == [11, 12] and "Source" in finding.message("fr")
    assert finding.severity == "error" and not found(report, "section-row")


def test_fix_drops_certain_notes_and_keeps_the_data(tmp_path: Path) -> None:
    rows: list[list[object]] = [["commune", "code_postal", "population", "superficie"]] + [list(c) for c in COMMUNES]
    rows += [["", "", "", ""], ["Source : Statbel", "", "", ""], ["(1) chiffres provisoires", "", "", ""]]
    path = csv(tmp_path, "notes.csv", rows)
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    assert [c.row_number for c in result.changes if c.fix == "drop-notes-below-table"] == [10, 11, 12]
    text = (tmp_path / "propre.csv").read_text(encoding="utf-8")
    assert "Source" not in text and all(c[0] in text for c in COMMUNES)
    assert not found(check(tmp_path / "propre.csv", plugins=pm()), "notes-below-table")


def test_a_total_closing_the_data_is_a_total_not_a_note(tmp_path: Path) -> None:
    rows: list[list[object]] = [["commune", "code_postal", "population", "superficie"]] + [list(c) for c in COMMUNES]
    rows += [["Total", "", sum(c[2] for c in COMMUNES), ""], ["", "", "", ""], ["Source : Statbel", "", "", ""]]
    path = csv(tmp_path, "total-et-source.csv", rows)
    report = check(path, plugins=pm())
    assert [f.row_number for f in found(report, "total-row")] == [10]
    [notes] = found(report, "notes-below-table")
    assert notes.row_number == 12 and notes.extra["rows"] == [12]  # the total is not also a note
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    assert dict(result.removed_rows) == {10: "Supprimer les lignes de total", 11: "Retirer les notes sous le tableau",
                                         12: "Retirer les notes sous le tableau"}
    rows[9] = ["Total Namur", "", 1, ""]  # not a total for certain: neither a note, kept (as possible-total says)
    result = fix(csv(tmp_path, "autre.csv", rows), tmp_path / "propre2.csv", plugins=pm())
    assert 10 not in dict(result.removed_rows) and "Total Namur" in (tmp_path / "propre2.csv").read_text("utf-8")


def test_notes_written_alone_on_their_lines_are_no_rows_too_short(tmp_path: Path) -> None:
    """« Source : … » alone on its line (not padded with « ;;; »): the notes are one error, not also the
    Frictionless ``missing-cell`` of each line (three errors said for one slip, which ``fix`` mends at once). A
    sentence that may be data (a warning, kept by ``fix``) keeps its ``missing-cell``: then the row is short."""
    rows: list[list[object]] = [["commune", "code_postal", "population", "superficie"]] + [list(c) for c in COMMUNES]
    path = csv(tmp_path, "notes.csv", [*rows, [], ["Source : Statbel"], ["(1) chiffres provisoires"]])
    report = check(path, plugins=pm())
    assert [f.type for f in report.errors] == ["blank-row", "notes-below-table"]
    assert "missing-cell" not in report.stats
    path = csv(tmp_path, "phrase.csv", [*rows, [], ["Les communes de moins de 5 000 habitants sont regroupées."]])
    report = check(path, plugins=pm())
    assert [f.severity for f in found(report, "notes-below-table")] == ["warning"]
    assert [f.row_number for f in found(report, "missing-cell")] == [11]


def test_a_sentence_under_the_data_is_kept_by_fix(tmp_path: Path) -> None:
    rows: list[list[object]] = [["commune", "code_postal", "population", "superficie"]] + [list(c) for c in COMMUNES]
    rows += [["", "", "", ""], ["Les communes de moins de 5 000 habitants sont regroupées.", "", "", ""]]
    path = csv(tmp_path, "phrase.csv", rows)
    [finding] = found(check(path, plugins=pm()), "notes-below-table")
    assert finding.severity == "warning"
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    assert "drop-notes-below-table" not in result.counts


def test_a_last_short_data_row_is_not_a_note(tmp_path: Path) -> None:
    rows: list[list[object]] = [["commune", "code_postal", "population", "superficie"]] + [list(c) for c in COMMUNES]
    rows += [["Eghezée", "", "", ""]]
    assert not found(check(xlsx(tmp_path, "court.xlsx", rows), plugins=pm()), "notes-below-table")


# --- merged-label-cells ------------------------------------------------------------------------

MERGED = [["province", "commune", "population"], ["Namur", "Andenne", 27000], ["", "Assesse", 7100],
          ["", "Namur", 111000], ["Liège", "Huy", 21000], ["", "Liège", 195000], ["", "Seraing", 64000],
          ["Luxembourg", "Arlon", 30000], ["", "Bastogne", 16000]]


def test_vertically_merged_labels_are_found_and_filled_down(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    for row in MERGED:
        book.active.append(row)
    book.active.merge_cells("A2:A4")
    book.active.merge_cells("A5:A7")
    book.active.merge_cells("A8:A9")
    path = tmp_path / "fusion.xlsx"
    book.save(path)
    report = check(path, plugins=pm())
    [finding] = found(report, "merged-label-cells")
    assert finding.field_name == "province" and finding.extra["blankCells"] == 5 and finding.severity == "warning"
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    lines = (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()
    assert lines[3] == "Namur,Namur,111000" and lines[6] == "Liège,Seraing,64000" and lines[8] == "Luxembourg,Bastogne,16000"
    assert result.counts["fill-down-merged-labels"] == 5
    assert not found(check(tmp_path / "propre.csv", plugins=pm()), "merged-label-cells")


def test_an_optional_text_column_is_not_a_merged_label(tmp_path: Path) -> None:
    rows = [["commune", "remarque", "population"]] + [[c[0], "fusion 1977" if i == 0 else "", c[2]]
                                                       for i, c in enumerate(COMMUNES)]
    assert not found(check(csv(tmp_path, "r.csv", rows), plugins=pm()), "merged-label-cells")


# --- form-layout -------------------------------------------------------------------------------

def test_a_form_is_not_a_table(tmp_path: Path) -> None:
    rows = [["Nom de l'association :", "Les Amis de la Meuse"], ["Adresse :", "Rue de Fer 25, 5000 Namur"],
            ["Téléphone :", "081 22 33 44"], ["Courriel :", "info@amis-meuse.be"], ["Date de création :", "12/03/1998"],
            ["Nombre de membres :", 85]]
    report = check(xlsx(tmp_path, "fiche.xlsx", rows), plugins=pm())
    [finding] = found(report, "form-layout")
    assert finding.severity == "error" and "formulaire" in finding.message("fr") and "Transposer" in finding.tip("fr")
    assert not report.valid


def test_fix_turns_a_form_into_one_row(tmp_path: Path) -> None:
    rows = [["Nom de l'association :", "Les Amis de la Meuse"], ["Adresse :", "Rue de Fer 25, 5000 Namur"],
            ["Courriel :", "info@amis-meuse.be"], ["Nombre de membres :", 85]]
    path = xlsx(tmp_path, "fiche.xlsx", rows)
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    lines = (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()
    assert lines == ["Nom de l'association,Adresse,Courriel,Nombre de membres",
                     'Les Amis de la Meuse,"Rue de Fer 25, 5000 Namur",info@amis-meuse.be,85']
    assert result.counts["form-to-row"] == 4 and not found(check(tmp_path / "propre.csv", plugins=pm()), "form-layout")


def test_a_two_column_table_is_not_a_form(tmp_path: Path) -> None:
    rows = [["commune", "population"]] + [[c[0], c[2]] for c in COMMUNES]
    assert not found(check(csv(tmp_path, "deux.csv", rows), plugins=pm()), "form-layout")


# --- no false alarm on a plain table -----------------------------------------------------------

@pytest.mark.parametrize("maker", [csv, xlsx])
def test_a_plain_table_raises_no_layout_finding(tmp_path: Path, maker) -> None:  # noqa: ANN001
    rows = [["commune", "code_postal", "population", "superficie"]] + [list(c) for c in COMMUNES]
    report = check(maker(tmp_path, "plain." + ("csv" if maker is csv else "xlsx"), rows), plugins=pm())
    assert not LAYOUT_TYPES & set(report.stats)


def test_every_layout_type_has_a_french_and_english_message_and_tip() -> None:
    from odwb_assist.quality.engine import _split_checks  # noqa: F401  (the engine loads the hook)

    manager = pm()
    from odwb_assist.core.contract import CheckContext
    from odwb_assist.core.plugins import collect

    checks = collect(manager.hook.odwb_checks(context=CheckContext(source="x", fields=["a"])))
    declared = {t for c in checks for t in getattr(c, "types", ())}
    assert declared >= LAYOUT_TYPES


def test_a_paged_export_with_year_sections_and_a_source(tmp_path: Path) -> None:
    """Sections, repeated headers and a source line together: each is found; fix keeps every data row."""
    header = ["commune", "code_postal", "population"]
    rows: list[list[object]] = [header]
    for year in (2021, 2022):
        rows.append([year, None, None])
        rows += [["Andenne", "5300", 27000 + year], ["Namur", "5000", 111000 + year], ["Ciney", "5590", 16500 + year]]
        rows.append(header)
    rows += [[None, None, None], ["Source : Statbel", None, None]]
    path = xlsx(tmp_path, "pages.xlsx", rows)
    report = check(path, plugins=pm())
    assert [f.row_number for f in found(report, "section-row")] == [2, 7]
    assert [f.row_number for f in found(report, "repeated-header")] == [6, 11]
    [notes] = found(report, "notes-below-table")
    assert notes.row_number == 13 and notes.message("fr").startswith("Ligne 13 : une note")
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    text = (tmp_path / "propre.csv").read_text(encoding="utf-8")
    assert text.count("commune") == 1 and "Source" not in text and "2022,Namur,5000,113022" in text
    assert text.splitlines()[0] == "annee,commune,code_postal,population" and result.rows_after == 6


def test_fix_turns_year_sections_into_a_column(tmp_path: Path) -> None:
    rows: list[list[object]] = [["commune", "code_postal", "population", "superficie"]]
    for year in (2021, 2022):
        rows.append([year, "", "", ""])
        rows += [list(c) for c in COMMUNES[:3]]
    path = xlsx(tmp_path, "par_annee.xlsx", rows)
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    lines = (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "annee,commune,code_postal,population,superficie"
    assert lines[1] == "2021,Andenne,5300,27000,12.5" and lines[4] == "2022,Andenne,5300,27000,12.5" and len(lines) == 7
    assert [c.row_number for c in result.changes if c.fix == "sections-to-column"] == [2, 6]
    assert not found(check(tmp_path / "propre.csv", plugins=pm()), "section-row")


def test_sections_found_only_by_their_shape_are_not_moved(tmp_path: Path) -> None:
    rows: list[list[object]] = [["commune", "code_postal", "population", "superficie"]] + [list(c) for c in COMMUNES[:3]]
    for year in (2021, 2022):
        rows.append([year, "", "", ""])
        rows += [list(c) for c in COMMUNES[3:6]]
    path = xlsx(tmp_path, "milieu.xlsx", rows)
    assert [f.row_number for f in found(check(path, plugins=pm()), "section-row")] == [5, 9]
    assert "sections-to-column" not in fix(path, tmp_path / "propre.csv", plugins=pm()).counts
