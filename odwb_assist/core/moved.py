"""Module paths that moved, kept importable for one release with a :class:`DeprecationWarning`.

The old files are gone (so that history follows the moves); an import of an old path is answered by
:class:`MovedPathFinder`, installed when ``odwb_assist`` is imported, with the module at its new
place: ``odwb_assist.errors`` *is* ``odwb_assist.core.errors``, so monkeypatching either patches both.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import warnings
from types import ModuleType

MOVED: dict[str, str] = {
    "odwb_assist.hookspecs": "odwb_assist.core.hookspecs",
    "odwb_assist.plugins": "odwb_assist.core.plugins",
    "odwb_assist.config": "odwb_assist.core.config",
    "odwb_assist.config_portal": "odwb_assist.core.config_portal",
    "odwb_assist.errors": "odwb_assist.core.errors",
    "odwb_assist.events": "odwb_assist.core.events",
    "odwb_assist.i18n": "odwb_assist.core.i18n",
    "odwb_assist.notices": "odwb_assist.core.notices",
    "odwb_assist.spreadsheet": "odwb_assist.core.spreadsheet",
    "odwb_assist.project_template": "odwb_assist.core.project_template",
    "odwb_assist.journal": "odwb_assist.core.journal",
    "odwb_assist.core_plugin": "odwb_assist.core.event_types",
    "odwb_assist.demo": "odwb_assist.workshop.demo",
    "odwb_assist.browser": "odwb_assist.workshop.browser",
    "odwb_assist.challenge": "odwb_assist.workshop.challenge",
    "odwb_assist.publishers": "odwb_assist.portal.publishers",
    "odwb_assist.publish.geometries": "odwb_assist.quality.geometries",  # read by the check ``shape-cells`` too
    "odwb_assist.publish.lambert72": "odwb_assist.quality.lambert72",
}
"""Old module path -> new module path."""


class MovedPathFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Answers an import of an old path with the module at its new path, and warns once per import."""

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        new = MOVED[spec.name]
        warnings.warn(f"{spec.name} moved to {new}: import it from there (the old path goes in the next release)",
                      DeprecationWarning, stacklevel=2)  # warnings skips importlib's own frames
        module = importlib.import_module(new)
        spec.loader_state = module.__spec__  # given back in exec_module (the import system overwrites __spec__)
        return module

    def exec_module(self, module: ModuleType) -> None:
        spec = module.__spec__
        if spec is not None and spec.loader_state is not None:
            module.__spec__ = spec.loader_state


def install() -> None:
    """Put the finder on ``sys.meta_path`` (once)."""
    if not any(isinstance(finder, MovedPathFinder) for finder in sys.meta_path):
        sys.meta_path.append(MovedPathFinder())
