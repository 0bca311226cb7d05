"""Report headings in words: the title of each kind of finding (« Virgule décimale »), the code kept in small print.

A plugin's finding may carry its own title in ``extra["title"]`` (a :class:`~odwb_assist.core.i18n.Msg` or
``{"fr": …, "en": …}``); otherwise the heading falls back to the code.
"""

from __future__ import annotations

from typing import Any

from ..core.i18n import Msg, normalise_lang

TITLES: dict[str, Msg] = {
    # the built-in checks
    "date-format": Msg("Dates à réécrire (AAAA-MM-JJ)", "Dates to rewrite (YYYY-MM-DD)"),
    "decimal-comma": Msg("Virgule décimale", "Decimal comma"),
    "duplicate-row": Msg("Lignes en double", "Duplicate rows"),
    "empty-column": Msg("Colonne vide", "Empty column"),
    "inconsistent-category": Msg("Même catégorie écrite de plusieurs façons", "Same category written several ways"),
    "merged-header": Msg("En-tête sur plusieurs lignes (cellules fusionnées)", "Header over several rows (merged cells)"),
    "non-utf-encoding": Msg("Encodage des caractères (pas UTF-8)", "Character encoding (not UTF-8)"),
    "personal-email": Msg("Adresses e-mail personnelles", "Personal e-mail addresses"),
    "thousands-separator": Msg("Séparateur de milliers", "Thousands separator"),
    "title-rows": Msg("Lignes de titre au-dessus du tableau", "Title rows above the table"),
    "total-row": Msg("Ligne de total", "Total row"),
    "unit-in-cell": Msg("Unité écrite dans les cellules", "Unit written in the cells"),
    "trim-spaces": Msg("Espaces en trop", "Extra spaces"),
    "no-data": Msg("Aucune ligne de données", "No data row"),
    # Frictionless's structure and schema checks
    "blank-label": Msg("Colonne sans titre", "Column without a header"),
    "duplicate-label": Msg("Titre de colonne en double", "Duplicate column header"),
    "incorrect-label": Msg("Titre de colonne différent du schéma", "Column header differs from the schema"),
    "missing-label": Msg("Colonne attendue absente", "Expected column missing"),
    "extra-label": Msg("Colonne non prévue par le schéma", "Column not in the schema"),
    "blank-header": Msg("Ligne d'en-tête vide", "Empty header row"),
    "blank-row": Msg("Ligne vide", "Empty row"),
    "missing-cell": Msg("Cellules manquantes en fin de ligne", "Missing cells at the end of a row"),
    "extra-cell": Msg("Valeurs au-delà de la dernière colonne", "Values beyond the last column"),
    "type-error": Msg("Valeur du mauvais type", "Value of the wrong type"),
    "constraint-error": Msg("Valeur hors des règles du schéma", "Value breaking a schema rule"),
    "unique-error": Msg("Valeur qui devrait être unique", "Value that should be unique"),
    "primary-key": Msg("Clé primaire vide ou en double", "Empty or repeated primary key"),
    "foreign-key": Msg("Valeur absente de la table de référence", "Value missing from the reference table"),
    "encoding-error": Msg("Caractères illisibles", "Unreadable characters"),
    "source-error": Msg("Fichier illisible", "Unreadable file"),
}


def title(finding_type: str, lang: str = "fr", finding: Any = None) -> str:
    """The heading of a kind of finding in words; its code when no title is known."""
    language = normalise_lang(lang)
    known = TITLES.get(finding_type)
    if known is not None:
        return known(language)
    given = (getattr(finding, "extra", None) or {}).get("title")
    if isinstance(given, Msg):
        return given(language)
    if isinstance(given, dict) and given.get(language):
        return str(given[language])
    return finding_type
