"""Over loopback: a bare project (no description, no theme chosen, the default licence only proposed) cannot be
published without a justification; with one per blocker, it is, and the justifications are kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from odwb_assist.publish import read_records
from odwb_assist.sandbox import SandboxServer

SAMPLE = Path(__file__).resolve().parents[2] / "odwb_assist" / "data" / "samples" / "salles-communales.csv"
BARE = """[[datasets]]
id = "ciney-salles-nues"
file = "salles-communales.csv"
"""
WHY = "Atelier du jour 9 : jeu d'essai, la description et la licence seront choisies par le service."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    with SandboxServer(tmp_path_factory.mktemp("portail"), processing_delay=0.01) as running:
        yield running


@pytest.fixture
def run(cli_with_key: Callable[[str], Any], server: SandboxServer) -> Callable[..., tuple[int, str]]:
    return cli_with_key(server.add_user("ciney-essai"))  # type: ignore[no-any-return]


def test_bare_metadata_is_refused_then_published_with_justifications(run: Callable[..., tuple[int, str]],
                                                                     server: SandboxServer, tmp_path: Path,
                                                                     ciney_project: Callable[..., Path]) -> None:
    project = ciney_project(tmp_path, server.url, BARE, SAMPLE)
    code, out = run("publish", "--dry-run", "--project", project)
    assert code == 1, out
    for blocker in ("[missing-description]", "[missing-theme]", "[license-unconfirmed]"):
        assert blocker in out, out
    assert 'license = "CC0 1.0"' in out and "--override license-unconfirmed --justification" in out
    codes = ["missing-description", "missing-theme", "license-unconfirmed"]
    args = [part for code_ in codes for part in ("--override", code_)]
    code, out = run("publish", "--project", project, *args, "--justification", WHY)
    assert code == 0, out
    [record] = read_records(project.parent)
    assert {o["code"] for o in record["overrides"]} == set(codes)
    assert all(o["justification"] == WHY for o in record["overrides"])
