"""Frictionless's own error types, translated to French and English with a spreadsheet tip.

:func:`from_frictionless` turns a ``frictionless.Error`` into a :class:`~.model.Finding` that keeps
Frictionless's ``type``, row number, field name, field number and cell (the parity contract), and
adds our message and tip. Frictionless's English notes are told again in words (:mod:`.notes`); they
never reach a report as they are.
"""

from __future__ import annotations

from typing import Any

from ..core.findings import Finding, Severity
from ..core.i18n import Msg
from . import notes

# type -> (message, tip); placeholders: {row}, {field}, {number}, {cell}, {column} (« colonne « x » »), {detail}
TRANSLATIONS: dict[str, tuple[Msg, Msg]] = {
    "blank-label": (
        Msg("La colonne n° {number} n'a pas de titre.", "Column {number} has no header label."),
        Msg("Écrivez un titre court et unique dans la cellule d'en-tête de cette colonne, ou supprimez la colonne "
            "si elle est vide.",
            "Type a short, unique label in the header cell of this column, or delete the column if it is empty."),
    ),
    "duplicate-label": (
        Msg("Le titre « {cell} » de la colonne n° {number} est déjà utilisé ({detail}).",
            "The label '{cell}' of column {number} is already used ({detail})."),
        Msg("Renommez l'une des deux colonnes pour que chaque titre soit unique (par ex. « population_2023 »).",
            "Rename one of the two columns so that every label is unique (e.g. 'population_2023')."),
    ),
    "incorrect-label": (
        Msg("Le titre « {cell} » de la colonne n° {number} ne correspond pas au nom « {field} » attendu par le schéma.",
            "The label '{cell}' of column {number} does not match the name '{field}' the schema expects."),
        Msg("Renommez la cellule d'en-tête comme le schéma l'attend, ou corrigez le schéma.",
            "Rename the header cell as the schema expects, or fix the schema."),
    ),
    "missing-label": (
        Msg("Il manque la colonne « {field} » attendue par le schéma (position n° {number}).",
            "Column '{field}', expected by the schema, is missing (position {number})."),
        Msg("Ajoutez la colonne manquante avec son titre, ou retirez-la du schéma.",
            "Add the missing column with its label, or remove it from the schema."),
    ),
    "extra-label": (
        Msg("La colonne n° {number} (« {cell} ») n'est pas prévue par le schéma.",
            "Column {number} ('{cell}') is not in the schema."),
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
        Msg("Ligne {row} : il manque la cellule de la {column} (la ligne est trop courte).",
            "Row {row}: the cell of {column} is missing (the row is too short)."),
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
        Msg("Ligne {row}, {column} : « {cell} » n'est pas du type de la colonne ({detail}).",
            "Row {row}, {column}: '{cell}' is not of the column's type ({detail})."),
        Msg("Corrigez la cellule pour qu'elle ait le même genre de valeur que le reste de la colonne (nombre sans "
            "unité, date AAAA-MM-JJ…), ou laissez-la vide si la valeur est inconnue.",
            "Fix the cell so that it holds the same kind of value as the rest of the column (number without unit, "
            "YYYY-MM-DD date…), or leave it empty if the value is unknown."),
    ),
    "constraint-error": (
        Msg("Ligne {row}, {column} : « {cell} » ne respecte pas le schéma ({detail}).",
            "Row {row}, {column}: '{cell}' breaks the schema ({detail})."),
        Msg("Corrigez la valeur (obligatoire, bornes, liste de valeurs permises…) comme le schéma l'exige.",
            "Fix the value (required, bounds, allowed values…) as the schema requires."),
    ),
    "unique-error": (
        Msg("Ligne {row}, {column} : la valeur « {cell} » existe déjà alors qu'elle doit être unique.",
            "Row {row}, {column}: value '{cell}' appears again though it must be unique."),
        Msg("Trouvez le doublon (Données > Trier, ou Mise en forme conditionnelle > Doublons) et corrigez-le.",
            "Find the duplicate (Data > Sort, or Conditional formatting > Duplicates) and fix it."),
    ),
    "primary-key": (
        Msg("Ligne {row} : la clé primaire est vide ou en double ({detail}).",
            "Row {row}: the primary key is empty or repeated ({detail})."),
        Msg("Chaque ligne doit avoir un identifiant unique et rempli.", "Every row needs a unique, non-empty identifier."),
    ),
    "foreign-key": (
        Msg("Ligne {row} : la valeur ne se trouve pas dans la table de référence.",
            "Row {row}: the value is not in the reference table ({detail})."),
        Msg("Corrigez la valeur pour qu'elle existe dans la table de référence.",
            "Fix the value so that it exists in the reference table."),
    ),
    "duplicate-row": (
        Msg("La ligne {row} est identique à une ligne précédente ({detail}).",
            "Row {row} is identical to an earlier row ({detail})."),
        Msg("Supprimez le doublon (Données > Supprimer les doublons), sauf si les deux lignes sont voulues.",
            "Delete the duplicate (Data > Remove duplicates), unless both rows are meant."),
    ),
    "encoding-error": (
        Msg("Le fichier contient des caractères illisibles : {detail}.", "The file holds unreadable characters: {detail}."),
        Msg("Enregistrez le fichier en « CSV UTF-8 » depuis votre tableur.",
            "Save the file as 'CSV UTF-8' from your spreadsheet."),
    ),
    "source-error": (
        Msg("Le fichier ne peut pas être lu : {detail}.", "The file cannot be read: {detail}."),
        Msg("Ouvrez-le dans votre tableur et enregistrez-le à nouveau en CSV UTF-8 ou XLSX.",
            "Open it in your spreadsheet and save it again as CSV UTF-8 or XLSX."),
    ),
}

