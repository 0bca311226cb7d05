"""The checks of ``odwb.toml``'s tables and keys, each reported with the file and the line.

Every table and key is checked against :data:`SCHEMA`, so that a typo is reported instead of being
silently ignored; also the administration's type and NIS code, the dataset ids, ``[portal]
licence_path``, ``api_key_env`` (a name, never a pasted key) and the URL and timeout (see
:mod:`odwb_assist.core.config_portal`). A key that looks like a secret is refused without echoing it.
"""

from __future__ import annotations

import re
from typing import Any

from .config_model import DEFAULT_API_KEY_ENV, PROJECT_FILE
from .config_portal import check_timeout, check_url
from .errors import ConfigError

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


def _check_portal(data: dict[str, Any], text: str, where: str) -> None:
    """URL and timeout of ``[portal]``, checked at their line (see :mod:`odwb_assist.core.config_portal`)."""
    portal = data.get("portal") or {}
    if "url" in portal:
        check_url(portal["url"], _at(where, text, "url"), _at_en(where, text, "url"))
    if "timeout" in portal:
        check_timeout(portal["timeout"], _at(where, text, "timeout"), _at_en(where, text, "timeout"))


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
