"""The documented payload (payload.json) names each column as the portal does, as the publication sends it:
accents dropped (« Catégorie » → ``categorie``), not replaced by « _ »; its field configurations and facets are the
publication's own."""

from __future__ import annotations

from odwb_assist.metadata.model import FieldInfo, Metadata
from odwb_assist.metadata.payload import facets, ods_field_configuration
from odwb_assist.publish import fields


def test_the_documented_configuration_and_facets_use_the_portal_names() -> None:
    metadata = Metadata()
    metadata.fields += [FieldInfo(name="Catégorie", facet=True, description="Domaine du subside"),
                        FieldInfo(name="Année", type="integer", facet=True), FieldInfo(name="Code INS", label="Code INS")]
    assert [f["field_name"] for f in facets(metadata)] == ["categorie", "annee"]
    assert {c["field"] for c in ods_field_configuration(metadata) if "field" in c} == {"categorie"}
    published = fields.columns(["Catégorie", "Année", "Code INS"], metadata.fields, {})
    assert [c.name for c in published] == ["categorie", "annee", "code_ins"]
    # the documentation shows what the publication sends, built by the same code (no guessed type: the portal's own)
    assert ods_field_configuration(metadata) == fields.configurations(published)
    assert facets(metadata) == fields.facets(published)
    settings = {"Année": {"type": "int", "sortable": True}}
    assert ods_field_configuration(metadata, settings) == fields.configurations(
        fields.columns(["Catégorie", "Année", "Code INS"], metadata.fields, settings))
