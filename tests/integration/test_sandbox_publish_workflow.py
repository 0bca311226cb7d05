"""The project's own publication workflow against the sandbox: publish, re-publish, verify, see it online."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

pytestmark = pytest.mark.integration

publish = pytest.importorskip("odwb_assist.publish")
portal = pytest.importorskip("odwb_assist.portal")

DATASETS = """[[datasets]]
id = "ciney-workflow-parkings"
file = "parkings.csv"
"""
METADATA = {"default": {"title": "Parkings vélos de Ciney", "description": "Emplacements des parkings vélos publics.",
                        "publisher": "Commune de Ciney", "language": "fr", "keyword": ["vélo", "parking"],
                        "license": "CC BY 4.0", "theme": ["Mobilité"]}}


def _publish(sandbox: Any, project_file: Path, key: str) -> Any:
    from odwb_assist.core.config import load

    project = load(project_file)
    client = portal.PortalClient(project.portal.url, key, state_dir=project.state_dir, poll_interval=0.05)
    prepared = publish.plan(project, client, metadata=METADATA)
    return prepared, prepared.apply()


def test_publish_republish_verify(sandbox: Any, tmp_path: Path, ciney_project: Callable[..., Path]) -> None:
    key = sandbox.user_key("workflow-ciney")
    ciney_project(tmp_path, sandbox.url, DATASETS)
    data = tmp_path / "parkings.csv"
    data.write_text("nom,places,code_postal\nGare,12,5590\nÉglise,8,5590\n", encoding="utf-8")
    _plan, first = _publish(sandbox, tmp_path / "odwb.toml", key)
    assert first.verify().ok
    online = requests.get(f"{sandbox.explore}/catalog/datasets/ciney-workflow-parkings", timeout=10).json()
    assert online["metas"]["default"]["license"] == "CC BY 4.0" and online["metas"]["default"]["theme"] == ["Mobilité"]
    again, second = _publish(sandbox, tmp_path / "odwb.toml", key)
    assert again.steps == [] and not second.changed  # nothing changed: nothing sent
    data.write_text("nom,places,code_postal\nGare,14,5590\nÉglise,8,5590\nPlace,6,5590\n", encoding="utf-8")
    _plan, third = _publish(sandbox, tmp_path / "odwb.toml", key)
    assert third.changed and third.verify().ok
    records = requests.get(f"{sandbox.explore}/catalog/datasets/ciney-workflow-parkings/records", timeout=10).json()
    assert records["total_count"] == 3
    page = requests.get(f"{sandbox.url}/explore/dataset/ciney-workflow-parkings/", timeout=10).text
    assert "Parkings vélos de Ciney" in page and "en ligne" in page
