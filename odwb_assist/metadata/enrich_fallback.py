"""Built-in plugin, called last: a title from the file name and the administration's territory as spatial coverage.

These are weak guesses: any other plugin (the Belgian plugin for spatial coverage) or the user wins.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..core.hookspecs import hookimpl


def title_from_file(path: Path) -> str:
    stem = re.sub(r"^\d{4}-\d{2}-\d{2}_(\d{5}_)?", "", path.stem)  # FuturoCité naming: date_INS_name
    words = re.sub(r"[_\-.]+", " ", stem).strip()
    return words[:1].upper() + words[1:]


# what names the administration, not its territory: « Ville de Ciney », « CPAS d'Andenne » cover Ciney, Andenne (a
# province is named as its territory: « Province de Namur », not the city of Namur)
_ADMINISTRATION = re.compile(r"^(?:ville|commune|administration communale|cpas|c\.p\.a\.s\.?|centre public d'action "
                             r"sociale)\s+(?:de\s+|d'|d’|du\s+)?", re.IGNORECASE)


def territory(administration: str) -> str:
    """The territory an administration's data covers, as ``dcat.spatial`` names it (« Ville de Ciney » → « Ciney »)."""
    return _ADMINISTRATION.sub("", administration.strip()).strip() or administration.strip()


@hookimpl(trylast=True)
def odwb_enrich_metadata(project: Any, source: Any) -> dict[str, Any]:
    proposals: dict[str, Any] = {}
    if source is not None:
        proposals["default.title"] = title_from_file(Path(source))
    if project is not None and project.administration.name:
        adm = project.administration
        proposals["dcat.spatial"] = territory(adm.name) + (f" (code INS {adm.nis_code})" if adm.nis_code else "")
    return proposals
