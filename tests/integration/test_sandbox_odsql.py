"""ODSQL: the supported subset filters as documented; anything else is a 400 ODSQLError, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from odwb_assist.sandbox.odsql import FieldResolver, ODSQLSyntaxError, parse_order_by, parse_select, parse_where

ROWS: list[dict[str, Any]] = [
    {"nom": "Gare de Namur", "places": 12, "ville": "Namur", "date": "2021-05-03", "tags": ["vélo", "gare"], "ok": True},
    {"nom": "Église Saint-Loup", "places": 8, "ville": "Namur", "date": "2021-11-30", "tags": ["vélo"], "ok": False},
    {"nom": "Place d'Armes", "places": None, "ville": "Liège", "date": "2020-01-15", "tags": [], "ok": True},
    {"nom": "Citadelle", "places": 40, "ville": "Namur", "date": "2022-07-01", "tags": ["tourisme"], "ok": None},
]
FIELDS = FieldResolver(list(ROWS[0]), text_fields=["nom", "ville", "tags"])


def names(where: str) -> list[str]:
    predicate = parse_where(where, FIELDS)
    return [row["nom"] for row in ROWS if predicate(row)]


@pytest.mark.parametrize(("where", "expected"), [
    ("places > 10", ["Gare de Namur", "Citadelle"]),
    ("places >= 8 AND places < 40", ["Gare de Namur", "Église Saint-Loup"]),
    ("ville = 'Liège' OR places = 40", ["Place d'Armes", "Citadelle"]),
    ('NOT ville = "Namur"', ["Place d'Armes"]),
    ("ville != 'Namur'", ["Place d'Armes"]),
    ("(places > 10 OR places < 10) AND ville = 'Namur'", ["Gare de Namur", "Église Saint-Loup", "Citadelle"]),
    ("places IN [8..12]", ["Gare de Namur", "Église Saint-Loup"]),
    ("places IN ]8..12]", ["Gare de Namur"]),
    ("ville IN ('Liège', 'Mons')", ["Place d'Armes"]),
    ("ville NOT IN ('Namur')", ["Place d'Armes"]),
    ('"vélo" IN tags', ["Gare de Namur", "Église Saint-Loup"]),
    ("tags = 'tourisme'", ["Citadelle"]),
    ("nom LIKE 'place*'", ["Place d'Armes"]),
    ("nom like '%loup'", ["Église Saint-Loup"]),
    ("nom LIKE 'gare'", ["Gare de Namur"]),
    ("nom NOT LIKE 'gare'", ["Église Saint-Loup", "Place d'Armes", "Citadelle"]),
    ("places IS NULL", ["Place d'Armes"]),
    ("places is not null AND ok", ["Gare de Namur"]),
    ("ok = false", ["Église Saint-Loup"]),
    ("search(nom, 'egli')", ["Église Saint-Loup"]),
    ("search(*, 'liege')", ["Place d'Armes"]),
    ('"saint loup"', ["Église Saint-Loup"]),
    ("startswith(nom, 'cit')", ["Citadelle"]),
    ("date >= date'2021-05-01' AND date < date'2021/12/01'", ["Gare de Namur", "Église Saint-Loup"]),
    ("date > '2021-06-01'", ["Église Saint-Loup", "Citadelle"]),
    ("`places` > 39", ["Citadelle"]),
    ("year(date) = 2021", ["Gare de Namur", "Église Saint-Loup"]),
    ("month(date) >= 7 AND day(date) = 1", ["Citadelle"]),
    ("date_format(date, 'MM/yyyy') = '05/2021'", ["Gare de Namur"]),
    ("lower(ville) = 'liège'", ["Place d'Armes"]),
    ("ifnull(places, 0) = 0", ["Place d'Armes"]),
    ("places * 2 > 20", ["Gare de Namur", "Citadelle"]),
    ("places - 1 >= 11 AND places-1 < 39", ["Gare de Namur"]),
    ("places / 0 IS NULL", ["Gare de Namur", "Église Saint-Loup", "Place d'Armes", "Citadelle"]),
    ("PLACES > 39 and Ville = 'Namur'", ["Citadelle"]),
    ("", ["Gare de Namur", "Église Saint-Loup", "Place d'Armes", "Citadelle"]),
])
def test_where(where: str, expected: list[str]) -> None:
    assert names(where) == expected


@pytest.mark.parametrize("where", [
    "count(*) > 1", "within_distance(geo, geom'POINT(1 1)', 10km)", "inconnu = 3", "places >", "places = 'a' AND",
    "(places > 1", "places IN [1..", "nom LIKE 3", "places > 1 places", "search(nom)", "'unterminated", "places § 3",
    "date = date'pas-une-date'", "places IN", "NOT", "year(date, 1) = 2021", "random(1) = 2", "sum(places) > 3",
    "range(places, 5) = 1",
])
def test_unsupported_or_malformed_where(where: str) -> None:
    with pytest.raises(ODSQLSyntaxError) as info:
        parse_where(where, FIELDS)
    message = str(info.value)
    assert message.startswith("ODSQL query is malformed:") and "Clause(s) containing the error(s): where" in message


def test_select_and_order_by() -> None:
    assert parse_select("nom, places AS n", FIELDS) == [("nom", "nom"), ("places", "n")]
    assert parse_select("*", FIELDS)[0] == ("nom", "nom")
    assert parse_order_by("ville asc, places DESC", FIELDS) == [("ville", False), ("places", True)]
    for bad in ("count(*)", "nom,", "inconnu"):
        with pytest.raises(ODSQLSyntaxError):
            parse_select(bad, FIELDS)
    with pytest.raises(ODSQLSyntaxError):
        parse_order_by("random()", FIELDS)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcnoplaceisvd'\"()[]<>=!.,*`%0123456789 -ANDORNTIKELUS", max_size=40))
def test_parser_never_crashes(text: str) -> None:
    try:
        predicate = parse_where(text, FIELDS)
    except ODSQLSyntaxError:
        return
    for row in ROWS:
        predicate(row)


@pytest.mark.integration
@pytest.mark.parametrize(("path", "params"), [
    ("/catalog/datasets", {"where": "count(*) > 3"}),
    ("/catalog/datasets", {"where": "unknown_field = 1"}),
    ("/catalog/datasets", {"select": "envelope(records_count)"}),
    ("/catalog/datasets", {"group_by": "publisher", "select": "title"}),
    ("/catalog/datasets", {"group_by": "count(*)"}),
    ("/catalog/datasets", {"order_by": "metas.default.title"}),
    ("/catalog/datasets", {"group_by": "publisher", "limit": "20001"}),
    ("/catalog/datasets", {"limit": "500"}),
    ("/catalog/datasets", {"limit": "abc"}),
    ("/catalog/datasets", {"refine": "nofacet:x"}),
    ("/catalog/facets", {"facet": "nofacet"}),
    ("/catalog/datasets/namur-parkings-velos/records", {"where": "places >>> 3"}),
    ("/catalog/exports/dcat_ap_benap", {"select": "count(*)"}),
])
def test_http_400_with_vendor_body(sandbox: Any, path: str, params: dict[str, str]) -> None:
    response = requests.get(sandbox.explore + path, params=params, timeout=10)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error_code"] == "ODSQLError" and body["message"].startswith("ODSQL query is malformed")


@pytest.mark.integration
def test_catalogue_queries(sandbox: Any) -> None:
    def get(**params: Any) -> dict[str, Any]:
        response = requests.get(sandbox.explore + "/catalog/datasets", params={"limit": 100, **params}, timeout=10)
        assert response.status_code == 200, response.text
        return dict(response.json())

    namur = get(where='publisher = "Ville de Namur"')
    assert namur["total_count"] == 4
    assert get(refine="publisher:Ville de Namur")["total_count"] == 4
    assert get(refine="publisher:Ville de Namur", exclude="theme:Mobilité")["total_count"] <= 4
    in_window = get(where="modified >= date'2021-05-01' AND modified < date'2021-12-01'")["total_count"]
    outside = get(where="modified < date'2021-05-01' OR modified >= date'2021-12-01'")["total_count"]
    assert in_window > 0 and outside > 0 and in_window + outside == get()["total_count"]
    assert get(refine="modified:2021")["total_count"] >= in_window
    selected = get(select="dataset_id, publisher AS editeur", order_by="dataset_id desc", limit=3)["results"]
    assert list(selected[0]) == ["dataset_id", "editeur"] and selected[0]["dataset_id"] > selected[1]["dataset_id"]
    assert get(where="search(title, 'defibrillateurs')")["total_count"] >= 1
    assert get(where='"arbres remarquables"')["total_count"] >= 1
    assert get(where="default.language = 'fr'")["total_count"] == get()["total_count"]
    titled = get(order_by="title", limit=5)["results"]
    titles = [d["metas"]["default"]["title"].lower() for d in titled]
    assert titles == sorted(titles)
    facets = requests.get(sandbox.explore + "/catalog/facets", params={"facet": "publisher,theme,keyword,license"},
                          timeout=10).json()["facets"]
    assert [f["name"] for f in facets] == ["publisher", "theme", "keyword", "license"]
    publishers = {v["name"]: v["count"] for v in facets[0]["facets"]}
    assert publishers["Ville de Namur"] == 4 and len(publishers) >= 7
    refined = requests.get(sandbox.explore + "/catalog/facets", params={"facet": "theme", "refine": "publisher:Ville de Namur"},
                           timeout=10).json()["facets"][0]["facets"]
    assert sum(v["count"] for v in refined) == 4


def test_nesting_is_bounded_not_a_crash() -> None:
    with pytest.raises(ODSQLSyntaxError):
        parse_where("(" * 500 + "places > 1" + ")" * 500, FIELDS)
    with pytest.raises(ODSQLSyntaxError):
        parse_where("NOT " * 500 + "places > 1", FIELDS)
    assert names(" OR ".join(["(places = 12)"] * 200)) == ["Gare de Namur"]


@pytest.mark.integration
@settings(max_examples=150, deadline=None)
@given(param=st.sampled_from(["where", "select", "order_by", "refine", "exclude", "limit", "offset", "facet", "group_by"]),
       value=st.text(alphabet="abcdefilmnoprstuy_.'\"()[]<>=!,*` :%0123456789-ANDORNTIKE", max_size=30),
       path=st.sampled_from(["/catalog/datasets", "/catalog/facets", "/catalog/datasets/namur-parkings-velos/records",
                             "/catalog/datasets/namur-parkings-velos/exports/csv",
                             "/catalog/datasets/namur-parkings-velos/facets"]))
def test_no_query_string_gives_a_500(sandbox: Any, param: str, value: str, path: str) -> None:
    client = sandbox.server.app.test_client()
    response = client.get("/api/explore/v2.1" + path, query_string={param: value})
    assert response.status_code in (200, 400), (param, value, response.get_data(as_text=True)[:300])
    if response.status_code == 400:
        assert response.get_json()["error_code"] == "ODSQLError"


@pytest.mark.parametrize(("pattern", "expected"), [
    ("dd/MM/YYYY", "20/11/2007"), ("'The date is 'dd/MM/yyyy", "The date is 20/11/2007"),
    ("'The date is '''dd/MM/YYYY''", "The date is '20/11/2007'"), ("E", "mar."), ("EEEE", "mardi"), ("H", "1"),
    ("HH", "01"), ("yy", "07"), ("M", "11"), ("MMMM", "novembre"), ("D", "324"), ("ww", "47"), ("HH:mm:ss", "01:23:45"),
])
def test_date_format_follows_the_vendor_examples(pattern: str, expected: str) -> None:
    from odwb_assist.sandbox.odsql_functions import date_format

    assert date_format("2007-11-20T01:23:45", pattern) == expected


def test_facet_parameter_syntax() -> None:
    from odwb_assist.sandbox.facets import FacetSpec, parse_facet, parse_facets

    assert parse_facet("commune") == FacetSpec("commune")
    assert parse_facet('facet(name="chemin", hierarchical=true, separator="/", sort="-alphanum", limit=5)') == FacetSpec(
        "chemin", "-alphanum", 5, False, True, "/")
    assert [s.name for s in parse_facets(['facet(name="a", sort="count"),b', "c"])] == ["a", "b", "c"]
    for bad in ['facet(name="a", sort="up")', "facet(sort='count')", 'facet(name="a", limit=-1)', "facet(name=)",
                'facet(name="a", colour="red")', "a b"]:
        with pytest.raises(ODSQLSyntaxError):
            parse_facet(bad)


def test_hierarchical_text_facet_lists_children_under_a_refined_value() -> None:
    from odwb_assist.sandbox.catalog import refine_filter
    from odwb_assist.sandbox.facets import facet_counts, parse_facet

    rows = [{"chemin": "wallonie/namur/ciney"}, {"chemin": "wallonie/namur/dinant"}, {"chemin": "bruxelles/ixelles"}]
    spec = parse_facet('facet(name="chemin", hierarchical=true, separator="/")')
    top = facet_counts(rows, [spec], [], {}, lambda refs: refine_filter(refs, [], ["chemin"]))
    assert [(v["name"], v["count"]) for v in top[0]["facets"]] == [("wallonie", 2), ("bruxelles", 1)]
    refined = facet_counts(rows, [spec], ["chemin:wallonie/namur"], {}, lambda refs: refine_filter(refs, [], ["chemin"]))
    wallonie = refined[0]["facets"][0]
    assert wallonie["state"] == "refined" and wallonie["facets"][0]["value"] == "wallonie/namur"
    assert [c["name"] for c in wallonie["facets"][0]["facets"]] == ["ciney", "dinant"]


def test_clause_sizes_are_bounded() -> None:
    from odwb_assist.sandbox.odsql_expr import MAX_ITEMS, parse_group_by, parse_selection

    with pytest.raises(ODSQLSyntaxError):
        parse_selection(", ".join(["count(*)"] * (MAX_ITEMS + 1)), FIELDS)
    with pytest.raises(ODSQLSyntaxError):
        parse_group_by("range(places, " + ", ".join(str(i) for i in range(200)) + ")", FIELDS)
    assert len(parse_group_by("ville, year(date) as y, range(places, 10)", FIELDS)) == 3
