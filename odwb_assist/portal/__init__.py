"""The portal client: Explore (read) and Automation (write) APIs of an Opendatasoft portal such as ODWB.

``PortalClient(base_url, api_key, session=…)`` wraps one ``requests.Session``; ``client.explore``
reads the public catalogue, ``client.automation`` manages datasets. See ``client.py`` for the rules
on keys, timeouts, retries and errors.

The names are imported lazily (on first use), so that building the command line does not import requests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.lazy import lazy_exports

_EXPORTS = {
    "AutomationAPI": "automation",
    "AUTOMATION_PREFIX": "client",
    "EXPLORE_PREFIX": "client",
    "PortalClient": "client",
    "ExploreAPI": "explore",
}

__all__ = ["AUTOMATION_PREFIX", "EXPLORE_PREFIX", "AutomationAPI", "ExploreAPI", "PortalClient"]

if TYPE_CHECKING:
    from .automation import AutomationAPI
    from .client import AUTOMATION_PREFIX, EXPLORE_PREFIX, PortalClient
    from .explore import ExploreAPI


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
