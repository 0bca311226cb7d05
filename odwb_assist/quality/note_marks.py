"""How a note opens (« Source : », « NB », « * », « (1) », a printable export's footer « Imprimé le … »): what tells a
note written under a table (:mod:`..checks.notes_below_table`) or beside it (:func:`.workbook.notes_beside`) from
data."""

from __future__ import annotations

import re

MARKER = re.compile(
    r"(?i)\s*(?:\*|\(\d+\)|\[\d+\]|\d+\)\s|source|sources|note|notes|nb\b|n\.b\.|remarques?|l[ée]gende|lecture\s*:|"
    r"champ\s*:|m[ée]thodologie|d[ée]finitions?|avertissement|mise à jour|mis à jour|donn[ée]es provisoires|"
    r"chiffres provisoires|©|copyright|bron\s*:|opmerking|"
    # a printable export's footer: « Imprimé le 15/01/2025 par … », « Page 3 / 3 »
    r"(?:imprim|[ée]dit|g[ée]n[ée]r|export|extrait)[ée]e?s?\s+le\b|date d'(?:impression|[ée]dition|extraction)|"
    r"page\s*\d+\s*(?:/|sur|de)\s*\d+)"
)
