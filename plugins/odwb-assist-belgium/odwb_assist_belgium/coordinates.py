"""Coordinate kinds: ``wgs84-latitude``, ``wgs84-longitude`` (degrees) and ``lambert72-x``,
``lambert72-y`` (EPSG:31370 metres), checked against the bounds of Wallonia (domain.md §2.3).

A column checks its own values; the pair check in :mod:`.coordinates_pair` finds swapped
latitude/longitude on a row. A column chunk is parsed once (:func:`parsed`, over its distinct values) for
the kind, the pair check and the territory check alike. Points elsewhere in Belgium are the territory check's (:mod:`.territory`);
points outside Belgium are reported here, one per row. When both WGS84 columns exist, a value that belongs to the other
axis is left to the pair check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from odwb_assist.plugin import CheckContext, ColumnValues, FieldKind, Finding, Msg, ValuesPreparation

from . import reference as ref
from .distinct import emit_values, encode, filled, memo, stripped
from .findings import share
from .messages import errors

Range = tuple[float, float]
Validator = Callable[[ColumnValues, CheckContext], Iterator[Finding]]
Masks = Callable[[ColumnValues, CheckContext], dict[str, np.ndarray]]
Territory = Callable[[ColumnValues, CheckContext], tuple[np.ndarray, np.ndarray]]  # (in Wallonia, elsewhere in Belgium)
LAMBERT72 = "Lambert 72 (EPSG:31370)"
LAMBERT2008 = "Lambert 2008 (EPSG:3812)"


# A plain decimal that pyarrow's cast reads as pandas does: at most 15 significant digits, so both round it exactly
# once (tested against pd.to_numeric); anything else (exponents, « inf », long numbers…) goes to pd.to_numeric.
PLAIN_DECIMAL = r"^-?[0-9]{1,7}(\.[0-9]{1,8})?$"
_FAST = 256  # distinct values: a shorter column costs less through pandas alone


def numbers(values: pd.Series) -> pd.Series:
    """Numeric values (decimal comma accepted: the core ``decimal-comma`` check reports it); NaN if not a number."""
    text = values.str.replace(",", ".", regex=False)
    array = getattr(text.array, "_pa_array", None)
    if array is None or len(text) < _FAST or array.null_count:
        return pd.to_numeric(text, errors="coerce")
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    plain = pc.match_substring_regex(array, PLAIN_DECIMAL).to_numpy().astype(bool)
    result = np.full(len(text), np.nan)
    result[plain] = pc.cast(array.filter(pa.chunked_array([plain])), pa.float64()).to_numpy()
    if not plain.all():
        result[~plain] = pd.to_numeric(text[~plain], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return pd.Series(result, index=values.index)


def parsed(column: ColumnValues) -> np.ndarray:
    """The column's distinct values as numbers (NaN where not a number or empty), parsed once per chunk (ahead, on the
    CSV reader's thread, for a coordinate column: :data:`NUMBERS`)."""
    return memo(column, "numbers", lambda: _parse(column))


def _parse(column: ColumnValues) -> np.ndarray:
    """``numbers(stripped(column))`` as a float array: :func:`_parse_pyarrow`'s (made ahead, or now), else through
    pandas. Records ``filled`` on the way (a plain decimal is never blank)."""
    found = NUMBERS(column)
    if found is None:  # a short column, or one pyarrow does not hold
        return numbers(stripped(column)).to_numpy(dtype=float, na_value=np.nan)
    result, plain = found
    if plain:  # a plain decimal is never blank
        memo(column, "filled", lambda: np.ones(len(result), dtype=bool))
    return result


