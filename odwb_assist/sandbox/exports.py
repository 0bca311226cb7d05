"""Export files of a dataset (``/exports/{format}``) and of the catalogue (``/catalog/exports/{format}``).

CSV as the vendor writes it: ``;`` by default, UTF-8 with a BOM (``with_bom``, v2.1 default),
``list_separator`` for multivalued fields, ``quote_all``, ``use_labels``. XLSX: one sheet, every text
written as a text cell (a value starting with ``=`` never becomes a formula). GeoJSON: one feature per
record, its geometry from the first ``geo_point_2d`` / ``geo_shape`` field (null without one). Parquet
(pyarrow): columns typed from the field types, ``parquet_compression`` snappy (default) or zstd.
The RDF formats of the catalogue are built by :mod:`.dcat`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from flask import Response, request

from .replies import error

DATASET_FORMATS = ("csv", "json", "jsonl", "geojson", "xlsx", "parquet")
RDF_FORMATS = ("rdf", "ttl", "dcat", "dcat_ap_benap")
CATALOG_FORMATS = ("csv", "json", "jsonl", "xlsx", *RDF_FORMATS)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TYPES = {"json": "application/json; charset=utf-8", "jsonl": "application/jsonl; charset=utf-8",
         "csv": "text/csv; charset=utf-8", "geojson": "application/geo+json; charset=utf-8", "xlsx": XLSX_TYPE,
         "parquet": "application/vnd.apache.parquet"}
EXTENSIONS = {"geojson": "geojson", "jsonl": "jsonl"}

Row = dict[str, Any]


def _jsonable(value: Any) -> Any:
    """What JSON cannot write as is: a date literal selected or computed (``select=date'2021-01-01'``)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=_jsonable)


def _flag(name: str, default: bool) -> bool:
    return (request.args.get(name) or str(default)).strip().lower() in ("true", "1", "yes")


def file_response(content: bytes, fmt: str, name: str) -> Response:
    """The export file; gzipped (``name.ext.gz``, ``application/gzip``) when ``compressed=true``."""
    filename = f"{name}.{EXTENSIONS.get(fmt, fmt)}"
    content_type = TYPES[fmt]
    if request.path.startswith("/api/") and _flag("compressed", False):
        import gzip

        content, filename, content_type = gzip.compress(content, mtime=0), filename + ".gz", "application/gzip"
    return Response(content, content_type=content_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _columns(rows: list[Row], schema: list[dict[str, Any]], custom: bool) -> list[tuple[str, str, str]]:
    """``(key, label, type)`` of each output column: the dataset's fields, or the keys a select produced."""
    if not custom:
        return [(f["name"], f.get("label") or f["name"], f["type"]) for f in schema]
    types = {f["name"]: f for f in schema}
    keys = list(dict.fromkeys(k for row in rows for k in row))
    return [(k, types[k].get("label") or k if k in types else k, types[k]["type"] if k in types else "") for k in keys]


def _text(value: Any, list_separator: str) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return list_separator.join(str(_text(v, list_separator)) for v in value)
    if isinstance(value, dict):
        if set(value) == {"lat", "lon"}:
            return f"{value['lat']}, {value['lon']}"
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return str(value).lower()
    return value


def csv_bytes(rows: Iterable[Row], header: list[str], keys: list[str], *, delimiter: str = ";", list_separator: str = ",",
              quote_all: bool = False, with_bom: bool = True) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_text(row.get(k), list_separator) for k in keys])
    return (("\ufeff" if with_bom else "") + buffer.getvalue()).encode("utf-8")


def _csv_options() -> dict[str, Any]:
    delimiter = request.args.get("delimiter") or ";"
    if delimiter not in (";", ",", "\t", "|"):
        error(400, "InvalidRESTParameterError", "'delimiter' must be one of ';', ',', tab or '|'.")
    return {"delimiter": delimiter, "list_separator": request.args.get("list_separator", ","),
            "quote_all": _flag("quote_all", False), "with_bom": _flag("with_bom", True)}


def xlsx_bytes(rows: Iterable[Row], header: list[str], keys: list[str], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "data")

    def cell(value: Any) -> Any:
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            written.data_type = "s"  # never a formula, whatever the text starts with
        return written

    sheet.append([cell(h) for h in header])
    for row in rows:
        sheet.append([cell(_text(row.get(k), ", ") if not isinstance(row.get(k), int | float) or isinstance(
            row.get(k), bool) else row.get(k)) for k in keys])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _geometry(value: Any) -> dict[str, Any] | None:
    if isinstance(value, dict) and "lat" in value and "lon" in value:
        return {"type": "Point", "coordinates": [value["lon"], value["lat"]]}
    if isinstance(value, dict) and "type" in value:
        return value.get("geometry") if value.get("type") == "Feature" else value
    if isinstance(value, str) and "," in value:
        try:
            lat, lon = (float(part) for part in value.split(",", 1))
        except ValueError:
            return None
        return {"type": "Point", "coordinates": [lon, lat]}
    return None


