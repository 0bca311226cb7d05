"""Identifiers made from names: « Budget 2025 (Ciney) » → ``budget-2025-ciney``.

One rule for every identifier the tool makes from a name (a dataset's id, a participant's folder, a room's id, an
inventory row's id): lower-case ASCII letters and digits, hyphens between, accents dropped.
"""

from __future__ import annotations

import re
import unicodedata


def slug(text: str, fallback: str = "") -> str:
    """``text`` as lower-case ASCII letters, digits and hyphens (``Élise Dupont`` → ``elise-dupont``); ``fallback``
    when nothing is left."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or fallback
