"""odwb-assist: from an open-data challenge to a dataset published on ODWB (Open Data Wallonie-Bruxelles).

The curated public API is re-exported here; see docs/reference/python-api.md.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import OdwbError  # noqa: E402
from .hookspecs import hookimpl  # noqa: E402
from .i18n import Msg  # noqa: E402
from .project import Project  # noqa: E402

__all__ = ["__version__", "OdwbError", "Msg", "Project", "hookimpl"]
