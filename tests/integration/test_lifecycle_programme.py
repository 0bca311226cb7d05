"""Issue 9 over loopback HTTP: publishing through the lifecycle marks the programme's publication challenge and
records the dataset; ``odwb-assist programme verify --portal URL --format json`` reports the obligation.

The shipped edition's window is May–November 2021, so a publication made today is outside it. The test
uses an edition file made from the shipped one with the window moved around today (given in
``[programme] edition`` of odwb.toml and with ``--edition``), and checks with the shipped edition that the
same publication is then listed but does not count.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

programme_api = pytest.importorskip("odwb_assist_programme.api")

pytestmark = pytest.mark.integration

SAMPLE = Path(__file__).resolve().parents[2] / "odwb_assist" / "data" / "samples" / "salles-communales.csv"
DATASET_ID = "ciney-salles-programme"
TABLES = """[programme]
edition = "{edition}"

[[datasets]]
id = "{dataset_id}"
file = "salles-communales.csv"

[datasets.metadata]
title = "Salles communales de Ciney (programme)"
description = "Les salles que la commune loue aux associations."
license = "CC0 1.0"
theme = ["Tourisme, Culture, Sport et Loisirs"]
"""


def _edition_around_today(folder: Path) -> Path:
    shipped = (resources.files("odwb_assist_programme") / "editions" / "ouvrir-ma-ville-2021.toml").read_text(encoding="utf-8")
    today = date.today()
    text = re.sub(r"(?m)^start = \S+", f"start = {(today - timedelta(days=90)).isoformat()}", shipped)
    text = re.sub(r"(?m)^end = \S+", f"end = {(today + timedelta(days=90)).isoformat()}", text)
    text = re.sub(r'(?m)^id = "[^"]+"', 'id = "ouvrir-ma-ville-test"', text, count=1)  # the edition's id only
    path = folder / "ouvrir-ma-ville-test.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _confirm(prog: Any, name: str, nis: str, publishers: tuple[str, ...]) -> None:
    today = date.today()
    prog.enrol(name, type="commune", nis_code=nis, publishers=publishers,
               participants=[(f"Agent de {name}", "agent@example.be")], requested_on=today - timedelta(days=80))
    prog.sign(name, today - timedelta(days=75))
    prog.invoice(name, today - timedelta(days=70))
    prog.pay(name, today - timedelta(days=60))


def test_publication_marks_the_challenge_and_verify_reports_the_obligation(
        tmp_path: Path, sandbox: Any, cli_with_key: Callable[[str], Any], ciney_project: Callable[..., Path]) -> None:
    # the sandbox's seeded catalogue: datasets of several publishers (Ville de Namur, Commune de Ciney…) dated 2019–2023
    server = sandbox.server
    key = server.add_user("ciney-programme")
    cli = cli_with_key(key)
    edition = _edition_around_today(tmp_path)
    ciney_project(tmp_path, server.url, TABLES.format(edition=edition, dataset_id=DATASET_ID), SAMPLE)
    ledger = tmp_path / "programme.sqlite"  # beside odwb.toml: the default register of the project
    with programme_api.Programme.open(ledger, edition, actor="test") as prog:
        _confirm(prog, "Commune de Ciney", "91030", ("Commune de Ciney",))
        _confirm(prog, "Ville de Namur", "92094", ("Ville de Namur",))  # on the portal, but only before the window
        assert "publication" not in prog.status("Commune de Ciney")[0].challenges
    outputs = cli.outputs

    def run(*args: str | Path) -> int:
        return int(cli(*args)[0])

    assert run("publish", "--project", tmp_path / "odwb.toml") == 0, outputs[-1]

    # the dataset-published event marked the challenge and recorded the dataset
    with programme_api.Programme.open(ledger, edition, create=False) as prog:
        ciney = prog.status("Commune de Ciney")[0]
        challenge = ciney.challenges["publication"]
        assert challenge["evidence_kind"] == "event" and DATASET_ID in challenge["evidence"]
        assert challenge["done_on"] == date.today().isoformat()
        assert [p["dataset_id"] for p in ciney.publications] == [DATASET_ID]
        assert ciney.publication_obligation_met(prog.edition)
        titles = {c.id: c.title for c in prog.edition.challenges}
        assert "Publier ses jeux de données sur le portail ODWB" in titles["publication"]
        assert "publication" not in prog.status("Ville de Namur")[0].challenges

    # programme verify against the sandbox, JSON: exactly Ciney met the obligation within the window
    code = run("programme", "verify", "--portal", server.url, "--format", "json", "--edition", edition, "--ledger", ledger)
    assert code == 1  # Namur has not published within the window
    report = json.JSONDecoder().raw_decode(outputs[-1])[0]  # stdout; stderr (« Portail : … ») follows
    by_name = {entry["administration"]: entry for entry in report["administrations"]}
    assert set(by_name) == {"Commune de Ciney", "Ville de Namur"}
    assert by_name["Commune de Ciney"]["obligation_met"] is True
    [ours] = [d for d in by_name["Commune de Ciney"]["datasets"] if d["dataset_id"] == DATASET_ID]
    assert ours["title"] == "Salles communales de Ciney (programme)" and ours["publisher"] == "Commune de Ciney"
    assert ours["published"][:10] == date.today().isoformat()
    assert [d["dataset_id"] for d in by_name["Commune de Ciney"]["datasets"]] == [DATASET_ID]  # the seeds are older
    assert by_name["Ville de Namur"]["obligation_met"] is False and by_name["Ville de Namur"]["datasets"] == []
    assert report["requests"] <= 5

    # the same register with the shipped 2021 edition: today's recorded publication is listed, outside the window
    # (without --edition, the newest edition file beside the register, the test's own, would be used)
    run("programme", "verify", "--portal", server.url, "--format", "json", "--ledger", ledger, "--edition",
        "ouvrir-ma-ville-2021")
    report_2021 = json.JSONDecoder().raw_decode(outputs[-1])[0]
    assert report_2021["start"] == "2021-05-01" and report_2021["end"] == "2021-11-30"
    ciney_2021 = {e["administration"]: e for e in report_2021["administrations"]}["Commune de Ciney"]
    assert DATASET_ID in [d["dataset_id"] for d in ciney_2021["other_datasets"]]
    assert DATASET_ID not in [d["dataset_id"] for d in ciney_2021["datasets"]]

    for text in outputs:
        assert key not in text
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert key.encode() not in path.read_bytes(), path
