"""The publication package: its public names import from ``odwb_assist.publish`` and its modules form no cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import odwb_assist.publish as publish

PACKAGE = Path(publish.__file__).parent


def _internal_imports(path: Path) -> set[str]:
    """The sibling modules ``path`` imports (``from .x import …``, ``from . import x``), TYPE_CHECKING ones included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_no_import_cycle_between_publication_modules() -> None:
    graph = {p.stem: _internal_imports(p) for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert {"planning", "run", "model", "result", "blockers", "core_blockers", "diff", "source", "record"} <= set(graph)
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target in graph.get(name, ()):
            assert state.get(target) != "open", f"import cycle: {' → '.join([*path, name, target])}"
            if target not in state:
                visit(target, [*path, name])
        state[name] = "done"

    for module in graph:
        if module not in state:
            visit(module, [])


def test_public_names_import_from_the_package() -> None:
    from odwb_assist.publish import Blocker, Plan, Publication, Step, Verification, plan, read_records

    assert callable(plan) and plan.__module__ == "odwb_assist.publish.planning"
    assert issubclass(Plan, publish.PlanState) and Step.__name__ == "Step"
    assert Publication.__name__ == "Publication" and Verification.__name__ == "Verification"
    assert Blocker("x", message=None, advice=None).code == "x"  # type: ignore[arg-type]
    assert read_records(PACKAGE) == []
    assert set(publish.__all__) == set(publish._EXPORTS)
    for name in publish.__all__:
        assert getattr(publish, name) is not None


def test_old_root_modules_are_gone() -> None:
    root = PACKAGE.parent
    for old in ("publish_run", "publish_blockers", "publish_source", "publish_diff", "publication_record", "blockers"):
        assert not (root / f"{old}.py").exists(), old
