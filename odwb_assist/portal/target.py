"""Which portal a client talks to, and whether it is a training sandbox.

The sandbox marks every answer with the ``X-ODWB-Sandbox: 1`` header; a real portal does not. The
first answer tells the client (and the person: :func:`odwb_assist.core.notices.targeted` prints
« Portail : … (bac à sable) » on the command line). Keys created by a sandbox start with ``sbx_``:
before such a key is sent anywhere, the portal is asked anonymously whether it is a sandbox, and a
real portal makes the request fail with a clear message, nothing sent.
"""

from __future__ import annotations

import requests

from ..core import notices
from ..core.errors import AuthenticationError

SANDBOX_HEADER = "X-ODWB-Sandbox"
SANDBOX_KEY_PREFIX = "sbx_"
PROBE_PATH = "/api/explore/v2.1/"


def is_sandbox_key(key: str | None) -> bool:
    return bool(key) and str(key).startswith(SANDBOX_KEY_PREFIX)


class TargetWatch:
    """What a client knows of its portal: ``sandbox`` is None until a first answer."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.sandbox: bool | None = None

    def seen(self, response: requests.Response) -> None:
        if self.sandbox is None:
            self.sandbox = response.headers.get(SANDBOX_HEADER) == "1"
            notices.targeted(self.base_url, self.sandbox)

    def guard(self, session: requests.Session, api_key: str | None, key_env: str, connect_timeout: float) -> None:
        """Refuse a sandbox key for a portal that is not a sandbox, before the key is sent."""
        if self.sandbox is not None or not is_sandbox_key(api_key):
            return
        try:
            probe = session.get(self.base_url + PROBE_PATH, headers={"Accept": "application/json"},
                                timeout=(connect_timeout, connect_timeout * 3))
        except (requests.ConnectionError, requests.Timeout):
            return  # the request itself will say the portal cannot be reached
        self.seen(probe)
        probe.close()
        if not self.sandbox:
            raise refused_key(self.base_url, key_env)


def refused_key(base_url: str, key_env: str) -> AuthenticationError:
    return AuthenticationError(
        f"La clé d'API de {key_env} a été créée par un bac à sable de formation (elle commence par "
        f"{SANDBOX_KEY_PREFIX}) : {base_url} n'est pas un bac à sable, elle n'a pas été envoyée et rien n'a été "
        "fait. Pour ce portail, utilisez une clé créée dans votre compte (« Mes clés d'API ») ; pour la salle, "
        "vérifiez l'adresse du portail (odwb.toml, --portal ou ODWB_PORTAL_URL).",
        f"The API key in {key_env} was created by a training sandbox (it starts with {SANDBOX_KEY_PREFIX}): "
        f"{base_url} is not a sandbox, the key was not sent and nothing was done. For this portal, use a key "
        "created in your account ('My API keys'); for the room, check the portal address (odwb.toml, --portal "
        "or ODWB_PORTAL_URL).",
    )


def describe(base_url: str, sandbox: bool | None, lang: str = "fr") -> str:
    if sandbox is None:
        return base_url
    if lang == "en":
        return f"{base_url} ({'training sandbox' if sandbox else 'real portal, not a sandbox'})"
    return f"{base_url} ({'bac à sable de formation' if sandbox else 'portail réel, pas un bac à sable'})"
