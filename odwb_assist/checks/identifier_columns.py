"""Columns of identifiers: numbers to read as written, never amounts with thousands separators.

An establishment unit's « 2.123.456.789 » or a file number « 1.204.311 » groups its digits with points as an amount
does; such a column is known by its kind (``FieldKind.identifier``: enterprise and establishment numbers, phones…)
or by a label that begins by naming an identifier (« Numéro d'unité d'établissement », « N° de dossier »,
« Code … »; « Montant n-1 » names an amount), or that names a code system anywhere: an activity's NACE-BEL code
is written « 10.711 » (Statbel's NACE-BEL 2008 nomenclature: two digits, a point, up to three digits), which an
amount with a thousands separator would be too.
"""

from __future__ import annotations

from typing import Any

from .people import label_words

IDENTIFIER_WORDS = frozenset({"numero", "num", "no", "n", "nr", "nummer", "number", "id", "identifiant", "code",
                              "matricule", "reference", "ref"})
# code systems whose codes hold points or look like numbers, named anywhere in a label (« Activité (NACE) »)
CODE_SYSTEMS = frozenset({"nace", "nacebel", "naceb", "nis", "ins", "bce", "kbo", "cpv", "isbn", "ean", "iban"})


def names_an_identifier(label: str) -> bool:
    """Whether a column label begins by naming an identifier, or names a code system (« NACE »)."""
    words = label_words(label)
    return bool(words) and (words[0] in IDENTIFIER_WORDS or not CODE_SYSTEMS.isdisjoint(words))


def identifier_columns(fields: list[str], options: dict[str, Any] | None) -> frozenset[str]:
    """The columns among ``fields`` that hold identifiers: of an identifier kind (``options["identifier_fields"]``,
    as the engine and ``fix`` give it) or named as one."""
    kinds = (options or {}).get("identifier_fields", frozenset())
    return frozenset(name for name in fields if name in kinds or names_an_identifier(name))
