"""The technical notes of Frictionless, of Python's codecs and of the readers, told in French (and English).

Frictionless explains its errors with short English notes (``type is "integer/default"``,
``at position "1, 3"``, ``constraint "minimum" is "0"``) and a reader fails with a codec or library
message (``'utf-8' codec can't decode byte 0xe9 in position 12``). None of these may reach a French
report as is: each known shape is parsed and told again in plain words; an unknown one is replaced
by a general sentence in French and kept verbatim only in English.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..core.i18n import Msg

TYPE_NAMES: dict[str, Msg] = {
    "integer": Msg("un nombre entier (ex. 42)", "a whole number (e.g. 42)"),
    "number": Msg("un nombre avec un point décimal (ex. 12.5)", "a number with a decimal point (e.g. 12.5)"),
    "date": Msg("une date au format AAAA-MM-JJ (ex. 2024-03-31)", "a date written YYYY-MM-DD (e.g. 2024-03-31)"),
    "year": Msg("une année à quatre chiffres (ex. 2024)", "a four-digit year (e.g. 2024)"),
    "boolean": Msg("une valeur oui/non écrite true/false ou 1/0", "a yes/no value written true/false or 1/0"),
    "datetime": Msg("une date et une heure au format AAAA-MM-JJTHH:MM:SS", "a date and time written YYYY-MM-DDTHH:MM:SS"),
    "time": Msg("une heure au format HH:MM:SS", "a time written HH:MM:SS"),
    "yearmonth": Msg("une année et un mois au format AAAA-MM", "a year and month written YYYY-MM"),
    "geopoint": Msg("des coordonnées « latitude, longitude »", "coordinates 'latitude, longitude'"),
    "duration": Msg("une durée au format ISO 8601 (ex. P1D)", "an ISO 8601 duration (e.g. P1D)"),
    "object": Msg("un objet JSON", "a JSON object"),
    "array": Msg("une liste JSON", "a JSON array"),
    "list": Msg("une liste de valeurs", "a list of values"),
    "geojson": Msg("une géométrie GeoJSON", "a GeoJSON geometry"),
    "string": Msg("du texte", "text"),
    "any": Msg("une valeur", "a value"),
}

TYPE_NOTE = re.compile(r'type is "(?P<type>[a-z]+)/(?P<format>[^"]*)"')
CONSTRAINT_NOTE = re.compile(r'constraint "(?P<name>[A-Za-z]+)" is "(?P<value>.*)"', re.S)
POSITION_NOTE = re.compile(r'at position "(?P<positions>[0-9, ]+)"')
SAME_ROW_NOTE = re.compile(r"the same as in the row at position (?P<row>[0-9]+)")
CODEC_NOTE = re.compile(r"'(?P<codec>[^']+)' codec can't (?:decode|encode) (?:byte|bytes|character) "
                        r"(?P<byte>\S+?)(?: in position (?P<position>[0-9-]+))?: (?P<reason>.+)", re.S)

# the name Python's errors give every single-byte table codec (cp1252, cp850, ISO-8859-15…): it tells a user
# nothing; the report says which encoding was detected
SINGLE_BYTE_CODEC = "charmap"

CONSTRAINTS: dict[str, Msg] = {
    "required": Msg("la cellule ne peut pas être vide", "the cell must not be empty"),
    "unique": Msg("chaque valeur doit être unique", "every value must be unique"),
    "minimum": Msg("la valeur doit être au moins {value}", "the value must be at least {value}"),
    "maximum": Msg("la valeur doit être au plus {value}", "the value must be at most {value}"),
    "exclusiveMinimum": Msg("la valeur doit être plus grande que {value}", "the value must be greater than {value}"),
    "exclusiveMaximum": Msg("la valeur doit être plus petite que {value}", "the value must be less than {value}"),
    "minLength": Msg("le texte doit avoir au moins {value} caractère(s)", "the text must have at least {value} character(s)"),
    "maxLength": Msg("le texte doit avoir au plus {value} caractère(s)", "the text must have at most {value} character(s)"),
    "pattern": Msg("la valeur doit suivre le modèle « {value} »", "the value must follow the pattern '{value}'"),
    "enum": Msg("la valeur doit être l'une de celles permises : {value}", "the value must be one of the allowed ones: {value}"),
}


def type_name(field_type: str) -> Msg:
    """What a value of ``field_type`` looks like, in words."""
    return TYPE_NAMES.get(field_type, Msg(f"une valeur de type {field_type}", f"a value of type {field_type}"))


def expected_type(note: str) -> tuple[str, str] | None:
    """``(type, format)`` from a Frictionless type note, or ``None``."""
    found = TYPE_NOTE.search(note or "")
    return (found["type"], found["format"]) if found else None


def type_note(note: str) -> Msg:
    """« attendu : un nombre entier » from ``type is "integer/default"``."""
    parsed = expected_type(note)
    if parsed is None:
        return Msg("attendu : une valeur du type de la colonne", "expected: a value of the column's type")
    name, fmt = parsed
    words = type_name(name)
    if fmt and fmt not in ("default", "any"):
        words = words + Msg(f", au format « {fmt} »", f", in the format '{fmt}'")
    return Msg("attendu : ", "expected: ") + words


def constraint_note(note: str) -> Msg:
    """« la valeur doit être au moins 0 » from ``constraint "minimum" is "0"``."""
    found = CONSTRAINT_NOTE.search(note or "")
    if not found:
        return Msg("une contrainte du schéma n'est pas respectée", "a schema constraint is not met")
    template = CONSTRAINTS.get(found["name"])
    if template is None:
        return Msg(f"contrainte « {found['name']} » du schéma : {found['value']}",
                   f"schema constraint '{found['name']}': {found['value']}")
    return template.format(value=found["value"])


def positions(note: str) -> list[int]:
    """The column numbers of a duplicate-label note (``at position "1, 3"``)."""
    found = POSITION_NOTE.search(note or "")
    return [int(part) for part in found["positions"].split(",") if part.strip()] if found else []


def same_label_note(note: str) -> Msg:
    """« même titre que la colonne n° 1 » from ``at position "1"``."""
    numbers = positions(note)
    if not numbers:
        return Msg("même titre qu'une autre colonne", "same label as another column")
    listed = ", ".join(map(str, numbers))
    return Msg(f"même titre que la colonne n° {listed}" if len(numbers) == 1 else f"même titre que les colonnes n° {listed}",
               f"same label as column {listed}" if len(numbers) == 1 else f"same label as columns {listed}")


def row_note(note: str) -> Msg:
    """The note of a primary-key or duplicate-row error, in words."""
    found = SAME_ROW_NOTE.search(note or "")
    if found:
        return Msg(f"identique à la ligne {found['row']}", f"same as row {found['row']}")
    if "None" in (note or "") and "primary key" in (note or ""):
        return Msg("les cellules de la clé sont vides", "the key cells are empty")
    return general(note)


def codec_note(note: str, line: int | None = None) -> Msg | None:
    """A codec's ``can't decode byte`` message told in words, or ``None`` when it is not one; ``line``: the byte's line
    in the file, when known (:func:`.undecodable.first_undecodable`)."""
    found = CODEC_NOTE.search(note or "")
    if not found:
        return None
    byte = found["byte"].upper().replace("0X", "0x")
    where = Msg("", "") if line is None else Msg(f", à la ligne {line} du fichier,", f", on line {line} of the file,")
    if found["codec"].lower() == SINGLE_BYTE_CODEC:
        within = Msg("l'encodage détecté", "the detected encoding")
    else:
        codec = found["codec"].upper().replace("_", "-")
        within = Msg(f"l'encodage {codec}", f"the {codec} encoding")
    return Msg(f"l'octet {byte}{where.fr} n'est pas un caractère valide dans {within.fr} : le fichier a "
               "probablement été enregistré dans un autre encodage",
               f"byte {byte}{where.en} is not a valid character in {within.en}: the file was probably "
               "saved in another encoding")


READER_NOTES: tuple[tuple[re.Pattern[str], Msg], ...] = (
    (re.compile(r"(?i)not a zip file|bad ?zip|zipfile"),
     Msg("le contenu n'est pas celui d'un classeur XLSX ou ODS (ce n'est pas une archive ZIP valide)",
         "the content is not that of an XLSX or ODS workbook (not a valid ZIP archive)")),
    (re.compile(r"(?i)source is empty|empty file|no columns to parse"),
     Msg("le fichier est vide", "the file is empty")),
    (re.compile(r"(?i)worksheet .* does not exist|sheet .* (?:not found|does not exist)|no sheet|index out of range"),
     Msg("la feuille demandée n'existe pas dans le classeur", "the requested sheet does not exist in the workbook")),
    (re.compile(r"(?i)unsupported format|not supported|cannot detect|could not determine"),
     Msg("ce format de fichier n'est pas reconnu comme un tableau", "this file format is not recognised as a table")),
    (re.compile(r"(?i)biff|compdoc|ole2|xlrd|corrupt|truncated|unexpected end|eof"),
     Msg("le classeur est endommagé ou dans une version que la lecture ne comprend pas",
         "the workbook is damaged or in a version the reader does not understand")),
    (re.compile(r"(?i)line contains nul|null byte|\\x00|nul"),
     Msg("le fichier contient des octets nuls : c'est sans doute un fichier binaire, pas un texte CSV",
         "the file holds null bytes: it is probably a binary file, not CSV text")),
    (re.compile(r"(?i)field larger than field limit|field limit"),
     Msg("une cellule est démesurément longue (un guillemet non fermé ?)",
         "a cell is exceedingly long (an unclosed quote?)")),
)


def general(note: str, line: int | None = None) -> Msg:
    """Any library note: known shapes told in words; otherwise a French sentence and the note kept in English
    (``line``: where a byte its codec does not define lies, when known)."""
    text = (note or "").strip()
    codec = codec_note(text, line)
    if codec is not None:
        return codec
    for pattern, message in READER_NOTES:
        if pattern.search(text):
            return message
    return Msg("le contenu n'a pas pu être interprété", text or "the content could not be interpreted")


def column_label(name: str | None, number: int | None, headerless: bool = False) -> Msg:
    """How a column is named to the user: « colonne n° 12 (sans titre) » when it has no header."""
    if headerless or (name is None and number is not None):
        return Msg(f"colonne n° {number} (sans titre)", f"column {number} (untitled)")
    return Msg(f"« {name} »", f"'{name}'")


def headerless_name(name: str | None, number: int | None) -> bool:
    """Whether ``name`` is the ``fieldN`` Frictionless gives to a column whose header cell is blank."""
    return bool(name) and number is not None and name == f"field{number}"


def relabel_text(text: str, untitled: dict[str, int], lang: str, renamed: dict[str, tuple[str, int]] | None = None,
                 spaced: dict[str, str] | None = None) -> str:
    """``text`` with the column names Frictionless made up told as the user sees them: « colonne n° 12 (sans
    titre) » for ``field12`` (a blank header cell), « nom » (colonne n° 4) for ``nom2`` (a repeated label),
    « Libellé » for « ␣Libellé » (``spaced``: a header of two rows joined)."""
    for name, number in untitled.items():
        if name not in text:
            continue
        if lang == "fr":
            label = f"colonne n° {number} (sans titre)"
            text = re.sub(rf"\b([Cc])olonne « {re.escape(name)} »", rf"\1olonne n° {number} (sans titre)", text)
            text = text.replace(f"« {name} »", label).replace(f"«\u00a0{name}\u00a0»", label)
        else:
            label = f"column {number} (untitled)"
            text = re.sub(rf"\b([Cc])olumn '{re.escape(name)}'", rf"\1olumn {number} (untitled)", text)
            text = text.replace(f"'{name}'", label)
        text = re.sub(rf"\b{re.escape(name)}\b", label, text)
    for name, (original, number) in (renamed or {}).items():
        if lang == "fr":
            text = text.replace(f"« {name} »", f"« {original} » (colonne n° {number})")
        else:
            text = text.replace(f"'{name}'", f"'{original}' (column {number})")
    for name, shown in (spaced or {}).items():
        text = text.replace(f"« {name} »", f"« {shown} »") if lang == "fr" else text.replace(f"'{name}'", f"'{shown}'")
    return text


def relabel(finding: Any, untitled: dict[str, int], renamed: dict[str, tuple[str, int]] | None = None,
            spaced: dict[str, str] | None = None) -> Any:
    """The finding with its message and tip free of made-up column names (the finding itself if none)."""
    if not untitled and not renamed and not spaced:
        return finding
    message = Msg(relabel_text(finding.message.fr, untitled, "fr", renamed, spaced),
                  relabel_text(finding.message.en, untitled, "en", renamed, spaced))
    tip = Msg(relabel_text(finding.tip.fr, untitled, "fr", renamed, spaced),
              relabel_text(finding.tip.en, untitled, "en", renamed, spaced))
    if message == finding.message and tip == finding.tip:
        return finding
    return replace(finding, message=message, tip=tip)
