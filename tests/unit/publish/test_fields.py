"""Field configurations: which the plan wants from the data dictionary, and the calls that bring the portal there."""

from __future__ import annotations

from types import SimpleNamespace

from odwb_assist.publish import fields
from odwb_assist.publish.fields import MARK, FieldChange


def test_technical_names_follow_the_portal() -> None:
    taken: set[str] = set()
    assert [fields.technical_name(h, taken, i) for i, h in enumerate(["Code INS", "Capacité (places)", "2021", "Code INS",
                                                                      "!!"])] == [
        "code_ins", "capacite_places", "field_2021", "code_ins_2", "field_5"]


def test_columns_take_the_dictionary_then_the_project_settings() -> None:
    dictionary = [SimpleNamespace(name="Capacité", label=None, description="Places", unit=None, facet=False, type="integer"),
                  SimpleNamespace(name="localite", label=None, description=None, unit=None, facet=True, type="string")]
    settings = {"capacite": {"unit": "places", "label": "Capacité"}, "nom": "Le nom", "localite": {"facet": False},
                "code": {"type": "text", "sortable": True, "decimals": True}}
    cols = fields.columns(["Nom", "Capacité", "localite", "code"], dictionary, settings)
    by_name = {c.name: c for c in cols}
    assert by_name["nom"].description == "Le nom"
    assert (by_name["capacite"].description, by_name["capacite"].unit, by_name["capacite"].label) == ("Places", "places",
                                                                                                     "Capacité")
    assert by_name["localite"].facet is False and by_name["code"].sortable and by_name["code"].decimals is None
    configs = fields.configurations(cols)
    # the label equals the header: no rename; the unit applies to a number column; a text type is not sent
    assert [c for c in configs if c["type"] == "rename"] == []
    assert {"type": "annotate", "label": f"Unité de capacite {MARK}", "field": "capacite", "annotation": "unit",
            "args": ["places"]} in configs
    assert [c["type"] for c in configs if c.get("field") == "code"] == ["annotate"]
    assert all(MARK in c["label"] for c in configs)


def test_order_is_sent_only_when_positions_change_it() -> None:
    cols = fields.columns(["a", "b", "c"], [], {"c": {"position": 1}})
    assert [c for c in fields.configurations(cols) if c["type"] == "order"][0]["args"] == ["c", "a", "b"]
    cols = fields.columns(["a", "b", "c"], [], {"a": {"position": 1}})
    assert [c for c in fields.configurations(cols) if c["type"] == "order"] == []


def test_facets_of_dates_use_a_time_range() -> None:
    cols = fields.columns(["jour", "type"], [SimpleNamespace(name="jour", label=None, description=None, unit=None,
                                                             facet=True, type="date")], {"type": {"facet": True}})
    assert fields.facets(cols) == [{"field_name": "jour", "facetsort": "-alphanum", "timerange_filter": True},
                                   {"field_name": "type", "facetsort": "-count", "disjunctive": True}]


def _described(name: str, text: str, uid: str | None = None, label: str = f"Description {MARK}") -> dict[str, object]:
    config: dict[str, object] = {"type": "description", "label": label, "field": name, "description": text}
    return {"uid": uid, **config} if uid else config


def test_changes_create_update_delete_only_ours() -> None:
    current = [_described("nom", "Ancien", "pr_1"), _described("ville", "Gardée", "pr_2"),
               _described("rue", "Écrite à la main", "pr_3", label="Back office")]
    wanted = [_described("nom", "Nouveau"), _described("adresse", "Rue et numéro"), _described("rue", "Écrite à la main")]
    result = fields.changes(current, wanted)
    assert result == [FieldChange("update", wanted[0], "pr_1"), FieldChange("create", wanted[1]),
                      FieldChange("delete", current[1], "pr_2")]
    # the same state again: nothing to send, whatever the labels
    held = [{"uid": "pr_9", **c, "label": f"autre libellé {MARK}"} for c in wanted]
    assert fields.changes(held, wanted) == []
