"""The listening address of ``sandbox serve``, checked before anything starts (French message, exit 2)."""

from __future__ import annotations

import ipaddress
import re

from ..core.errors import SandboxError

_HOSTNAME = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?")


def check_address(host: str, port: int) -> None:
    """Refuse a port outside 0–65535 and a host that is neither an IP address nor a host name."""
    if not 0 <= port <= 65535:
        raise SandboxError(f"Port {port} invalide : choisissez un nombre entre 1 et 65535 (ou 0 pour un port libre), "
                           "par exemple --port 8765.",
                           f"Invalid port {port}: choose a number between 1 and 65535 (or 0 for a free port), "
                           "e.g. --port 8765.")
    try:
        ipaddress.ip_address(host)
        return
    except ValueError:
        pass
    if len(host) > 253 or not _HOSTNAME.fullmatch(host):
        raise SandboxError(f"Adresse d'écoute « {host} » invalide : donnez une adresse IP (127.0.0.1 pour cette "
                           "machine seule, 0.0.0.0 pour toute la salle) ou un nom de machine.",
                           f"Invalid listening address '{host}': give an IP address (127.0.0.1 for this machine "
                           "only, 0.0.0.0 for the whole room) or a host name.")
