"""Shared fixtures: a CLI runner that returns (exit code, stdout, stderr) and never leaks a traceback."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from odwb_assist.cli.main import main


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err or "--debug" in args
        return code, out, err

    return run
