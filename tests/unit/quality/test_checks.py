"""Each of our error types is found on a file that has it (right row and column), and not on a clean file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import QualityReport, check, fix

CLEAN = (
    "code_ins,commune,population,superficie_km2,date_maj,contact\n"
    "62063,Liège,195000,69.39,2024-01-01,info@liege.be\n"
    "92094,Namur,112000,175.69,2024-01-02,population@ville.namur.be\n"
    "52011,Charleroi,201000,102.08,2024-01-03,secretariat@charleroi.be\n"
)


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., QualityReport]:
    pm = get_plugin_manager(load_entrypoints=False)

    def make(text: str | bytes, name: str = "data.csv", encoding: str = "utf-8") -> QualityReport:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_bytes(text.encode(encoding))
        return check(path, plugins=pm)

    return make


def only(report: QualityReport, type_: str) -> list:
    return [f for f in report.findings if f.type == type_]


def test_clean_file_has_no_finding(run: Callable[..., QualityReport]) -> None:
    report = run(CLEAN)
    assert report.valid and report.findings == [] and report.stats == {}
    assert report.rows == 3 and report.fields[0] == "code_ins"


def test_title_rows(run: Callable[..., QualityReport]) -> None:
    report = run("Population des communes wallonnes\nSource : Statbel, 2024\n" + CLEAN)
    found = only(report, "title-rows")
    assert [(f.row_number, f.cell) for f in found] == [(1, "Population des communes wallonnes"), (2, "Source : Statbel, 2024")]
    assert report.detected.header_row == 3 and not report.valid
    assert report.fields[0] == "code_ins" and report.rows == 3


@pytest.mark.parametrize(("line", "delimiter"), [("sep=;", ";"), ("SEP=,", ","), ("sep=\t", "\\t")])
def test_excel_delimiter_hint_is_said_to_be_one(run: Callable[..., QualityReport], line: str, delimiter: str) -> None:
    separator = {"\\t": "\t"}.get(delimiter, delimiter)
    report = run(line + "\r\n" + CLEAN.replace(",", separator))
    [found] = only(report, "title-rows")
    assert found.row_number == 1 and report.detected.header_row == 2 and report.fields[0] == "code_ins"
    assert found.message("fr").startswith(f"Ligne 1 : « sep={delimiter} » est une consigne de séparateur pour Excel")
    assert "Delete this row, or run 'odwb-assist fix'" in found.tip("en")
    titled = run("sep=ration des biens communaux\n" + CLEAN)  # a title that starts alike is a title
    assert "est une ligne de titre" in only(titled, "title-rows")[0].message("fr")


def test_total_row(run: Callable[..., QualityReport]) -> None:
    report = run(CLEAN + "Total,,508000,,,\nSous-total Hainaut,,201000,,,\n")
    assert [(f.row_number, f.cell) for f in only(report, "total-row")] == [(5, "Total")]
    # No data row since the previous total: maybe a subtotal, not certainly one (kept, a warning).
    assert [(f.row_number, f.severity.value) for f in only(report, "possible-total")] == [(6, "warning")]


def test_decimal_comma_semicolon_file(run: Callable[..., QualityReport]) -> None:
    report = run("commune;superficie\nNamur;175,69\nLiège;69,39\n")
    assert report.detected.delimiter == ";"
    (finding,) = only(report, "decimal-comma")
    assert (finding.row_number, finding.field_name, finding.cell) == (2, "superficie", "175,69")
    assert finding.extra["count"] == 2


def test_thousands_separator(run: Callable[..., QualityReport]) -> None:
    report = run("commune;population;budget\nNamur;112 000;1.250.000\nLiège;195 000;2.500.000\n")
    found = {(f.field_name, f.row_number, f.cell) for f in only(report, "thousands-separator")}
    assert found == {("population", 2, "112 000"), ("budget", 2, "1.250.000")}


def test_a_column_named_as_an_identifier_holds_no_thousands_separator(run: Callable[..., QualityReport]) -> None:
    """« N° de dossier 1.204.311 » groups a number's digits; « Montant n-1 1.250.000 » is an amount."""
    report = run("N° de dossier;Code interne;Montant n-1\nA;1.204.311;2.300.400;1.250.000\nB;1.204.312;2.300.401;"
                 "2.500.000\n".replace("A;", "").replace("B;", ""))
    found = {(f.field_name, f.cell) for f in only(report, "thousands-separator")}
    assert found == {("Montant n-1", "1.250.000")}


