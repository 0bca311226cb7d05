from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from odwb_assist.core.config import load
from odwb_assist.core.config_model import ProjectConfig
from odwb_assist.core.errors import ConfigError, OdwbError
from odwb_assist.core.events import CHALLENGE_DOCUMENT
from odwb_assist.core.hookspecs import hookimpl
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.workshop import challenge

SAMPLE = """
[administration]
name = "Commune de Ciney"
nis_code = "91030"
contact_name = "Marie Dupont"
contact_email = "opendata@ciney.be"

[portal]
url = "http://127.0.0.1:9"

[challenge]
title = "Se garer à vélo à Ciney"
theme = "Mobilité"
problem = "Les cyclistes ne savent pas où garer leur vélo <en sécurité>."
users = ["cyclistes", "navetteurs"]
datasets = ["ciney-parkings-velos", "Comptages vélos"]
service_idea = "Une carte des parkings vélos avec leur capacité."
partners = "GRACQ\\nTEC"
indicators = ["nombre de consultations"]
feedback = ["ajouter la capacité couverte"]

[[challenge.roadmap]]
action = "Publier les parkings vélos"
owner = "Service mobilité"
due = 2026-03-01
status = "en cours"

[[challenge.roadmap]]
action = "Recenser les comptages | vélos"
due = "2026-01-15"
"""
RECORD = {"when": "2026-02-01T10:00:00+00:00", "dataset_id": "ciney-parkings-velos", "title": "Parkings vélos",
          "portal": "http://127.0.0.1:9", "records": 12}


@pytest.fixture
def project(tmp_path: Path) -> ProjectConfig:
    (tmp_path / "odwb.toml").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / ".odwb").mkdir()
    (tmp_path / ".odwb" / "publications.jsonl").write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    return load(tmp_path / "odwb.toml")


LINK = "http://127.0.0.1:9/explore/dataset/ciney-parkings-velos/"


@pytest.mark.parametrize("kind", ["canvas", "roadmap", "sheet"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_document_renders(project: ProjectConfig, kind: str, fmt: str) -> None:
    text = challenge.render(kind, project, fmt=fmt)
    assert "Se garer à vélo à Ciney" in text and "Commune de Ciney" in text
    assert "à compléter" not in text
    if fmt == "html":
        assert text.startswith("<!doctype html>") and "&lt;en sécurité&gt;" in text
    if kind != "canvas":
        assert LINK in text


def test_canvas_content(project: ProjectConfig) -> None:
    text = challenge.render("canvas", project)
    assert "# Canevas de projet — Se garer à vélo à Ciney" in text
    assert f"[ciney-parkings-velos]({LINK}) — publié sur ODWB le 01/02/2026" in text
    assert "- Comptages vélos — pas encore publié" in text
    assert "- GRACQ\n- TEC" in text


def test_roadmap_sorted_by_due_date(project: ProjectConfig) -> None:
    text = challenge.render("roadmap", project)
    first = text.index("Recenser les comptages / vélos")
    assert first < text.index("Publier les parkings vélos")
    assert "| 15/01/2026 |" in text and "| Service mobilité | 01/03/2026 | en cours |" in text
    assert "| à désigner |" in text


def test_sheet_has_feedback_and_published_links(project: ProjectConfig) -> None:
    text = challenge.render("sheet", project, published=[])
    assert "ajouter la capacité couverte" in text and LINK not in text
    assert "Toutes nos données publiées" not in text
    text = challenge.render("sheet", project)
    assert f"- [Parkings vélos]({LINK})" in text


def test_missing_fields_are_shown_to_complete(tmp_path: Path) -> None:
    (tmp_path / "odwb.toml").write_text('[administration]\nname = "Ciney"\n[challenge]\ntheme = "Mobilité"\n')
    project = load(tmp_path / "odwb.toml")
    text = challenge.render("canvas", project)
    assert "*à compléter : [challenge] problem dans odwb.toml*" in text
    assert "**À compléter avant la restitution :** Problème à résoudre (`problem`)" in text
    html = challenge.render("roadmap", project, fmt="html")
    assert "[challenge] roadmap" in html


def test_no_challenge_table_and_bad_kind(tmp_path: Path) -> None:
    (tmp_path / "odwb.toml").write_text('[administration]\nname = "Ciney"\n')
    with pytest.raises(ConfigError, match=r"\[challenge\]"):
        challenge.render("canvas", load(tmp_path / "odwb.toml"))
    with pytest.raises(OdwbError, match="canvas"):
        challenge.render("poster", load(tmp_path / "odwb.toml"))


def test_write_announces_and_refuses_overwrite(project: ProjectConfig, tmp_path: Path) -> None:
    events: list[Any] = []

    class Listener:
        @hookimpl
        def odwb_track_event(self, event: Any) -> None:
            events.append(event)

    pm = get_plugin_manager(load_entrypoints=False)
    pm.register(Listener())
    path = challenge.write("sheet", project, fmt="html", plugins=pm)
    assert path == tmp_path / "fiche-challenge.html" and path.read_text(encoding="utf-8").startswith("<!doctype")
    assert events[0].type == CHALLENGE_DOCUMENT and events[0].payload["kind"] == "sheet"
    assert events[0].administration == "Commune de Ciney" and events[0].nis_code == "91030"
    path.write_text("edited by hand", encoding="utf-8")
    with pytest.raises(OdwbError, match="--force"):
        challenge.write("sheet", project, fmt="html", plugins=pm)
    assert path.read_text(encoding="utf-8") == "edited by hand"
    challenge.write("sheet", project, fmt="html", plugins=pm, overwrite=True)
    assert "Citizens of Wallonia" in path.read_text(encoding="utf-8")


def test_cli(cli: Callable[..., tuple[int, str, str]], project: ProjectConfig, tmp_path: Path) -> None:
    toml = tmp_path / "odwb.toml"
    out_dir = tmp_path / "docs"
    code, out, _ = cli("--no-plugins", "challenge", "all", "--project", toml, "--output-dir", out_dir)
    assert code == 0, out
    assert sorted(p.name for p in out_dir.iterdir()) == ["canevas-projet.md", "feuille-de-route.md", "fiche-challenge.md"]
    code, out, _ = cli("--no-plugins", "challenge", "roadmap", "--project", toml, "--stdout", "--format", "html")
    assert code == 0 and out.startswith("<!doctype html>")
    code, _, err = cli("--no-plugins", "challenge", "canvas", "--project", toml, "--output-dir", out_dir)
    assert code == 2 and "--force" in err
    code, _, err = cli("--no-plugins", "challenge", "sheet", "--project", toml, "--format", "pdf", "--lang", "en")
    assert code == 2 and "choose md or html" in err
