"""A printable report exported to CSV keeps its pages: at each page break the document's title again (with its page
number), blank rows, the header again; a footer « Imprimé le … » closes it. The repeated headers were said and
dropped, but the titles of pages 2 and 3 stayed in the clean file as data rows, unsaid, and the footer was only a
warning, kept."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from odwb_assist.checks.page_breaks import opens_page, title_keys
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix
from tests.helpers.engine_spies import fix_both_ways

TITLE = "Commune de Gesves - Registre des permis d'urbanisme"
HEADER = ["N° permis", "Demandeur", "Adresse du bien", "Objet", "Date de dépôt", "Décision"]


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def registre(path: Path, per_page: int = 40, records: int = 95, page_number: bool = False,
             footer: str = "Imprimé le 15/01/2025 par l'application Urbain") -> Path:
    """The register as the report tool exports it (``page_number``: a « Page n / N » line closes each page)."""
    pages = -(-records // per_page)
    rows: list[list[str]] = [[TITLE, "", "", "", "", ""], HEADER]
    for number in range(records):
        if number and number % per_page == 0:
            page = number // per_page + 1
            if page_number:
                rows.append([f"Page {page - 1} / {pages}", "", "", "", "", ""])
            rows += [[""] * 6, [f"{TITLE} - Page {page}", "", "", "", "", ""], HEADER]
        rows.append([f"PU-2024-{number:03d}", f"SPRL Construct {number % 7}", f"Rue du Village {number + 1}, 5340 Gesves",
                     "Construction d'une annexe", f"{number % 28 + 1:02d}/03/2024", "Octroyé"])
    rows += [[""] * 6, [footer, "", "", "", "", ""]]
    with path.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


def test_a_page_opens_with_the_title_or_a_page_number() -> None:
    titles = title_keys([TITLE])
    assert opens_page(f"{TITLE} - Page 2", titles) and opens_page(f"  {TITLE.upper()} ", titles)
    assert opens_page("Page 2 / 3", titles) and opens_page("page 4 sur 9", frozenset())
    assert opens_page(f"{TITLE} (suite)", titles) and opens_page(f"{TITLE} - suite", titles)
    assert not opens_page("Suite parentale", titles)
    assert not opens_page("Commune de Gesves", titles) and not opens_page("Registre 2024", titles)
    assert not opens_page("", titles) and not title_keys(["2024", ""])
    # the foot of the page before: a short line with a page number (not a long remark that cites a page)
    assert opens_page("Imprimé le 03/12/2026 - Page 1/3", frozenset()) and opens_page("Registre - p. 2 de 5", titles)
    assert not opens_page("Voir le règlement complémentaire, publié au Moniteur belge, à la page 2 de l'annexe "
                          "technique jointe à la délibération", frozenset())


def test_page_feet_above_each_repeated_header_are_no_records(tmp_path: Path) -> None:
    """A register printed to CSV with « Imprimé le … - Page 1/3 » at the foot of each page: the feet above the
    repeated headers were kept as records (« Imprimé le … » as a permit's reference)."""
    header = "Référence;Demandeur;Objet;Décision"
    lines = ["Registre des permis d'urbanisme", "", header]
    for page in (1, 2, 3):
        lines += [f"PU/2024/{page}{n:02d};SPRL Bati;Construction;Octroyé" for n in range(6)]
        lines.append(f"Imprimé le 03/12/2026 - Page {page}/3;;;")
        if page < 3:
            lines.append(header)
    source = tmp_path / "permis.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = check(source, plugins=get_plugin_manager(load_entrypoints=False))
    pages = [f.row_number for f in report.findings if f.type == "repeated-header" and f.extra.get("pageBreak")]
    assert pages == [10, 18]
    fix(source, tmp_path / "propre.csv", plugins=get_plugin_manager(load_entrypoints=False))
    clean = (tmp_path / "propre.csv").read_text(encoding="utf-8")
    assert "Imprimé" not in clean and clean.count("PU/2024/") == 18


@pytest.mark.parametrize("chunk_rows", [None, 41, 42])
def test_each_page_title_is_said_with_its_repeated_header(tmp_path: Path, chunk_rows: int | None) -> None:
    """Chunks of 41 and 42 rows end on the blank row above the title of page 2 and on that title: its header is in
    the next chunk."""
    report = check(registre(tmp_path / "registre.csv"), plugins=pm(), chunk_rows=chunk_rows)
    repeated = {f.row_number: f for f in report.findings if f.type == "repeated-header"}
    assert sorted(repeated) == [44, 45, 87, 88]
    page = repeated[44]
    assert page.cell == f"{TITLE} - Page 2" and page.extra == {"pageBreak": True} and page.severity.value == "error"
    assert "marque un saut de page d'un export imprimable" in page.message("fr")
    assert "marks a page break of a printable export" in page.message("en")
    [footer] = [f for f in report.findings if f.type == "notes-below-table"]
    assert (footer.row_number, footer.severity.value) == (105, "error")


def test_fix_drops_the_page_breaks_keeps_them_aside_and_every_record(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    source = registre(tmp_path / "registre.csv", page_number=True)
    streamed, whole = fix_both_ways(source, tmp_path, monkeypatch, pm())
    assert streamed["files"] == whole["files"]
    rows = list(csv.reader(streamed["files"]["propre.csv"].decode("utf-8").splitlines()))
    assert rows[0] == HEADER and len(rows) == 96
    assert [row[0] for row in rows[1:]] == [f"PU-2024-{number:03d}" for number in range(95)]
    removed = list(csv.reader(streamed["files"]["propre.lignes-retirees.csv"].decode("utf-8").splitlines()))
    kept_aside = [row[2] for row in removed[1:]]
    assert kept_aside.count(HEADER[0]) == 2 and "Page 1 / 3" in kept_aside and f"{TITLE} - Page 3" in kept_aside
    assert "Imprimé le 15/01/2025 par l'application Urbain" in kept_aside
    again = check(tmp_path / "stream" / "propre.csv", plugins=pm())
    assert not [f for f in again.findings if f.severity.value == "error"]


def test_one_cell_rows_elsewhere_are_not_pages(tmp_path: Path) -> None:
    """A section heading, a sparse record or another line above a repeated header is no page's title."""
    rows = [[TITLE, "", ""], ["Commune", "Habitants", "Superficie"], ["Namur", "113000", "175,7"],
            ["Arrondissement de Dinant", "", ""], ["Dinant", "13600", "100,3"], ["Gesves", "", ""],
            ["Commune", "Habitants", "Superficie"], ["Ciney", "16600", "147,5"], ["Hastière", "5900", "61,6"]]
    source = tmp_path / "communes.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    repeated = [f.row_number for f in check(source, plugins=pm()).findings if f.type == "repeated-header"]
    assert repeated == [7]


@pytest.mark.parametrize("footer", ["Édité le 03/02/2025", "Page 3 / 3", "Date d'impression : 15/01/2025",
                                    "Généré le 15/01/2025 à 10:12 par Urbain"])
def test_a_report_footer_under_the_table_is_a_note_for_certain(tmp_path: Path, footer: str) -> None:
    report = check(registre(tmp_path / "registre.csv", footer=footer), plugins=pm())
    [note] = [f for f in report.findings if f.type == "notes-below-table"]
    assert (note.cell, note.severity.value) == (footer, "error")


@pytest.mark.parametrize("chunk_rows", [None, 41])
def test_a_repeated_header_is_said_once_not_also_as_a_type_error_and_a_duplicate_row(tmp_path: Path,
                                                                                       chunk_rows: int | None) -> None:
    """Each page's header was also a `type-error` (« Date de dépôt » is no date, an error) and, from the second one on,
    a `duplicate-row` of the header before it: three findings for one problem."""
    report = check(registre(tmp_path / "registre.csv"), plugins=pm(), chunk_rows=chunk_rows)
    headers = {f.row_number for f in report.findings if f.type == "repeated-header"}
    assert {45, 88} <= headers
    assert not [f for f in report.findings if f.type == "duplicate-row" and set(f.all_rows) <= headers]
    assert not [f for f in report.findings if f.type == "type-error" and set(f.all_rows) & headers]
    assert report.stats.get("duplicate-row", 0) == 0 and report.occurrences.get("duplicate-row", 0) == 0
