"""The HTML outputs load in headless Chromium without console errors and show their key content."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.workshop.browser import browser_available, check_pages
from odwb_assist.workshop.demo import sample_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser_available(), reason="needs Debian's chromium and playwright (make setup installs them)"),
]


def test_quality_report_and_dictionary_render(tmp_path: Path) -> None:
    from odwb_assist.metadata import draft, render_dictionary_html
    from odwb_assist.quality import check, render_html

    report = check(sample_path("parkings-velos-ciney.csv"))
    page = tmp_path / "rapport.html"
    page.write_text(render_html(report, "fr"), encoding="utf-8")
    dictionary = tmp_path / "dictionnaire.html"
    dictionary.write_text(render_dictionary_html(draft(None, sample_path("salles-communales.csv")), "fr"),
                          encoding="utf-8")
    results = check_pages([(page, ["title-rows", "Comment corriger", "Taux d'occupation"]),
                           (dictionary, ["capacite", "email"])], tmp_path / "shots")
    for result in results:
        assert result.ok, (result.url, result.console_errors, result.missing_texts)
        assert result.screenshot is not None and result.screenshot.stat().st_size > 10_000


def test_sandbox_catalogue_pages_render(tmp_path: Path) -> None:
    import requests

    from odwb_assist.sandbox import SandboxServer

    with SandboxServer(tmp_path / "sandbox", seed=True) as server:
        first = requests.get(server.url + "/api/explore/v2.1/catalog/datasets", params={"limit": 1}, timeout=10).json()
        dataset = first["results"][0]
        title = dataset["metas"]["default"]["title"]
        results = check_pages([(server.url + "/", ["Ville de Namur", title]),
                               (f"{server.url}/explore/dataset/{dataset['dataset_id']}/", [title])], None)
    for result in results:
        assert result.ok, (result.url, result.console_errors, result.missing_texts)
