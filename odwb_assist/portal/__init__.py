"""The portal client: Explore (read) and Automation (write) APIs of an Opendatasoft portal such as ODWB.

``PortalClient(base_url, api_key, session=…)`` wraps one ``requests.Session``; ``client.explore``
reads the public catalogue, ``client.automation`` manages datasets. See ``client.py`` for the rules
on keys, timeouts, retries and errors.
"""

from __future__ import annotations

from .automation import AutomationAPI
from .client import AUTOMATION_PREFIX, EXPLORE_PREFIX, PortalClient
from .explore import ExploreAPI

__all__ = ["AUTOMATION_PREFIX", "EXPLORE_PREFIX", "AutomationAPI", "ExploreAPI", "PortalClient"]
