"""Built-in plugin: the rules derived from data.europa.eu's MQA, mapped to the portal's fields.

Points per indicator are the MQA's (the table below; the checks are in :mod:`.mqa_description_checks` and
:mod:`.mqa_access_checks`); indicators that can only be measured after publication
(URLs answering) are replaced by what predicts them before publication (see docs/metadata-score.md).
"""

from __future__ import annotations

from collections.abc import Callable

from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .mqa_access_checks import (
    check_dcat_ap,
    check_download,
    check_format,
    check_machine_readable,
    check_media_type,
    check_open_format,
    check_public,
    check_readable,
)
from .mqa_description_checks import (
    check_access_rights,
    check_contact,
    check_issued,
    check_keywords,
    check_licence,
    check_licence_vocabulary,
    check_modified,
    check_publisher,
    check_rights,
    check_size,
    check_spatial,
    check_temporal,
    check_theme,
)
from .score import MetadataFinding, MetadataRule, ScoreContext


def _rule(code: str, dimension: str, points: int, fr: str, en: str,
          check: Callable[[ScoreContext], list[MetadataFinding]]) -> MetadataRule:
    return MetadataRule(code, dimension, points, Msg(fr, en), check)


RULES: list[MetadataRule] = [
    _rule("keywords", "findability", 30, "Mots-clés", "Keywords", check_keywords),
    _rule("theme", "findability", 30, "Thème de la liste du portail", "Theme from the portal's list", check_theme),
    _rule("spatial", "findability", 20, "Couverture géographique", "Spatial coverage", check_spatial),
    _rule("temporal", "findability", 20, "Période couverte", "Temporal coverage", check_temporal),
    _rule("data-readable", "accessibility", 50, "Fichier lisible par le portail", "Data file readable", check_readable),
    _rule("download", "accessibility", 20, "Téléchargeable (exports du portail)", "Downloadable (portal exports)",
          check_download),
    _rule("public-access", "accessibility", 30, "Accès public", "Public access", check_public),
    _rule("format", "interoperability", 20, "Format indiqué", "Format given", check_format),
    _rule("media-type", "interoperability", 10, "Type de média", "Media type", check_media_type),
    _rule("format-vocabulary", "interoperability", 10, "Format d'une liste contrôlée", "Format from vocabulary",
          check_media_type),
    _rule("open-format", "interoperability", 20, "Format non propriétaire", "Non-proprietary format", check_open_format),
    _rule("machine-readable", "interoperability", 20, "Lisible par une machine", "Machine-readable",
          check_machine_readable),
    _rule("dcat-ap", "interoperability", 30, "Champs DCAT bien formés", "Well-formed DCAT fields", check_dcat_ap),
    _rule("license", "reusability", 20, "Licence indiquée", "Licence given", check_licence),
    _rule("license-vocabulary", "reusability", 10, "Licence ouverte de la liste", "Open licence from the list",
          check_licence_vocabulary),
    _rule("access-rights", "reusability", 15, "Droits d'accès", "Access rights", check_access_rights),
    _rule("contact", "reusability", 20, "Point de contact", "Contact point", check_contact),
    _rule("publisher", "reusability", 10, "Éditeur", "Publisher", check_publisher),
    _rule("rights", "contextuality", 5, "Références et attributions", "References and attributions", check_rights),
    _rule("byte-size", "contextuality", 5, "Taille du fichier", "File size", check_size),
    _rule("issued", "contextuality", 5, "Date de publication", "Date of issue", check_issued),
    _rule("modified", "contextuality", 5, "Date de modification", "Modification date", check_modified),
]


@hookimpl
def odwb_metadata_rules() -> list[MetadataRule]:
    return list(RULES)
