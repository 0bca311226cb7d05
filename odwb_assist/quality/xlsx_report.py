"""The XLSX report: a copy of the data with the faulty cells highlighted, and a sheet listing the findings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from ..core.errors import FixError
from ..core.findings import Finding, Severity
from ..core.i18n import normalise_lang
from ..core.spreadsheet import text_cell
from .reader import read_table
from .report import QualityReport
from .titles import title as finding_title

MAX_ROWS = 1_048_000  # the sheet limit of Excel
FILLS = {Severity.ERROR: PatternFill("solid", fgColor="F8B4B4"), Severity.WARNING: PatternFill("solid", fgColor="FFE08A"),
         Severity.INFO: PatternFill("solid", fgColor="BFDDF5")}
ROW_FILLS = {Severity.ERROR: PatternFill("solid", fgColor="FDE3E3"), Severity.WARNING: PatternFill("solid", fgColor="FFF5D6"),
             Severity.INFO: PatternFill("solid", fgColor="E8F3FC")}
RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
SEVERITY_WORDS = {Severity.ERROR: ("erreur", "error"), Severity.WARNING: ("avertissement", "warning"),
                  Severity.INFO: ("conseil", "tip")}
ROWS_CELL = 32_000  # an Excel cell holds at most 32 767 characters


def _rows_text(rows: Sequence[int]) -> str:
    shown = rows[: ROWS_CELL // 2 + 1]  # enough to fill the cell (a row number and ", " take 3 characters or more)
    text = ", ".join(map(str, shown))
    if len(text) <= ROWS_CELL and len(shown) == len(rows):
        return text
    return text[: text.rfind(",", 0, ROWS_CELL)] + ", …"


def _worst(current: Finding | None, new: Finding) -> Finding:
    return new if current is None or RANK[new.severity] < RANK[current.severity] else current


def write_xlsx(report: QualityReport, source: str | Path, path: str | Path, lang: str | None = None) -> Path:
    """Write the workbook to ``path`` (never the source file) and return its path."""
    language = normalise_lang(lang or report.lang)
    fr = language == "fr"
    out = Path(path).expanduser().resolve()
    if out == Path(source).expanduser().resolve():
        raise FixError("Le rapport XLSX ne peut pas remplacer le fichier vérifié : choisissez un autre --output.",
                       "The XLSX report cannot replace the checked file: choose another --output.")
    table = read_table(source, sheet=report.detected.sheet)
    cells: dict[tuple[int, str], Finding] = {}
    rows: dict[int, Finding] = {}
    for finding in report.findings:
        if finding.row_number is None:
            continue
        if finding.field_name is not None and (finding.field_name or finding.extra.get("fieldNames")):
            names = [str(name) for name in finding.extra.get("fieldNames") or [finding.field_name] if name]
            rows_marked = finding.all_rows or (finding.row_number,)
            if len(rows_marked) < finding.count and not finding.extra.get("fieldNames"):  # only examples known
                rows_marked = tuple(int(e["rowNumber"]) for e in finding.extra.get("examples") or ()) or rows_marked
            for row in rows_marked:
                for name in names:
                    key = (int(row), name)
                    cells[key] = _worst(cells.get(key), finding)
        else:
            rows[finding.row_number] = _worst(rows.get(finding.row_number), finding)

    workbook = Workbook(write_only=True)
    data = workbook.create_sheet("donnees" if fr else "data")
    bold = Font(bold=True)
    header = []
    for label in table.fields:
        cell = text_cell(data, report.column_label(label, language))
        cell.font = bold
        header.append(cell)
    data.append(header)
    columns = list(table.frame.columns)
    for count, (row_number, values) in enumerate(zip(table.frame.index, table.frame.itertuples(index=False), strict=True)):
        if count >= MAX_ROWS:
            break
        row_finding = rows.get(int(row_number))
        out_row = []
        for column, value in zip(columns, values, strict=True):
            cell = text_cell(data, value)  # a cell « =HYPERLINK(…) » of the checked file stays text
            marked = cells.get((int(row_number), str(column)))
            if marked is not None:
                cell.fill = FILLS[marked.severity]
                words = finding_title(marked.type, language, marked)  # the heading of the text and HTML reports
                cell.comment = Comment(f"{words}{' : ' if fr else ': '}{marked.message(language)}", "odwb-assist")
            elif row_finding is not None:
                cell.fill = ROW_FILLS[row_finding.severity]
            out_row.append(cell)
        data.append(out_row)

    # The data sheet has the header on row 1 and the data from row 2: a finding's row is given as that sheet shows
    # it, and as the original file numbers it (title rows above the header make them differ).
    sheet_rows = {int(number): i + 2 for i, number in enumerate(table.frame.index[:MAX_ROWS])}
    sheet = workbook.create_sheet("problemes" if fr else "findings")
    titles = (["ligne (feuille donnees)", "ligne du fichier d'origine", "colonne", "valeur", "gravité", "problème",
               "comment corriger", "nombre", "lignes du fichier d'origine", "code"] if fr
              else ["row (data sheet)", "line of the original file", "column", "value", "severity", "problem",
                    "how to fix", "count", "lines of the original file", "code"])
    heading = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    small = Font(size=8, color="808080")
    for finding in report.findings:
        code = WriteOnlyCell(sheet, value=finding.type)
        code.font = small
        sheet.append([sheet_rows.get(finding.row_number) if finding.row_number is not None else None,
                      finding.row_number, text_cell(sheet, report.column_label(finding.field_name, language)),
                      text_cell(sheet, finding.cell),
                      SEVERITY_WORDS[finding.severity][0 if fr else 1], finding.message(language),
                      finding.tip(language), finding.count, _rows_text(finding.all_rows), code])
    _notes(workbook, report, cells, fr)
    workbook.save(out)
    return out


def _notes(workbook: Workbook, report: QualityReport, coloured: dict[tuple[int, str], Finding], fr: bool) -> None:
    """A « à lire » sheet when some faulty cells are not coloured: how many, in which column, and why."""
    lines: list[str] = []
    for finding in report.findings:
        if not finding.field_name or finding.extra.get("fieldNames"):
            continue
        rows = set(finding.all_rows) | {int(e["rowNumber"]) for e in finding.extra.get("examples") or ()}
        count = max(int(finding.count or 1), len(rows))
        shown = sum(1 for r in rows if (int(r), finding.field_name) in coloured)
        if count > shown:
            kind = finding_title(finding.type, "fr" if fr else "en", finding)
            lines.append(
                f"Colonne « {finding.field_name} » ({kind}) : {count - shown} cellule(s) fautive(s) sur {count} "
                f"ne sont pas colorées : le rapport garde {shown} exemple(s) par problème. La liste complète : "
                "odwb-assist check FICHIER --format json." if fr else
                f"Column '{finding.field_name}' ({kind}): {count - shown} faulty cell(s) of {count} are not "
                f"coloured: the report keeps {shown} example(s) per problem. The full list: "
                "odwb-assist check FILE --format json.")
    hidden = sum(report.stats.values()) - len(report.findings)
    if report.truncated and hidden > 0:
        lines.append(f"{hidden} problème(s) de plus sont comptés mais pas listés (limite du rapport)." if fr else
                     f"{hidden} more problem(s) are counted but not listed (report limit).")
    if not lines:
        return
    notes = workbook.create_sheet("a lire" if fr else "read me")
    notes.append(["Cellules non colorées" if fr else "Cells not coloured"])
    for line in lines:
        notes.append([line])
