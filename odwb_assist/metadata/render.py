"""HTML renderings (Jinja2, self-contained, French by default): the data dictionary and the metadata score."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import jinja2

from ..core.i18n import Msg
from .labels import field_label

if TYPE_CHECKING:
    from .model import Metadata
    from .score import MetadataReport

SEVERITY = {"error": Msg("à corriger", "to fix"), "warning": Msg("à améliorer", "to improve"),
            "info": Msg("conseil", "tip")}


TYPE_LABELS: dict[str, Msg] = {
    "string": Msg("texte", "text"), "integer": Msg("entier", "integer"), "number": Msg("nombre décimal", "decimal number"),
    "date": Msg("date", "date"), "datetime": Msg("date et heure", "date and time"), "time": Msg("heure", "time"),
    "boolean": Msg("oui/non", "yes/no"), "year": Msg("année", "year"), "geopoint": Msg("point géographique", "geographic point"),
}


def type_label(type_name: str, lang: str = "fr") -> str:
    label = TYPE_LABELS.get(type_name)
    return label(lang) if label else type_name


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("odwb_assist", "templates"),
                              autoescape=jinja2.select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


def render_dictionary_html(metadata: Metadata, lang: str = "fr") -> str:
    """The data dictionary as a standalone HTML page (one row per column)."""
    return environment().get_template("dictionary.html").render(md=metadata, lang=lang, en=lang == "en",
                                                                type_label=type_label)


def render_score_html(report: MetadataReport, lang: str = "fr", *, standalone: bool = True) -> str:
    """The metadata score as HTML: a page, or a fragment for Jupyter (``standalone=False``)."""
    return environment().get_template("metadata_score.html").render(
        report=report, lang=lang, en=lang == "en", standalone=standalone, severity=SEVERITY, field_label=field_label)


def render_metadata_html(metadata: Metadata, lang: str = "fr") -> str:
    """The metadata as an HTML fragment (Jupyter): each field with its value and where it came from."""
    rows = [(f"{template}.{name}", value, metadata.sources.get(f"{template}.{name}", ""))
            for template, values in metadata.templates.items() for name, value in values.items()]
    return environment().get_template("metadata_view.html").render(md=metadata, rows=rows, lang=lang, en=lang == "en")
