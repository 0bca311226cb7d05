"""Test helpers shared by the fast-path tests: which reader streamed a check, and a check's report as JSON."""

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
