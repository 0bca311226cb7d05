"""Checks of the ``[portal]`` settings where they are read: the URL and the timeout.

A URL or timeout that the HTTP layer cannot use must stop at the line that holds it, in French,
before any request: « timeout = 0 » would make every call fail at once, « nan » would never time out,
« ftp://… » or a port of 99999 end deep in ``requests`` as an internal error. A URL that carries a
user name or password is refused and never echoed (it would be printed by « config show » and in
every error that names the portal).
"""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from .errors import ConfigError

MAX_TIMEOUT = 600.0  # seconds; beyond that a room waits for nothing


def redact_url(url: str) -> str:
    """The URL without any ``user:password@`` part, for messages."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return parts._replace(netloc=host).geturl()


def check_url(url: str, where_fr: str, where_en: str) -> str:
    """The portal URL, stripped of its trailing slash, or a ConfigError naming the place."""
    value = url.strip()
    if not value:
        raise ConfigError(
            f"{where_fr} : l'adresse du portail est vide. Écrivez url = \"https://www.odwb.be\" pour le portail "
            "réel, ou l'adresse du bac à sable de la salle (ex. url = \"http://127.0.0.1:8765\").",
            f"{where_en}: the portal address is empty. Write url = \"https://www.odwb.be\" for the real portal, "
            "or the room's sandbox address (e.g. url = \"http://127.0.0.1:8765\").",
        )
    try:
        parts = urlsplit(value)
        port = parts.port  # raises ValueError on a port outside 0–65535 or not a number
    except ValueError:
        parts, port = None, None
        bad_port = True
    else:
        bad_port = False
    if parts is not None and (parts.username is not None or parts.password is not None):
        raise ConfigError(
            f"{where_fr} : l'adresse du portail contient un nom d'utilisateur ou un mot de passe. Retirez-les "
            "(ils seraient affichés et copiés) : la clé d'API se donne par une variable d'environnement.",
            f"{where_en}: the portal address holds a user name or password. Remove them (they would be shown "
            "and copied): the API key is given through an environment variable.",
        )
    shown = redact_url(value) if parts is not None else value
    if bad_port or parts is None or port == 0:
        raise ConfigError(
            f"{where_fr} : le port de l'adresse « {shown} » n'est pas valide (un nombre de 1 à 65535).",
            f"{where_en}: the port of '{shown}' is not valid (a number from 1 to 65535).",
        )
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"{where_fr} : « {shown} » n'est pas une adresse de portail : elle doit commencer par https:// (ou "
            "http:// pour un bac à sable local) et nommer un serveur, par exemple https://www.odwb.be.",
            f"{where_en}: '{shown}' is not a portal address: it must start with https:// (or http:// for a "
            "local sandbox) and name a server, for example https://www.odwb.be.",
        )
    return value.rstrip("/")


def check_timeout(value: float, where_fr: str, where_en: str) -> float:
    """A finite timeout in seconds, above zero and at most :data:`MAX_TIMEOUT`."""
    number = float(value)
    if math.isfinite(number) and 0 < number <= MAX_TIMEOUT:
        return number
    raise ConfigError(
        f"{where_fr} : timeout = {value} n'est pas utilisable : donnez un nombre de secondes supérieur à 0 et "
        f"au plus {MAX_TIMEOUT:.0f} (par exemple timeout = 30).",
        f"{where_en}: timeout = {value} cannot be used: give a number of seconds above 0 and at most "
        f"{MAX_TIMEOUT:.0f} (for example timeout = 30).",
    )
