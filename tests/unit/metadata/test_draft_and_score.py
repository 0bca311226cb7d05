from __future__ import annotations

from pathlib import Path
from typing import Any

import pluggy
import pytest

from odwb_assist.core.config import load
from odwb_assist.core.config_model import ProjectConfig
from odwb_assist.core.events import METADATA_SCORED
from odwb_assist.core.hookspecs import hookimpl
from odwb_assist.core.i18n import Msg
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.metadata import Metadata, MetadataRule, draft, score
from odwb_assist.metadata.score import MetadataFinding

RANK = {"bad": 0, "sufficient": 1, "good": 2, "excellent": 3}


def test_commune_file_with_inventory_scores_at_least_good(project: ProjectConfig, entry: Any, pm: pluggy.PluginManager) -> None:
    md = draft(project, None, dataset="ciney-parkings-velos", plugins=pm, inventory_entry=entry)
    assert md.get("title") == "Parkings vélos de Ciney"
    assert "Méthode de collecte" in md.get("description") and "Limites connues" in md.get("description")
    assert md.get("theme") == ["Mobilité"]
    assert md.get("license") == "CC0 1.0"
    assert md.get("dcat.accrualperiodicity") == "Annuelle"
    assert md.get("dcat.contact_email") == "mobilite@ciney.be"
    assert md.get("dcat.temporal") == "2019-03-12/2024-02-10"
    assert md.get("publisher") == "Ville de Ciney" and md.get("language") == "fr"
    assert len(md.get("keyword")) >= 3
    assert [f.name for f in md.fields][:3] == ["id", "nom", "adresse"]
    assert md.column("capacite").type == "integer"  # type: ignore[union-attr]
    assert md.column("latitude").description  # type: ignore[union-attr]
    assert md.user_fields == set()
    report = score(md, plugins=pm, project=project)
    assert RANK[report.band] >= RANK["good"], report.to_dict()
    remaining = report.findings
    assert remaining and all(f.message("fr") and f.advice("fr") for f in remaining)


def test_bare_project_scores_lower_and_says_why(project: ProjectConfig, bare_project: ProjectConfig, entry: Any,
                                                pm: pluggy.PluginManager) -> None:
    full = score(draft(project, None, plugins=pm, inventory_entry=entry), plugins=pm, project=project)
    bare = score(draft(bare_project, None, plugins=pm), plugins=pm, project=bare_project)
    assert bare.score < full.score
    codes = {f.code for f in bare.findings}
    assert {"description-missing", "contact-missing", "frequency-missing", "title-from-file"} <= codes
    data = bare.to_dict("en")
    assert set(data) >= {"score", "max", "band", "dimensions"}
    for dimension in data["dimensions"]:
        assert set(dimension) >= {"name", "points", "max", "findings"}
        for finding in dimension["findings"]:
            assert set(finding) >= {"field", "message", "advice"}


def test_user_values_are_never_overwritten(project_factory: Any, entry: Any, pm: pluggy.PluginManager) -> None:
    toml = """[administration]
name = "Ville de Ciney"
[[datasets]]
id = "ciney-parkings-velos"
file = "data/parkings-velos.csv"
[datasets.metadata]
title = "Mon titre à moi"
license = "CC BY 4.0"
[datasets.metadata.dcat]
temporal = "2019"
"""
    config = load(project_factory(toml))
    md = draft(config, None, plugins=pm, inventory_entry=entry)
    assert md.get("title") == "Mon titre à moi"
    assert md.get("license") == "CC BY 4.0"
    assert md.get("dcat.temporal") == "2019"
    assert md.sources["default.title"] == "odwb.toml"


