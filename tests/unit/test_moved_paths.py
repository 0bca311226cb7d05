"""Old module paths keep working for one release, with a DeprecationWarning, and are the new modules."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from odwb_assist.core.moved import MOVED


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_an_old_path_warns_and_is_the_new_module(old: str, new: str) -> None:
    sys.modules.pop(old, None)
    parent, _, leaf = old.rpartition(".")
    vars(sys.modules[parent]).pop(leaf, None)
    with pytest.warns(DeprecationWarning, match=f"{old} moved to {new}"):
        module = importlib.import_module(old)
    assert module is importlib.import_module(new)
    assert module.__spec__ is not None and module.__spec__.name == new
    assert getattr(sys.modules[parent], leaf) is module


def test_from_import_of_an_old_path_gives_the_names_of_the_new_one() -> None:
    sys.modules.pop("odwb_assist.errors", None)
    vars(sys.modules["odwb_assist"]).pop("errors", None)
    with pytest.warns(DeprecationWarning):
        from odwb_assist.errors import OdwbError
    from odwb_assist.core.errors import OdwbError as moved

    assert OdwbError is moved


def test_the_new_paths_do_not_warn(recwarn: pytest.WarningsRecorder) -> None:
    for new in MOVED.values():
        importlib.import_module(new)
    assert not [w for w in recwarn if issubclass(w.category, DeprecationWarning) and "moved to" in str(w.message)]


@pytest.mark.parametrize(("module", "name", "new"), [
    ("odwb_assist.checks.base", "FieldKind", "odwb_assist.core.contract"),
    ("odwb_assist.checks.base", "ColumnValues", "odwb_assist.core.contract"),
    ("odwb_assist.quality.model", "Finding", "odwb_assist.core.findings"),
])
def test_an_old_contract_module_warns_and_gives_the_same_types(module: str, name: str, new: str) -> None:
    sys.modules.pop(module, None)
    with pytest.warns(DeprecationWarning, match=f"{module} moved to {new}"):
        old = importlib.import_module(module)
    assert getattr(old, name) is getattr(importlib.import_module(new), name)


@pytest.mark.parametrize(("module", "name"), [
    ("odwb_assist.quality.fixing", "Fix"), ("odwb_assist.quality.fixing", "FixContext"),
    ("odwb_assist.quality.fixing", "Change"), ("odwb_assist.publish.blockers", "Blocker"),
])
def test_an_old_contract_name_warns_and_is_the_same_type(module: str, name: str) -> None:
    from odwb_assist.core import contract

    with pytest.warns(DeprecationWarning, match=f"{module}.{name} moved to odwb_assist.core.contract"):
        value = getattr(importlib.import_module(module), name)
    assert value is getattr(contract, name)


def test_no_module_of_the_package_uses_an_old_path() -> None:
    """Every module imports cleanly with the package's own deprecation warnings turned into errors."""
    code = """
import importlib, pkgutil, odwb_assist
old = {"odwb_assist.checks.base", "odwb_assist.quality.model"}
for info in pkgutil.walk_packages(odwb_assist.__path__, "odwb_assist."):
    if info.name not in old and not info.name.endswith("__main__"):
        importlib.import_module(info.name)
from odwb_assist.core.plugins import get_plugin_manager
get_plugin_manager()
"""
    result = subprocess.run([sys.executable, "-W", "error:odwb_assist:DeprecationWarning", "-c", code],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
