"""Lazy public names of a package: imported from their module on first use, so that ``import odwb_assist.x``
stays light (the command line starts without pandas, requests or Flask) while ``x.name`` keeps working."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, str], public: list[str], *,
                 cache: bool = True) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``: ``exports`` maps a name to its module, a submodule
    (``"summary"``), a relative path (``"..core.config"``) or an absolute one (``"odwb_assist.checks.people"``);
    ``cache`` keeps a name in the package once imported."""

    def __getattr__(name: str) -> Any:
        where = exports.get(name)
        if where is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        relative = where if where.startswith(".") or where.startswith("odwb_assist.") else f".{where}"
        value = getattr(importlib.import_module(relative, package), name)
        if cache:
            vars(sys.modules[package])[name] = value
        return value

    def __dir__() -> list[str]:
        """Tab completion lists the public API (the lazily imported names too)."""
        return sorted(public)

    return __getattr__, __dir__
