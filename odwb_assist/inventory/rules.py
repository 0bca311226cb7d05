"""The inventory's own rules: required cells, codes from the lists, scores 1–5, dates, unique ids.

Each rule turns one row's cells into an :class:`~odwb_assist.inventory.model.InventoryEntry` and
findings located by spreadsheet row and column, with advice a spreadsheet user can follow.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime

from ..core.findings import Finding, Severity
from ..core.i18n import Msg
from ..metadata import vocabularies
from .model import COLUMN_BY_KEY, COLUMNS, VOCABULARY_KINDS, Column, InventoryEntry, canonical_code, fold

SOURCE = "inventory"
DATASET_ID = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


def finding(type_: str, message: Msg, tip: Msg, *, row: int | None = None, column: Column | None = None,
            label: str | None = None, field_number: int | None = None, cell: str | None = None,
            severity: Severity = Severity.ERROR) -> Finding:
    return Finding(type=type_, severity=severity, message=message, tip=tip, row_number=row,
                   field_name=label or (column.label if column else None), field_number=field_number,
                   cell=cell, source=SOURCE)


def parse_date(text: str) -> str | None:
    """ISO date text from ``YYYY-MM-DD``, ``DD/MM/YYYY`` (or with dots/dashes), or None."""
    text = text.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    return None


def cell_text(value: object) -> str:
    """Spreadsheet cell value as text: dates as ISO, whole floats without '.0', None as ''."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_row(cells: dict[str, str], row: int, labels: dict[str, str], numbers: dict[str, int]) -> tuple[
        InventoryEntry, list[Finding]]:
    """Build the entry of one row and the findings of its cells (``labels``: key -> header in the file)."""
    entry = InventoryEntry(row_number=row)
    found: list[Finding] = []
    for key, text in cells.items():
        col = COLUMN_BY_KEY[key]

        def emit(type_: str, message: Msg, tip: Msg, severity: Severity = Severity.ERROR,
                 col: Column = col, key: str = key, text: str = text) -> None:
            found.append(finding(type_, message, tip, row=row, column=col, label=labels[key],
                                 field_number=numbers[key], cell=text, severity=severity))

        if text == "":
            if col.required:
                emit(
                    "inventory-required-value",
                    Msg(f"Ligne {row}, colonne « {labels[key]} » : la cellule est vide alors qu'elle est obligatoire.",
                        f"Row {row}, column '{labels[key]}': the cell is empty but required."),
                    Msg(f"Remplissez-la : {col.help.fr}", f"Fill it in: {col.help.en}"))
            continue
        if col.type == "integer":
            if text not in col.codes:
                emit(
                    "inventory-score",
                    Msg(f"Ligne {row}, colonne « {labels[key]} » : « {text} » n'est pas une note de 1 à 5.",
                        f"Row {row}, column '{labels[key]}': '{text}' is not a score from 1 to 5."),
                    Msg(f"Choisissez un nombre entier de 1 à 5 dans la liste déroulante. {col.help.fr}",
                        f"Choose a whole number from 1 to 5 in the drop-down list. {col.help.en}"))
                continue
            setattr(entry, key, int(text))
        elif col.codes:
            code = canonical_code(col, text)
            if code is None:
                emit("inventory-unknown-code", *_unknown_code(col, text, row, labels[key]),
                     Severity.WARNING if key in ("theme", "format", "licence") else Severity.ERROR)
                setattr(entry, key, text)
            else:
                setattr(entry, key, code)
        elif col.type == "date":
            iso = parse_date(text)
            if iso is None:
                emit(
                    "inventory-date",
                    Msg(f"Ligne {row}, colonne « {labels[key]} » : « {text} » n'est pas une date valide.",
                        f"Row {row}, column '{labels[key]}': '{text}' is not a valid date."),
                    Msg("Écrivez la date au format JJ/MM/AAAA (ex. 15/03/2026) ou AAAA-MM-JJ, ou mettez la cellule "
                        "au format Date dans Excel.",
                        "Write the date as DD/MM/YYYY (e.g. 15/03/2026) or YYYY-MM-DD, or format the cell as a date "
                        "in Excel."))
                setattr(entry, key, text)
            else:
                setattr(entry, key, iso)
        else:
            setattr(entry, key, text)
    found.extend(_coherence(entry, row, labels, numbers))
    return entry, found


def _unknown_code(col: Column, text: str, row: int, label: str) -> tuple[Msg, Msg]:
    """Message and advice for a value outside a column's list, proposing the closest valid value."""
    kind = VOCABULARY_KINDS.get(col.key)
    proposal = vocabularies.closest(kind, text) if kind else None
    if kind == "theme" and proposal not in col.codes:
        proposal = vocabularies.match_theme(proposal, list(col.codes)) if proposal else None
    if proposal is None:
        close = difflib.get_close_matches(fold(text), [fold(c) for c in col.codes], n=1, cutoff=0.6)
        proposal = next((c for c in col.codes if close and fold(c) == close[0]), None)
    what_fr = f"n'est pas {vocabularies.KINDS[kind][1]} de la liste d'ODWB" if kind else "ne fait pas partie de la liste"
    what_en = f"is not an ODWB {vocabularies.KINDS[kind][2]}" if kind else "is not in the list"
    allowed = ", ".join(col.codes)
    hint_fr = f"Vouliez-vous dire « {proposal} » ? Sinon, choisissez" if proposal else "Choisissez"
    hint_en = f"Did you mean '{proposal}'? Otherwise choose" if proposal else "Choose"
    return (Msg(f"Ligne {row}, colonne « {label} » : « {text} » {what_fr}.",
                f"Row {row}, column '{label}': '{text}' {what_en}."),
            Msg(f"{hint_fr} une valeur de la liste déroulante : {allowed}.",
                f"{hint_en} a value from the drop-down list: {allowed}."))


