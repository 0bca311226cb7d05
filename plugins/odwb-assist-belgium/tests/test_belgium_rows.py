"""Coordinates and the row checks (NIS vs name, postal vs NIS/name, swapped lat/lon)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from odwb_assist_belgium.consistency import CommuneConsistencyCheck
from odwb_assist_belgium.coordinates import LAMBERT_X, LAMBERT_Y, LATITUDE, LONGITUDE
from odwb_assist_belgium.coordinates_pair import SwappedCoordinatesCheck

from odwb_assist.core.contract import CheckContext, FieldKind
from odwb_assist.core.findings import Severity


def table(data: dict[str, list[str]], first_row: int = 2) -> pd.DataFrame:
    n = len(next(iter(data.values())))
    return pd.DataFrame(data, index=range(first_row, first_row + n), dtype=object)


def context(frame: pd.DataFrame, kinds: dict[str, str]) -> CheckContext:
    return CheckContext(source="t.csv", fields=list(frame.columns), kinds=kinds)


def validate(kind: FieldKind, series: pd.Series, field: str, ctx: CheckContext) -> list:
    assert kind.validate is not None
    return list(kind.validate(series, field, ctx))


def types_by_row(findings) -> dict[int, str]:
    return {f.row_number: f.type for f in findings}


# --- coordinates, one column ----------------------------------------------------------------------


def test_latitude_column(ctx):
    kind = LATITUDE
    series = pd.Series(["50.4669", "50,4669", "", "128571", "628576", "48.85", "abc", "95", "4.8670"], index=range(2, 11))
    found = validate(kind, series, "lat", ctx(fields=["lat"]))
    assert types_by_row(found) == {5: "coordinates-projected", 6: "coordinates-projected", 7: "coordinates-outside-wallonia",
                                   8: "coordinates-invalid", 9: "coordinates-invalid", 10: "coordinates-outside-wallonia"}
    assert "Lambert 72" in found[[f.row_number for f in found].index(5)].message("fr")
    assert "Lambert 2008" in found[[f.row_number for f in found].index(6)].message("en")


def test_longitude_values_in_partner_range_are_left_to_the_pair_check(ctx):
    series = pd.Series(["4.8670", "50.4669"], index=[2, 3])
    kinds = {"lat": "wgs84-latitude", "lon": "wgs84-longitude"}
    found = validate(LONGITUDE, series, "lon", ctx(fields=["lat", "lon"], kinds=kinds))
    assert found == []


def test_lambert_columns(ctx):
    x = pd.Series(["185373", "685377", "4.867", "5000000", "x"], index=range(2, 7))
    found = validate(LAMBERT_X, x, "x", ctx(fields=["x"]))
    assert types_by_row(found) == {3: "coordinates-lambert2008", 4: "coordinates-degrees", 5: "coordinates-outside-wallonia",
                                   6: "coordinates-invalid"}
    y = pd.Series(["128571", "50.4669"], index=[2, 3])
    assert types_by_row(validate(LAMBERT_Y, y, "y", ctx(fields=["y"]))) == {3: "coordinates-degrees"}


def test_swapped_coordinates_row_check():
    frame = table({"lat": ["50.4669", "4.8670", "4.8670", "50.5"], "lon": ["4.8670", "50.4669", "4.9", "50.4"]})
    ctx = context(frame, {"lat": "wgs84-latitude", "lon": "wgs84-longitude"})
    found = list(SwappedCoordinatesCheck().check_chunk(frame, ctx))
    swapped = [f for f in found if f.type == "coordinates-swapped"]
    assert [(f.row_number, f.field_name) for f in swapped] == [(3, "lat")]
    assert "50.4669" in swapped[0].message("fr") and swapped[0].severity == Severity.ERROR
    outside = sorted((f.row_number, f.field_name) for f in found if f.type == "coordinates-outside-wallonia")
    assert outside == [(4, "lat"), (5, "lon")]


def test_fix_puts_swapped_coordinates_back_in_place(tmp_path):
    """A list of charging points whose latitude and longitude columns were filled the wrong way round: thirty errors
    left « à la main »; the swap is certain (neither value can be the other axis's in Wallonia). A row whose values
    are only outside Wallonia is not touched."""
    from odwb_assist.core.plugins import get_plugin_manager
    from odwb_assist.quality import check, fix

    rows = [f"Borne {n};Rue du Centre {n};{4.95 + n / 100:.5f};{50.20 + n / 100:.5f}" for n in range(12)]
    rows.append("Borne Nord;Rue Haute 1;4.90000;12.00000")  # outside: left as said
    source = tmp_path / "bornes.csv"
    source.write_text("Nom;Adresse;Latitude;Longitude\n" + "\n".join(rows) + "\n", encoding="utf-8")
    plugins = get_plugin_manager()
    assert sum(f.type == "coordinates-swapped" for f in check(source, plugins=plugins).findings) == 12
    result = fix(source, tmp_path / "propre.csv", plugins=plugins)
    lines = (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1] == "Borne 0,Rue du Centre 0,50.20000,4.95000" and lines[-1] == "Borne Nord,Rue Haute 1,4.90000,12.00000"
    assert result.counts["be-coordinates-swap"] == 24
    assert not [f for f in check(tmp_path / "propre.csv", plugins=plugins).findings if f.type == "coordinates-swapped"]


# --- commune consistency --------------------------------------------------------------------------


def test_nis_and_name_mismatch():
    frame = table({"code_ins": ["92094", "92094", "62063", "82003", "92094", "92094"],
                   "commune": ["Namur", "Liège", "Liege", "Bastogne", "Jambes", "Inconnueville"]})
    found = list(CommuneConsistencyCheck().check_chunk(frame, context(frame, {"code_ins": "be-nis-code"})))
    assert types_by_row(found) == {3: "be-nis-name-mismatch"}
    assert found[0].field_name == "code_ins" and "Liège" in found[0].message("fr") and "Namur" in found[0].message("fr")
    assert found[0].severity == Severity.WARNING


def test_postal_code_and_nis_or_name_mismatch():
    frame = table({"cp": ["5000", "5100", "1300", "6687"], "nis": ["92094", "62063", "25112", "82039"]})
    kinds = {"cp": "be-postal-code", "nis": "be-nis-code"}
    found = list(CommuneConsistencyCheck().check_chunk(frame, context(frame, kinds)))
    assert types_by_row(found) == {3: "be-postal-nis-mismatch"}
    assert found[0].field_name == "cp"

    frame = table({"code postal": ["5000", "4000", "1300", "1348"], "localite": ["Namur", "Namur", "Limal", "Louvain-la-Neuve"]})
    found = list(CommuneConsistencyCheck().check_chunk(frame, context(frame, {"code postal": "be-postal-code"})))
    assert types_by_row(found) == {3: "be-postal-commune-mismatch"}


def test_national_numbers_hidden_in_free_text():
    from odwb_assist_belgium.national_number_scan import NationalNumberScan

    frame = table({"remarque": ["RAS", "Mme X, NN 85.07.30-033.28, rappeler", "ref 85073003328", "tel 0478 12 34 56"],
                   "population": ["12", "85073003328", "3", "4"]})
    found = list(NationalNumberScan().check_chunk(frame, context(frame, {})))
    assert [(f.row_number, f.field_name, f.type) for f in found] == [(3, "remarque", "be-national-number")]
    people = table({"prenom": ["Jean", "Zoé"], "note": ["id 85073003328", "17073003384"]})
    found = list(NationalNumberScan().check_chunk(people, context(people, {})))
    assert [(f.row_number, f.field_name) for f in found] == [(2, "note"), (3, "note")]


def test_the_decimals_of_a_coordinate_are_no_national_number():
    """A GIS export's points in WKT: eleven decimals (« 4.77220229360 » holds the BIS number 77220229360), a latitude
    with nine (« 50.451234578 » reads as « 50.45.12… », the BIS number 50451234578): neither in a table of people, nor
    as a number written with dots elsewhere; a number written as one beside them still is."""
    from odwb_assist_belgium.national_number_scan import NationalNumberScan

    points = ["POINT (4.77220229360 50.52552719993)", "POINT (4.87190000000 50.451234578)",
              "Point relevé : 4,77220229360", "POINT (4.8719 50.4674) NN 85.07.30-033.28"]
    people = table({"prenom": ["Jean", "Zoé", "Luc", "Anne"], "wkt": points})
    found = list(NationalNumberScan().check_chunk(people, context(people, {})))
    assert [(f.row_number, f.field_name) for f in found] == [(5, "wkt")]
    things = table({"parcelle": ["A1", "A2"], "wkt": points[1:2] * 2})
    assert list(NationalNumberScan().check_chunk(things, context(things, {}))) == []


def test_every_number_of_a_cell_is_read_not_only_the_first():
    """A remark that cites a file reference before a national number (« dossier 23.11.15-123.45 »: no valid number),
    two numbers in a cell, the first written without separators (not enough alone outside a table of people): the
    national number further on is found; a cell of references only is not."""
    from odwb_assist_belgium.national_number_scan import NationalNumberScan

    frame = table({"objet": ["a", "b", "c", "d"],
                   "remarque": ["Dossier 23.11.15-123.45, NN 85.07.30-033.28", "ref 85073003328 / 17.07.30-033.84",
                                "Dossier 23.11.15-123.45 et 23.11.16-123.46", "85.07.30-033.28/17.07.30-033.84"]})
    found = list(NationalNumberScan().check_chunk(frame, context(frame, {})))
    assert [(f.row_number, f.field_name) for f in found] == [(2, "remarque"), (3, "remarque"), (5, "remarque")]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=15), st.text(max_size=15), st.text(max_size=15)), min_size=1, max_size=6))
def test_row_checks_never_raise(rows):
    from odwb_assist_belgium.national_number_scan import NationalNumberScan

    frame = table({"nis": [r[0] for r in rows], "cp": [r[1] for r in rows], "commune": [r[2] for r in rows]})
    kinds = {"nis": "be-nis-code", "cp": "be-postal-code", "commune": "wgs84-latitude"}
    for check in (CommuneConsistencyCheck(), SwappedCoordinatesCheck(), NationalNumberScan()):
        ctx = context(frame, kinds | ({"cp": "wgs84-longitude"} if isinstance(check, SwappedCoordinatesCheck) else {}))
        for finding in check.check_chunk(frame, ctx):
            assert finding.row_number in frame.index
