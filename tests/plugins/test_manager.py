"""Contract tests of the plugin manager: hooks documented, throwaway plugins, blocking, broken plugins."""

from __future__ import annotations

import inspect
import json
from importlib import metadata as importlib_metadata

import pytest

from odwb_assist.core import hookspecs, plugins
from odwb_assist.core.errors import PluginError
from odwb_assist.core.events import Event
from odwb_assist.core.hookspecs import hookimpl


def hook_names() -> list[str]:
    return [name for name, obj in vars(hookspecs).items() if name.startswith("odwb_") and callable(obj)]


def test_every_hook_is_documented_and_prefixed() -> None:
    names = hook_names()
    assert {"odwb_field_kinds", "odwb_checks", "odwb_fixes", "odwb_enrich_metadata", "odwb_metadata_rules",
            "odwb_publication_blockers", "odwb_event_types", "odwb_track_event",
            "odwb_register_commands"} <= set(names)
    for name in names:
        doc = inspect.getdoc(getattr(hookspecs, name))
        assert doc and len(doc) > 40, f"{name} needs a docstring"


def test_every_hook_has_a_docs_heading() -> None:
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "plugin_hooks.md").read_text(encoding="utf-8")
    for name in hook_names():
        assert f"## `{name}" in text, f"docs/plugin_hooks.md lacks a heading for {name}"


def test_factory_does_not_load_at_import_and_returns_fresh_managers() -> None:
    a = plugins.get_plugin_manager(load_entrypoints=False)
    b = plugins.get_plugin_manager(load_entrypoints=False)
    assert a is not b
    assert a.get_plugin("core_plugin") is not None


def test_throwaway_plugin_is_called() -> None:
    seen: list[Event] = []

    class Listener:
        @hookimpl
        def odwb_track_event(self, event: Event) -> None:
            seen.append(event)

        @hookimpl
        def odwb_event_types(self) -> dict[str, str]:
            return {"thing-done": "a thing was done"}

    pm = plugins.get_plugin_manager(load_entrypoints=False)
    pm.register(Listener(), name="throwaway")
    types = plugins.collect(pm.hook.odwb_event_types())
    assert "thing-done" in {k for d in types for k in d} or any("thing-done" in d for d in types)
    plugins.announce(pm, Event("thing-done", {"n": 1}))
    assert [e.type for e in seen] == ["thing-done"]


def test_failing_listener_is_a_warning_not_an_exception() -> None:
    class Broken:
        @hookimpl
        def odwb_track_event(self, event: Event) -> None:
            raise RuntimeError("boom")

    pm = plugins.get_plugin_manager(load_entrypoints=False)
    pm.register(Broken(), name="broken")
    with pytest.warns(RuntimeWarning, match="broken"):
        plugins.announce(pm, Event("x"))


def test_entry_point_plugins_are_discovered_and_can_be_blocked() -> None:
    pm = plugins.get_plugin_manager()
    names = {info.name for info in plugins.describe_plugins(pm)}
    assert {"belgium", "programme"} <= names
    blocked = plugins.get_plugin_manager(block=["belgium"])
    assert blocked.get_plugin("belgium") is None
    assert blocked.get_plugin("programme") is not None
    none = plugins.get_plugin_manager(load_entrypoints=False)
    assert none.get_plugin("belgium") is None and none.get_plugin("programme") is None


def test_builtins_can_be_blocked_by_name() -> None:
    pm = plugins.get_plugin_manager(block=["core_plugin"], load_entrypoints=False)
    assert pm.get_plugin("core_plugin") is None


def test_plugin_with_unknown_hook_is_refused() -> None:
    class Wrong:
        @hookimpl
        def odwb_no_such_hook(self) -> None: ...

    pm = plugins.get_plugin_manager(load_entrypoints=False)
    with pytest.raises(PluginError, match="odwb_no_such_hook"):
        plugins._register(pm, Wrong(), "wrong")


def test_broken_entry_point_gives_a_plugin_error(monkeypatch: pytest.MonkeyPatch) -> None:
    ep = importlib_metadata.EntryPoint(name="cassé", value="module_that_does_not_exist_xyz", group="odwb_assist")
    monkeypatch.setattr(plugins, "_entry_points", lambda: [ep])
    with pytest.raises(PluginError) as info:
        plugins.get_plugin_manager()
    assert "cassé" in info.value.message("fr") and "--block cassé" in info.value.message("fr")
    assert "cannot be loaded" in info.value.message("en")


def test_broken_entry_point_on_the_cli_is_a_message_and_exit_2(monkeypatch, cli) -> None:
    ep = importlib_metadata.EntryPoint(name="cassé", value="module_that_does_not_exist_xyz", group="odwb_assist")
    monkeypatch.setattr(plugins, "_entry_points", lambda: [ep])
    code, out, err = cli("plugins")
    assert code == 2 and "cassé" in err
    code, out, err = cli("--block", "cassé", "plugins", "--json")
    assert code == 0


def test_plugins_command_json_lists_versions_and_hooks(cli) -> None:
    code, out, _ = cli("plugins", "--json")
    assert code == 0
    data = {p["name"]: p for p in json.loads(out)}
    assert data["belgium"]["version"] == importlib_metadata.version("odwb-assist-belgium")
    assert data["programme"]["distribution"] == "odwb-assist-programme"
    assert all(isinstance(p["hooks"], list) for p in data.values())
    code, out, _ = cli("--no-plugins", "plugins", "--json")
    assert {p["name"] for p in json.loads(out)}.isdisjoint({"belgium", "programme"})