def _coherence(entry: InventoryEntry, row: int, labels: dict[str, str], numbers: dict[str, int]) -> list[Finding]:
    found: list[Finding] = []
    if entry.dataset_id and not DATASET_ID.match(entry.dataset_id) and "dataset_id" in labels:
        col = COLUMN_BY_KEY["dataset_id"]
        found.append(finding(
            "inventory-dataset-id",
            Msg(f"Ligne {row}, colonne « {labels['dataset_id']} » : « {entry.dataset_id} » n'a pas la forme d'un "
                "identifiant de jeu ODWB.",
                f"Row {row}, column '{labels['dataset_id']}': '{entry.dataset_id}' does not look like an ODWB "
                "dataset id."),
            Msg("Un identifiant ODWB s'écrit en minuscules, chiffres et tirets, sans espace ni accent (ex. "
                "ciney-parkings-velos) ; copiez-le depuis l'adresse du jeu sur le portail.",
                "An ODWB id uses lower-case letters, digits and hyphens, no spaces or accents (e.g. "
                "ciney-parkings-velos); copy it from the dataset's address on the portal."),
            row=row, column=col, label=labels["dataset_id"], field_number=numbers["dataset_id"],
            cell=entry.dataset_id, severity=Severity.WARNING))
    if entry.status == "publié" and not entry.dataset_id and "status" in labels:
        col = COLUMN_BY_KEY["status"]
        found.append(finding(
            "inventory-published-without-id",
            Msg(f"Ligne {row} : le statut est « publié » mais l'identifiant ODWB est vide.",
                f"Row {row}: status is 'publié' but the ODWB dataset id is empty."),
            Msg("Indiquez l'identifiant du jeu sur ODWB dans la colonne « Identifiant ODWB », ou lancez "
                "« odwb-assist inventory status --sync » pour le retrouver d'après vos publications.",
                "Give the dataset's ODWB id in the 'Identifiant ODWB' column, or run "
                "'odwb-assist inventory status --sync' to find it from your publications."),
            row=row, column=col, label=labels["status"], field_number=numbers["status"], cell=entry.status,
            severity=Severity.WARNING))
    return found


def duplicates(entries: list[InventoryEntry], labels: dict[str, str], numbers: dict[str, int]) -> list[Finding]:
    """One finding per repeated identifier (each repetition after the first)."""
    seen: dict[str, int] = {}
    found: list[Finding] = []
    if "identifier" not in labels:
        return found
    for entry in entries:
        key = entry.identifier.strip().lower()
        if not key:
            continue
        if key in seen:
            row = entry.row_number
            found.append(finding(
                "inventory-duplicate-id",
                Msg(f"Ligne {row}, colonne « {labels['identifier']} » : l'identifiant « {entry.identifier} » est "
                    f"déjà utilisé à la ligne {seen[key]}.",
                    f"Row {row}, column '{labels['identifier']}': identifier '{entry.identifier}' is already used "
                    f"on row {seen[key]}."),
                Msg("Donnez à chaque ligne un identifiant différent (ex. INV-001, INV-002…).",
                    "Give each row a different identifier (e.g. INV-001, INV-002…)."),
                row=row, column=COLUMN_BY_KEY["identifier"], label=labels["identifier"],
                field_number=numbers["identifier"], cell=entry.identifier))
        else:
            seen[key] = entry.row_number or 0
    return found


def missing_columns(labels: dict[str, str]) -> list[Finding]:
    found = []
    for col in COLUMNS:
        if col.required and col.key not in labels:
            found.append(finding(
                "inventory-missing-column",
                Msg(f"La colonne obligatoire « {col.label} » est absente de la première ligne.",
                    f"Required column '{col.label}' is missing from the first row."),
                Msg(f"Ajoutez une colonne titrée « {col.label} » (ou repartez du modèle : odwb-assist inventory "
                    "template).",
                    f"Add a column headed '{col.label}' (or start again from the template: odwb-assist inventory "
                    "template)."), column=col))
    return found


def unknown_column(label: str, number: int) -> Finding:
    return finding(
        "inventory-unknown-column",
        Msg(f"La colonne « {label} » n'est pas une colonne de l'inventaire : elle est ignorée.",
            f"Column '{label}' is not an inventory column: it is ignored."),
        Msg("Si c'est une colonne du modèle, corrigez son titre ; sinon vous pouvez la garder, elle n'est pas lue.",
            "If it is a template column, fix its header; otherwise you may keep it, it is not read."),
        label=label, field_number=number, severity=Severity.INFO)