def test_invalid_values_give_findings_not_crashes(project: ProjectConfig, pm: pluggy.PluginManager) -> None:
    md = Metadata.from_dict({
        "title": "X", "theme": ["Théâtre de rue"], "license": "CC BY-NC 4.0", "language": "klingon",
        "description": "<p>Bonjour</p><script>alert(1)</script>", "modified": "2999-01-01",
        "dcat": {"contact_email": "pas une adresse", "issued": "hier", "accrualperiodicity": "quand on peut"},
    })
    report = score(md, plugins=pm, project=project)
    codes = {f.code for f in report.findings}
    assert {"theme-unknown", "license-not-open", "language-unknown", "description-unsafe-html", "date-future",
            "email-malformed", "date-malformed", "frequency-unknown", "title-short", "data-unreadable"} <= codes
    assert report.band in ("bad", "sufficient")


def test_unknown_field_names_are_reported(pm: pluggy.PluginManager) -> None:
    report = score(Metadata.from_dict({"titel": "Parkings", "dcat": {"contact_mail": "a@b.be"}}), plugins=pm)
    unknown = {f.field: f for f in report.findings if f.code == "field-unknown"}
    assert set(unknown) == {"default.titel", "dcat.contact_mail"}
    assert unknown["default.titel"].example == "title"


def test_personal_contact_and_explain_licence(pm: pluggy.PluginManager) -> None:
    md = Metadata.from_dict({"license": "ODbL", "dcat": {"contact_email": "jean.dupont@gmail.com"}})
    codes = {f.code for f in score(md, plugins=pm).findings}
    assert {"license-explain", "contact-personal"} <= codes


def test_third_party_enrichment_and_rules(project: ProjectConfig) -> None:
    class Plugin:
        @hookimpl
        def odwb_enrich_metadata(self, metadata: Any) -> dict[str, Any]:
            assert metadata.get("publisher") == "Ville de Ciney"  # built-ins ran first
            return {"geographic_reference": ["be_91030"], "dcat.granularity": "parking", "publisher": "Autre"}

        @hookimpl
        def odwb_metadata_rules(self) -> list[MetadataRule]:
            def check(ctx: Any) -> list[MetadataFinding]:
                return [MetadataFinding("extra", None, Msg("m", "m"), Msg("a", "a"), lost=1)]

            return [MetadataRule("extra", "findability", 2, Msg("Extra", "Extra"), check)]

    class Broken:
        @hookimpl
        def odwb_enrich_metadata(self) -> dict[str, Any]:
            raise RuntimeError("boom")

    pm = get_plugin_manager(load_entrypoints=False)
    pm.register(Plugin(), name="third")
    pm.register(Broken(), name="broken")
    with pytest.warns(RuntimeWarning, match="broken"):
        md = draft(project, None, plugins=pm)
    assert md.get("geographic_reference") == ["be_91030"]
    assert md.sources["default.geographic_reference"] == "third"
    assert md.get("publisher") == "Ville de Ciney"
    report = score(md, plugins=pm)
    findability = next(d for d in report.dimensions if d.name == "findability")
    assert findability.max == 102 and any(f.code == "extra" for f in findability.findings)


def test_blocking_a_builtin_enricher(project: ProjectConfig) -> None:
    pm = get_plugin_manager(load_entrypoints=False, block=["metadata.enrich_data"])
    md = draft(project, None, plugins=pm)
    assert md.fields == [] and md.get("dcat.temporal") is None


def test_metadata_scored_event(project: ProjectConfig) -> None:
    events: list[Any] = []

    class Listener:
        @hookimpl
        def odwb_track_event(self, event: Any) -> None:
            events.append(event)

    pm = get_plugin_manager(load_entrypoints=False)
    pm.register(Listener(), name="listener")
    report = score(draft(project, None, plugins=pm), plugins=pm, project=project)
    assert [e.type for e in events] == [METADATA_SCORED]
    assert events[0].payload == {"dataset_id": "ciney-parkings-velos", "score": report.score, "max": report.max,
                                 "band": report.band}
    assert events[0].administration == "Ville de Ciney"


