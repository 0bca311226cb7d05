"""One data row longer than the others (a note typed past the last column) does not make the real header look too
narrow to be one: taken for a title row, the header would go to the side file and a row of data would become the
column titles."""

from __future__ import annotations

from pathlib import Path

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix
from odwb_assist.quality.detect import detect_header

PM = get_plugin_manager(load_entrypoints=False)
CLUBS = [["Nom", "Code postal"], ["Patro de Ciney", "5590", "voir convention", "signée en 2019", "à renouveler"],
         ["Chorale Sainte-Cécile", "5590"], ["Club de pétanque", "5590"]]


def test_the_header_is_measured_against_the_second_widest_row() -> None:
    assert detect_header(CLUBS) == ([1], [])
    # a title above the header is still one, and so is a title above a header with a long row below it
    assert detect_header([["Clubs de Ciney"], *CLUBS]) == ([2], [(1, "Clubs de Ciney")])
    assert detect_header([["Associations", ""], ["", ""], ["Nom", "Rue", "Code postal"],
                          ["Patro", "Rue Haute 4", "5590"], ["Chorale", "Place 3", "5590"]]) == ([3], [(1, "Associations")])


def test_check_and_fix_keep_the_header_of_a_file_with_one_long_row(tmp_path: Path) -> None:
    source = tmp_path / "clubs.csv"
    source.write_text("\n".join(";".join(row) for row in CLUBS) + "\n", encoding="utf-8")
    report = check(source, plugins=PM)
    assert report.detected.header_row == 1 and not [f for f in report.findings if f.type == "title-rows"]
    [extra] = [f for f in report.findings if f.type == "extra-cell"]
    assert extra.row_number == 2
    out = tmp_path / "propre.csv"
    result = fix(source, out, plugins=PM)
    assert out.read_text(encoding="utf-8").splitlines()[0] == "Nom,Code postal" and result.rows_after == 3
    assert not result.removed_rows and (result.beyond.cells, result.beyond.rows) == (3, 1)


def test_a_title_of_two_cells_above_a_header_wider_than_its_rows_stays_a_title() -> None:
    """The header is the one widest row here (a remarks column nearly empty): it holds no number, it stays the
    header, and the title of two cells above it stays a title."""
    rows = [["Associations de Ciney", "", "", "mise à jour 2025"], ["Nom", "Rue", "Code postal", "Remarque"],
            ["Patro", "Rue Haute 4", "5590", ""], ["Chorale", "Place 3", "5590", ""], ["Pétanque", "Rue 5", "5590", ""]]
    header, titles = detect_header(rows)
    assert header == [2] and [row for row, _ in titles] == [1]
    sparse = [["Commune de Ciney", "Service Population", "", "", ""], ["Nom", "Rue", "Numéro", "Boîte", "Remarque"],
              ["Patro", "Rue Haute", "", "", ""], ["Chorale", "Place", "", "", ""], ["Club", "Rue Basse", "", "", ""]]
    assert detect_header(sparse) == ([2], [(1, "Commune de Ciney Service Population")])
