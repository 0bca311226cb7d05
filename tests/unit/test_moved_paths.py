"""Old module paths keep working for one release, with a DeprecationWarning, and are the new modules."""

from __future__ import annotations

import importlib
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