def test_missing_data_file_is_a_finding(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    (tmp_path / "odwb.toml").write_text('[administration]\nname = "X"\n[[datasets]]\nid = "a"\nfile = "nope.csv"\n',
                                        encoding="utf-8")
    config = load(tmp_path / "odwb.toml")
    report = score(draft(config, None, plugins=pm), plugins=pm)
    assert "data-unreadable" in {f.code for f in report.findings}
    assert "<table" in report._repr_html_()


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\xff" * 500, b"a,b\n1,2,3,4\n\"x"])
def test_bad_files_never_crash(tmp_path: Path, pm: pluggy.PluginManager, content: bytes) -> None:
    source = tmp_path / "bad.csv"
    source.write_bytes(content)
    md = draft(None, source, plugins=pm)
    report = score(md, plugins=pm, lang="en")
    assert report.max == 495 and report.to_dict("en")["dimensions"]
    assert source.read_bytes() == content


def test_inventory_publication_date_becomes_iso(project: ProjectConfig, entry_factory: Any, pm: pluggy.PluginManager) -> None:
    md = draft(project, None, plugins=pm, inventory_entry=entry_factory(published_on="05/03/2024", licence="À déterminer",
                                                                          theme="Culture, sport et loisirs"))
    assert md.get("dcat.issued") == "2024-03-05"
    assert md.get("license") == "CC0 1.0" and md.sources["default.license"] == "metadata.enrich_project"
    assert md.get("theme") == ["Tourisme, Culture, Sport et Loisirs"]


def test_a_broken_rule_is_left_out(pm: pluggy.PluginManager) -> None:
    def explode(ctx: Any) -> list[MetadataFinding]:
        raise ValueError("bug")

    class Rules:
        @hookimpl
        def odwb_metadata_rules(self) -> list[MetadataRule]:
            return [MetadataRule("explode", "findability", 50, Msg("x", "x"), explode)]

    pm.register(Rules(), name="rules")
    with pytest.warns(RuntimeWarning, match="explode"):
        report = score(Metadata(), plugins=pm)
    assert report.max == 495


@pytest.mark.parametrize("email", ["etat.civil@ciney.be", "service.travaux@ciney.be", "open-data@ciney.be",
                                   "secretariat_communal@ciney.be", "environnement@live.be", "cpas.ciney@skynet.be"])
def test_a_services_address_is_not_called_personal(pm: pluggy.PluginManager, email: str) -> None:
    """Two words joined by a dot or a hyphen are not a person (« etat.civil », « open-data »), nor is a service's
    address at an access provider: the address is read as the personal-email check reads it."""
    codes = {f.code for f in score(Metadata.from_dict({"dcat": {"contact_email": email}}), plugins=pm).findings}
    assert "contact-personal" not in codes


@pytest.mark.parametrize("email", ["dupont.jean@ciney.be", "j.dupont@ciney.be", "marie@gmail.com"])
def test_a_persons_address_at_the_commune_is_called_personal(pm: pluggy.PluginManager, email: str) -> None:
    codes = {f.code for f in score(Metadata.from_dict({"dcat": {"contact_email": email}}), plugins=pm).findings}
    assert "contact-personal" in codes


def test_an_unreadable_workbook_is_said_once(tmp_path: Path, pm: pluggy.PluginManager) -> None:
    """A web page without a table saved as .xls: the reason is said once (it was repeated under interoperability), as
    a sentence of its own, and no « a CSV copy will be sent: nothing to do » is promised for a file that cannot be
    read."""
    source = tmp_path / "export.xls"
    source.write_text("<html><body><p>Session expirée : reconnectez-vous.</p></body></html>", encoding="utf-8")
    report = score(draft(None, source, plugins=pm), plugins=pm)
    codes = [f.code for f in report.findings]
    assert codes.count("data-unreadable") == 1 and "data-unchecked" in codes
    assert "proprietary-format" not in codes
    unreadable = next(f for f in report.findings if f.code == "data-unreadable")
    message = unreadable.message.fr
    assert "page web (HTML)" in message and ".)." not in message
