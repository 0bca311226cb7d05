"""The project file ``odwb.toml``: the administration, its portal, its datasets, its challenge.

Read with :mod:`tomllib`; every table and key is checked against
:data:`odwb_assist.core.config_checks.SCHEMA` so that a typo is reported with the file and the line
instead of being silently ignored, and resolved into the values of :mod:`odwb_assist.core.config_model`.
The API key never lives in this file: ``[portal] api_key_env`` names the environment variable that
holds it.

Keys (all optional unless said)::

    [administration]   name (required), nis_code, publisher, type, contact_name, contact_email,
                       website, language
    [portal]           url, api_key_env, timeout, licence_path ("internal" or "default": where the licence
                       and themes are written; found and remembered when not set),
                       [portal.licenses] label = id, [portal.themes] label = id
    [[datasets]]       id (required), file (required, relative to odwb.toml), sheet, schema,
                       restricted, inventory_id, metadata_file, [datasets.metadata] (portal metadata
                       fields, see odwb_assist.metadata), [datasets.fields] (per-column settings)
                       — or the table form [datasets.<id>] with the same keys
    [inventory]        file
    [challenge]        theme, problem, users, datasets, service_idea, partners, indicators,
                       [[challenge.roadmap]] action, owner, due, status
    [programme]        edition, ledger
    [workshop]         participant, room, dataset_prefix (written by ``workshop prepare``: every
                       dataset id gets the prefix on the portal, e.g. ``p07-ciney-parkings-velos``)
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from .config_checks import (
    _check_key_env,
    _check_licence_path,
    _check_portal,
    _check_schema,
    _dataset_entries,
    _refuse_secrets,
)
from .config_model import (
    DEFAULT_API_KEY_ENV,
    DEFAULT_PORTAL_URL,
    PROJECT_FILE,
    AdministrationConfig,
    DatasetConfig,
    PortalConfig,
    ProjectConfig,
)
from .config_portal import check_url
from .errors import ConfigError

PORTAL_URL_ENV = "ODWB_PORTAL_URL"


def find_project_file(start: Path | None = None) -> Path | None:
    """``odwb.toml`` in ``start`` (default: the working folder) or one of its parents."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return candidate
    return None


def load(path: str | os.PathLike[str] | None = None, *, portal_url: str | None = None) -> ProjectConfig:
    """Read and check ``odwb.toml``; ``portal_url`` (``--portal``) overrides the file and the environment."""
    file = Path(path) if path is not None else find_project_file()
    if file is None:
        raise ConfigError(
            f"Aucun fichier {PROJECT_FILE} trouvé dans ce dossier ni au-dessus. Créez-en un avec "
            "« odwb-assist init », ou indiquez-le avec --project CHEMIN.",
            f"No {PROJECT_FILE} found in this folder or above. Create one with 'odwb-assist init', "
            "or give it with --project PATH.",
        )
    file = file.resolve()
    if not file.is_file():
        raise ConfigError(
            f"Le fichier de projet {file} n'existe pas. Créez-le avec « odwb-assist init ».",
            f"Project file {file} does not exist. Create it with 'odwb-assist init'.",
        )
    try:
        text = file.read_text(encoding="utf-8-sig")  # Windows Notepad may save with a BOM
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{file} n'est pas encodé en UTF-8 : réenregistrez-le en UTF-8 dans votre éditeur.",
            f"{file} is not UTF-8 encoded: save it again as UTF-8 in your editor.",
        ) from exc
    return parse(text, file, portal_url=portal_url)


def parse(text: str, file: Path | None = None, *, portal_url: str | None = None) -> ProjectConfig:
    """Check and resolve the text of a project file (``file`` is used for messages and paths)."""
    where = str(file) if file else PROJECT_FILE
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"line (\d+), column (\d+)", str(exc))  # tomllib speaks English: the place alone in French
        fr_at, en_at = (f", ligne {at[1]}, colonne {at[2]}", f", line {at[1]}, column {at[2]}") if at else ("", "")
        raise ConfigError(
            f"{where}{fr_at} : erreur de syntaxe TOML. Vérifiez les guillemets, les crochets et le signe "
            "= à cet endroit.",
            f"{where}{en_at}: TOML syntax error ({exc}). Check quotes, brackets and the = sign there.",
        ) from exc
    _refuse_secrets(data, text, where, [])
    _check_schema(data, text, where)
    _check_licence_path(data, text, where)
    _check_key_env(data, text, where)
    _check_portal(data, text, where)
    root = file.parent if file else Path.cwd()
    return _build(data, file, root, portal_url)


def _portal_url(portal_url: str | None, file_url: str | None) -> str:
    """``--portal`` over ``ODWB_PORTAL_URL`` over the file over the default, each checked with its origin."""
    if portal_url is not None:
        return check_url(portal_url, "--portal", "--portal")
    env = os.environ.get(PORTAL_URL_ENV)
    if env:  # an empty variable counts as unset, as shells treat it
        return check_url(env, f"variable d'environnement {PORTAL_URL_ENV}", f"environment variable {PORTAL_URL_ENV}")
    return (file_url or DEFAULT_PORTAL_URL).strip().rstrip("/")


def _path(root: Path, value: str | None) -> Path | None:
    if value is None:
        return None
    p = Path(value).expanduser()
    return p if p.is_absolute() else (root / p).resolve()


def _build(data: dict[str, Any], file: Path | None, root: Path, portal_url: str | None) -> ProjectConfig:
    adm = data["administration"]
    administration = AdministrationConfig(
        name=adm["name"], nis_code=adm.get("nis_code"), publisher=adm.get("publisher"),
        type=(adm.get("type") or "").lower() or None, contact_name=adm.get("contact_name"),
        contact_email=adm.get("contact_email"), website=adm.get("website"),
        language=adm.get("language", "fr"),
    )
    p = data.get("portal", {})
    portal = PortalConfig(
        url=_portal_url(portal_url, p.get("url")), api_key_env=p.get("api_key_env", DEFAULT_API_KEY_ENV),
        timeout=float(p.get("timeout", 30.0)),
        licenses={str(k): str(v) for k, v in p.get("licenses", {}).items()},
        themes={str(k): str(v) for k, v in p.get("themes", {}).items()},
        licence_path=p.get("licence_path"),
    )
    datasets = []
    prefix = str(data.get("workshop", {}).get("dataset_prefix") or "")
    for entry in _dataset_entries(data.get("datasets", []), "", str(file)):
        datasets.append(DatasetConfig(
            id=entry["id"] if entry["id"].startswith(prefix) else prefix + entry["id"],
            file=_path(root, entry["file"]) or root, sheet=entry.get("sheet"),
            schema=_path(root, entry.get("schema")), restricted=bool(entry.get("restricted", False)),
            inventory_id=entry.get("inventory_id"), metadata_file=_path(root, entry.get("metadata_file")),
            metadata=dict(entry.get("metadata", {})), fields=dict(entry.get("fields", {})),
        ))
    inventory = data.get("inventory", {})
    return ProjectConfig(
        path=file, administration=administration, portal=portal, datasets=datasets,
        inventory_file=_path(root, inventory.get("file")), challenge=dict(data.get("challenge", {})),
        programme=dict(data.get("programme", {})), workshop=dict(data.get("workshop", {})),
    )


def default_config(portal_url: str | None = None) -> ProjectConfig:
    """A configuration without project file (library calls, ``check`` outside a project)."""
    return ProjectConfig(path=None, administration=AdministrationConfig(name=""),
                         portal=PortalConfig(url=_portal_url(portal_url, None)))
