"""The HTML report: one self-contained page (inline CSS, no external asset), readable on a projector."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from ..core.i18n import normalise_lang
from .report import QualityReport
from .text_report import group_tips, occurrences_note, rows_cell, summary_lines
from .titles import title

EXAMPLES = 10
SEVERITY_LABELS = {"fr": {"error": "erreur", "warning": "avertissement", "info": "info"},
                   "en": {"error": "error", "warning": "warning", "info": "info"}}


def _environment() -> Environment:
    return Environment(loader=PackageLoader("odwb_assist", "templates"), autoescape=select_autoescape(["html"]))


def render_html(report: QualityReport, lang: str | None = None, *, fragment: bool = False) -> str:
    """The page (or, with ``fragment``, a ``<div>`` for Jupyter)."""
    language = normalise_lang(lang or report.lang)
    groups = []
    for type_, findings in report.by_type().items():
        groups.append({
            "type": type_,
            "title": title(type_, language, findings[0]),
            "severity": findings[0].severity.value,
            "severity_label": SEVERITY_LABELS[language][findings[0].severity.value],
            "count": report.stats.get(type_, len(findings)),
            "occurrences": occurrences_note(report, type_, language),
            "tips": group_tips(findings, language),
            "examples": [dict(report.finding_dict(f, language), rowsShown=rows_cell(f)) for f in findings[:EXAMPLES]],
        })
    template = _environment().get_template("quality_report.html")
    return template.render(report=report, groups=groups, lang=language, fr=language == "fr",
                           summary=summary_lines(report, language), fragment=fragment)
