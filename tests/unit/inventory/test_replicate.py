from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from odwb_assist.core.errors import InventoryError
from odwb_assist.inventory import InventoryEntry, schema_from_portal, similar

# Shaped like the fields of tests/data/ods-samples/explore-v2.1_catalog-dataset_single.json.
FIELDS: list[dict[str, Any]] = [
    {"description": None, "label": "Geoname ID", "type": "text", "name": "geoname_id", "annotations": {"id": []}},
    {"description": None, "label": "Population", "type": "int", "name": "population", "annotations": {}},
    {"description": "WGS84", "label": "Coordinates", "type": "geo_point_2d", "name": "coordinates", "annotations": {}},
    {"description": None, "label": "Modified", "type": "date", "name": "modification_date", "annotations": {}},
]
COLUMNS = ["dataset_id", "title", "publisher", "theme", "keyword", "license", "records_count", "modified"]


class FakeExplore:
    def __init__(self) -> None:
        self.searches: list[dict[str, Any]] = []

    def search(self, text: str | None = None, theme: str | None = None, limit: int = 100, **_: Any) -> pd.DataFrame:
        self.searches.append({"text": text, "theme": theme, "limit": limit})
        rows = [
            ["namur-parkings-velos", "Parkings vélos", "Ville de Namur", "Mobilité", "vélo, parking", "CC0", 210, None],
            ["ciney-parkings-velos", "Parkings vélos Ciney", "Commune de Ciney", "Mobilité", "vélo", "CC0", 10, None],
        ] if text else [
            ["tournai-bornes", "Bornes de recharge", "Ville de Tournai", "Mobilité", None, "CC BY", float("nan"), None],
            ["namur-parkings-velos", "Parkings vélos", "Ville de Namur", "Mobilité", "vélo, parking", "CC0", 210, None],
        ]
        return pd.DataFrame(rows, columns=COLUMNS)

    def fields(self, dataset_id: str) -> list[dict[str, Any]]:
        return FIELDS


class FakeClient:
    def __init__(self) -> None:
        self.explore = FakeExplore()


def test_similar_for_an_entry_excludes_own_publisher() -> None:
    client = FakeClient()
    entry = InventoryEntry(identifier="INV-1", title="Parkings vélos", theme="Mobilité")
    found = similar(entry, client, exclude_publisher="Commune de Ciney", portal_url="http://127.0.0.1:9")
    assert [s.dataset_id for s in found] == ["namur-parkings-velos", "tournai-bornes"]
    assert found[0].url == "http://127.0.0.1:9/explore/dataset/namur-parkings-velos/"
    assert found[0].keywords == ["vélo", "parking"] and found[0].records_count == 210
    assert found[1].records_count is None
    assert client.explore.searches[0]["text"] == "Parkings vélos"
    assert client.explore.searches[1]["theme"] == "Mobilité"


def test_similar_by_theme_only_and_nothing_given() -> None:
    found = similar(None, FakeClient(), theme="Mobilité")
    assert {s.dataset_id for s in found} == {"tournai-bornes", "namur-parkings-velos"}
    with pytest.raises(InventoryError):
        similar(None, FakeClient())


def test_schema_from_portal_fields() -> None:
    schema = schema_from_portal("geonames", FakeClient(), portal_url="http://127.0.0.1:9")
    by_name = {f["odwb:ods_name"]: f for f in schema["fields"]}
    # the header a person writes is the portal's label; the technical name is kept beside it
    assert by_name["geoname_id"] == {"name": "Geoname ID", "type": "string", "odwb:ods_type": "text",
                                     "odwb:ods_name": "geoname_id", "title": "Geoname ID"}
    assert by_name["population"]["type"] == "integer" and by_name["modification_date"]["type"] == "date"
    assert by_name["coordinates"]["type"] == "string" and "latitude, longitude" in by_name["coordinates"]["description"]
    assert schema["odwb:derived_from"] == "http://127.0.0.1:9/explore/dataset/geonames/"
    from frictionless import Schema

    assert len(Schema.from_descriptor(schema).fields) == len(schema["fields"])


def test_schema_from_portal_without_fields() -> None:
    client = FakeClient()
    client.explore.fields = lambda dataset_id: []  # type: ignore[method-assign]
    with pytest.raises(InventoryError, match="aucun champ"):
        schema_from_portal("empty", client)
