"""Report headings in words (the rule code in small print), and advice examples that speak of the project's own
administration and dataset."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from odwb_assist.core.config import load
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.metadata import draft, score
from odwb_assist.metadata.score import MetadataFinding
from odwb_assist.quality import check, render_html, render_text
from odwb_assist.quality.titles import TITLES


def test_quality_headings_are_words_with_the_code_aside(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("nom,surface\nA,\"12,5\"\nB,\"3,25\"\n", encoding="utf-8")
    report = check(path, plugins=get_plugin_manager(load_entrypoints=False))
    out = io.StringIO()
    render_text(report, Console(file=out, width=120, color_system=None))
    text = out.getvalue()
    assert "Virgule décimale — avertissement" in text and "(decimal-comma)" in text
    html = render_html(report, fragment=True)
    assert "Virgule décimale" in html and "<small><code>decimal-comma</code></small>" in html
    assert all(t.fr and t.en and t.fr != t.en or t.fr == t.en for t in TITLES.values())


def metadata_findings(tmp_path: Path, administration: str) -> list[MetadataFinding]:
    """The metadata score's findings for a one-dataset project whose ``[administration]`` holds ``administration``."""
    (tmp_path / "data.csv").write_text("nom,places\nGare,12\n", encoding="utf-8")
    (tmp_path / "odwb.toml").write_text(f'[administration]\n{administration}[[datasets]]\nid = "bancs"\n'
                                        'file = "data.csv"\n', encoding="utf-8")
    config = load(tmp_path / "odwb.toml")
    pm = get_plugin_manager(load_entrypoints=False)
    return score(draft(config, None, plugins=pm), plugins=pm, project=config, announce_event=False).findings


def test_metadata_advice_speaks_of_the_projects_own_administration(tmp_path: Path) -> None:
    findings = metadata_findings(tmp_path, 'name = "Ville de Namur"\nnis_code = "92094"\n'
                                           'contact_email = "jean.dupont@gmail.com"\n')
    texts = " ".join(f"{f.message.fr} {f.advice.fr} {f.example or ''}" for f in findings)
    assert "iney" not in texts
    examples = {f.code: f.example for f in findings}
    assert examples["contact-personal"] == "service@namur.be"  # not the personal webmail's domain
    assert "Namur" in str(examples.get("description-missing"))


def test_an_administration_at_a_domain_ending_like_a_webmail_keeps_its_domain(tmp_path: Path) -> None:
    """« olive.be » holds « live. » but is nobody's webmail: the examples speak of the administration's domain."""
    findings = metadata_findings(tmp_path, 'name = "Commune d\'Olive"\ncontact_email = "jean.dupont@olive.be"\n'
                                           'website = "https://www.autre-site.be"\n')
    assert {f.code: f.example for f in findings}["contact-personal"] == "service@olive.be"
