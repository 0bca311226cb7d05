"""Plugins import only ``odwb_assist.plugin`` from the core, and that module holds what the hooks name."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import odwb_assist.plugin as face
from odwb_assist.core import hookspecs

ROOT = Path(__file__).resolve().parents[2]
PLUGIN_SOURCES = [
    ROOT / "plugins" / "odwb-assist-belgium" / "odwb_assist_belgium",
    ROOT / "plugins" / "odwb-assist-programme" / "odwb_assist_programme",
    ROOT / "examples" / "plugin-exemple" / "odwb_assist_horaires",
]


def core_imports(source: Path) -> list[tuple[str, int, str, list[str]]]:
    """Every import of ``odwb_assist`` (not ``odwb_assist_*``) in a plugin's sources: (file, line, module, names)."""
    found = []
    for path in sorted(source.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [(node.module, [alias.name for alias in node.names])]
            elif isinstance(node, ast.Import):
                modules = [(alias.name, []) for alias in node.names]
            else:
                continue
            for module, names in modules:
                if module == "odwb_assist" or module.startswith("odwb_assist."):
                    found.append((str(path.relative_to(source.parent)), node.lineno, module, names))
    return found


@pytest.mark.parametrize("source", PLUGIN_SOURCES, ids=lambda p: p.name)
def test_a_plugin_imports_only_the_public_face(source: Path) -> None:
    imports = core_imports(source)
    assert imports, "the plugin imports nothing of odwb_assist? the scan is broken"
    elsewhere = [i for i in imports if i[2] != "odwb_assist.plugin"]
    assert elsewhere == [], "plugins import odwb_assist.plugin only: " + "; ".join(f"{f}:{n} {m}" for f, n, m, _ in elsewhere)
    unknown = [(f, n, name) for f, n, _, names in imports for name in names if name not in face.__all__]
    assert unknown == []


def test_the_scan_sees_an_import_of_an_internal_module(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("def f():\n    from odwb_assist.quality.engine import check\n    import odwb_assist.core\n",
                                     encoding="utf-8")
    modules = [m for _, _, m, _ in core_imports(tmp_path)]
    assert modules == ["odwb_assist.quality.engine", "odwb_assist.core"]


def test_every_public_name_resolves() -> None:
    missing = [name for name in face.__all__ if getattr(face, name, None) is None]
    assert missing == []
    assert len(set(face.__all__)) == len(face.__all__)


def test_the_face_holds_every_type_the_hook_specs_name() -> None:
    tree = ast.parse(Path(hookspecs.__file__).read_text(encoding="utf-8"))
    named = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
             and node.level and node.module in ("contract", "events", "findings") for alias in node.names}
    assert named >= {"CheckContext", "FieldKind", "TableCheck", "Fix", "Blocker", "Event"}
    assert named <= set(face.__all__)
    assert face.hookimpl is hookspecs.hookimpl


def test_registering_a_plugin_stays_light() -> None:
    """Importing the face loads no table, HTTP or command-line library (its heavier names load on first use)."""
    code = ("import sys, odwb_assist.plugin\n"
            "print(sorted(m for m in ('pandas', 'numpy', 'requests', 'typer', 'frictionless') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
