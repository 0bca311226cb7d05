from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from odwb_assist_programme.api import Programme  # noqa: E402


@pytest.fixture
def prog(tmp_path: Path) -> Iterator[Programme]:
    with Programme.open(tmp_path / "programme.sqlite", actor="test") as programme:
        yield programme
