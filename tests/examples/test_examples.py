"""Every example script of ``examples/`` runs as a subprocess and writes the outputs it promises.

Each script starts its own sandbox portal on a free loopback port when it is given no ``--portal``;
one test also points scripts at a sandbox started here, to cover ``--portal``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from odwb_assist.sandbox import SandboxServer

pytestmark = pytest.mark.integration

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SCRIPTS = {
    "jour-7": EXAMPLES / "jour-7-qualite" / "qualite.py",
    "jour-8": EXAMPLES / "jour-8-catalogue" / "catalogue.py",
    "jour-9": EXAMPLES / "jour-9-publication" / "publication.py",
}
EXPECTED = {
    "jour-7": ["rapport-qualite.html", "rapport-qualite.xlsx", "parkings-velos-ciney-propre.csv",
               "rapport-qualite-apres-correction.html", "documentation/dictionnaire.html", "documentation/dictionnaire.md",
               "documentation/metadata.json", "documentation/score.html", "documentation/datapackage.json"],
    "jour-8": ["jeux-par-editeur.png", "catalogue.csv", "ciney-budget.csv", "ciney-budget.png"],
    "jour-9": ["projet/odwb.toml", "projet/parkings-velos-ciney.csv", "projet/.odwb/publications.jsonl",
               "plan-a-blanc.txt", "plan-1-premiere.txt", "plan-2-sans-changement.txt", "plan-3-apres-modification.txt",
               "resume.json"],
}


def run(script: Path, *args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "ODWB_API_KEY"}
    environment.update(env or {}, MPLBACKEND="Agg", PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, str(script), *args], cwd=cwd, env=environment, capture_output=True,
                            text=True, timeout=120)
    output = f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert result.returncode == 0, f"{script.name} failed ({result.returncode}):\n{output}"
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_every_example_has_a_test() -> None:
    found = {p.name for p in EXAMPLES.iterdir() if p.is_dir() and p.name.startswith("jour-")}
    assert found == {s.parent.name for s in SCRIPTS.values()}


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_example_runs_offline_with_its_own_sandbox(name: str, tmp_path: Path) -> None:
    out = tmp_path / "resultats"
    result = run(SCRIPTS[name], "--output", str(out), cwd=tmp_path)
    assert "Bac à sable démarré sur http://127.0.0.1:" in result.stdout
    for relative in EXPECTED[name]:
        path = out / relative
        assert path.is_file() and path.stat().st_size > 0, f"{name}: {relative} missing"
    if name == "jour-7":
        assert (out / "rapport-qualite.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
        assert "Avant : 25 lignes, 3 erreur(s)" in result.stdout and "Après : 24 lignes, 0 erreur(s)" in result.stdout
        source = EXAMPLES / "jour-7-qualite" / "donnees" / "parkings-velos-ciney.csv"
        assert source.read_bytes().startswith(b"Inventaire")  # the messy sample is never modified
    if name == "jour-8":
        assert (out / "ciney-budget.png").read_bytes().startswith(b"\x89PNG")
        assert "Graphique de la colonne « depenses_eur »" in result.stdout
    if name == "jour-9":
        summary = json.loads((out / "resume.json").read_text(encoding="utf-8"))
        steps = {s["etape"]: s for s in summary["etapes"] if "etapes_prevues" in s}
        assert summary["verification_ok"] is True
        assert steps["a-blanc"]["envoye"] is False and "create-dataset" in steps["a-blanc"]["etapes_prevues"]
        assert steps["2-sans-changement"]["etapes_prevues"] == [] and steps["2-sans-changement"]["envoye"] is False
        assert steps["3-apres-modification"]["etapes_prevues"] == ["upload-file", "update-resource", "publish"]
        assert "Tout est en ordre." in result.stdout


def test_default_output_is_a_new_folder_in_the_working_directory(tmp_path: Path) -> None:
    run(SCRIPTS["jour-7"], cwd=tmp_path)
    created = [p for p in tmp_path.iterdir() if p.is_dir() and p.name.startswith("jour-7-resultats-")]
    assert len(created) == 1 and (created[0] / "rapport-qualite.html").is_file()


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    server = SandboxServer(tmp_path_factory.mktemp("portail"), seed=True, processing_delay=0.01).start()
    try:
        yield server
    finally:
        server.stop()


def test_examples_use_the_portal_given(portal: SandboxServer, tmp_path: Path) -> None:
    key = portal.add_user("formateur-exemples")
    day8 = run(SCRIPTS["jour-8"], "--portal", portal.url, "--output", str(tmp_path / "j8"), "--jeu", "namur-parkings-velos",
               cwd=tmp_path)
    assert "Bac à sable démarré" not in day8.stdout and (tmp_path / "j8" / "namur-parkings-velos.png").is_file()
    day9 = run(SCRIPTS["jour-9"], "--portal", portal.url, "--output", str(tmp_path / "j9"), "--jeu", "ciney-velos-formateur",
               cwd=tmp_path, env={"ODWB_API_KEY": key})
    assert key not in day9.stdout + day9.stderr
    for path in (tmp_path / "j9").rglob("*"):
        if path.is_file():
            assert key.encode() not in path.read_bytes(), f"the API key leaked into {path}"
    url = f"{portal.url}/api/explore/v2.1/catalog/datasets/ciney-velos-formateur"
    entry = requests.get(url, timeout=10).json()  # the dataset really is on the portal given
    assert entry["metas"]["default"]["records_count"] == 13


def test_day9_without_key_for_a_given_portal_says_what_to_do(portal: SandboxServer, tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "ODWB_API_KEY"}
    result = subprocess.run([sys.executable, str(SCRIPTS["jour-9"]), "--portal", portal.url, "--output", str(tmp_path)],
                            cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "ODWB_API_KEY" in result.stderr and "Traceback" not in result.stderr
