"""The project file ``odwb.toml``: the administration, its portal, its datasets, its challenge.

Read with :mod:`tomllib`; every table and key is checked against :data:`SCHEMA` so that a typo is
reported with the file and the line instead of being silently ignored. The API key never lives in
this file: ``[portal] api_key_env`` names the environment variable that holds it.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config_portal import check_timeout, check_url
from .errors import ConfigError

PROJECT_FILE = "odwb.toml"
DEFAULT_PORTAL_URL = "https://www.odwb.be"
DEFAULT_API_KEY_ENV = "ODWB_API_KEY"
PORTAL_URL_ENV = "ODWB_PORTAL_URL"
ADMINISTRATION_TYPES = ("commune", "cpas", "province", "intercommunale", "autre")
LICENCE_PATHS = ("internal", "default")  # where a portal takes the licence and theme ids (see publish.sticky)

# Table -> allowed keys. A value of dict means a sub-table with free keys (checked elsewhere).
SCHEMA: dict[str, dict[str, Any]] = {
    "administration": {
        "name": str, "nis_code": str, "publisher": str, "type": str, "contact_name": str,
        "contact_email": str, "website": str, "language": str,
    },
    "portal": {"url": str, "api_key_env": str, "timeout": (int, float), "licenses": dict, "themes": dict,
               "licence_path": str},
    "datasets": {
        "id": str, "file": str, "sheet": str, "schema": str, "restricted": bool, "inventory_id": str,
        "metadata_file": str, "metadata": dict, "fields": dict,
    },
    "inventory": {"file": str},
    "challenge": {
        "theme": str, "problem": str, "users": (str, list), "datasets": (str, list), "service_idea": str,
        "partners": (str, list), "indicators": (str, list), "roadmap": list, "title": str,
        "feedback": (str, list),
    },
    "programme": {"edition": str, "ledger": str},
    "workshop": {"participant": str, "room": str, "dataset_prefix": str},
}
ROADMAP_KEYS = {"action", "owner", "due", "status"}
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")  # what [portal] api_key_env may hold
SECRET_KEY_NAMES = re.compile(r"(api_?key|apikey|token|secret|password|passwd|mot_de_passe)$", re.I)


@dataclass
class AdministrationConfig:
    name: str
    nis_code: str | None = None
    publisher: str | None = None
    type: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    website: str | None = None
    language: str = "fr"

    @property
    def publisher_label(self) -> str:
        return self.publisher or self.name


@dataclass
class PortalConfig:
    url: str = DEFAULT_PORTAL_URL
    api_key_env: str = DEFAULT_API_KEY_ENV
    timeout: float = 30.0
    licenses: dict[str, str] = field(default_factory=dict)
    themes: dict[str, str] = field(default_factory=dict)
    licence_path: str | None = None  # "internal" / "default" forced by odwb.toml; None: found per portal

    def api_key(self) -> str | None:
        """The key from the environment, else from the system keyring when installed; never logged."""
        key = os.environ.get(self.api_key_env)
        if key:
            return key
        try:
            import keyring  # optional dependency

            return keyring.get_password("odwb-assist", self.url) or None
        except Exception:
            return None

    def __repr__(self) -> str:  # no key in reprs, only where it comes from
        return f"PortalConfig(url={self.url!r}, api_key_env={self.api_key_env!r})"


@dataclass
class DatasetConfig:
    id: str
    file: Path
    sheet: str | None = None
    schema: Path | None = None
    restricted: bool = False
    inventory_id: str | None = None
    metadata_file: Path | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class ProjectConfig:
    """The resolved project file; paths are absolute, resolved against the file's folder."""

    path: Path | None
    administration: AdministrationConfig
    portal: PortalConfig = field(default_factory=PortalConfig)
    datasets: list[DatasetConfig] = field(default_factory=list)
    inventory_file: Path | None = None
    challenge: dict[str, Any] = field(default_factory=dict)
    programme: dict[str, Any] = field(default_factory=dict)
    workshop: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    @property
    def state_dir(self) -> Path:
        """``.odwb/`` beside odwb.toml: the local publication record and caches."""
        return self.root / ".odwb"

    def dataset(self, dataset_id: str | None = None) -> DatasetConfig:
        """The dataset with this id, or the only one when ``dataset_id`` is None."""
        if dataset_id is None:
            if len(self.datasets) == 1:
                return self.datasets[0]
            if not self.datasets:
                raise ConfigError(
                    f"{self._where()} ne déclare aucun jeu de données : ajoutez une table [[datasets]] "
                    "avec id et file.",
                    f"{self._where()} declares no dataset: add a [[datasets]] table with id and file.",
                )
            ids = ", ".join(d.id for d in self.datasets)
            raise ConfigError(
                f"{self._where()} déclare plusieurs jeux de données ({ids}) : choisissez-en un avec --dataset.",
                f"{self._where()} declares several datasets ({ids}): choose one with --dataset.",
            )
        prefix = str(self.workshop.get("dataset_prefix") or "")
        for ds in self.datasets:
            if ds.id in (dataset_id, prefix + dataset_id):  # a prepared folder answers to the tutorial's id too
                return ds
        ids = ", ".join(d.id for d in self.datasets) or "aucun"
        raise ConfigError(
            f"Le jeu de données « {dataset_id} » n'est pas déclaré dans {self._where()} (déclarés : {ids}).",
            f"Dataset '{dataset_id}' is not declared in {self._where()} (declared: {ids}).",
        )

    def _where(self) -> str:
        return str(self.path) if self.path else PROJECT_FILE


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
        at = re.search(r"line (\d+), column (\d+)", str(exc))  # tomllib speaks English: give the place in French too
        fr_at, en_at = (f", ligne {at[1]}, colonne {at[2]}", f", line {at[1]}, column {at[2]}") if at else ("", "")
        raise ConfigError(
            f"{where}{fr_at} : erreur de syntaxe TOML ({exc}). Vérifiez les guillemets, les crochets et le signe "
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


def _check_portal(data: dict[str, Any], text: str, where: str) -> None:
    """URL and timeout of ``[portal]``, checked at their line (see :mod:`odwb_assist.core.config_portal`)."""
    portal = data.get("portal") or {}
    if "url" in portal:
        check_url(portal["url"], _at(where, text, "url"), _at_en(where, text, "url"))
    if "timeout" in portal:
        check_timeout(portal["timeout"], _at(where, text, "timeout"), _at_en(where, text, "timeout"))


def _portal_url(portal_url: str | None, file_url: str | None) -> str:
    """``--portal`` over ``ODWB_PORTAL_URL`` over the file over the default, each checked with its origin."""
    if portal_url is not None:
        return check_url(portal_url, "--portal", "--portal")
    env = os.environ.get(PORTAL_URL_ENV)
    if env:  # an empty variable counts as unset, as shells treat it
        return check_url(env, f"variable d'environnement {PORTAL_URL_ENV}", f"environment variable {PORTAL_URL_ENV}")
    return (file_url or DEFAULT_PORTAL_URL).strip().rstrip("/")


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*(\[+\s*)?[\"']?{re.escape(key)}[\"']?\s*(=|\.|\])", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _at(where: str, text: str, key: str) -> str:
    line = _line_of(text, key)
    return f"{where}, ligne {line}" if line else where


def _at_en(where: str, text: str, key: str) -> str:
    line = _line_of(text, key)
    return f"{where}, line {line}" if line else where


def _refuse_secrets(node: Any, text: str, where: str, trail: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if SECRET_KEY_NAMES.search(str(key)) and not str(key).endswith("_env"):
                dotted = ".".join([*trail, key])
                raise ConfigError(
                    f"{_at(where, text, key)} : la clé « {dotted} » contient un secret. Une clé d'API ne "
                    f"doit jamais être écrite dans {PROJECT_FILE} (elle finirait dans des copies et des "
                    f"dépôts). Supprimez cette ligne et définissez la variable d'environnement "
                    f"{DEFAULT_API_KEY_ENV} (ou celle nommée par [portal] api_key_env).",
                    f"{_at_en(where, text, key)}: key '{dotted}' holds a secret. An API key must never be "
                    f"written in {PROJECT_FILE}. Remove this line and set the environment variable "
                    f"{DEFAULT_API_KEY_ENV} (or the one named by [portal] api_key_env).",
                )
            _refuse_secrets(value, text, where, [*trail, str(key)])
    elif isinstance(node, list):
        for item in node:
            _refuse_secrets(item, text, where, trail)


def _check_key_env(data: dict[str, Any], text: str, where: str) -> None:
    """``api_key_env`` names a variable; a pasted key there would be printed by « config show »: refuse it, unechoed."""
    name = (data.get("portal") or {}).get("api_key_env")
    if not isinstance(name, str):
        return
    looks_like_key = len(name) >= 20 and "_" not in name and any(c.isdigit() for c in name)
    if ENV_NAME.match(name) and not looks_like_key:
        return
    raise ConfigError(
        f"{_at(where, text, 'api_key_env')} : « api_key_env » "
        f"doit contenir le NOM d'une variable d'environnement (ex. {DEFAULT_API_KEY_ENV}), pas la clé elle-même. "
        f"Écrivez api_key_env = \"{DEFAULT_API_KEY_ENV}\", puis chargez la clé dans le terminal (source cle-api.env, "
        f"ou export {DEFAULT_API_KEY_ENV}=…) ; si ce fichier a été partagé, demandez une nouvelle clé.",
        f"{_at_en(where, text, 'api_key_env')}: 'api_key_env' must hold the NAME of an environment variable (e.g. "
        f"{DEFAULT_API_KEY_ENV}), not the key itself. Write api_key_env = \"{DEFAULT_API_KEY_ENV}\", then load the key "
        f"in the terminal (source cle-api.env, or export {DEFAULT_API_KEY_ENV}=…); if this file was shared, get a new key.",
    )


def _check_licence_path(data: dict[str, Any], text: str, where: str) -> None:
    value = (data.get("portal") or {}).get("licence_path")
    if value is None or value in LICENCE_PATHS:
        return
    raise ConfigError(
        f"{_at(where, text, 'licence_path')} : [portal] licence_path vaut « internal » (la licence et les thèmes écrits "
        "dans internal.license_id / internal.theme_id) ou « default » (default.license_id / default.theme_id). "
        "Sans cette ligne, le bon chemin est trouvé et retenu pour chaque portail.",
        f"{_at_en(where, text, 'licence_path')}: [portal] licence_path is \"internal\" (licence and themes written to "
        "internal.license_id / internal.theme_id) or \"default\" (default.license_id / default.theme_id). Without this "
        "line, the right path is found and remembered for each portal.",
    )


def _unknown(where: str, text: str, key: str, allowed: list[str], table: str | None) -> ConfigError:
    inside_fr = f" dans [{table}]" if table else ""
    inside_en = f" in [{table}]" if table else ""
    return ConfigError(
        f"{_at(where, text, key)} : clé ou table inconnue « {key} »{inside_fr}. Clés possibles : "
        f"{', '.join(sorted(allowed))}. Corrigez l'orthographe ou supprimez la ligne.",
        f"{_at_en(where, text, key)}: unknown key or table '{key}'{inside_en}. Allowed: "
        f"{', '.join(sorted(allowed))}. Fix the spelling or remove the line.",
    )


def _type_error(where: str, text: str, key: str, table: str, expected: Any) -> ConfigError:
    names = {str: "texte entre guillemets", bool: "true ou false", int: "nombre", float: "nombre",
             dict: "table", list: "liste [ … ]"}
    kinds = expected if isinstance(expected, tuple) else (expected,)
    fr = " ou ".join(names.get(k, k.__name__) for k in kinds)
    return ConfigError(
        f"{_at(where, text, key)} : [{table}] {key} doit être : {fr}.",
        f"{_at_en(where, text, key)}: [{table}] {key} must be: {' or '.join(k.__name__ for k in kinds)}.",
    )


def _check_table(table: str, values: Any, text: str, where: str) -> None:
    allowed = SCHEMA[table]
    if not isinstance(values, dict):
        raise _type_error(where, text, table, table, dict)
    for key, value in values.items():
        if key not in allowed:
            raise _unknown(where, text, key, list(allowed), table)
        expected = allowed[key]
        kinds = expected if isinstance(expected, tuple) else (expected,)
        if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
            raise _type_error(where, text, key, table, expected)
    if table == "challenge":
        for step in values.get("roadmap", []):
            if not isinstance(step, dict):
                raise _type_error(where, text, "roadmap", table, dict)
            for key in step:
                if key not in ROADMAP_KEYS:
                    raise _unknown(where, text, key, sorted(ROADMAP_KEYS), "challenge.roadmap")


def _check_schema(data: dict[str, Any], text: str, where: str) -> None:
    for table, values in data.items():
        if table not in SCHEMA:
            raise _unknown(where, text, table, list(SCHEMA), None)
        if table == "datasets":
            for entry in _dataset_entries(values, text, where):
                _check_table("datasets", entry, text, where)
                for required in ("id", "file"):
                    if required not in entry:
                        raise ConfigError(
                            f"{_at(where, text, 'datasets')} : chaque jeu de données doit avoir « {required} ».",
                            f"{_at_en(where, text, 'datasets')}: every dataset needs '{required}'.",
                        )
                _check_dataset_id(entry["id"], text, where)
        else:
            _check_table(table, values, text, where)
    if "administration" not in data or "name" not in data.get("administration", {}):
        raise ConfigError(
            f"{where} : la table [administration] doit donner au moins name = \"…\" (le nom de votre "
            "administration).",
            f"{where}: the [administration] table must give at least name = \"…\".",
        )
    kind = data["administration"].get("type")
    if kind is not None and kind.lower() not in ADMINISTRATION_TYPES:
        raise ConfigError(
            f"{_at(where, text, 'type')} : type d'administration « {kind} » inconnu ; choisissez parmi "
            f"{', '.join(ADMINISTRATION_TYPES)}.",
            f"{_at_en(where, text, 'type')}: unknown administration type '{kind}'; choose one of "
            f"{', '.join(ADMINISTRATION_TYPES)}.",
        )
    nis = data["administration"].get("nis_code")
    if nis is not None and not re.fullmatch(r"\d{5}", nis):
        raise ConfigError(
            f"{_at(where, text, 'nis_code')} : le code INS « {nis} » doit compter 5 chiffres, entre "
            "guillemets (ex. nis_code = \"91030\").",
            f"{_at_en(where, text, 'nis_code')}: NIS code '{nis}' must be 5 digits, quoted.",
        )


DATASET_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


def _check_dataset_id(dataset_id: str, text: str, where: str) -> None:
    """The portal's ids are lower-case ASCII letters, digits, « - » and « _ » (they end up in URLs)."""
    if DATASET_ID.fullmatch(dataset_id):
        return
    import unicodedata

    ascii_id = unicodedata.normalize("NFKD", dataset_id).encode("ascii", "ignore").decode("ascii").lower()
    suggestion = re.sub(r"[^a-z0-9_]+", "-", ascii_id).strip("-_") or "mon-jeu-de-donnees"
    raise ConfigError(
        f"{_at(where, text, 'id')} : l'identifiant de jeu de données « {dataset_id} » n'est pas valide sur le portail : "
        f"lettres minuscules sans accent, chiffres, « - » et « _ » seulement. Écrivez par exemple id = \"{suggestion}\".",
        f"{_at_en(where, text, 'id')}: dataset id '{dataset_id}' is not valid on the portal: lower-case letters "
        f"without accents, digits, '-' and '_' only. Write for instance id = \"{suggestion}\".",
    )


def _dataset_entries(values: Any, text: str, where: str) -> list[dict[str, Any]]:
    """``[[datasets]]`` (a list) or ``[datasets.<id>]`` (a table keyed by id), as a list of tables."""
    if isinstance(values, list):
        return values
    if isinstance(values, dict):
        entries = []
        for dataset_id, entry in values.items():
            if not isinstance(entry, dict):
                raise _type_error(where, text, dataset_id, "datasets", dict)
            entries.append({"id": dataset_id, **entry})
        return entries
    raise _type_error(where, text, "datasets", "datasets", list)


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
