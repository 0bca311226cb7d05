"""The inventory workbook for non-developers: drop-down lists, column help, an example row, a guide.

Sheets: « Inventaire » (header with a help comment on each cell, the example row in grey italics,
then the user's rows), « Mode d'emploi » (the steps and every column explained) and « Listes »
(the codes behind the drop-down lists; hidden).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..core.errors import InventoryError, os_reason
from ..core.spreadsheet import set_text
from .model import COLUMNS, EXAMPLE_ROW, Column, InventoryEntry

DATA_SHEET = "Inventaire"
GUIDE_SHEET = "Mode d'emploi"
LISTS_SHEET = "Listes"
MAX_ROWS = 1000
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
EXAMPLE_FONT = Font(italic=True, color="808080")

GUIDE_STEPS: tuple[str, ...] = (
    "Mode d'emploi de l'inventaire des données (« cartographie des données »)",
    "",
    "1. Une ligne = un ensemble de données que votre administration détient (registre, liste, fichier, couche SIG…),",
    "   qu'il soit déjà ouvert ou non. Commencez par la thématique choisie au défi 1.",
    "2. Remplissez au moins l'identifiant (code court unique, ex. INV-001) et le titre.",
    "3. Pour les colonnes à liste déroulante, cliquez sur la cellule puis sur la flèche.",
    "4. Valeur (1-5) : intérêt pour les réutilisateurs. Effort (1-5) : travail pour ouvrir les données.",
    "   La priorisation (odwb-assist inventory prioritise) s'en sert pour classer les jeux à ouvrir.",
    "5. Données personnelles : « oui » dès qu'une personne peut être reconnue (nom, adresse, e-mail nominatif,",
    "   numéro de registre national…). Ces données ne peuvent pas être publiées telles quelles.",
    "6. La ligne 2 (en gris) est un exemple : laissez-la ou effacez-la, elle est ignorée à la lecture.",
    "7. Vérifiez le fichier avec : odwb-assist inventory check inventaire.xlsx",
    "   Chaque problème est signalé avec sa ligne et sa colonne.",
    "8. Le statut suit l'avancement : identifié → collecté → nettoyé → documenté → publié.",
    "   odwb-assist inventory status --sync le met à jour d'après vos publications sur ODWB.",
    "",
    "Colonnes :",
)


def _refuse_overwrite(path: Path, overwrite: bool) -> None:
    if path.exists() and not overwrite:
        raise InventoryError(
            f"Le fichier {path} existe déjà : il n'est pas remplacé pour ne rien perdre de votre travail. "
            "Choisissez un autre nom de fichier, ou supprimez d'abord l'ancien.",
            f"File {path} already exists: it is not replaced so that none of your work is lost. "
            "Choose another file name, or delete the old one first.",
        )
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InventoryError(
            f"{path} : le modèle d'inventaire est un classeur Excel ; donnez un nom se terminant par .xlsx.",
            f"{path}: the inventory template is an Excel workbook; give a name ending in .xlsx.",
        )


def _codes_for(col: Column, themes: Sequence[str] | None) -> tuple[str, ...]:
    if col.key == "theme" and themes:
        return tuple(themes)
    return col.codes


def _write_lists(wb: Workbook, themes: Sequence[str] | None) -> dict[str, str]:
    """Write the code lists on a hidden sheet; return column key -> range formula for validations."""
    ws = wb.create_sheet(LISTS_SHEET)
    ranges: dict[str, str] = {}
    index = 0
    for col in COLUMNS:
        codes = _codes_for(col, themes)
        if not codes:
            continue
        index += 1
        letter = get_column_letter(index)
        ws.cell(row=1, column=index, value=col.label)
        for i, code in enumerate(codes, start=2):
            ws.cell(row=i, column=index, value=int(code) if col.type == "integer" else code)
        ranges[col.key] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(codes) + 1}"
    ws.sheet_state = "hidden"
    return ranges


def _add_validations(ws: object, ranges: dict[str, str]) -> None:
    for index, col in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        target = f"{letter}2:{letter}{MAX_ROWS}"
        if col.key in ranges:
            soft = col.key in ("theme", "format", "licence")
            dv = DataValidation(type="list", formula1=ranges[col.key], allow_blank=True,
                                errorStyle="warning" if soft else "stop", showErrorMessage=True)
            dv.errorTitle = col.label
            dv.error = f"Choisissez une valeur de la liste. {col.help.fr}"
        elif col.type == "date":
            dv = DataValidation(type="date", operator="greaterThan", formula1="DATE(1990,1,1)", allow_blank=True,
                                showErrorMessage=True)
            dv.errorTitle = col.label
            dv.error = "Entrez une date (JJ/MM/AAAA)."
        else:  # free text: no constraint, only the help shown when the cell is selected
            dv = DataValidation(allow_blank=True)
        dv.promptTitle = col.label[:32]
        dv.prompt = col.help.fr[:255]
        dv.showInputMessage = True
        dv.add(target)
        ws.add_data_validation(dv)  # type: ignore[attr-defined]


def _write_guide(wb: Workbook, themes: Sequence[str] | None) -> None:
    ws = wb.create_sheet(GUIDE_SHEET, 0)
    row = 1
    for line in GUIDE_STEPS:
        cell = ws.cell(row=row, column=1, value=line)
        if row == 1:
            cell.font = Font(bold=True, size=14)
        row += 1
    for title, col_index in (("Colonne", 1), ("À quoi elle sert", 2), ("Valeurs possibles", 3)):
        ws.cell(row=row, column=col_index, value=title).font = Font(bold=True)
    for col in COLUMNS:
        row += 1
        ws.cell(row=row, column=1, value=col.label + (" (obligatoire)" if col.required else ""))
        ws.cell(row=row, column=2, value=col.help.fr).alignment = Alignment(wrap_text=True)
        ws.cell(row=row, column=3, value=", ".join(_codes_for(col, themes))).alignment = Alignment(wrap_text=True)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 80
    ws.column_dimensions["C"].width = 60


def _cell_value(col: Column, text: str) -> object:
    if text == "":
        return None
    if col.type == "integer" and text.isdigit():
        return int(text)
    if col.type == "date":
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    return text


def build_workbook(entries: Iterable[InventoryEntry] = (), *, themes: Sequence[str] | None = None,
                   example: bool = True) -> Workbook:
    """The inventory workbook in memory, with ``entries`` written after the example row."""
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    for index, col in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index, value=col.label)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        codes = _codes_for(col, themes)
        note = col.help.fr + (f"\nValeurs : {', '.join(codes)}" if codes and col.type != "integer" else "")
        cell.comment = Comment(note, "odwb-assist", width=300, height=140)
        ws.column_dimensions[get_column_letter(index)].width = col.width
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "C2"
    row = 2
    if example:
        for index, col in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=row, column=index, value=_cell_value(col, EXAMPLE_ROW[col.key]))
            cell.font = EXAMPLE_FONT
        row += 1
    for entry in entries:
        cells = entry.cells()
        for index, col in enumerate(COLUMNS, start=1):
            set_text(ws.cell(row=row, column=index), _cell_value(col, cells[col.key]))  # user text never runs
        row += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(row - 1, 2)}"
    _add_validations(ws, _write_lists(wb, themes))
    _write_guide(wb, themes)
    wb.active = 0  # open on the guide; the reader finds the data sheet by its name
    return wb


def _save(wb: Workbook, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        reason = os_reason(exc)
        raise InventoryError(
            f"Impossible d'écrire {path} ({reason.fr}). Vérifiez que le dossier existe, que vous pouvez y "
            "écrire et que le fichier n'est pas ouvert dans Excel.",
            f"Cannot write {path} ({reason.en}). Check the folder exists, is writable, and the file is "
            "not open in Excel.",
        ) from exc
    return path


def write_template(path: str | os.PathLike[str], *, themes: Sequence[str] | None = None,
                   overwrite: bool = False) -> Path:
    """Write an empty inventory workbook (with its example row) to ``path``; never replaces a file
    unless ``overwrite``. ``themes`` replaces the ODWB theme list (e.g. the portal's own labels)."""
    target = Path(path)
    _refuse_overwrite(target, overwrite)
    return _save(build_workbook(themes=themes), target)


def write_inventory(entries: Iterable[InventoryEntry], path: str | os.PathLike[str], *,
                    themes: Sequence[str] | None = None, overwrite: bool = False) -> Path:
    """Write ``entries`` as an inventory workbook (XLSX) or CSV (UTF-8, French headers) at ``path``."""
    target = Path(path)
    if target.suffix.lower() == ".csv":
        if target.exists() and not overwrite:
            _refuse_overwrite(target, overwrite)
        import csv

        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([c.label for c in COLUMNS])
            for entry in entries:
                writer.writerow(list(entry.cells().values()))
        return target
    _refuse_overwrite(target, overwrite)
    return _save(build_workbook(entries, themes=themes), target)