def test_an_activity_code_is_no_number_with_thousands_separators(run: Callable[..., QualityReport], tmp_path: Path) -> None:
    """NACE-BEL codes « 10.711 » (bakeries), « 45.201 »: the point is the code's own, in a column « NACE » or
    « Activité (NACE-BEL) »; « Montant TVA 1.250 » is an amount."""
    text = ("Dénomination;NACE;Activité (NACE-BEL);Montant TVA\nBoulangerie;10.711;10.711;1.250\nGarage;45.201;45.201;"
            "2.830\nCafé;56.301;56.301;3.095\n")
    found = {(f.field_name, f.cell) for f in only(run(text), "thousands-separator")}
    assert found == {("Montant TVA", "1.250")}
    source = tmp_path / "commerces.csv"
    source.write_text(text, encoding="utf-8")
    fix(source, tmp_path / "propre.csv", plugins=get_plugin_manager(load_entrypoints=False))
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[1].startswith("Boulangerie,10.711,10.711,")


def test_one_dotted_number_among_whole_numbers_is_said(run: Callable[..., QualityReport]) -> None:
    """Excel's « # ##0 » writes a point in the numbers of a thousand or more only: one school of 1 204 pupils."""
    [found] = only(run("ecole;eleves\nA;187\nB;1.204\nC;845\nD;96\n"), "thousands-separator")
    assert (found.field_name, found.row_number, found.count, found.extra["lone"]) == ("eleves", 3, 1, True)
    assert "« 1.204 » (ligne 3) est le seul nombre avec un point parmi des nombres entiers : c'est sans doute 1204" in \
        found.message("fr") and "the portal will read 1.204" in found.message("en")
    assert not only(run("ecole;eleves\nA;187\nB;1.204\nC;845\n"), "thousands-separator")  # two whole numbers: too few
    assert not only(run("a;b\nx;187\ny;1.204\nz;845\nw;96\nv;2.5\n"), "thousands-separator")  # other decimals


def test_ambiguous_dot_is_a_separator_only_when_all_dots_have_three_decimals(run: Callable[..., QualityReport]) -> None:
    assert only(run("a,b\nx,1.250\ny,2.500\nz,3.750\n"), "thousands-separator")
    assert not only(run("a,b\nx,1.250\ny,2.5\nz,3.75\n"), "thousands-separator")


def test_date_format(run: Callable[..., QualityReport]) -> None:
    report = run("commune,date_maj\nNamur,31/12/2024\nLiège,2024-01-15\n")
    (finding,) = only(report, "date-format")
    assert (finding.row_number, finding.field_name, finding.cell) == (2, "date_maj", "31/12/2024")


def test_excel_serial_dates(run: Callable[..., QualityReport]) -> None:
    report = run("commune,date_maj\nNamur,45292\nLiège,45293\n")
    (finding,) = only(report, "date-format")
    assert (finding.row_number, finding.field_name, finding.cell) == (2, "date_maj", "45292")


def test_non_utf_encoding(run: Callable[..., QualityReport]) -> None:
    report = run("commune;région\nLiège;Wallonie\nNamur;Wallonie\n", encoding="cp1252")
    assert report.detected.encoding == "cp1252"
    (finding,) = only(report, "non-utf-encoding")
    assert finding.severity.value == "warning"
    assert report.fields == ["commune", "région"]


def test_utf8_bom_is_not_a_problem(run: Callable[..., QualityReport]) -> None:
    report = run("\ufeff" + CLEAN)
    assert report.valid and report.findings == [] and report.fields[0] == "code_ins"


def test_empty_column(run: Callable[..., QualityReport]) -> None:
    report = run("a,b,c\n1,,x\n2,,y\n")
    (finding,) = only(report, "empty-column")
    assert (finding.field_name, finding.field_number, finding.row_number) == ("b", 2, 1)


def test_inconsistent_category(run: Callable[..., QualityReport]) -> None:
    report = run("id,province\n1,Namur\n2,Namur\n3,namur\n4,Liège\n5,Liege\n6,Liège\n")
    found = {(f.row_number, f.field_name, f.cell) for f in only(report, "inconsistent-category")}
    assert found == {(4, "province", "namur"), (6, "province", "Liege")}


