"""The plugin manager: built-ins first, then third-party plugins from the ``odwb_assist`` entry points.

Nothing is loaded at import time: call :func:`get_plugin_manager` (or
:func:`default_plugin_manager` for the cached, unblocked one used by library calls that are given
no manager).
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata as importlib_metadata
from typing import Any

import pluggy

from . import __version__, hookspecs
from .errors import PluginError
from .events import Event

ENTRY_POINT_GROUP = "odwb_assist"

# Built-in plugin modules, registered first in this order. Each package keeps its own list so that
# the package owning a plugin decides what it registers; the name of a built-in plugin is its
# module path without the ``odwb_assist.`` prefix (``--block checks.total_row``).
_BUILTIN_MODULES = ("odwb_assist.core.event_types", "odwb_assist.publish.core_blockers", "odwb_assist.publish.metadata_blockers",
                    "odwb_assist.core.journal")
_BUILTIN_PACKAGES = ("odwb_assist.checks", "odwb_assist.metadata")
# Built-ins that moved into ``core/`` keep the name they were blocked by before the move.
_KEPT_NAMES = {"odwb_assist.core.event_types": "core_plugin", "odwb_assist.core.journal": "journal"}


def builtin_plugin_modules() -> list[str]:
    """The module paths of every built-in plugin, in registration order."""
    modules = list(_BUILTIN_MODULES)
    for package in _BUILTIN_PACKAGES:
        modules.extend(importlib.import_module(package).BUILTIN_PLUGINS)
    return modules


def _short_name(module_path: str) -> str:
    return _KEPT_NAMES.get(module_path) or module_path.removeprefix("odwb_assist.")


@dataclass
class PluginInfo:
    """One registered plugin, as ``odwb-assist plugins`` shows it."""

    name: str
    version: str
    builtin: bool
    hooks: list[str] = field(default_factory=list)
    distribution: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "builtin": self.builtin,
            "distribution": self.distribution,
            "hooks": self.hooks,
        }


def get_plugin_manager(
    *,
    block: Iterable[str] = (),
    load_entrypoints: bool = True,
    builtins: bool = True,
) -> pluggy.PluginManager:
    """A fresh plugin manager with the hook specifications, the built-ins and installed plugins.

    ``block`` names plugins (built-in or third-party) that must not be registered;
    ``load_entrypoints=False`` is ``--no-plugins`` (built-ins only).
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    for name in block:
        pm.set_blocked(name)
    if builtins:
        for module_path in builtin_plugin_modules():
            name = _short_name(module_path)
            if pm.is_blocked(name):
                continue
            _register(pm, importlib.import_module(module_path), name)
    if load_entrypoints:
        _load_entrypoints(pm)
    return pm


@lru_cache(maxsize=1)
def default_plugin_manager() -> pluggy.PluginManager:
    """The shared manager used when a library call is given no ``plugins`` argument."""
    return get_plugin_manager()


def _register(pm: pluggy.PluginManager, plugin: object, name: str) -> None:
    try:
        pm.register(plugin, name=name)
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        pm.unregister(name=name)
        raise PluginError(
            f"Le plugin « {name} » ne respecte pas le contrat des hooks : {exc}. "
            "Mettez-le à jour ou bloquez-le avec --block " + name + ".",
            f"Plugin '{name}' breaks the hook contract: {exc}. Update it or block it with --block {name}.",
        ) from exc


def _entry_points() -> list[importlib_metadata.EntryPoint]:
    return list(importlib_metadata.entry_points(group=ENTRY_POINT_GROUP))


def _load_entrypoints(pm: pluggy.PluginManager) -> None:
    for ep in _entry_points():
        if pm.is_blocked(ep.name) or pm.get_plugin(ep.name) is not None:
            continue
        try:
            plugin = ep.load()
        except Exception as exc:  # any import failure of a third-party plugin
            dist = ep.dist.name if ep.dist else "?"
            raise PluginError(
                f"Le plugin « {ep.name} » (paquet {dist}) ne peut pas être chargé : "
                f"{type(exc).__name__}: {exc}. Réinstallez-le, ou lancez la commande avec "
                f"--block {ep.name} (ou --no-plugins) pour vous en passer.",
                f"Plugin '{ep.name}' (package {dist}) cannot be loaded: {type(exc).__name__}: {exc}. "
                f"Reinstall it, or run the command with --block {ep.name} (or --no-plugins).",
            ) from exc
        _register(pm, plugin, ep.name)
        pm._odwb_dists = getattr(pm, "_odwb_dists", {})  # type: ignore[attr-defined]
        if ep.dist is not None:
            pm._odwb_dists[ep.name] = (ep.dist.name, ep.dist.version)  # type: ignore[attr-defined]


def describe_plugins(pm: pluggy.PluginManager) -> list[PluginInfo]:
    """Every registered plugin with its version and the hooks it implements, built-ins first."""
    dists: dict[str, tuple[str, str]] = getattr(pm, "_odwb_dists", {})
    infos = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        hooks = sorted(caller.name for caller in (pm.get_hookcallers(plugin) or []))
        if name in dists:
            dist_name, version = dists[name]
            infos.append(PluginInfo(name, version, False, hooks, dist_name))
        else:
            infos.append(PluginInfo(name, __version__, True, hooks, "odwb-assist"))
    return infos


def collect(results: Iterable[Any]) -> list[Any]:
    """Flatten the list-of-lists returned by a contribution hook, dropping ``None``."""
    items: list[Any] = []
    for result in results:
        if result is None:
            continue
        if isinstance(result, (list, tuple)):
            items.extend(result)
        else:
            items.append(result)
    return items


def announce(pm: pluggy.PluginManager | None, event: Event) -> None:
    """Send an event to every listener; a failing listener becomes a warning, never an exception."""
    manager = pm if pm is not None else default_plugin_manager()
    for impl in manager.hook.odwb_track_event.get_hookimpls():
        try:
            impl.function(event=event) if "event" in impl.argnames else impl.function()
        except Exception as exc:  # a listener must never stop the workflow
            warnings.warn(
                f"plugin {impl.plugin_name} failed on event {event.type}: {exc}", RuntimeWarning, stacklevel=2
            )
