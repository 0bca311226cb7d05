"""Row check: latitude and longitude swapped (a Walloon longitude in the latitude column and a
Walloon latitude in the longitude column of the same row)."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from odwb_assist.plugin import BaseTableCheck, CheckContext, Finding

from . import reference as ref
from .consistency import column_of
from .coordinates import numbers, within
from .findings import emit, one


class SwappedCoordinatesCheck(BaseTableCheck):
    name = "belgium.coordinates-swapped"
    types = ("coordinates-swapped", "coordinates-outside-wallonia")

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterator[Finding]:
        lat_col = column_of(context, "wgs84-latitude")
        lon_col = column_of(context, "wgs84-longitude")
        if not lat_col or not lon_col or lat_col not in chunk.columns or lon_col not in chunk.columns:
            return
        lat_raw, lon_raw = chunk[lat_col].astype(str), chunk[lon_col].astype(str)
        lat, lon = numbers(lat_raw.str.strip()), numbers(lon_raw.str.strip())
        lat_in_lon = within(lat, ref.WALLONIA_LON)
        lon_in_lat = within(lon, ref.WALLONIA_LAT)
        swapped = lat_in_lon & lon_in_lat
        if swapped.any():
            rows = chunk.index[swapped]
            for row, cell, other in zip(rows, lat_raw.loc[rows], lon_raw.loc[rows], strict=True):
                yield one("coordinates-swapped", int(row), cell, lat_col, context, other=other)
        # a value of the other axis without the swap on the same row: just outside Wallonia
        yield from emit("coordinates-outside-wallonia", lat_raw.loc[chunk.index[lat_in_lon & ~swapped]], lat_col, context)
        yield from emit("coordinates-outside-wallonia", lon_raw.loc[chunk.index[lon_in_lat & ~swapped]], lon_col, context)
