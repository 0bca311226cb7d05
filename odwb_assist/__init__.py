"""odwb-assist: from an open-data challenge to a dataset published on ODWB (Open Data Wallonie-Bruxelles).

The curated public API is re-exported here; see docs/reference/python-api.md.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import OdwbError  # noqa: E402
from .hookspecs import hookimpl  # noqa: E402
from .i18n import Msg  # noqa: E402
from .project import Project  # noqa: E402

__all__ = ["__version__", "OdwbError", "Msg", "Project", "hookimpl", "inventory", "metadata", "quality"]


def __getattr__(name: str) -> object:
    """The workflow packages on first use (``odwb_assist.quality.check`` after ``import odwb_assist``)."""
    if name in ("inventory", "metadata", "quality", "publish", "portal"):
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
