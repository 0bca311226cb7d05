"""Test helpers shared by the fast-path tests: which reader streamed a check, a check's report as JSON, and a fix
run both ways (streamed, and on the whole table)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from odwb_assist.quality import check


def spy_readers(monkeypatch: pytest.MonkeyPatch, readers: dict[str, tuple[Any, str]]) -> list[str]:
    """Wrap each reader ``owner.name`` so that a call appends its label to the returned list, then runs it."""
    used: list[str] = []
    for label, (owner, name) in readers.items():
        original = getattr(owner, name)

        def spy(*args: Any, _label: str = label, _original: Any = original, **kwargs: Any) -> None:
            used.append(_label)
            _original(*args, **kwargs)

        monkeypatch.setattr(owner, name, spy)
    return used


def report_json(path: Path, monkeypatch: pytest.MonkeyPatch, engine_name: str, plugins: Any,
                **options: Any) -> dict[str, Any]:
    """The French JSON report of ``check`` with ``ODWB_ENGINE`` set to ``engine_name`` (its timing left out)."""
    monkeypatch.setenv("ODWB_ENGINE", engine_name)
    data = check(path, plugins=plugins, **options).to_dict("fr")
    data.pop("seconds", None)
    return data


def assert_fix_alike_without_pyarrow(path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, plugins: Any) -> None:
    """``fix`` writes the same clean file, counts and rows whether pyarrow reads ``path`` or, told it cannot (a
    :class:`.csv_head.Fallback` at its head), Frictionless does (``ODWB_ENGINE`` unset)."""
    from odwb_assist.quality import csv_head, fix

    monkeypatch.delenv("ODWB_ENGINE", raising=False)
    for name in ("fast", "slow"):
        (folder / name).mkdir()
    fast = fix(path, folder / "fast" / "propre.csv", plugins=plugins)
    monkeypatch.setattr(csv_head, "read_head", lambda *a: (_ for _ in ()).throw(csv_head.Fallback("test")))
    slow = fix(path, folder / "slow" / "propre.csv", plugins=plugins)
    assert (folder / "fast" / "propre.csv").read_bytes() == (folder / "slow" / "propre.csv").read_bytes()
    assert fast.counts == slow.counts and fast.rows_after == slow.rows_after


def fix_both_ways(source: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, plugins: Any,
                  **options: object) -> tuple[dict[str, Any], dict[str, Any]]:
    """(streamed, whole table): each ``fix`` run's result and the files it wrote (clean file, side files), by name,
    in ``folder``/stream and ``folder``/table."""
    from odwb_assist.quality import fix, fix_engine

    outcomes = []
    for whole in (False, True):
        with monkeypatch.context() as patch:
            if whole:
                patch.setattr(fix_engine, "_needs_table", lambda chosen, report: True)
            out = folder / ("table" if whole else "stream") / "propre.csv"
            out.parent.mkdir(parents=True, exist_ok=True)
            result = fix(source, out, plugins=plugins, **options)  # type: ignore[arg-type]
            files = {p.name: p.read_bytes() for p in out.parent.iterdir()}
            outcomes.append({"result": result, "files": files})
    return outcomes[0], outcomes[1]
