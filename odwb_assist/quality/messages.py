"""Frictionless's own error types, translated to French and English with a spreadsheet tip.

:func:`from_frictionless` turns a ``frictionless.Error`` into a :class:`~.model.Finding` that keeps
Frictionless's ``type``, row number, field name, field number and cell (the parity contract), and
adds our message and tip. Unknown types keep Frictionless's English message in both languages.
"""

from __future__ import annotations

from typing import Any

from ..i18n import Msg
from .model import Finding, Severity

# type -> (message, tip); placeholders: {row}, {field}, {number}, {cell}, {note}
TRANSLATIONS: dict[str, tuple[Msg, Msg]] = {
    "blank-label": (
        Msg("La colonne n° {number} n'a pas de titre.", "Column {number} has no header label."),
        Msg("Écrivez un titre court et unique dans la cellule d'en-tête de cette colonne, ou supprimez la colonne "
            "si elle est vide.",
            "Type a short, unique label in the header cell of this column, or delete the column if it is empty."),
    ),
    "duplicate-label": (
        Msg("Le titre de la colonne n° {number} est déjà utilisé par une autre colonne ({note}).",
            "The label of column {number} is already used by another column ({note})."),
        Msg("Renommez l'une des deux colonnes pour que chaque titre soit unique (par ex. « population_2023 »).",
            "Rename one of the two columns so that every label is unique (e.g. 'population_2023')."),
    ),
    "incorrect-label": (
        Msg("Le titre de la colonne n° {number} ne correspond pas au schéma ({note}).",
            "The label of column {number} does not match the schema ({note})."),
        Msg("Renommez la cellule d'en-tête comme le schéma l'attend, ou corrigez le schéma.",
            "Rename the header cell as the schema expects, or fix the schema."),
    ),
    "missing-label": (
        Msg("Il manque une colonne attendue par le schéma ({note}).", "A column expected by the schema is missing ({note})."),
        Msg("Ajoutez la colonne manquante avec son titre, ou retirez-la du schéma.",
            "Add the missing column with its label, or remove it from the schema."),
    ),
    "extra-label": (
        Msg("La colonne n° {number} n'est pas prévue par le schéma ({note}).",
            "Column {number} is not in the schema ({note})."),
        Msg("Supprimez cette colonne ou ajoutez-la au schéma.", "Delete this column or add it to the schema."),
    ),
    "blank-header": (
        Msg("La ligne d'en-tête est vide.", "The header row is empty."),
        Msg("Mettez les titres des colonnes sur la première ligne du tableau.", "Put the column labels on the first row."),
    ),
    "blank-row": (
        Msg("La ligne {row} est entièrement vide.", "Row {row} is completely empty."),
        Msg("Supprimez la ligne (clic droit sur son numéro > Supprimer).", "Delete the row (right-click its number > Delete)."),
    ),
    "missing-cell": (
        Msg("Ligne {row} : il manque la cellule de la colonne « {field} » (la ligne est trop courte).",
            "Row {row}: the cell of column '{field}' is missing (the row is too short)."),
        Msg("Vérifiez cette ligne : une valeur contenant le séparateur a peut-être décalé les colonnes. Complétez la "
            "cellule ou mettez la valeur entre guillemets.",
            "Check this row: a value containing the delimiter may have shifted the columns. Fill the cell or quote "
            "the value."),
    ),
    "extra-cell": (
        Msg("Ligne {row} : une valeur « {cell} » dépasse la dernière colonne (colonne n° {number}).",
            "Row {row}: a value '{cell}' lies beyond the last column (column {number})."),
        Msg("Supprimez la valeur en trop, ou ajoutez un titre de colonne ; si une valeur contient le séparateur, "
            "mettez-la entre guillemets.",
            "Delete the extra value, or add a column label; if a value contains the delimiter, quote it."),
    ),
    "type-error": (
        Msg("Ligne {row}, colonne « {field} » : « {cell} » n'est pas du type attendu ({note}).",
            "Row {row}, column '{field}': '{cell}' is not of the expected type ({note})."),
        Msg("Corrigez la cellule pour qu'elle ait le même genre de valeur que le reste de la colonne (nombre sans "
            "unité, date AAAA-MM-JJ…), ou laissez-la vide si la valeur est inconnue.",
            "Fix the cell so that it holds the same kind of value as the rest of the column (number without unit, "
            "YYYY-MM-DD date…), or leave it empty if the value is unknown."),
    ),
    "constraint-error": (
        Msg("Ligne {row}, colonne « {field} » : « {cell} » ne respecte pas une contrainte du schéma ({note}).",
            "Row {row}, column '{field}': '{cell}' breaks a schema constraint ({note})."),
        Msg("Corrigez la valeur (obligatoire, bornes, liste de valeurs permises…) comme le schéma l'exige.",
            "Fix the value (required, bounds, allowed values…) as the schema requires."),
    ),
    "unique-error": (
        Msg("Ligne {row}, colonne « {field} » : la valeur « {cell} » existe déjà alors qu'elle doit être unique.",
            "Row {row}, column '{field}': value '{cell}' appears again though it must be unique."),
        Msg("Trouvez le doublon (Données > Trier, ou Mise en forme conditionnelle > Doublons) et corrigez-le.",
            "Find the duplicate (Data > Sort, or Conditional formatting > Duplicates) and fix it."),
    ),
    "primary-key": (
        Msg("Ligne {row} : la clé primaire est vide ou en double ({note}).",
            "Row {row}: the primary key is empty or repeated ({note})."),
        Msg("Chaque ligne doit avoir un identifiant unique et rempli.", "Every row needs a unique, non-empty identifier."),
    ),
    "foreign-key": (
        Msg("Ligne {row} : la valeur ne se trouve pas dans la table de référence ({note}).",
            "Row {row}: the value is not in the reference table ({note})."),
        Msg("Corrigez la valeur pour qu'elle existe dans la table de référence.",
            "Fix the value so that it exists in the reference table."),
    ),
    "duplicate-row": (
        Msg("La ligne {row} est identique à une ligne précédente ({note}).",
            "Row {row} is identical to an earlier row ({note})."),
        Msg("Supprimez le doublon (Données > Supprimer les doublons), sauf si les deux lignes sont voulues.",
            "Delete the duplicate (Data > Remove duplicates), unless both rows are meant."),
    ),
    "encoding-error": (
        Msg("Le fichier contient des caractères illisibles ({note}).", "The file holds unreadable characters ({note})."),
        Msg("Enregistrez le fichier en « CSV UTF-8 » depuis votre tableur.",
            "Save the file as 'CSV UTF-8' from your spreadsheet."),
    ),
    "source-error": (
        Msg("Le fichier ne peut pas être lu ({note}).", "The file cannot be read ({note})."),
        Msg("Ouvrez-le dans votre tableur et enregistrez-le à nouveau en CSV UTF-8 ou XLSX.",
            "Open it in your spreadsheet and save it again as CSV UTF-8 or XLSX."),
    ),
}

