"""odwb-assist: from an open-data challenge to a dataset published on ODWB (Open Data Wallonie-Bruxelles).

The curated public API is re-exported here; see docs/reference/python-api.md.
"""

from __future__ import annotations

from .core import __version__, moved
from .core.errors import OdwbError  # noqa: E402
from .core.hookspecs import hookimpl  # noqa: E402
from .core.i18n import Msg  # noqa: E402
from .project import Project  # noqa: E402

moved.install()  # old module paths (odwb_assist.errors, …) keep working for one release

__all__ = ["__version__", "OdwbError", "Msg", "Project", "hookimpl", "inventory", "metadata", "quality"]


def __getattr__(name: str) -> object:
    """The workflow packages on first use (``odwb_assist.quality.check`` after ``import odwb_assist``)."""
    if name in ("inventory", "metadata", "quality", "publish", "portal"):
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
