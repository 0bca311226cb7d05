"""The reason of a failed publication, in French, for the trainer's summary (issue 15, point 3)."""

from __future__ import annotations

import requests

from odwb_assist.core.errors import AuthenticationError, PortalConnectionError, PublicationBlocked, QuotaError
from odwb_assist.core.i18n import Msg
from odwb_assist.portal.errors import map_error
from odwb_assist.publish import Blocker
from odwb_assist.workshop.failures import classify, failure_payload


def _answer(status: int, body: str) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = body.encode()
    response.headers["Content-Type"] = "application/json"
    return response


def _error(status: int, body: str) -> Exception:
    return map_error(_answer(status, body), what="POST /api/automation/v1.0/datasets/", key_env="ODWB_API_KEY",
                     has_key=True, scrub=lambda text: text)


def test_a_400_is_given_with_the_portal_message_in_french() -> None:
    exc = _error(400, '{"error_code": "ValidationError", "message": "A dataset with this dataset_id already exists."}')
    assert classify(exc) == ("bad-request", "refusée par le portail (400) : identifiant de jeu déjà utilisé")  # type: ignore[arg-type]
    odd = _error(400, '{"error_code": "X", "message": "Something odd"}')
    assert classify(odd) == ("bad-request", "refusée par le portail (400) : « Something odd »")  # type: ignore[arg-type]


def test_503_key_quota_offline_and_blockers() -> None:
    assert classify(_error(503, '{"message": "The service is temporarily unavailable"}')) == (  # type: ignore[arg-type]
        "unavailable", "portail indisponible (503)")
    assert classify(AuthenticationError("refusée", status_code=401)) == ("key", "clé d'API refusée (401)")
    assert classify(QuotaError("quota", status_code=429))[0] == "quota"
    assert classify(PortalConnectionError("injoignable")) == ("offline", "portail injoignable")
    blocked = PublicationBlocked("refusée", blockers=[Blocker("personal-data", Msg("x", "x"), Msg("y", "y"))])
    payload = failure_payload(blocked, "ciney-stages-ete", dry_run=True)
    assert payload == {"dataset_id": "ciney-stages-ete", "reason": "blocked", "dry_run": True, "status": None,
                       "message": "refusée par un blocage (personal-data)"}
