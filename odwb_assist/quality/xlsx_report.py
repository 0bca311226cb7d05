"""The XLSX report: a copy of the data with the faulty cells highlighted, and a sheet listing the findings."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from ..errors import FixError
from ..i18n import normalise_lang
from .model import Finding, Severity
from .reader import read_table
from .report import QualityReport

MAX_ROWS = 1_048_000  # the sheet limit of Excel
FILLS = {Severity.ERROR: PatternFill("solid", fgColor="F8B4B4"), Severity.WARNING: PatternFill("solid", fgColor="FFE08A"),
         Severity.INFO: PatternFill("solid", fgColor="BFDDF5")}
ROW_FILLS = {Severity.ERROR: PatternFill("solid", fgColor="FDE3E3"), Severity.WARNING: PatternFill("solid", fgColor="FFF5D6"),
             Severity.INFO: PatternFill("solid", fgColor="E8F3FC")}
RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


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
        if finding.field_name:
            examples = finding.extra.get("examples") or [{"rowNumber": finding.row_number}]
            for example in examples:
                key = (int(example["rowNumber"]), finding.field_name)
                cells[key] = _worst(cells.get(key), finding)
        else:
            rows[finding.row_number] = _worst(rows.get(finding.row_number), finding)

    workbook = Workbook(write_only=True)
    data = workbook.create_sheet("donnees" if fr else "data")
    bold = Font(bold=True)
    header = []
    for label in table.fields:
        cell = WriteOnlyCell(data, value=label)
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
            cell = WriteOnlyCell(data, value=value)
            marked = cells.get((int(row_number), str(column)))
            if marked is not None:
                cell.fill = FILLS[marked.severity]
                cell.comment = Comment(f"{marked.type}: {marked.message(language)}", "odwb-assist")
            elif row_finding is not None:
                cell.fill = ROW_FILLS[row_finding.severity]
            out_row.append(cell)
        data.append(out_row)

    sheet = workbook.create_sheet("problemes" if fr else "findings")
    titles = (["type", "gravité", "ligne", "colonne", "valeur", "message", "comment corriger"] if fr
              else ["type", "severity", "row", "column", "value", "message", "how to fix"])
    heading = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for finding in report.findings:
        sheet.append([finding.type, finding.severity.value, finding.row_number, finding.field_name, finding.cell,
                      finding.message(language), finding.tip(language)])
    workbook.save(out)
    return out
