"""Metadata proposals: the spatial coverage of a dataset from its NIS, postal-code or coordinate columns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from . import coordinates, nis, postal
from . import reference as ref
from .detection import columns_of_kind

MAX_ROWS = 200_000
# Opendatasoft territory code of Belgium; commune-level codes for Belgium are UNCONFIRMED (ods-api.md).
GEOGRAPHIC_REFERENCE = ["world_be"]


def read_frame(source: Any) -> pd.DataFrame | None:
    """The table as text cells, through the quality engine's reader when it exists."""
    if source is None:
        return None
    try:
        from odwb_assist.plugin import read_table
    except ImportError:
        read_table = None  # type: ignore[assignment]
    try:
        if read_table is not None:
            return read_table(source).frame.head(MAX_ROWS)
        path = Path(source)
        if path.suffix.lower() not in (".csv", ".txt"):
            return None
        return pd.read_csv(path, sep=None, engine="python", dtype=str, keep_default_na=False, nrows=MAX_ROWS,
                           encoding_errors="replace")
    except Exception:  # a proposal is a bonus: an unreadable file is the quality check's business
        return None


def communes_in(frame: pd.DataFrame) -> set[str]:
    """Current NIS codes of the Walloon communes named by the NIS or postal-code columns."""
    codes: set[str] = set()
    for column in columns_of_kind(frame, nis.KIND):
        for value in frame[column].astype(str).str.strip().unique():
            code = nis.current_code(value)
            if code in ref.communes():
                codes.add(code)
    for column in columns_of_kind(frame, postal.KIND):
        for value in frame[column].astype(str).str.strip().unique():
            owner = ref.postal_to_nis().get(value)
            if owner:
                codes.add(owner)
    return codes


def points_in_wallonia(frame: pd.DataFrame) -> bool:
    lat_cols = columns_of_kind(frame, coordinates.LATITUDE)
    lon_cols = columns_of_kind(frame, coordinates.LONGITUDE)
    if not lat_cols or not lon_cols:
        return False
    lat = coordinates.numbers(frame[lat_cols[0]].astype(str).str.strip())
    lon = coordinates.numbers(frame[lon_cols[0]].astype(str).str.strip())
    inside = coordinates.within(lat, ref.WALLONIA_LAT) & coordinates.within(lon, ref.WALLONIA_LON)
    return bool(inside.mean() >= 0.9) if len(inside) else False


def describe(codes: set[str]) -> str:
    """« Namur (code INS 92094) », « Province de Namur : 3 communes », « Wallonie : 12 communes »."""
    communes = [ref.communes()[c] for c in sorted(codes)]
    if len(communes) == 1:
        return f"{communes[0].name_fr} (code INS {communes[0].nis_code})"
    provinces = {c.province_fr for c in communes}
    if len(provinces) == 1:
        return f"{provinces.pop()} : {len(communes)} communes"
    return f"Wallonie : {len(communes)} communes"


def propose_spatial(frame: pd.DataFrame) -> dict[str, Any]:
    codes = communes_in(frame)
    if codes:
        return {"dcat.spatial": describe(codes), "default.geographic_reference": list(GEOGRAPHIC_REFERENCE)}
    if points_in_wallonia(frame):
        return {"dcat.spatial": "Wallonie", "default.geographic_reference": list(GEOGRAPHIC_REFERENCE)}
    return {}


def enrich(source: Any, frame: pd.DataFrame | None = None) -> dict[str, Any]:
    """The spatial coverage of the table ``frame`` (its first :data:`MAX_ROWS` rows), read from ``source`` when not
    given."""
    frame = read_frame(source) if frame is None else frame.head(MAX_ROWS)
    if frame is None or frame.empty:
        return {}
    return propose_spatial(frame)
