"""``programme edition new --year 2027 --start … --end …``: the next edition's file, written from the
current one (fees, cap, sessions, challenges and obligations kept, comments too) into the programme's
folder, where ``--edition`` and the default edition find it."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from pathlib import Path

from odwb_assist.plugin import ConfigError, InputError

from .edition import Edition, load_edition


def _source_text(edition: Edition, folder: Path) -> str:
    local = folder / f"{edition.id}.toml"
    if local.is_file():
        return local.read_text(encoding="utf-8")
    shipped = resources.files("odwb_assist_programme") / "editions" / f"{edition.id}.toml"
    if shipped.is_file():
        return shipped.read_text(encoding="utf-8")
    raise ConfigError(f"Le fichier de l'édition « {edition.id} » est introuvable ; donnez-le avec --edition.",
                      f"The file of edition '{edition.id}' was not found; give it with --edition.")


def _with_year(text: str, year: int) -> str:
    return re.sub(r"(19|20)\d\d", str(year), text) if re.search(r"(19|20)\d\d", text) else f"{text} {year}"


def _set(text: str, key: str, value: str) -> str:
    pattern = re.compile(rf"^({key}\s*=\s*)([^#\n]*?)(\s*(#.*)?)$", re.M)
    if not pattern.search(text):
        raise ConfigError(f"Le fichier d'édition n'a pas de ligne « {key} = … ».", f"The edition file has no '{key} = …' line.")
    return pattern.sub(lambda m: f"{m.group(1)}{value}{m.group(3)}", text, count=1)


def new_edition(current: Edition, folder: Path, *, year: int, start: date, end: date, overwrite: bool = False) -> Path:
    """Write ``<new id>.toml`` into ``folder`` and return its path; the file is read back before being kept."""
    if end <= start:
        raise InputError(f"La fin ({end}) doit suivre le début ({start}).",
                         f"The end ({end}) must come after the start ({start}).")
    if not (start.year <= year <= end.year):
        raise InputError(f"L'année {year} ne correspond pas aux dates {start} → {end}.",
                         f"Year {year} does not match the dates {start} → {end}.")
    new_id = _with_year(current.id, year).replace(" ", "-")
    target = folder / f"{new_id}.toml"
    if target.exists() and not overwrite:
        raise InputError(f"{target} existe déjà : il n'est pas remplacé (ajoutez --force pour le remplacer).",
                         f"{target} already exists: it is not replaced (add --force to replace it).")
    text = _source_text(current, folder)
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith("#"):
        lines[0] = f"# {_with_year(current.title, year)} (écrit par « programme edition new » depuis {current.id}).\n"
    text = "".join(lines)
    text = _set(text, "id", f'"{new_id}"')
    text = _set(text, "title", f'"{_with_year(current.title, year)}"')
    text = _set(text, "start", start.isoformat())
    text = _set(text, "end", end.isoformat())
    folder.mkdir(parents=True, exist_ok=True)
    scratch = folder / f".{new_id}.nouveau.toml"
    scratch.write_text(text, encoding="utf-8")
    try:
        load_edition(scratch)
    except ConfigError:
        scratch.unlink(missing_ok=True)
        raise
    scratch.replace(target)
    return target
