"""The house's import rules: no import cycle, and no upward import between the layers.

The graph is built from the sources with :mod:`ast`: every ``import`` and ``from … import`` statement
counts, at module level, inside functions and under ``TYPE_CHECKING`` alike (a lazy import is still a
dependency). ``importlib.import_module("…")`` by name is not counted: the package's lazy public names
(``odwb_assist.quality.check``), the built-in plugin list, and the few call-time hooks where a model
reaches its renderer or store by name (``_repr_html_``, ``Metadata.save_toml``) use it on purpose.
The layers, bottom to top, are those of README.md (« Architecture »); a layer imports only its own
layer and the ones below.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LAYERS: list[tuple[str, frozenset[str]]] = [
    ("core", frozenset({"core"})),
    ("engines", frozenset({"quality", "checks", "metadata", "portal", "sandbox"})),
    ("workflows", frozenset({"inventory", "publish", "workshop"})),
    ("faces", frozenset({"cli", "project", "plugin", "__init__", "__main__"})),
]
"""Top-level packages/modules of ``odwb_assist`` by layer, bottom first."""

KNOWN_UPWARD = {
    ("odwb_assist.metadata.draft", "odwb_assist.inventory"):
        "drafting reads the dataset's inventory entry itself (to be handed in by the caller)",
}
"""Upward imports that exist today, each with its reason; a new one fails, and so does a stale entry."""

PACKAGES = {
    "odwb_assist": ROOT / "odwb_assist",
    "odwb_assist_belgium": ROOT / "plugins" / "odwb-assist-belgium" / "odwb_assist_belgium",
    "odwb_assist_programme": ROOT / "plugins" / "odwb-assist-programme" / "odwb_assist_programme",
}


@functools.cache
def import_graph(package: str, folder: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports (a package's ``__init__`` is the package)."""
    modules: dict[str, tuple[Path, bool]] = {}
    for path in folder.rglob("*.py"):
        parts = [package, *path.relative_to(folder).with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        modules[".".join(parts[:-1] if is_package else parts)] = (path, is_package)

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, (path, is_package) in modules.items():
        base = name if is_package else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: Iterable[str]
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    parent = base.split(".")[: len(base.split(".")) - node.level + 1]
                    module = ".".join([*parent, *([node.module] if node.module else [])])
                else:
                    module = node.module or ""
                targets = [f"{module}.{alias.name}" if f"{module}.{alias.name}" in modules else module
                           for alias in node.names]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            for target in targets:
                if target == package or target.startswith(package + "."):
                    found = known(target)
                    if found is not None and found != name:
                        graph[name].add(found)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def layer_of(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    for number, (_, members) in enumerate(LAYERS):
        if top in members:
            return number
    raise AssertionError(f"{module} is in no layer: add its top-level name to LAYERS (and to README's drawing)")


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_no_import_cycle(package: str) -> None:
    assert cycles(import_graph(package, PACKAGES[package])) == []


def test_the_cycle_finder_sees_a_cycle_through_a_lazy_import(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "model.py").write_text("def show():\n    from .render import html\n", encoding="utf-8")
    (pkg / "render.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .model import show\n",
                                   encoding="utf-8")
    (pkg / "other.py").write_text("from . import model\n", encoding="utf-8")
    assert cycles(import_graph("pkg", pkg)) == [["pkg.model", "pkg.render"]]


def upward_imports() -> dict[tuple[str, str], str]:
    graph = import_graph("odwb_assist", PACKAGES["odwb_assist"])
    return {(source, target): f"{LAYERS[layer_of(source)][0]} -> {LAYERS[layer_of(target)][0]}"
            for source, targets in graph.items() for target in targets if layer_of(target) > layer_of(source)}


def test_no_upward_import_between_layers() -> None:
    found = upward_imports()
    assert sorted(set(found) - set(KNOWN_UPWARD)) == []
    assert sorted(set(KNOWN_UPWARD) - set(found)) == [], "an allowed upward import is gone: remove it from KNOWN_UPWARD"


def test_the_core_imports_nothing_above_it_nor_any_plugin() -> None:
    graph = import_graph("odwb_assist", PACKAGES["odwb_assist"])
    for module, targets in graph.items():
        if layer_of(module) == 0:
            assert {t for t in targets if layer_of(t) > 0} == set(), module
    for path in (ROOT / "odwb_assist").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            assert not [n for n in names if n.startswith("odwb_assist_")], f"{path} imports a plugin"


def test_the_sandbox_knows_the_portal_only_from_the_vendor_documents() -> None:
    graph = import_graph("odwb_assist", PACKAGES["odwb_assist"])
    leaks = {(m, t) for m, targets in graph.items() if m.startswith("odwb_assist.sandbox")
             for t in targets if t.startswith(("odwb_assist.portal", "odwb_assist.publish"))}
    assert leaks == set()


def test_every_top_level_name_has_a_layer() -> None:
    names = {p.stem if p.is_file() else p.name for p in (ROOT / "odwb_assist").iterdir()
             if (p.suffix == ".py") or (p.is_dir() and (p / "__init__.py").is_file())}
    placed = set().union(*(members for _, members in LAYERS))
    assert names == placed
