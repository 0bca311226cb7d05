"""Helpers for the Belgian plugin's tests: columns indexed by physical row numbers, and a context."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from odwb_assist.core.contract import CheckContext


def column(values: list[str], first_row: int = 2) -> pd.Series:
    """A column chunk as the engine gives it: text cells, index = spreadsheet row numbers."""
    return pd.Series(values, index=range(first_row, first_row + len(values)), dtype=object)


@pytest.fixture
def ctx() -> Callable[..., CheckContext]:
    def make(fields: list[str] | None = None, kinds: dict[str, str] | None = None, nis: str | None = None) -> CheckContext:
        return CheckContext(source="test.csv", fields=fields or ["col"], kinds=kinds or {}, administration_nis=nis)

    return make


@pytest.fixture
def run(ctx: Callable[..., CheckContext]) -> Callable[..., list]:
    """Validate a list of cells (rows 2, 3, …) of column « col » with a kind module's validator."""

    def validate(kind_module, values: list[str], **context_args) -> list:
        return list(kind_module.validate(column(values), "col", ctx(**context_args)))

    return validate


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Same as the core tests' fixture: (exit code, stdout, stderr), never a traceback."""
    from odwb_assist.cli.main import main

    def invoke(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    return invoke
