"""Issue 4 through the real CLI against a sandbox on loopback: national register numbers stop a publication.

``publish --dry-run`` refuses the file (exit 1) naming the column and the fix; ``--block belgium`` turns the
refusal off; ``--override personal-data --justification …`` lets it through and the justification is kept
in ``.odwb/publications.jsonl``. The API key appears nowhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from odwb_assist.publish import read_records
from odwb_assist.sandbox import SandboxServer

pytestmark = pytest.mark.integration

SAMPLE = Path(__file__).resolve().parents[2] / "odwb_assist" / "data" / "samples" / "registre-inscriptions-stage.csv"
DATASETS = """[[datasets]]
id = "ciney-inscriptions-stage"
file = "registre-inscriptions-stage.csv"

[datasets.metadata]
title = "Inscriptions au stage d'été"
description = "Les inscriptions au stage d'été organisé par la commune."
license = "CC BY 4.0"
theme = ["Sport, Loisirs"]
"""
JUSTIFICATION = "Test d'intégration : jeu restreint au service jeunesse, base légale vérifiée par le DPO le 12/05/2021."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    with SandboxServer(tmp_path_factory.mktemp("personal-sandbox"), processing_delay=0.01) as sandbox:
        yield sandbox


@pytest.fixture
def key(server: SandboxServer) -> str:
    return server.add_user("ciney-jeunesse")


@pytest.fixture
def run(cli_with_key: Callable[[str], Any], key: str) -> Iterator[Callable[..., tuple[int, str]]]:
    call = cli_with_key(key)
    yield call
    outputs = call.outputs
    assert outputs and all(key not in text for text in outputs)


@pytest.fixture
def project(tmp_path: Path, server: SandboxServer, ciney_project: Callable[..., Path]) -> Path:
    return ciney_project(tmp_path, server.url, DATASETS, SAMPLE)


def test_national_numbers_refuse_the_publication_naming_the_column(run: Callable[..., tuple[int, str]], project: Path) -> None:
    code, out = run("publish", "--dry-run", "--project", project)
    assert code == 1, out
    assert "[personal-data]" in out and "« numero_national »" in out and "registre national" in out
    assert "Supprimez la colonne « numero_national »" in out  # how to fix it
    assert "--justification" in out or "justification" in out
    code, out = run("--lang", "en", "publish", "--dry-run", "--project", project)
    assert code == 1 and "column 'numero_national'" in out and "Delete column 'numero_national'" in out, out
    assert not (project.parent / ".odwb" / "publications.jsonl").exists()


def test_blocking_the_belgian_plugin_turns_the_refusal_off(run: Callable[..., tuple[int, str]], project: Path) -> None:
    code, out = run("--block", "belgium", "publish", "--dry-run", "--project", project)
    assert "numero_national" not in out and "registre national" not in out, out
    # the core's own personal-data checks (not part of the Belgian plugin) still refuse the file: the dates of birth
    # (the first column said), the e-mail addresses, the home addresses
    assert code == 1 and "[invalid-file]" in out and "colonne « date_naissance »" in out, out
    code, out = run("--block", "belgium", "--block", "checks.birth_dates", "publish", "--dry-run", "--project", project)
    assert code == 1 and "[invalid-file]" in out and "colonne « email »" in out, out
    code, out = run("--block", "belgium", "--block", "checks.personal_email", "--block", "checks.birth_dates", "--block",
                    "checks.home_addresses", "publish", "--dry-run", "--project", project)
    assert code == 0, out
    assert "Simulation (--dry-run)" in out and "Créer le jeu de données « ciney-inscriptions-stage »" in out


def test_override_with_justification_publishes_and_keeps_it(run: Callable[..., tuple[int, str]], project: Path,
                                                            server: SandboxServer, key: str) -> None:
    code, out = run("publish", "--project", project, "--override", "personal-data")
    assert code != 0 and "--justification" in out  # an override without a written reason is refused
    code, out = run("publish", "--project", project, "--restricted", "--override", "personal-data",
                    "--justification", JUSTIFICATION)
    assert code == 0, out
    assert f"Blocage levé : personal-data — {JUSTIFICATION}" in out
    [record] = read_records(project.parent)
    assert record["dataset_id"] == "ciney-inscriptions-stage" and record["restricted"] is True
    assert {"code": "personal-data", "justification": JUSTIFICATION} in record["overrides"]
    for path in (project.parent / ".odwb").rglob("*"):
        if path.is_file():
            assert key.encode() not in path.read_bytes()


STAFF = """[[datasets]]
id = "ciney-personnel"
file = "personnel.csv"

[datasets.metadata]
title = "Personnel communal de Ciney"
description = "Le personnel communal, son service, sa fonction et son traitement annuel brut."
license = "CC BY 4.0"
theme = ["Administration et Services publics"]
"""


def test_names_that_may_be_personal_data_are_said_before_publishing(run: Callable[..., tuple[int, str]],
                                                                    tmp_path: Path, server: SandboxServer,
                                                                    ciney_project: Callable[..., Path]) -> None:
    """A staff list with each agent's salary went through `publish` without a word: names never block (only the
    author can tell), but the plan now says them before anything is sent."""
    staff = tmp_path / "source" / "personnel.csv"
    staff.parent.mkdir()
    staff.write_text("Nom,Prénom,Service,Traitement annuel brut\nDupont,Marie,Population,38250\n"
                     "Lambert,Jean,Travaux,33120\nMartin,Sophie,Finances,52340\n", encoding="utf-8")
    project = ciney_project(tmp_path / "staff", server.url, STAFF, staff)
    code, out = run("publish", "--dry-run", "--project", project)
    assert code == 0, out
    assert "À vérifier avant de publier (peut-être des données personnelles" in out
    assert "  - Noms de personnes : « Nom », « Prénom »" in out
    code, out = run("--lang", "en", "publish", "--dry-run", "--project", project)
    assert code == 0 and "To check before publishing (maybe personal data" in out and "'Nom', 'Prénom'" in out, out
