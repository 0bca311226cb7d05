"""pyarrow's pool while a file is streamed (issue 17): jemalloc with a short decay where pyarrow has it, the
user's own choice kept. Each case runs in a fresh interpreter: the pool is the process's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = """
import sys
import pyarrow as pa
from odwb_assist.quality import engine
before = pa.default_memory_pool().backend_name
report = engine.check(sys.argv[1])
print(before, pa.default_memory_pool().backend_name, report.rows)
"""


def _pools(path: Path, **environment: str) -> list[str]:
    env = {key: value for key, value in os.environ.items() if key != "ARROW_DEFAULT_MEMORY_POOL"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(path)], capture_output=True, text=True, timeout=120,
                          env={**env, **environment}, check=True)
    return done.stdout.split()


def _has_jemalloc() -> bool:
    import pyarrow as pa

    try:
        pa.jemalloc_memory_pool()
    except NotImplementedError:
        return False
    return True


@pytest.fixture
def communes(tmp_path: Path) -> Path:
    path = tmp_path / "communes.csv"
    path.write_text("Code INS;Commune\n" + "".join(f"{57000 + i};Commune {i}\n" for i in range(50)), encoding="utf-8")
    return path


@pytest.mark.skipif(not _has_jemalloc(), reason="this pyarrow has no jemalloc (its Windows wheels)")
def test_a_streamed_check_runs_on_jemalloc(communes: Path) -> None:
    before, during, rows = _pools(communes)
    assert during == "jemalloc" and rows == "50", before


def test_the_pool_the_user_chose_is_kept(communes: Path) -> None:
    before, during, rows = _pools(communes, ARROW_DEFAULT_MEMORY_POOL="system")
    assert before == during == "system" and rows == "50"


def test_the_pool_is_chosen_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A second call changes nothing (the reading threads of a later file keep the same pool)."""
    from odwb_assist.quality import arrow_pool

    monkeypatch.setattr(arrow_pool, "_chosen", True)
    calls: list[object] = []
    import pyarrow as pa

    monkeypatch.setattr(pa, "set_memory_pool", calls.append)
    arrow_pool.use_streaming_pool()
    assert calls == []