GENERIC_TIP = Msg("Consultez la description de l'erreur et corrigez la cellule ou la ligne indiquée.",
                  "Read the error's description and fix the cell or row shown.")

# The other Frictionless error types (checks a user may ask for, file and metadata errors), in words.
TITLES: dict[str, Msg] = {
    "format-error": Msg("Le format du fichier n'a pas pu être lu", "The file's format could not be read"),
    "scheme-error": Msg("Le fichier n'a pas pu être ouvert", "The file could not be opened"),
    "compression-error": Msg("Le fichier compressé n'a pas pu être décompressé", "The compressed file could not be unpacked"),
    "file-error": Msg("Le fichier pose un problème", "The file has a problem"),
    "hash-count": Msg("L'empreinte du fichier ne correspond pas à celle attendue", "The file's hash is not the expected one"),
    "byte-count": Msg("La taille du fichier ne correspond pas à celle attendue", "The file's size is not the expected one"),
    "field-count": Msg("Le nombre de colonnes ne correspond pas à celui attendu",
                       "The number of columns is not the expected one"),
    "row-count": Msg("Le nombre de lignes ne correspond pas à celui attendu", "The number of rows is not the expected one"),
    "table-dimensions": Msg("Le tableau n'a pas les dimensions demandées", "The table does not have the required size"),
    "unmatched-header": Msg("Aucune colonne du schéma ne se trouve dans la ligne d'en-tête",
                            "None of the schema's columns is in the header row"),
    "truncated-value": Msg("Ligne {row}, {column} : la valeur « {cell} » semble tronquée",
                           "Row {row}, {column}: value '{cell}' looks truncated"),
    "forbidden-value": Msg("Ligne {row}, {column} : la valeur « {cell} » est interdite",
                           "Row {row}, {column}: value '{cell}' is forbidden"),
    "sequential-value": Msg("Ligne {row}, {column} : la valeur « {cell} » rompt la séquence attendue",
                            "Row {row}, {column}: value '{cell}' breaks the expected sequence"),
    "ascii-value": Msg("Ligne {row}, {column} : la valeur « {cell} » contient des caractères non ASCII",
                       "Row {row}, {column}: value '{cell}' holds non-ASCII characters"),
    "deviated-value": Msg("Une valeur s'écarte fortement des autres", "A value deviates strongly from the others"),
    "deviated-cell": Msg("Une cellule est anormalement longue", "A cell is abnormally long"),
    "required-value": Msg("Une valeur obligatoire est absente de la colonne", "A required value is absent from the column"),
    "row-constraint": Msg("La ligne {row} ne respecte pas une règle de ligne", "Row {row} breaks a row rule"),
    "schema-error": Msg("Le schéma n'est pas valide", "The schema is not valid"),
    "field-error": Msg("Une colonne du schéma n'est pas valide", "A field of the schema is not valid"),
}

NOTE_TYPES = {"type-error", "constraint-error", "duplicate-label", "primary-key", "duplicate-row", "foreign-key"}


def _attr(error: Any, name: str) -> Any:
    return getattr(error, name, None)


def detail(error_type: str, note: str) -> Msg:
    """Frictionless's English note for ``error_type``, told in words (see :mod:`.notes`)."""
    if error_type == "type-error":
        return notes.type_note(note)
    if error_type == "constraint-error":
        return notes.constraint_note(note)
    if error_type == "duplicate-label":
        return notes.same_label_note(note)
    if error_type in ("primary-key", "duplicate-row"):
        return notes.row_note(note)
    return notes.general(note)


def structured_note(error_type: str, note: str) -> dict[str, Any]:
    """The language-free content of a note, for ``extra`` (the English note itself never goes in a report)."""
    if error_type == "type-error" and (parsed := notes.expected_type(note)):
        return {"expectedType": parsed[0], "expectedFormat": parsed[1]}
    if error_type == "duplicate-label" and (numbers := notes.positions(note)):
        return {"sameAs": numbers}
    if error_type == "constraint-error" and (found := notes.CONSTRAINT_NOTE.search(note)):
        return {"constraint": found["name"], "constraintValue": found["value"]}
    return {}


def render(template: Msg, values: dict[str, Any], note_detail: Msg, column: Msg) -> Msg:
    """Fill ``template`` per language (the detail and the column name differ between languages)."""
    return Msg(template.fr.format(**values, detail=note_detail.fr, column=column.fr),
               template.en.format(**values, detail=note_detail.en, column=column.en))


def delimiter_words(delimiter: str) -> Msg:
    """A CSV delimiter as a report names it: a tab or a space in words (« \\t » means nothing to most users)."""
    return {"\t": Msg("tabulation", "tab"), " ": Msg("espace", "space")}.get(delimiter, Msg(delimiter, delimiter))


def column_words(name: str | None, number: int | None) -> Msg:
    """« colonne « commune » », or « colonne n° 12 (sans titre) » for a column without header."""
    if notes.headerless_name(name, number) or (not name and number is not None):
        return notes.column_label(name, number, headerless=True)
    return Msg(f"colonne « {name} »", f"column '{name}'")


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
    values = {"row": row, "field": field_name, "number": number, "cell": "" if cell is None else cell}
    note_detail = detail(error_type, note)
    column = column_words(field_name, number)
    if error_type in TRANSLATIONS:
        template, tip = TRANSLATIONS[error_type]
        message = render(template, values, note_detail, column)
    else:
        title = TITLES.get(error_type, Msg(f"Problème signalé par la validation ({error_type})",
                                           f"Problem found by validation ({error_type})"))
        message = render(title, values, note_detail, column)
        message = message + (Msg(f" : {note_detail.fr}.", f": {note_detail.en}.") if note else Msg(".", "."))
        tip = GENERIC_TIP
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
        extra=structured_note(error_type, note),
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
