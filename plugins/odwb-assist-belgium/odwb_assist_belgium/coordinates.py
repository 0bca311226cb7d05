"""Coordinate kinds: ``wgs84-latitude``, ``wgs84-longitude`` (degrees) and ``lambert72-x``,
``lambert72-y`` (EPSG:31370 metres), checked against the bounds of Wallonia (domain.md §2.3).

A column checks its own values; the pair check in :mod:`.coordinates_pair` finds swapped
latitude/longitude on a row. When both WGS84 columns exist, a value that belongs to the other
axis is left to the pair check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pandas as pd

from odwb_assist.checks.base import CheckContext, FieldKind
from odwb_assist.i18n import Msg
from odwb_assist.quality.model import Finding

from . import reference as ref
from .findings import emit, non_empty

Range = tuple[float, float]
LAMBERT72 = "Lambert 72 (EPSG:31370)"
LAMBERT2008 = "Lambert 2008 (EPSG:3812)"


def numbers(values: pd.Series) -> pd.Series:
    """Numeric values (decimal comma accepted: the core ``decimal-comma`` check reports it); NaN if not a number."""
    return pd.to_numeric(values.str.replace(",", ".", regex=False), errors="coerce")


def within(nums: pd.Series, bounds: Range) -> pd.Series:
    return (nums >= bounds[0]) & (nums <= bounds[1])


def _detect_numeric(sample: pd.Series) -> float:
    values = non_empty(sample.astype(str))
    if values.empty:
        return 0.0
    return float(numbers(values).notna().mean())


def _wgs84_validator(own: Range, other: Range, partner_kind: str, projected: tuple[Range, Range]) -> Callable[
        [pd.Series, str, CheckContext], Iterator[Finding]]:
    def validate(series: pd.Series, field_name: str, context: CheckContext) -> Iterator[Finding]:
        values = non_empty(series)
        if values.empty:
            return
        nums = numbers(values)
        invalid = nums.isna()
        ok = within(nums, own)
        l72 = within(nums, projected[0])
        l08 = within(nums, projected[1])
        left_to_pair = within(nums, other) if partner_kind in context.kinds.values() else pd.Series(False, index=nums.index)
        outside = ~(invalid | ok | l72 | l08 | left_to_pair)
        impossible = outside & (nums.abs() > (90 if own == ref.WALLONIA_LAT else 180))
        yield from emit("coordinates-invalid", series.loc[values.index[invalid | impossible]], field_name, context)
        yield from emit("coordinates-projected", series.loc[values.index[l72]], field_name, context,
                        lambda _: {"name": LAMBERT72})
        yield from emit("coordinates-projected", series.loc[values.index[l08]], field_name, context,
                        lambda _: {"name": LAMBERT2008})
        yield from emit("coordinates-outside-wallonia", series.loc[values.index[outside & ~impossible]], field_name, context)

    return validate


def _lambert_validator(own: Range, l2008: Range, degrees: Range) -> Callable[[pd.Series, str, CheckContext], Iterator[Finding]]:
    def validate(series: pd.Series, field_name: str, context: CheckContext) -> Iterator[Finding]:
        values = non_empty(series)
        if values.empty:
            return
        nums = numbers(values)
        invalid = nums.isna()
        ok = within(nums, own)
        in_2008 = within(nums, l2008)
        in_degrees = within(nums, degrees)
        outside = ~(invalid | ok | in_2008 | in_degrees)
        yield from emit("coordinates-invalid", series.loc[values.index[invalid]], field_name, context)
        yield from emit("coordinates-degrees", series.loc[values.index[in_degrees]], field_name, context)
        yield from emit("coordinates-lambert2008", series.loc[values.index[in_2008]], field_name, context)
        yield from emit("coordinates-outside-wallonia", series.loc[values.index[outside]], field_name, context)

    return validate


_DEGREES_WIDE = (ref.WALLONIA_LAT[0] - 3, ref.WALLONIA_LAT[1] + 3), (ref.WALLONIA_LON[0] - 3, ref.WALLONIA_LON[1] + 3)
# either axis: a Lambert X written in a latitude column is as wrong as a Lambert Y
_PROJECTED = (
    (min(ref.LAMBERT72_X[0], ref.LAMBERT72_Y[0]), max(ref.LAMBERT72_X[1], ref.LAMBERT72_Y[1])),
    (min(ref.LAMBERT2008_X[0], ref.LAMBERT2008_Y[0]), max(ref.LAMBERT2008_X[1], ref.LAMBERT2008_Y[1])),
)

LATITUDE = FieldKind(
    name="wgs84-latitude",
    label=Msg("latitude WGS84", "WGS84 latitude"),
    header_patterns=(r"latitude", r"breedtegraad", r"(^|[^a-z])(lat|y_?wgs84|wgs84_?y)([^a-z]|$)"),
    detect=_detect_numeric,
    validate=_wgs84_validator(ref.WALLONIA_LAT, ref.WALLONIA_LON, "wgs84-longitude", _PROJECTED),
    threshold=0.8,
    value_threshold=1.01,  # numbers alone never say « latitude »: a header is required
    priority=10,
)
LONGITUDE = FieldKind(
    name="wgs84-longitude",
    label=Msg("longitude WGS84", "WGS84 longitude"),
    header_patterns=(r"longitude", r"lengtegraad", r"(^|[^a-z])(lon|lng|long|x_?wgs84|wgs84_?x)([^a-z]|$)"),
    detect=_detect_numeric,
    validate=_wgs84_validator(ref.WALLONIA_LON, ref.WALLONIA_LAT, "wgs84-latitude", _PROJECTED),
    threshold=0.8,
    value_threshold=1.01,
    priority=10,
)
LAMBERT_X = FieldKind(
    name="lambert72-x",
    label=Msg("coordonnée X Lambert 72", "Lambert 72 X coordinate"),
    header_patterns=(r"^x$", r"^(coord(onnee)?s?[ _]?)?x[ _]?(lambert|l72|31370)", r"lambert[ _]?(72)?[ _]?x([^a-z]|$)",
                     r"^x[ _]?(coord|coordonnee)"),
    detect=_detect_numeric,
    validate=_lambert_validator(ref.LAMBERT72_X, ref.LAMBERT2008_X, _DEGREES_WIDE[1]),
    threshold=0.8,
    value_threshold=1.01,
    priority=10,
)
LAMBERT_Y = FieldKind(
    name="lambert72-y",
    label=Msg("coordonnée Y Lambert 72", "Lambert 72 Y coordinate"),
    header_patterns=(r"^y$", r"^(coord(onnee)?s?[ _]?)?y[ _]?(lambert|l72|31370)", r"lambert[ _]?(72)?[ _]?y([^a-z]|$)",
                     r"^y[ _]?(coord|coordonnee)"),
    detect=_detect_numeric,
    validate=_lambert_validator(ref.LAMBERT72_Y, ref.LAMBERT2008_Y, _DEGREES_WIDE[0]),
    threshold=0.8,
    value_threshold=1.01,
    priority=10,
)
KINDS = (LATITUDE, LONGITUDE, LAMBERT_X, LAMBERT_Y)