def geojson_bytes(rows: Iterable[Row], columns: list[tuple[str, str, str]]) -> bytes:
    geo = next((key for key, _label, kind in columns if kind in ("geo_point_2d", "geo_shape")), None)
    features = [{"type": "Feature", "geometry": _geometry(row.get(geo)) if geo else None,
                 "properties": {k: row.get(k) for k, _label, _kind in columns if k != geo}} for row in rows]
    return dumps({"type": "FeatureCollection", "features": features}).encode("utf-8")


def parquet_bytes(rows: list[Row], columns: list[tuple[str, str, str]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    compression = request.args.get("parquet_compression") or "snappy"
    if compression not in ("snappy", "zstd"):
        error(400, "InvalidRESTParameterError", "'parquet_compression' must be 'snappy' or 'zstd'.")
    arrow = {"int": pa.int64(), "double": pa.float64(), "date": pa.date32(), "datetime": pa.timestamp("ms", tz="UTC"),
             "boolean": pa.bool_(), "geo_point_2d": pa.struct([("lon", pa.float64()), ("lat", pa.float64())])}
    arrays, names = [], []
    for key, _label, kind in columns:
        values = [row.get(key) for row in rows]
        if kind in ("date", "datetime"):
            from .odsql_lexer import as_datetime

            moments = [as_datetime(v) if isinstance(v, str) else None for v in values]
            values = [m.date() if m and kind == "date" else m for m in moments]
        elif kind not in arrow:
            values = [None if v is None else str(_text(v, ",")) for v in values]
        try:
            arrays.append(pa.array(values, type=arrow.get(kind, pa.string())))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
            arrays.append(pa.array([None if v is None else str(v) for v in values], type=pa.string()))
        names.append(key)
    out = io.BytesIO()
    pq.write_table(pa.Table.from_arrays(arrays, names=names), out, compression=compression)
    return out.getvalue()


def dataset_export(fmt: str, rows: list[Row], schema: list[dict[str, Any]], dataset_id: str, *, custom: bool) -> Response:
    """The export file of a dataset's (selected) records."""
    if (request.args.get("epsg") or "4326").strip() != "4326":
        error(400, "InvalidRESTParameterError", "The sandbox exports geometries in EPSG:4326 (WGS 84) only.")
    columns = _columns(rows, schema, custom)
    keys = [key for key, _label, _kind in columns]
    header = [label for _key, label, _kind in columns] if _flag("use_labels", False) else keys
    if fmt == "json":
        return file_response(dumps(rows).encode("utf-8"), fmt, dataset_id)
    if fmt == "jsonl":
        return file_response("".join(dumps(r) + "\n" for r in rows).encode("utf-8"), fmt, dataset_id)
    if fmt == "csv":
        return file_response(csv_bytes(rows, header, keys, **_csv_options()), fmt, dataset_id)
    if fmt == "xlsx":
        return file_response(xlsx_bytes(rows, header, keys, dataset_id), fmt, dataset_id)
    if fmt == "geojson":
        return file_response(geojson_bytes(rows, columns), fmt, dataset_id)
    return file_response(parquet_bytes(rows, columns), fmt, dataset_id)


# -- catalogue -------------------------------------------------------------------------------

def catalog_columns(items: list[Row]) -> list[str]:
    """``dataset_id``, ``dataset_uid``, every ``metas.default`` key, then ``template.field`` of the others."""
    from .catalog import METAS_DEFAULT_KEYS

    others = dict.fromkeys(f"{template}.{name}" for item in items for template, values in item["metas"].items()
                           if template != "default" for name in values)
    return ["dataset_id", "dataset_uid", *METAS_DEFAULT_KEYS, *others]


def _catalog_flat(item: Row) -> Row:
    row: Row = {"dataset_id": item["dataset_id"], "dataset_uid": item["dataset_uid"]}
    for template, values in item["metas"].items():
        for name, value in values.items():
            row[name if template == "default" else f"{template}.{name}"] = value
    return row


def catalog_table(fmt: str, items: list[Row], selected: bool) -> Response:
    """The catalogue as json / jsonl (dataset objects, or the selected keys) or csv / xlsx (one row per dataset)."""
    if fmt == "json":
        return file_response(dumps(items).encode("utf-8"), fmt, "catalog")
    if fmt == "jsonl":
        return file_response("".join(dumps(i) + "\n" for i in items).encode("utf-8"), fmt, "catalog")
    rows = items if selected else [_catalog_flat(item) for item in items]
    keys = list(dict.fromkeys(k for row in rows for k in row)) if selected else catalog_columns(items)
    if fmt == "csv":
        return file_response(csv_bytes(rows, keys, keys, **_csv_options()), fmt, "catalog")
    return file_response(xlsx_bytes(rows, keys, keys, "catalog"), fmt, "catalog")


def catalog_rdf(fmt: str, items: list[Row], base_url: str, restricted: set[str]) -> Response:
    from .dcat import catalog_graph, serialize

    content, content_type = serialize(catalog_graph(items, base_url, fmt, restricted), fmt)
    extension = "ttl" if fmt == "ttl" else "xml"
    return Response(content, content_type=content_type,
                    headers={"Content-Disposition": f'attachment; filename="catalog.{extension}"'})
