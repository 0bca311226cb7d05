"""The benchmarks' realistic commune export generator (benchmarks/commune_export.py), loaded once for the tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "commune_export.py"


def commune_export() -> ModuleType:
    """The generator module (a sibling script of the benchmarks, not a package), registered under its name since
    its dataclasses look their module up."""
    loaded = sys.modules.get("commune_export")
    if loaded is not None and getattr(loaded, "__file__", None) == str(SCRIPT):
        return loaded
    spec = importlib.util.spec_from_file_location("commune_export", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["commune_export"] = module
    spec.loader.exec_module(module)
    return module
