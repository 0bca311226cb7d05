"""Turn a portal's error answer into a :class:`~odwb_assist.core.errors.PortalError` subclass.

Both APIs answer errors in JSON: Automation ``{"error_code", "message", ["detail"|"trace_id"]}``,
Explore ``{"error_code": "ODSQLError", "message"}`` and the quota body ``{"errorcode", "reset_time",
"error", …}``. Messages name the environment variable of the key, never the key itself, and every
text taken from the portal goes through ``scrub`` so that an echoed key cannot leak.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import requests

from ..core.errors import (
    AuthenticationError,
    InvalidStatusError,
    NotFoundError,
    ODSQLError,
    PortalError,
    QuotaError,
    ValidationError,
)


def response_json(response: requests.Response) -> Any:
    """The JSON body of a response, or ``None`` when it is empty or not JSON."""
    try:
        return response.json()
    except (ValueError, json.JSONDecodeError):
        return None


def _short(value: Any, limit: int = 600) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit] + "…"


def map_error(
    response: requests.Response,
    *,
    what: str,
    key_env: str,
    has_key: bool,
    scrub: Callable[[str], str],
) -> PortalError:
    """The exception for an error answer; ``what`` is ``METHOD /path`` (no query string)."""
    status = response.status_code
    body = response_json(response)
    data = body if isinstance(body, dict) else {}
    code = data.get("error_code") or (str(data["errorcode"]) if "errorcode" in data else None)
    portal_message = scrub(str(data.get("message") or data.get("error") or response.reason or "")).rstrip(". ")
    detail = data.get("detail")
    said = f" — {portal_message}" if portal_message else ""
    kwargs: dict[str, Any] = {"status_code": status, "error_code": code, "detail": detail}

    if status in (401, 403):
        if not has_key:
            fr = (f"Le portail refuse l'accès ({status}) à {what} : aucune clé d'API n'est définie. "
                  f"Créez une clé dans votre compte sur le portail (« Mes clés d'API ») et mettez-la dans la "
                  f"variable d'environnement {key_env}.")
            en = (f"The portal refused access ({status}) to {what}: no API key is set. Create a key in your "
                  f"portal account ('My API keys') and put it in the environment variable {key_env}.")
        elif status == 401:
            fr = (f"Le portail refuse la clé d'API ({status}) pour {what}{said}. La clé de la variable "
                  f"d'environnement {key_env} est fausse, expirée ou révoquée : copiez une clé valide depuis votre "
                  f"compte sur le portail dans {key_env}.")
            en = (f"The portal refused the API key ({status}) for {what}{said}. The key in the environment "
                  f"variable {key_env} is wrong, expired or revoked: copy a valid key from your portal account "
                  f"into {key_env}.")
        else:
            fr = (f"La clé d'API de {key_env} n'a pas le droit de faire {what} ({status}){said}. Demandez à "
                  "l'administrateur du portail les droits « créer », « modifier » et « publier » des jeux de "
                  "données, ou utilisez une autre clé.")
            en = (f"The API key in {key_env} is not allowed to do {what} ({status}){said}. Ask the portal "
                  "administrator for the create, edit and publish dataset permissions, or use another key.")
        return AuthenticationError(fr, en, **kwargs)
    if status == 404:
        return NotFoundError(
            f"Introuvable sur le portail ({what}){said}. Vérifiez l'identifiant du jeu de données.",
            f"Not found on the portal ({what}){said}. Check the dataset identifier.",
            **kwargs,
        )
    if status == 429:
        reset = data.get("reset_time")
        when_fr = f" Il sera rétabli le {reset}." if reset else " Réessayez plus tard."
        when_en = f" It comes back at {reset}." if reset else " Try again later."
        error = QuotaError(
            f"Le portail limite les requêtes : quota d'appels épuisé ({what}).{when_fr}",  # its text is English
            f"The portal's API quota is exhausted ({what}){said}.{when_en}",
            **kwargs,
        )
        error.reset_time = reset
        return error
    if status == 400 and code in ("invalid_dataset_status", "InvalidDatasetStatus"):
        return InvalidStatusError(
            f"Le jeu de données est occupé sur le portail ({what}){said}. Attendez la fin du traitement puis "
            "relancez la commande : elle reprendra où elle s'est arrêtée.",
            f"The dataset is busy on the portal ({what}){said}. Wait for the processing to end and run the "
            "command again: it resumes where it stopped.",
            **kwargs,
        )
    if status == 400 and code == "ODSQLError":
        return ODSQLError(
            f"Le portail ne comprend pas la requête ({what}){said}. Vérifiez les filtres (where, select, order_by).",
            f"The portal does not understand the query ({what}){said}. Check the filters (where, select, order_by).",
            **kwargs,
        )
    if status in (400, 409, 413, 422):
        extra = f" Détail : {scrub(_short(detail))}." if detail else ""
        extra_en = f" Detail: {scrub(_short(detail))}." if detail else ""
        return ValidationError(
            f"Le portail refuse la requête {what} ({status}){said}.{extra} Corrigez la valeur indiquée puis relancez.",
            f"The portal refused {what} ({status}){said}.{extra_en} Fix the value shown and run again.",
            **kwargs,
        )
    trace = data.get("trace_id")
    trace_fr = f" (trace {trace})" if trace else ""
    return PortalError(
        f"Le portail a répondu par une erreur {status} à {what}"
        f"{' (indisponible)' if status in (502, 503, 504) else said}{trace_fr}. Réessayez dans quelques minutes ; "
        "si l'erreur persiste, contactez l'administrateur du portail.",
        f"The portal answered {what} with error {status}{said}{trace_fr}. Try again in a few minutes; if it "
        "persists, contact the portal administrator.",
        **kwargs,
    )