GENERIC_TIP = Msg("Consultez la description de l'erreur et corrigez la cellule ou la ligne indiquée.",
                  "Read the error's description and fix the cell or row shown.")


def _attr(error: Any, name: str) -> Any:
    return getattr(error, name, None)


def from_frictionless(error: Any) -> Finding:
    """A Finding with the same type, row, field and cell as the Frictionless error, explained."""
    error_type = str(error.type)
    row = _attr(error, "row_number")
    if row is None:
        numbers = _attr(error, "row_numbers")
        row = numbers[0] if numbers else None
    field_name = _attr(error, "field_name")
    number = _attr(error, "field_number")
    cell = _attr(error, "cell")
    if cell is None and _attr(error, "label") is not None:
        cell = str(error.label)
    note = str(_attr(error, "note") or "")
    values = {"row": row, "field": field_name, "number": number, "cell": "" if cell is None else cell, "note": note}
    if error_type in TRANSLATIONS:
        message, tip = TRANSLATIONS[error_type]
        message = message.format(**values)
    else:
        text = str(_attr(error, "message") or error_type)
        message, tip = Msg(text, text), GENERIC_TIP
    return Finding(
        type=error_type,
        severity=Severity.ERROR,
        message=message,
        tip=tip,
        row_number=row,
        field_name=field_name,
        field_number=number,
        cell=None if cell is None else str(cell),
        source="frictionless",
        extra={"note": note} if note else {},
    )


class RawError:
    """The attributes of a Frictionless error, for errors the engine finds itself (same types and fields)."""

    def __init__(self, type_: str, row_number: int | None = None, field_name: str | None = None,
                 field_number: int | None = None, cell: str | None = None, note: str = "") -> None:
        self.type = type_
        self.row_number = row_number
        self.field_name = field_name
        self.field_number = field_number
        self.cell = cell
        self.note = note
