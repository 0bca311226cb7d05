"""Report headings in words: the title of each kind of finding (« Virgule décimale »), the code kept in small print.

Every type odwb-assist itself can emit (its checks, the engine, the Frictionless types) has its title here
(tests/unit/quality/test_titles_complete.py finds them in the code). A plugin's finding carries its own title in
``extra["title"]`` (``{"fr": …, "en": …}``, kept as is by the JSON report, or a :class:`~odwb_assist.core.i18n.Msg`);
otherwise the heading falls back to the code. The text, HTML and XLSX reports use the same titles.
"""

from __future__ import annotations

from typing import Any

from ..core.i18n import Msg, normalise_lang

TITLES: dict[str, Msg] = {
    # the built-in checks
    "date-format": Msg("Dates à réécrire (AAAA-MM-JJ)", "Dates to rewrite (YYYY-MM-DD)"),
    "weekday-mismatch": Msg("Jour de la semaine qui n'est pas celui de la date", "Weekday that is not the date's"),
    "decimal-comma": Msg("Virgule décimale", "Decimal comma"),
    "duplicate-row": Msg("Lignes en double", "Duplicate rows"),
    "empty-column": Msg("Colonne vide", "Empty column"),
    "map-point-swapped": Msg("Points de carte écrits longitude d'abord", "Map points written longitude first"),
    "map-point-invalid": Msg("Cellules de la colonne de carte qui ne sont pas un point", "Map column cells that are no point"),
    "map-point-form": Msg("Points de carte écrits autrement que la forme du portail",
                          "Map points written otherwise than the portal's form"),
    "same-portal-name": Msg("Titres qui donnent le même nom sur le portail", "Titles that give the same name on the portal"),
    "row-index-column": Msg("Colonne d'index sans titre (numéros de ligne)", "Untitled index column (row numbers)"),
    "inconsistent-category": Msg("Même catégorie écrite de plusieurs façons", "Same category written several ways"),
    "merged-header": Msg("En-tête sur plusieurs lignes (cellules fusionnées, unités)",
                         "Header over several rows (merged cells, units)"),
    "non-utf-encoding": Msg("Encodage des caractères (pas UTF-8)", "Character encoding (not UTF-8)"),
    "end-mark": Msg("Marque de fin de fichier (Ctrl-Z)", "End-of-file mark (Ctrl-Z)"),
    "mac-line-ends": Msg("Fins de ligne à l'ancienne manière des Mac", "Line ends the old Mac way"),
    "midnight-dates": Msg("Dates écrites avec l'heure 00:00", "Dates written with the time 00:00"),
    "date-range": Msg("Périodes « début - fin » dans une seule cellule", "Periods 'start - end' in a single cell"),
    "mixed-encoding": Msg("Octets d'un autre encodage (Windows-1252) dans un fichier UTF-8",
                          "Bytes of another encoding (Windows-1252) in a UTF-8 file"),
    "personal-email": Msg("Adresses e-mail personnelles", "Personal e-mail addresses"),
    "thousands-separator": Msg("Séparateur de milliers", "Thousands separator"),
    "masked-values": Msg("Petits nombres masqués (« <5 » : secret statistique, limite de détection)",
                         "Small numbers masked ('<5': statistical secrecy, detection limit)"),
    "time-format": Msg("Heures à réécrire (HH:MM)", "Times to rewrite (HH:MM)"),
    "decimal-zero": Msg("Nombres entiers écrits avec « .0 » (5000.0)", "Whole numbers written with '.0' (5000.0)"),
    "text-markers": Msg("Marques de texte d'un tableur (« =\"0470…\" », « '5000 »)",
                        "Spreadsheet text marks ('=\"0470…\"', \"'5000\")"),
    "dms-coordinates": Msg("Coordonnées en degrés, minutes, secondes", "Coordinates in degrees, minutes, seconds"),
    "year-columns": Msg("Une colonne par année ou par mois", "One column per year or per month"),
    "percent-cells": Msg("Nombres affichés en pourcentage, publiés en fraction (80 % → 0.8)",
                         "Numbers shown as a percentage, published as a fraction (80 % → 0.8)"),
    "percent-mixed": Msg("Fractions (80 % → 0.8) mêlées à d'autres nombres", "Fractions (80 % → 0.8) among other numbers"),
    "padded-numbers": Msg("Codes affichés avec des zéros en tête, publiés sans (040 → 40)",
                          "Codes shown with leading zeros, published without them (040 → 40)"),
    "currency-cells": Msg("Montants affichés en euros, sans la monnaie dans le titre",
                          "Amounts shown in euros, without the currency in the title"),
    "hyperlink-cells": Msg("Liens cachés derrière un texte", "Links hidden behind a text"),
    "stacked-tables": Msg("Un second tableau sous le premier", "A second table under the first"),
    "english-numbers": Msg("Nombres écrits à l'anglaise (1,234.56)", "Numbers written the English way (1,234.56)"),
    "title-rows": Msg("Lignes de titre au-dessus du tableau", "Title rows above the table"),
    "total-row": Msg("Ligne de total", "Total row"),
    "total-column": Msg("Colonne de total", "Total column"),
    "unit-in-cell": Msg("Unité écrite dans les cellules", "Unit written in the cells"),
    "vat-mixed": Msg("Montants hors TVA et TVA comprise mélangés", "Amounts with and without VAT mixed"),
    "trim-spaces": Msg("Espaces en trop", "Extra spaces"),
    "no-data": Msg("Aucune ligne de données", "No data row"),
    "possible-total": Msg("Ligne qui ressemble peut-être à un total", "Row that may be a total"),
    "summary-row": Msg("Ligne de moyenne, de minimum ou de maximum", "Average, minimum or maximum row"),
    "possible-summary": Msg("Ligne qui ressemble peut-être à une synthèse", "Row that may be a summary"),
    "checkbox-column": Msg("Cases à cocher (« X » ou vide)", "Check boxes ('X' or empty)"),
    "month-year": Msg("Mois à réécrire (AAAA-MM)", "Months to rewrite (YYYY-MM)"),
    "code-subtotals": Msg("Sous-totaux parmi le détail (codes « 04 », « 040 »…)",
                          "Subtotals among the detail (codes '04', '040'…)"),
    "possible-personal-email": Msg("Adresses e-mail peut-être personnelles", "Possibly personal e-mail addresses"),
    "placeholder-value": Msg("Valeurs de remplacement au lieu de cellules vides (« - », « n.d. »…)",
                             "Placeholders instead of empty cells ('-', 'n/a'…)"),
    "null-markers": Msg("Cellules « NULL » ou « nan » : une valeur absente écrite en toutes lettres",
                        "'NULL' or 'nan' cells: a missing value written out"),
    "formula-injection": Msg("Cellules qui commencent comme une formule", "Cells that start like a formula"),
    "unclosed-quote": Msg("Guillemet jamais refermé : des lignes avalées dans une cellule",
                          "Unclosed quote: rows swallowed into one cell"),
    "no-header": Msg("Pas de ligne de titres de colonnes", "No row of column headers"),
    "single-column-table": Msg("Tableau entier dans une seule colonne", "Whole table in a single column"),
    "repeated-header": Msg("Ligne d'en-tête répétée dans les données", "Header row repeated inside the data"),
    "section-row": Msg("Ligne de section (une seule valeur)", "Section row (a single value)"),
    "notes-below-table": Msg("Notes ou légende sous le tableau", "Notes or legend below the table"),
    "notes-beside-table": Msg("Note à côté du tableau", "Note beside the table"),
    "merged-label-cells": Msg("Libellés fusionnés verticalement (cellules vides en dessous)",
                              "Vertically merged labels (empty cells below)"),
    "form-layout": Msg("Formulaire (paires libellé/valeur) plutôt que tableau",
                       "Form (label/value pairs) rather than a table"),
    "side-by-side-tables": Msg("Tableaux côte à côte", "Tables side by side"),
    "other-sheets": Msg("Autres feuilles du classeur", "Other sheets of the workbook"),
    "double-encoding": Msg("Accents abîmés par un double encodage", "Accents spoilt by a double encoding"),
    "format-characters": Msg("Caractères invisibles de mise en forme (espace sans largeur…)",
                             "Invisible format characters (zero-width space…)"),
    "decomposed-accents": Msg("Accents écrits en deux caractères (lettre + accent)",
                              "Accents written as two characters (letter + accent)"),
    "label-line-break": Msg("Titre de colonne sur plusieurs lignes", "Column title on several lines"),
    "pivot-labels": Msg("Titres de tableau croisé dynamique", "Pivot table titles"),
    "scientific-notation": Msg("Nombres en notation scientifique, chiffres perdus",
                               "Numbers in scientific notation, digits lost"),
    "html-in-cells": Msg("HTML dans les cellules", "HTML in cells"),
    "invisible-characters": Msg("Caractères illisibles (contrôle, « � »)", "Unreadable characters (control, '�')"),
    "person-names": Msg("Noms de personnes", "Names of people"),
    "number-notes": Msg("Nombres suivis d'une note", "Numbers followed by a note"),
    "negative-display": Msg("Nombres négatifs écrits pour l'affichage (« (1 500,00) », « 1.500,00- »)",
                            "Negative numbers written for display ('(1,500.00)', '1,500.00-')"),
    "open-class": Msg("Classe ouverte parmi les nombres (« 95 ans et plus »)",
                      "Open-ended class among numbers ('95 and over')"),
    "excel-error": Msg("Erreurs de formule", "Formula errors"),
    "zero-date": Msg("Dates zéro (« 0000-00-00 »)", "Zero dates ('0000-00-00')"),
    "official-email": Msg("Adresses e-mail de mandataires publics", "E-mail addresses of public office holders"),
    "hidden-columns": Msg("Colonne masquée dans le classeur", "Column hidden in the workbook"),
    "hidden-rows": Msg("Lignes masquées dans le classeur", "Rows hidden in the workbook"),
    "formula-without-value": Msg("Formules sans résultat enregistré", "Formulas without a saved result"),
    "check-failed": Msg("Vérification interrompue", "Check that could not finish"),
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
    "read-as-text": Msg("Colonne que le portail lira comme du texte", "Column the portal will read as text"),
    "constraint-error": Msg("Valeur hors des règles du schéma", "Value breaking a schema rule"),
    "unique-error": Msg("Valeur qui devrait être unique", "Value that should be unique"),
    "primary-key": Msg("Clé primaire vide ou en double", "Empty or repeated primary key"),
    "foreign-key": Msg("Valeur absente de la table de référence", "Value missing from the reference table"),
    "encoding-error": Msg("Caractères illisibles", "Unreadable characters"),
    "source-error": Msg("Fichier illisible", "Unreadable file"),
    # the other Frictionless error types (checks a user may ask for, file and schema errors)
    "format-error": Msg("Format de fichier illisible", "Unreadable file format"),
    "scheme-error": Msg("Fichier impossible à ouvrir", "File that cannot be opened"),
    "compression-error": Msg("Fichier compressé illisible", "Unreadable compressed file"),
    "file-error": Msg("Problème de fichier", "File problem"),
    "hash-count": Msg("Empreinte du fichier inattendue", "Unexpected file hash"),
    "byte-count": Msg("Taille du fichier inattendue", "Unexpected file size"),
    "field-count": Msg("Nombre de colonnes inattendu", "Unexpected number of columns"),
    "row-count": Msg("Nombre de lignes inattendu", "Unexpected number of rows"),
    "table-dimensions": Msg("Dimensions du tableau hors des limites demandées", "Table size outside the required limits"),
    "unmatched-header": Msg("En-tête sans aucune colonne du schéma", "Header without any column of the schema"),
    "truncated-value": Msg("Valeur qui semble tronquée", "Value that looks truncated"),
    "forbidden-value": Msg("Valeur interdite", "Forbidden value"),
    "sequential-value": Msg("Valeur qui rompt la séquence", "Value breaking the sequence"),
    "ascii-value": Msg("Caractères non ASCII", "Non-ASCII characters"),
    "deviated-value": Msg("Valeur qui s'écarte fortement des autres", "Value far from the others"),
    "deviated-cell": Msg("Cellule anormalement longue", "Abnormally long cell"),
    "required-value": Msg("Valeur obligatoire absente", "Required value absent"),
    "row-constraint": Msg("Ligne hors des règles de ligne", "Row breaking a row rule"),
    "schema-error": Msg("Schéma non valide", "Invalid schema"),
    "field-error": Msg("Colonne du schéma non valide", "Invalid schema field"),
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
