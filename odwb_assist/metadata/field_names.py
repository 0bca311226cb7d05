"""The portal's technical name of a column: what Opendatasoft makes of a header when it reads an uploaded file
(« Code INS » → ``code_ins``, « Catégorie » → ``categorie``), the name every field configuration and facet refers to.
"""

from __future__ import annotations

import re
import unicodedata


def technical_name(header: str, taken: set[str] | None = None, position: int = 0) -> str:
    """The portal's field name for a column header (``Code INS`` → ``code_ins``; accents dropped)."""
    ascii_text = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or f"field_{position + 1}"
    if name[0].isdigit():
        name = "field_" + name
    if taken is not None:
        base, n = name, 2
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        taken.add(name)
    return name
