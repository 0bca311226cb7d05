"""Why a publication failed, in a few French words the trainer can read from across the room.

``odwb-assist publish`` announces a ``publication-failed`` event with :func:`failure_payload`; the
journal keeps it, and ``workshop summary`` shows the reason of the participant's last attempt.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.errors import (
    AuthenticationError,
    OdwbError,
    PortalConnectionError,
    PortalError,
    PublicationBlocked,
    QuotaError,
    ValidationError,
)

# Portal messages (English on Opendatasoft and the sandbox) seen by participants, in French.
PORTAL_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"dataset.?id.*(already|exists|taken|used)", re.I), "identifiant de jeu déjà utilisé"),
    (re.compile(r"(already exists|duplicate)", re.I), "existe déjà"),
    (re.compile(r"(invalid|bad).*(dataset.?id|identifier)", re.I), "identifiant de jeu invalide"),
    (re.compile(r"(missing|required).*(field|value|metadata)", re.I), "valeur obligatoire manquante"),
    (re.compile(r"(unknown|invalid).*(field|metadata|template)", re.I), "champ de métadonnée inconnu"),
    (re.compile(r"(file|upload).*(too large|size)", re.I), "fichier trop gros"),
    (re.compile(r"(unavailable|maintenance|overload)", re.I), "portail indisponible"),
)

REASONS = {
    "blocked": "refusée par un blocage",
    "bad-request": "refusée par le portail",
    "unavailable": "portail indisponible",
    "key": "clé d'API refusée",
    "quota": "le portail limite les requêtes",
    "offline": "portail injoignable",
    "taken": "identifiant déjà pris",
    "other": "échec",
}


def translate_portal_message(text: str) -> str:
    """A known portal message in French, else the message as the portal wrote it (quoted)."""
    for pattern, french in PORTAL_MESSAGES:
        if pattern.search(text):
            return french
    return f"« {text.strip()} »" if text.strip() else ""


def _portal_said(exc: PortalError) -> str:
    text = exc.text.fr
    said = text.split(" — ", 1)[1] if " — " in text else ""
    return said.split(". ", 1)[0].rstrip(".")


def classify(exc: OdwbError) -> tuple[str, str]:
    """``(code, French reason)`` of a failed publication."""
    if isinstance(exc, PublicationBlocked):
        codes = sorted({str(getattr(b, "code", "")) for b in getattr(exc, "blockers", []) if getattr(b, "code", "")})
        return "blocked", REASONS["blocked"] + (f" ({', '.join(codes)})" if codes else "")
    if isinstance(exc, AuthenticationError):
        return "key", f"{REASONS['key']} ({exc.status_code})" if exc.status_code else REASONS["key"]
    if isinstance(exc, QuotaError) or (isinstance(exc, PortalError) and exc.status_code == 429):
        return "quota", REASONS["quota"]
    if isinstance(exc, PortalConnectionError):
        return "offline", REASONS["offline"]
    if isinstance(exc, PortalError) and exc.status_code is not None and exc.status_code >= 500:
        return "unavailable", f"{REASONS['unavailable']} ({exc.status_code})"
    if isinstance(exc, (ValidationError, PortalError)) and exc.status_code in (400, 409, 413, 422):
        said = translate_portal_message(_portal_said(exc))
        return "bad-request", f"{REASONS['bad-request']} ({exc.status_code})" + (f" : {said}" if said else "")
    if "déjà utilisé par" in exc.text.fr:
        return "taken", REASONS["taken"]
    return "other", exc.text.fr.split("\n", 1)[0][:200]


def failure_payload(exc: OdwbError, dataset_id: str | None, *, dry_run: bool) -> dict[str, Any]:
    code, reason = classify(exc)
    status = getattr(exc, "status_code", None)
    return {"dataset_id": dataset_id, "reason": code, "message": reason, "status": status, "dry_run": dry_run}