def _parse_pyarrow(column: ColumnValues) -> tuple[np.ndarray, bool] | None:
    """``numbers(stripped(column))`` as a float array, straight from the pyarrow values, and whether every value is
    a plain decimal: the plain decimals (the whole column, usually) are cast as they are, with their commas made
    dots in the bytes; only the others are stripped and go through :func:`numbers`. None: a short column, or one
    pyarrow does not hold (:func:`parsed` strips it). A pure function of the column (no :func:`memo`): it may run
    ahead, on the CSV reader's thread."""
    import pyarrow as pa
    import pyarrow.compute as pc

    array = column.arrow
    if array is None or len(column) < _FAST or array.null_count:
        return None
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    dotted = _commas_to_dots(array)
    plain = _plain(dotted)
    result = np.full(len(array), np.nan)
    if plain.all():
        result[:] = pc.cast(dotted, pa.float64()).to_numpy(zero_copy_only=False)
        return result, True
    result[plain] = pc.cast(dotted.filter(pa.array(plain)), pa.float64()).to_numpy(zero_copy_only=False)
    others = pd.Series(array.filter(pa.array(~plain)), dtype=column.values.dtype).str.strip()
    result[~plain] = numbers(others).to_numpy(dtype=float, na_value=np.nan)
    return result, False


COORDINATE_KINDS = ("wgs84-latitude", "wgs84-longitude", "lambert72-x", "lambert72-y")
# the parse of a coordinate column's distinct values, made ahead by the engine on the CSV reader's thread
NUMBERS = ValuesPreparation("belgium-coordinate-numbers", _parse_pyarrow, kinds=COORDINATE_KINDS)


def _plain(dotted: Any) -> np.ndarray:
    """Which values match :data:`PLAIN_DECIMAL`. The usual coordinate column (every value: digits, a dot, digits) is
    recognised from its bytes and offsets alone: every byte a digit or a dot, and the n-th dot inside the n-th value;
    the digits on each side are then counted. Any other column goes through RE2."""
    import pyarrow as pa
    import pyarrow.compute as pc

    _, offsets_buffer, data = dotted.buffers()
    if data is not None and (pa.types.is_string(dotted.type) or pa.types.is_large_string(dotted.type)):
        width = np.int64 if pa.types.is_large_string(dotted.type) else np.int32
        offsets = np.frombuffer(offsets_buffer, dtype=width)[dotted.offset:dotted.offset + len(dotted) + 1]
        raw = np.frombuffer(data, dtype=np.uint8)[offsets[0]:offsets[-1]]
        dots = np.flatnonzero(raw == 46) + offsets[0]
        if (len(dots) == len(dotted) and np.count_nonzero((raw - np.uint8(48)) < 10) + len(dots) == len(raw)
                and bool(((dots >= offsets[:-1]) & (dots < offsets[1:])).all())):
            whole, decimals = dots - offsets[:-1], offsets[1:] - dots - 1
            return (whole >= 1) & (whole <= 7) & (decimals >= 1) & (decimals <= 8)
    return pc.match_substring_regex(dotted, PLAIN_DECIMAL).to_numpy(zero_copy_only=False)


def _commas_to_dots(array: Any) -> Any:
    """A pyarrow string array with every ``,`` made ``.``: one byte for another in its data buffer (in UTF-8 the byte
    of ``,`` is never part of another character), the offsets shared."""
    import pyarrow as pa
    import pyarrow.compute as pc

    validity, offsets, data = array.buffers()
    if data is None or not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        return pc.replace_substring(array, ",", ".")
    raw = np.frombuffer(data, dtype=np.uint8)
    return pa.Array.from_buffers(array.type, len(array), [validity, offsets, pa.py_buffer(np.where(raw == 44, 46, raw)
                                                                                         .astype(np.uint8))],
                                 array.null_count, array.offset)


def within(nums: Any, bounds: Range) -> Any:
    """Over a float array or Series: between the bounds (NaN never is)."""
    return (nums >= bounds[0]) & (nums <= bounds[1])


def _detect_numeric(sample: pd.Series) -> float:
    return share(sample, lambda values: numbers(values).notna())


