"""The example third-party plugin really installs, is discovered through its entry point, and reports.

The plugin is copied to a temporary folder first (building it writes ``build/`` and ``*.egg-info``
next to its sources), installed with pip into a temporary target, then used by ``python -m
odwb_assist`` in a subprocess whose ``PYTHONPATH`` is that target: nothing is installed in the venv.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

PLUGIN = Path(__file__).resolve().parents[2] / "examples" / "plugin-exemple"
BAD_HOURS = "service,horaires\nMairie,09:00-12:00;14:00-17:00\nPiscine,9h-12h\nParc,fermé\n"


def odwb(*args: str, target: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    environment["PYTHONPATH"] = str(target)
    return subprocess.run([sys.executable, "-m", "odwb_assist", *args], cwd=cwd, env=environment, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("setuptools", minversion="77", reason="pip --no-build-isolation needs setuptools>=77 (dev extra)")
    work = tmp_path_factory.mktemp("plugin")
    source, target = work / "source", work / "target"
    shutil.copytree(PLUGIN, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", "tests"))
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                             "--no-index", "--target", str(target), str(source)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "odwb_assist_horaires" / "__init__.py").is_file()
    return target


def test_discovered_through_the_entry_point(installed: Path, tmp_path: Path) -> None:
    result = odwb("plugins", "--json", target=installed, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    plugins = {p["name"]: p for p in json.loads(result.stdout)}
    assert plugins["horaires"]["builtin"] is False
    assert plugins["horaires"]["distribution"] == "odwb-assist-horaires"
    assert plugins["horaires"]["hooks"] == ["odwb_field_kinds"]
    try:
        metadata.distribution("odwb-assist-horaires")
    except metadata.PackageNotFoundError:
        return  # not installed in this environment: it was found in the target, through its entry point
    pytest.skip("the example plugin is also installed in this environment: discovery from the target is not proven")


def test_check_reports_the_bad_opening_hours(installed: Path, tmp_path: Path) -> None:
    data = tmp_path / "horaires.csv"
    data.write_text(BAD_HOURS, encoding="utf-8")
    result = odwb("check", str(data), "--format", "json", target=installed, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert report["kinds"]["horaires"] == "opening-hours"
    found = [e for e in report["errors"] if e["type"] == "opening-hours-format"]
    assert [(e["rowNumber"], e["fieldName"], e["cell"]) for e in found] == [(3, "horaires", "9h-12h")]
    assert "HH:MM-HH:MM" in found[0]["tip"]


def test_the_plugin_own_tests_pass(tmp_path: Path) -> None:
    """``examples/plugin-exemple/tests`` are outside ``testpaths``: run them the way a plugin author would."""
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(PLUGIN / "tests")],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