def test_yes_and_no_written_several_ways_are_one_category_each(run: Callable[..., QualityReport],
                                                                tmp_path: Path) -> None:
    """« O » and « Oui » split the portal's filter on the column in two: one category, the word kept."""
    rows = ["N", "O", "Non", "N", "Oui", "N", "o", "N"]
    text = "nom,actif,point\n" + "".join(f"Hotspot {n},{cell},{'NOSE'[n % 4]}\n" for n, cell in enumerate(rows))
    report = run(text)
    found = {(f.field_name, f.cell, f.extra["main"]) for f in only(report, "inconsistent-category")}
    assert found == {("actif", "N", "Non"), ("actif", "O", "Oui"), ("actif", "o", "Oui")}  # « point »: N, O, S, E
    from odwb_assist.quality import fix

    result = fix(tmp_path / "data.csv", tmp_path / "propre.csv", plugins=get_plugin_manager(load_entrypoints=False))
    assert result.counts["unify-categories"] == 6
    lines = (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[1] for line in lines[1:]] == ["Non", "Oui", "Non", "Non", "Oui", "Non", "Oui", "Non"]
    assert [line.split(",")[2] for line in lines[1:]] == list("NOSENOSE")


def test_unit_in_cell(run: Callable[..., QualityReport]) -> None:
    report = run("lieu;longueur;montant;taux\nA;12 m;1.250,50 €;45%\nB;13 m;99 €;50%\n")
    found = {(f.field_name, f.row_number, f.cell) for f in only(report, "unit-in-cell")}
    assert found == {("longueur", 2, "12 m"), ("montant", 2, "1.250,50 €"), ("taux", 2, "45%")}


def test_merged_header_csv(run: Callable[..., QualityReport]) -> None:
    report = run("commune,population,,superficie\n,2023,2024,km2\nNamur,112000,113000,175.7\nLiège,195000,196000,69.4\n")
    (finding,) = only(report, "merged-header")
    assert finding.row_number == 1 and report.detected.header_rows == [1, 2]
    assert report.rows == 2


def test_personal_email(run: Callable[..., QualityReport]) -> None:
    report = run("service,contact\nUrbanisme,urbanisme@namur.be\nAccueil,jean.dupont@namur.be\nX,marie123@gmail.com\n"
                 "Y,etat.civil@namur.be\n")
    found = {(f.row_number, f.field_name, f.cell) for f in only(report, "personal-email")}
    assert found == {(3, "contact", "jean.dupont@namur.be")}
    # a first name alone at a webmail provider is no evidence of a person: a warning, not an error
    assert [(f.row_number, f.cell) for f in only(report, "possible-personal-email")] == [(4, "marie123@gmail.com")]
    assert not report.valid


def test_duplicate_row(run: Callable[..., QualityReport]) -> None:
    report = run("a,b\n1,x\n2,y\n1,x\n")
    assert [f.row_number for f in only(report, "duplicate-row")] == [4]


def test_type_error_vectorised_like_frictionless(run: Callable[..., QualityReport]) -> None:
    lines = "".join(f"{i},{i}.5,2024-01-0{1 + i % 9}\n" for i in range(30))
    report = run("n,x,d\n" + lines + "abc,1.5,2024-02-30\n")
    found = {(f.row_number, f.field_name, f.cell) for f in only(report, "type-error")}
    assert found == {(32, "n", "abc"), (32, "d", "2024-02-30")}


def test_limit_errors_keeps_counting(run: Callable[..., QualityReport], tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("a,b\n" + "".join(f"{i},\n" for i in range(50)) + "x,y,z,w\n" * 30)
    report = check(path, plugins=get_plugin_manager(load_entrypoints=False), limit_errors=5)
    assert len(report.findings) == 5 and report.truncated
    assert report.stats["extra-cell"] == 1 and report.occurrences["extra-cell"] == 60  # one finding, 60 cells


def test_chunks_keep_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("a,b\n" + "".join(f"{i},{i}\n" for i in range(1, 120)) + "Total,7140\n")
    report = check(path, plugins=get_plugin_manager(load_entrypoints=False), chunk_rows=10)
    assert [f.row_number for f in only(report, "total-row")] == [121]
    assert report.rows == 120
