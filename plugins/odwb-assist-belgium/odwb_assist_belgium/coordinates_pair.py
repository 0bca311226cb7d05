"""Row check: latitude and longitude swapped (a Walloon longitude in the latitude column and a
Walloon latitude in the longitude column of the same row); fix ``be-coordinates-swap`` puts them back."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from odwb_assist.plugin import BaseTableCheck, Change, CheckContext, Finding, FixContext, Msg

from . import reference as ref
from .consistency import column_of
from .coordinates import numbers, parsed, within
from .distinct import StashedColumns, row_cells
from .findings import emit, one
from .messages import errors


class SwappedCoordinatesCheck(StashedColumns, BaseTableCheck):
    name = "belgium.coordinates-swapped"
    types = ("coordinates-swapped", "coordinates-outside-wallonia")
    blocking = errors(types)  # the types it may report as errors (see ``TableCheck.blocking``)

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterator[Finding]:
        lat_col = column_of(context, "wgs84-latitude")
        lon_col = column_of(context, "wgs84-longitude")
        if not lat_col or not lon_col or lat_col not in chunk.columns or lon_col not in chunk.columns:
            return
        lat, lon = self.column(chunk, lat_col), self.column(chunk, lon_col)
        self.forget()
        # the numbers parsed for the kinds, over the distinct values; then over the rows
        lat_in_lon = lat.row_mask(within(parsed(lat), ref.WALLONIA_LON))
        lon_in_lat = lon.row_mask(within(parsed(lon), ref.WALLONIA_LAT))
        swapped = lat_in_lon & lon_in_lat
        if swapped.any():
            others = row_cells(lon, swapped)
            for row, cell, other in zip(lat.rows[swapped], row_cells(lat, swapped), others, strict=True):
                yield one("coordinates-swapped", int(row), cell, lat_col, context, other=other)
        # a value of the other axis without the swap on the same row: just outside Wallonia
        yield from emit("coordinates-outside-wallonia", row_cells(lat, lat_in_lon & ~swapped), lat_col, context)
        yield from emit("coordinates-outside-wallonia", row_cells(lon, lon_in_lat & ~swapped), lon_col, context)


class SwapCoordinates:
    """Put back in place the latitude and longitude of the rows where they are swapped: a Walloon longitude in the
    latitude column and a Walloon latitude in the longitude column of the same row (certain: neither value can be
    the other axis's in Wallonia). The cells are exchanged; the column titles stay."""

    name = "be-coordinates-swap"
    reads = ()  # the finding types its plan reads (it has none: the whole table, see ``triggers``)
    triggers = ("coordinates-swapped",)  # two cells of a row: the whole table, only when the check reports this
    label = Msg("Latitude et longitude remises à leur place", "Latitude and longitude put back in place")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        kinds = context.kinds or getattr(context.report, "kinds", None) or {}  # the check's, as its finding said
        lat_col = next((c for c in table.columns if kinds.get(str(c)) == "wgs84-latitude"), None)
        lon_col = next((c for c in table.columns if kinds.get(str(c)) == "wgs84-longitude"), None)
        if lat_col is None or lon_col is None:
            return table, []
        lat, lon = table[lat_col].astype(str), table[lon_col].astype(str)
        swapped = within(numbers(lat.str.strip()), ref.WALLONIA_LON) & within(numbers(lon.str.strip()), ref.WALLONIA_LAT)
        if not swapped.any():
            return table, []
        result = table.copy()
        result.loc[swapped, lat_col], result.loc[swapped, lon_col] = lon[swapped], lat[swapped]
        changes = [change for row in table.index[swapped.to_numpy(dtype=bool)] for change in (
            Change(self.name, int(row), str(lat_col), lat.loc[row], lon.loc[row]),
            Change(self.name, int(row), str(lon_col), lon.loc[row], lat.loc[row]))]
        return result, changes