def _wgs84_masks(nums: np.ndarray, context: CheckContext, own: Range, other: Range, belgium: Range, partner_kind: str,
                 projected: tuple[Range, Range]) -> dict[str, np.ndarray]:
    invalid = np.isnan(nums)
    ok = within(nums, own)
    l72 = within(nums, projected[0])
    l08 = within(nums, projected[1])
    left_to_pair = within(nums, other) if partner_kind in context.kinds.values() else np.zeros(len(nums), dtype=bool)
    outside = ~(invalid | ok | l72 | l08 | left_to_pair)
    impossible = outside & (np.abs(nums) > (90 if own == ref.WALLONIA_LAT else 180))
    in_belgium = outside & within(nums, belgium)
    return {"invalid": invalid | impossible, "l72": l72, "l08": l08, "walloon": ok, "belgium": in_belgium,
            "abroad": outside & ~impossible & ~in_belgium}


def _wgs84_validator(*ranges: Any) -> tuple[Validator, Territory]:
    def masks(column: ColumnValues, context: CheckContext) -> dict[str, np.ndarray]:
        return memo(column, "coordinates", lambda: _wgs84_masks(parsed(column), context, *ranges))

    def validate(column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
        found = masks(column, context)  # first: parsing tells which values are blank, cheaper than stripping them all
        keep = filled(column)
        if not keep.any():
            return
        yield from emit_values("coordinates-invalid", column, keep & found["invalid"], context)
        yield from emit_values("coordinates-projected", column, found["l72"], context, lambda _: {"name": LAMBERT72})
        yield from emit_values("coordinates-projected", column, found["l08"], context, lambda _: {"name": LAMBERT2008})
        yield from emit_values("coordinates-outside-wallonia", column, found["abroad"], context)

    def territory(column: ColumnValues, context: CheckContext) -> tuple[np.ndarray, np.ndarray]:
        found = masks(column, context)
        return found["walloon"], found["belgium"]

    return validate, territory


def _lambert_masks(nums: np.ndarray, own: Range, belgium: Range, l2008: Range, degrees: Range) -> dict[str, np.ndarray]:
    invalid = np.isnan(nums)
    ok = within(nums, own)
    in_2008 = within(nums, l2008)
    in_degrees = within(nums, degrees)
    outside = ~(invalid | ok | in_2008 | in_degrees)
    in_belgium = outside & within(nums, belgium)
    return {"invalid": invalid, "degrees": in_degrees, "l08": in_2008, "walloon": ok, "belgium": in_belgium,
            "abroad": outside & ~in_belgium}


def _lambert_validator(*ranges: Range) -> tuple[Validator, Territory]:
    def masks(column: ColumnValues, context: CheckContext) -> dict[str, np.ndarray]:
        return memo(column, "coordinates", lambda: _lambert_masks(parsed(column), *ranges))

    def validate(column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
        found = masks(column, context)  # first: parsing tells which values are blank, cheaper than stripping them all
        keep = filled(column)
        if not keep.any():
            return
        yield from emit_values("coordinates-invalid", column, keep & found["invalid"], context)
        yield from emit_values("coordinates-degrees", column, found["degrees"], context)
        yield from emit_values("coordinates-lambert2008", column, found["l08"], context)
        yield from emit_values("coordinates-outside-wallonia", column, found["abroad"], context)

    def territory(column: ColumnValues, context: CheckContext) -> tuple[np.ndarray, np.ndarray]:
        found = masks(column, context)
        return found["walloon"], found["belgium"]

    return validate, territory


_DEGREES_WIDE = (ref.WALLONIA_LAT[0] - 3, ref.WALLONIA_LAT[1] + 3), (ref.WALLONIA_LON[0] - 3, ref.WALLONIA_LON[1] + 3)
# either axis: a Lambert X written in a latitude column is as wrong as a Lambert Y
_PROJECTED = (
    (min(ref.LAMBERT72_X[0], ref.LAMBERT72_Y[0]), max(ref.LAMBERT72_X[1], ref.LAMBERT72_Y[1])),
    (min(ref.LAMBERT2008_X[0], ref.LAMBERT2008_Y[0]), max(ref.LAMBERT2008_X[1], ref.LAMBERT2008_Y[1])),
)


TERRITORIES: dict[str, Territory] = {}


def _coordinate_kind(name: str, label: Msg, header_patterns: tuple[str, ...],
                     checks: tuple[Validator, Territory]) -> FieldKind:
    """A coordinate column: numbers alone never say « latitude » or « X Lambert », so a header is required."""
    validate_values, territory = checks
    TERRITORIES[name] = territory

    def validate(series: pd.Series, field_name: str, context: CheckContext) -> Iterator[Finding]:
        yield from validate_values(encode(series, field_name), context)

    return FieldKind(name=name, label=label, header_patterns=header_patterns, detect=_detect_numeric, validate=validate,
                     validate_values=validate_values, threshold=0.8, value_threshold=1.01, priority=10, prefilter=r"\d",
                     preparations=(NUMBERS,), types=COORDINATE_TYPES,
                     blocking=errors(COORDINATE_TYPES))


# the finding types the validators of the coordinate kinds report
COORDINATE_TYPES = ("coordinates-invalid", "coordinates-projected", "coordinates-outside-wallonia", "coordinates-degrees",
                    "coordinates-lambert2008")


LATITUDE = _coordinate_kind(
    "wgs84-latitude", Msg("latitude WGS84", "WGS84 latitude"),
    (r"latitude", r"breedtegraad", r"(^|[^a-z])(lat|y_?wgs84|wgs84_?y)([^a-z]|$)"),
    _wgs84_validator(ref.WALLONIA_LAT, ref.WALLONIA_LON, ref.BELGIUM_LAT, "wgs84-longitude", _PROJECTED),
)
LONGITUDE = _coordinate_kind(
    "wgs84-longitude", Msg("longitude WGS84", "WGS84 longitude"),
    (r"longitude", r"lengtegraad", r"(^|[^a-z])(lon|lng|long|x_?wgs84|wgs84_?x)([^a-z]|$)"),
    _wgs84_validator(ref.WALLONIA_LON, ref.WALLONIA_LAT, ref.BELGIUM_LON, "wgs84-latitude", _PROJECTED),
)
LAMBERT_X = _coordinate_kind(
    "lambert72-x", Msg("coordonnée X Lambert 72", "Lambert 72 X coordinate"),
    (r"^x$", r"^(coord(onnee)?s?[ _]?)?x[ _]?[(\[]?(lambert|l72|lb72|31370|epsg)",
     r"lambert[ _]?(72)?[ _]?x([^a-z]|$)", r"^x[ _]?(coord|coordonnee)", r"^coord(onnee)?s?[ _]?x([^a-z]|$)",
     r"^x[ _]?[(\[]m[)\]]$"),
    _lambert_validator(ref.LAMBERT72_X, ref.BELGIUM_L72_X, ref.LAMBERT2008_X, _DEGREES_WIDE[1]),
)
LAMBERT_Y = _coordinate_kind(
    "lambert72-y", Msg("coordonnée Y Lambert 72", "Lambert 72 Y coordinate"),
    (r"^y$", r"^(coord(onnee)?s?[ _]?)?y[ _]?[(\[]?(lambert|l72|lb72|31370|epsg)",
     r"lambert[ _]?(72)?[ _]?y([^a-z]|$)", r"^y[ _]?(coord|coordonnee)", r"^coord(onnee)?s?[ _]?y([^a-z]|$)",
     r"^y[ _]?[(\[]m[)\]]$"),
    _lambert_validator(ref.LAMBERT72_Y, ref.BELGIUM_L72_Y, ref.LAMBERT2008_Y, _DEGREES_WIDE[0]),
)
KINDS = (LATITUDE, LONGITUDE, LAMBERT_X, LAMBERT_Y)
