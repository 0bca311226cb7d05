"""Notebook friendliness: reports render as self-contained HTML fragments, explore results are DataFrames."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from odwb_assist.metadata import MetadataReport, draft, score
from odwb_assist.portal import ExploreAPI, PortalClient
from odwb_assist.quality import check
from odwb_assist.sandbox import SandboxServer

MESSY = "nom;places;mise en service\nGare;12;03/09/2013\nÉglise;8,5;14/07/2013\nTotal;20,5;\n"


def assert_fragment(html: str, *expected: str) -> None:
    """A fragment Jupyter can show inline: no page shell, no script, nothing loaded from elsewhere."""
    assert html.strip() and "<html" not in html.lower() and "<body" not in html.lower()
    assert "<script" not in html.lower() and "<link" not in html.lower() and "<iframe" not in html.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), "external resource in the fragment"
    assert "@import" not in html
    for text in expected:
        assert text in html


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    path = tmp_path / "parkings.csv"
    path.write_text(MESSY, encoding="utf-8")
    return path


def test_quality_report_renders_in_jupyter(messy: Path) -> None:
    report = check(messy)
    assert_fragment(report._repr_html_(), "parkings.csv")


def test_metadata_and_its_score_render_in_jupyter(messy: Path) -> None:
    metadata = draft(None, messy)
    report = score(metadata, check(messy), announce_event=False)
    assert isinstance(report, MetadataReport)
    assert_fragment(report._repr_html_(), str(report.score))
    assert_fragment(metadata._repr_html_())


def test_programme_compliance_report_renders_in_jupyter() -> None:
    model = pytest.importorskip("odwb_assist_programme.verify_report")
    ok = model.VerifyEntry("Commune de Ciney", "91030", "confirmed", ["Commune de Ciney"],
                           datasets=[model.VerifiedDataset("ciney-budget", "Budget", "Commune de Ciney", "2026-03-02", True)])
    missing = model.VerifyEntry("Ville <de> Namur", "92094", "confirmed", ["Ville de Namur"])
    report = model.VerifyReport("2026", "http://127.0.0.1:1", date(2026, 1, 1), date(2026, 12, 31), [ok, missing], 2,
                                "facets")
    html = report._repr_html_()
    assert_fragment(html, "Commune de Ciney", "ciney-budget", "1 / 2", "Ville &lt;de&gt; Namur")  # escaped


def test_warnings_alone_do_not_make_the_data_invalid_in_the_score(tmp_path: Path) -> None:
    path = tmp_path / "propre.csv"
    path.write_text("nom,type\nGare,Couvert\nÉglise,couvert\nPlace,Couvert\nParc,Couvert\n", encoding="utf-8")
    report = check(path)
    assert report.valid and report.findings  # warnings only (the same category written two ways)
    metadata = draft(None, path)
    codes = {f.code for f in score(metadata, report, announce_event=False).findings}
    assert "data-invalid" not in codes


@pytest.fixture(scope="module")
def explore(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ExploreAPI]:
    server = SandboxServer(tmp_path_factory.mktemp("portail"), seed=True).start()
    try:
        yield PortalClient(server.url, None, timeout=10).explore
    finally:
        server.stop()


def test_explore_results_are_dataframes(explore: ExploreAPI) -> None:
    found = explore.search(theme="Mobilité")
    assert isinstance(found, pd.DataFrame) and len(found) >= 1 and "dataset_id" in found.columns
    empty = explore.search(text="aucun-jeu-ne-parle-de-ceci")
    assert isinstance(empty, pd.DataFrame) and empty.empty and "title" in empty.columns
    records = explore.records("ciney-budget")
    assert isinstance(records, pd.DataFrame) and "depenses_eur" in records.columns
    exported = explore.export("ciney-budget", "csv")
    assert isinstance(exported, pd.DataFrame) and len(exported) == len(records)
