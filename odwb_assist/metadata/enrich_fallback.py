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


@hookimpl(trylast=True)
def odwb_enrich_metadata(project: Any, source: Any) -> dict[str, Any]:
    proposals: dict[str, Any] = {}
    if source is not None:
        proposals["default.title"] = title_from_file(Path(source))
    if project is not None and project.administration.name:
        adm = project.administration
        proposals["dcat.spatial"] = adm.name + (f" (code INS {adm.nis_code})" if adm.nis_code else "")
    return proposals
