"""Publisher names as ODWB writes them (free text), matched to an administration (issue 15, point 6)."""

from __future__ import annotations

import pytest

from odwb_assist.portal.publishers import PublisherMatcher, matching_publishers, nis_codes_in

# Strings written as seen on the portal (services, prefixes, abbreviations, stray spaces), typed for the test.
SEEN = [
    "Ville de Namur - Data Office GUN", "Ville de Namur - Mobilité", "Ville de Namur - Finances", "CPAS de Namur",
    "Province de Namur", "Administration Communale de Tournai", "Commune de Chaudfontaine",
    " Service public de Wallonie (SPW)", "Service Public de Wallonie (SPW)", "SPW ARNE", "Ville de Liège ",
    "Province de Liège", "Liège Métropole", "Administration communale de Braine-l'Alleud", "Ville d'Andenne", "BEP",
    "BEP - PNVH", "Ville+de+Nivelles",
]


@pytest.mark.parametrize(("administration", "expected"), [
    ("Ville de Namur", {"Ville de Namur - Data Office GUN": "service", "Ville de Namur - Mobilité": "service",
                        "Ville de Namur - Finances": "service"}),
    ("Ville de Tournai", {"Administration Communale de Tournai": "prefix"}),
    ("Tournai", {"Administration Communale de Tournai": "prefix"}),
    ("commune de chaudfontaine", {"Commune de Chaudfontaine": "same"}),
    ("SPW", {" Service public de Wallonie (SPW)": "abbreviation", "Service Public de Wallonie (SPW)": "abbreviation"}),
    ("Service public de Wallonie", {" Service public de Wallonie (SPW)": "same", "Service Public de Wallonie (SPW)": "same"}),
    ("Ville de Liège", {"Ville de Liège ": "same"}),
    ("Province de Liège", {"Province de Liège": "same"}),
    ("AC Braine-l’Alleud", {"Administration communale de Braine-l'Alleud": "prefix"}),
    ("Ville d'Andenne", {"Ville d'Andenne": "same"}),
    ("CPAS de Namur", {"CPAS de Namur": "same"}),
    ("Commune de Gesves", {}),
    ("Ville de Nivelles", {"Ville+de+Nivelles": "same"}),
])
def test_an_administration_finds_its_publisher_names_and_only_those(administration: str, expected: dict[str, str]) -> None:
    found = {m.publisher: m.reason for m in matching_publishers(administration, SEEN)}
    assert found == expected


def test_aliases_catch_the_rest_and_every_match_says_why() -> None:
    matches = matching_publishers("Bureau économique de la province de Namur", SEEN, aliases=["BEP"])
    assert [(m.publisher, m.reason) for m in matches] == [("BEP", "alias"), ("BEP - PNVH", "service")]
    assert matches[0].explain() == "alias du registre « BEP »"
    assert matches[0].explain("en") == "register alias 'BEP'"
    namur = matching_publishers("Ville de Namur", ["Ville de Namur - Mobilité"])[0]
    assert namur.explain() == "service de « Ville de Namur »"
    assert namur.to_dict()["explanation"] == "service de « Ville de Namur »"


def test_one_publisher_can_belong_to_several_owners() -> None:
    matcher = PublisherMatcher()
    matcher.add("namur", ["Ville de Namur"])
    matcher.add("cpas", ["CPAS de Namur"])
    matcher.add("spw", ["SPW"], aliases=["SPW ARNE"])
    assert [o for o, _m in matcher.owners("Ville de Namur - Mobilité")] == ["namur"]
    assert [o for o, _m in matcher.owners("CPAS de Namur")] == ["cpas"]
    assert [(o, m.reason) for o, m in matcher.owners("SPW ARNE")] == [("spw", "alias")]
    assert matcher.owners("Province de Namur") == []


def test_nis_codes_are_read_from_metadata_values() -> None:
    assert nis_codes_in("Ville de Ciney (code INS 91030)", ["Gesves 91059", "5590"], None) == {"91030", "91059"}
    assert nis_codes_in("BE 0207.451.227", "123456") == set()
