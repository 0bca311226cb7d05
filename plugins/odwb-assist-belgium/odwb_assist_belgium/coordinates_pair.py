"""Row check: latitude and longitude swapped (a Walloon longitude in the latitude column and a
Walloon latitude in the longitude column of the same row)."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from odwb_assist.plugin import BaseTableCheck, CheckContext, Finding

from . import reference as ref
from .consistency import column_of
from .coordinates import parsed, within
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
