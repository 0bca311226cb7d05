"""The trainer's view (issue 15, point 3): the summary says why a publication failed (a blocker, a 503),
the projector view is compact, and a fault injected for teaching is announced to the participant."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from odwb_assist.cli import publish as publish_cli
from odwb_assist.workshop import kit

pytestmark = pytest.mark.integration
KEY_LINE = re.compile(r"^export ODWB_API_KEY=(\S+)$", re.M)
STAGES = '''
[[datasets]]
id = "ciney-stages-ete"
file = "registre-inscriptions-stage.csv"
[datasets.metadata]
title = "Inscriptions aux stages d'été"
description = "Les inscriptions aux stages d'été de la commune."
license = "CC BY 4.0"
theme = ["Sport, Loisirs"]
'''


@pytest.fixture
def faults(sandbox: Any) -> Iterator[Any]:
    yield sandbox.server
    sandbox.server.set_faults([])


def test_summary_gives_the_reason_of_each_failed_publication(
        sandbox: Any, faults: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        cli: Callable[..., tuple[int, str, str]]) -> None:
    class Fast(publish_cli.PortalClient):  # type: ignore[name-defined,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.update(poll_interval=0.05, backoff=0.01)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(publish_cli, "PortalClient", Fast)
    monkeypatch.delenv("ODWB_PORTAL_URL", raising=False)
    room = tmp_path / "salle-vendredi"
    assert cli("workshop", "prepare", room, "-n", "3", "--portal", sandbox.url, "--sandbox-data",
               sandbox.server.data_dir)[0] == 0
    folders = sorted(p for p in room.iterdir() if p.is_dir())
    for folder in folders:
        with (folder / "odwb.toml").open("a", encoding="utf-8") as handle:
            handle.write(kit.DATASET_BLOCK + STAGES)
        monkeypatch.chdir(folder)
        match = KEY_LINE.search((folder / "cle-api.env").read_text(encoding="utf-8"))
        assert match
        monkeypatch.setenv("ODWB_API_KEY", match.group(1))
        assert cli("fix", "parkings-velos-ciney.csv", "--output", "parkings-velos-propre.csv")[0] == 0

    monkeypatch.chdir(folders[0])  # participant 1 tries the personal-data register
    monkeypatch.setenv("ODWB_API_KEY", KEY_LINE.findall((folders[0] / "cle-api.env").read_text())[0])
    code, _, err = cli("publish", "--dataset", "ciney-stages-ete", "--dry-run")
    assert code == 1 and "Publication refusée" in err

    monkeypatch.chdir(folders[1])  # participant 2 meets a portal that answers 503 (a fault for teaching)
    monkeypatch.setenv("ODWB_API_KEY", KEY_LINE.findall((folders[1] / "cle-api.env").read_text())[0])
    faults.set_faults([{"path": "/api/automation/v1.0/datasets/", "methods": ["POST"], "kind": "503",
                        "retry_after": 0}])
    code, out, err = cli("publish", "--dataset", "ciney-parkings-velos")
    assert code == 2 and "(503)" in err
    assert "Le portail est momentanément indisponible (503) : nouvel essai dans 1 s." in err  # retries announced
    faults.set_faults([])

    monkeypatch.chdir(folders[2])  # participant 3 publishes
    monkeypatch.setenv("ODWB_API_KEY", KEY_LINE.findall((folders[2] / "cle-api.env").read_text())[0])
    assert cli("publish", "--dataset", "ciney-parkings-velos")[0] == 0

    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("workshop", "summary", room, "--format", "json")
    one, two, three = json.loads(out)["participants"]
    assert one["failure_code"] == "blocked" and one["failure"] == "refusée par un blocage (personal-data) (simulation)"
    assert two["failure_code"] == "unavailable" and two["failure"] == "portail indisponible (503)"
    assert three["failure"] is None and three["last_step"] == "online"
    assert one["last_step"] == two["last_step"] == "fixed"
    code, out, _ = cli("workshop", "summary", room)
    assert code == 0 and "Problèmes :" in out
    assert "    1  Participant 01 — ✗ " in out and "refusée par un blocage (personal-data) (simulation)" in out
    assert "portail indisponible (503)" in out
    code, out, _ = cli("workshop", "summary", room, "--watch", "--rounds", "1")
    lines = [line for line in out.splitlines() if line.strip()]
    assert code == 0 and len(lines) == 2 + 3  # title, header, one line per participant
    assert any("en ligne" in line for line in lines) and any("portail indisponible (503)" in line for line in lines)


def test_a_rate_limit_is_announced_to_the_participant(sandbox: Any, faults: Any, tmp_path: Path,
                                                      cli: Callable[..., tuple[int, str, str]]) -> None:
    faults.set_faults([{"path": "/api/explore/v2.1/catalog/datasets", "kind": "429", "retry_after": 1, "times": 1}])
    code, out, err = cli("catalog", "search", "vélo", "--portal", sandbox.url)
    assert code == 0 and "Le portail limite les requêtes : nouvel essai dans 1 s." in err
