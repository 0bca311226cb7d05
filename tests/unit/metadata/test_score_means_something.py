"""The score counts only what the publisher wrote or confirmed, the band is capped by the worst required item,
and the publication refuses metadata without a description, a theme and a confirmed licence (unless justified).

The three projects are the examples of docs/metadata-score.md (bare, average, complete)."""

from __future__ import annotations

from pathlib import Path

import pluggy
import pytest

from odwb_assist.core.config import load
from odwb_assist.core.errors import PublicationBlocked
from odwb_assist.core.plugins import collect
from odwb_assist.metadata import draft, publication_payload, score
from odwb_assist.metadata.score import MetadataReport
from odwb_assist.publish import check_blockers

from .conftest import CSV

BARE = """[administration]
name = "Ville de Ciney"

[[datasets]]
id = "ciney-parkings-velos"
file = "data/parkings-velos.csv"
"""

AVERAGE = """[administration]
name = "Ville de Ciney"
nis_code = "91030"
contact_email = "mobilite@ciney.be"

[[datasets]]
id = "ciney-parkings-velos"
file = "data/parkings-velos.csv"
[datasets.metadata]
title = "Parkings vélos de Ciney"
description = "Liste des parkings pour vélos de la Ville de Ciney, avec leur adresse et leur capacité."
license = "CC0 1.0"
theme = ["Mobilité"]
keyword = ["vélo", "stationnement", "Ciney"]
"""

COMPLETE = """[administration]
name = "Ville de Ciney"
nis_code = "91030"
publisher = "Ville de Ciney"
contact_email = "mobilite@ciney.be"
website = "https://www.ciney.be"

[[datasets]]
id = "ciney-parkings-velos"
file = "data/parkings-velos.csv"
[datasets.metadata]
title = "Parkings vélos de Ciney"
description = \"\"\"<p>Emplacements des parkings pour vélos installés par la Ville de Ciney sur le domaine public : \
adresse, coordonnées, capacité et type de mobilier (arceaux ou abri couvert).</p><p>Source : relevé sur le terrain \
du service Mobilité, mis à jour chaque année en janvier. Les parkings privés ne sont pas repris.</p>\"\"\"
license = "CC0 1.0"
theme = ["Mobilité"]
keyword = ["vélo", "stationnement", "mobilité douce", "Ciney"]
"dcat.spatial" = "Ciney (code INS 91030)"
"dcat.temporal" = "2019-03-12/2024-02-10"
"dcat.accrualperiodicity" = "Annuelle"
"dcat.issued" = "2025-01-15"
[datasets.fields]
id = { description = "Numéro du parking" }
nom = { description = "Nom du lieu" }
adresse = { description = "Adresse postale" }
code_postal = { description = "Code postal" }
code_ins = { description = "Code INS de la commune" }
latitude = { description = "Latitude (WGS 84)" }
longitude = { description = "Longitude (WGS 84)" }
capacite = { description = "Nombre de places", unit = "places" }
type = { description = "Arceaux ou abri couvert" }
date_installation = { description = "Date de mise en service" }
"""


def _project(tmp_path: Path, name: str, toml: str) -> Path:
    root = tmp_path / name
    (root / "data").mkdir(parents=True)
    (root / "data" / "parkings-velos.csv").write_text(CSV, encoding="utf-8")
    (root / "odwb.toml").write_text(toml, encoding="utf-8")
    return root / "odwb.toml"


def _score(path: Path, pm: pluggy.PluginManager) -> MetadataReport:
    config = load(path)
    return score(draft(config, None, plugins=pm), plugins=pm, project=config, announce_event=False)


