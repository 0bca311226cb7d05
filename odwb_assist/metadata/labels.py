"""The metadata fields in words (« Références (lien vers la source) »), for headings; the code stays in small print."""

from __future__ import annotations

from ..core.i18n import Msg, normalise_lang

FIELD_LABELS: dict[str, Msg] = {
    "default.title": Msg("Titre", "Title"),
    "default.description": Msg("Description", "Description"),
    "default.theme": Msg("Thème", "Theme"),
    "default.keyword": Msg("Mots-clés", "Keywords"),
    "default.license": Msg("Licence", "Licence"),
    "default.language": Msg("Langue", "Language"),
    "default.publisher": Msg("Éditeur", "Publisher"),
    "default.references": Msg("Références (lien vers la source)", "References (link to the source)"),
    "default.attributions": Msg("Attributions", "Attributions"),
    "default.modified": Msg("Date de modification", "Modification date"),
    "default.geographic_reference": Msg("Référence géographique du portail", "Portal geographic reference"),
    "default.timezone": Msg("Fuseau horaire", "Time zone"),
    "dcat.spatial": Msg("Couverture géographique", "Spatial coverage"),
    "dcat.temporal": Msg("Période couverte", "Temporal coverage"),
    "dcat.accrualperiodicity": Msg("Fréquence de mise à jour", "Update frequency"),
    "dcat.contact_email": Msg("Adresse de contact", "Contact address"),
    "dcat.contact_name": Msg("Nom du contact", "Contact name"),
    "dcat.issued": Msg("Date de première publication", "Date of first publication"),
    "dcat.created": Msg("Date de création", "Creation date"),
    "dcat.creator": Msg("Créateur", "Creator"),
    "internal.license_id": Msg("Licence (identifiant du portail)", "Licence (portal id)"),
    "default.license_id": Msg("Licence (identifiant du portail)", "Licence (portal id)"),
    "default.theme_id": Msg("Thèmes (identifiants du portail)", "Themes (portal ids)"),
    "internal.theme_id": Msg("Thèmes (identifiants du portail)", "Themes (portal ids)"),
    "fields": Msg("Colonnes (dictionnaire des données)", "Columns (data dictionary)"),
    "asset_content_configuration.facets": Msg("Filtres du catalogue (facettes)", "Catalogue filters (facets)"),
}


def field_label(key: str | None, lang: str = "fr") -> str:
    """The field in words; the key itself when it has no label (a plugin's or a custom field)."""
    if not key:
        return ""
    label = FIELD_LABELS.get(key)
    return label(normalise_lang(lang)) if label else key