def test_bare_project_is_insufficient_whatever_its_points(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    report = _score(_project(tmp_path, "bare", BARE), pm)
    assert report.band == "bad" and report.band_label() == "Insuffisant"
    assert {"description-missing", "license-unconfirmed", "title-from-file", "contact-missing"} <= set(report.capped_by)
    assert {"theme-missing", "theme-unconfirmed"} & set(report.capped_by)
    findings = {f.code: f for f in report.findings}
    assert "license = \"CC0 1.0\"" in findings["license-unconfirmed"].advice.fr
    assert report.cap_reason().startswith("Niveau plafonné à « Insuffisant »")
    licence_rule = next(r for d in report.dimensions for r in d.rules if r.rule.code == "license")
    assert licence_rule.points == 0  # the proposed licence earns nothing until confirmed


def test_average_and_complete_projects(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    average = _score(_project(tmp_path, "average", AVERAGE), pm)
    complete = _score(_project(tmp_path, "complete", COMPLETE), pm)
    assert average.band in ("sufficient", "good") and not average.capped_by
    assert complete.band == "excellent" and complete.score > average.score
    assert not [f for f in complete.findings if f.severity == "error"]


def test_the_odwb_requirements_cap_the_band(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    report = _score(_project(tmp_path, "average", AVERAGE), pm)
    odwb = next(d for d in report.dimensions if d.name == "odwb")
    from odwb_assist.metadata.score import BAND_ORDER, band_of

    assert BAND_ORDER.index(report.band) >= BAND_ORDER.index(band_of(odwb.points, odwb.max))


def _blockers(path: Path, pm: pluggy.PluginManager) -> list:
    config = load(path)
    payload = publication_payload(config, None, plugins=pm)
    return collect(pm.hook.odwb_publication_blockers(project=config, report=None, metadata=payload))


def test_publication_refuses_the_bare_project_unless_justified(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    blockers = _blockers(_project(tmp_path, "bare", BARE), pm)
    codes = {b.code for b in blockers}
    assert {"missing-description", "missing-theme", "license-unconfirmed"} <= codes
    with pytest.raises(PublicationBlocked) as refused:
        check_blockers(blockers, {})
    text = refused.value.message("fr")
    assert "--override license-unconfirmed --justification" in text and "Aucune description" in text
    used = check_blockers(blockers, {code: "Formation : jeu d'essai" for code in codes})
    assert {u["code"] for u in used} == codes


def test_publication_accepts_confirmed_metadata(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    assert _blockers(_project(tmp_path, "complete", COMPLETE), pm) == []
    assert _blockers(_project(tmp_path, "average", AVERAGE), pm) == []


def test_a_theme_outside_the_vocabulary_cannot_be_overridden(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    blockers = _blockers(_project(tmp_path, "p", AVERAGE.replace('["Mobilité"]', '["Sécurité routière"]')), pm)
    (unknown,) = [b for b in blockers if b.code == "theme-unknown"]
    assert not unknown.overridable and "le thème" in unknown.advice.fr


def test_scores_of_the_documented_examples(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    """The numbers printed in docs/metadata-score.md."""
    scores = {name: _score(_project(tmp_path, name, toml), pm) for name, toml in
              (("bare", BARE), ("average", AVERAGE), ("complete", COMPLETE))}
    summary = {name: (r.score, r.max, r.band) for name, r in scores.items()}
    print(summary)
    doc = (Path(__file__).resolve().parents[3] / "docs" / "metadata-score.md").read_text(encoding="utf-8")
    for name, (points, maximum, _band) in summary.items():
        assert f"{points} / {maximum}" in doc, (name, points)


def test_54_of_90_odwb_points_is_never_excellent() -> None:
    from odwb_assist.metadata.score import DimensionScore, capped_band

    dims = [DimensionScore("findability", 100, 100), DimensionScore("accessibility", 100, 100),
            DimensionScore("interoperability", 110, 110), DimensionScore("reusability", 75, 75),
            DimensionScore("contextuality", 20, 20), DimensionScore("odwb", 54, 90)]
    band, points_band, capped_by = capped_band(dims)
    assert points_band == "excellent" and band == "good" and capped_by == []
