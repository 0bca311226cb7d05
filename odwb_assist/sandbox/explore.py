"""Explore API v2.1 subset: catalogue datasets and facets, a dataset, its records and exports (csv, json).

Published datasets are public without a key; restricted ones only for their owner or a trainer.
Any ODSQL outside the supported subset gets the vendor's 400 ``{"error_code": "ODSQLError", ...}``.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from flask import Blueprint, Response, jsonify, request

from . import catalog
from .odsql import FieldResolver, ODSQLSyntaxError, parse_order_by, parse_select, parse_where, sort_rows
from .replies import caller, store

bp = Blueprint("explore", __name__, url_prefix="/api/explore/v2.1")

MAX_LIMIT = 100
MAX_WINDOW = 10000
JSON_TYPE = "application/json; charset=utf-8"


@bp.errorhandler(ODSQLSyntaxError)
def _odsql_error(exc: ODSQLSyntaxError) -> tuple[Response, int]:
    return jsonify({"message": str(exc), "error_code": "ODSQLError"}), 400


def _bad(detail: str, clause: str) -> ODSQLSyntaxError:
    return ODSQLSyntaxError(detail, clause)


def _json(data: Any) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), mimetype=JSON_TYPE)


def _int(name: str, default: int) -> int:
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(str(raw))
    except ValueError:
        raise _bad(f"'{name}' must be an integer, got '{raw}'.", name) from None


def _window(default_limit: int, *, export: bool = False) -> tuple[int, int]:
    limit = _int("limit", default_limit)
    offset = _int("offset", 0)
    if offset < 0:
        raise _bad("'offset' must be positive.", "offset")
    if export:
        return limit, offset
    if limit < 0 or limit > MAX_LIMIT:
        raise _bad(f"'limit' must be between 0 and {MAX_LIMIT}; use /exports for more records.", "limit")
    if offset + limit > MAX_WINDOW:
        raise _bad(f"offset + limit must stay below {MAX_WINDOW}; use /exports for more records.", "offset")
    return limit, offset


def _list_arg(name: str) -> list[str]:
    values: list[str] = []
    for raw in request.args.getlist(name):
        values.extend(v.strip() for v in raw.split(",") if v.strip())
    return values


def _query(rows: list[dict[str, Any]], fields: FieldResolver, refine_facets: list[str] | tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows after ``where`` (all of them, ANDed), ``refine``, ``exclude`` and ``order_by``."""
    if request.args.get("group_by"):
        raise _bad("group_by is not supported by the sandbox.", "group_by")
    predicates = [parse_where(w, fields) for w in request.args.getlist("where")]
    keep = catalog.refine_filter(request.args.getlist("refine"), request.args.getlist("exclude"), refine_facets)
    rows = [r for r in rows if keep(r) and all(p(r) for p in predicates)]
    order = request.args.get("order_by")
    return sort_rows(rows, parse_order_by(order, fields)) if order and order.strip() else rows


def _selected(rows: list[dict[str, Any]], fields: FieldResolver) -> list[dict[str, Any]] | None:
    select = request.args.get("select")
    if not select or not select.strip():
        return None
    items = parse_select(select, fields)
    return [{alias: row.get(key) for key, alias in items} for row in rows]


# -- catalogue -------------------------------------------------------------------------------

def _catalog_rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    items = catalog.published(store(), caller())
    return items, [catalog.flat_row(item) for item in items]


@bp.get("/catalog/datasets")
def datasets() -> Response:
    limit, offset = _window(10)
    items, rows = _catalog_rows()
    by_uid = {item["dataset_uid"]: item for item in items}
    fields = catalog.resolver(rows)
    matched = _query(rows, fields, catalog.FACETS + ("modified",))
    page = matched[offset:offset + limit]
    selected = _selected(page, fields)
    results = selected if selected is not None else [by_uid[r["dataset_uid"]] for r in page]
    return _json({"total_count": len(matched), "results": results})


@bp.get("/catalog/facets")
def facets() -> Response:
    _items, rows = _catalog_rows()
    wanted = _list_arg("facet") or list(catalog.FACETS)
    unknown = [f for f in wanted if f not in catalog.FACETS]
    if unknown:
        raise _bad(f"Unknown facet(s): {', '.join(unknown)} (facets: {', '.join(catalog.FACETS)}).", "facet")
    matched = _query(rows, catalog.resolver(rows), catalog.FACETS + ("modified",))
    return _json({"facets": catalog.facet_counts(matched, wanted, request.args.getlist("refine"))})


def _dataset(dataset_id: str) -> dict[str, Any]:
    from .replies import error

    user = caller()
    found = store().dataset_by_id(dataset_id)
    if found is None or not found["is_published"]:
        error(404, "DatasetNotFound", f"Unknown dataset: {dataset_id} (it does not exist or is not published).")
    if not catalog.visible(found, user):
        if user is None:
            error(401, "AuthenticationRequired", f"Dataset {dataset_id} is restricted: send an API key that may see it.")
        error(404, "DatasetNotFound", f"Unknown dataset: {dataset_id}.")
    return found


@bp.get("/catalog/datasets/<dataset_id>")
def dataset(dataset_id: str) -> Response:
    found = _dataset(dataset_id)
    s = store()
    from . import domain

    return _json(catalog.explore_dataset(found, s.get_setting("licenses", domain.DEFAULT_LICENSES),
                                         s.get_setting("themes", domain.DEFAULT_THEMES)))


# -- records ---------------------------------------------------------------------------------

def _records(dataset_id: str) -> tuple[list[dict[str, Any]], FieldResolver, list[dict[str, Any]]]:
    found = _dataset(dataset_id)
    schema = found["fields"]
    names = [f["name"] for f in schema]
    fields = FieldResolver(names, text_fields=[f["name"] for f in schema if f["type"] == "text"])
    rows = [data for _rid, data in store().records(found["uid"])]
    return _query(rows, fields, names), fields, schema


@bp.get("/catalog/datasets/<dataset_id>/records")
def records(dataset_id: str) -> Response:
    limit, offset = _window(10)
    rows, fields, _schema = _records(dataset_id)
    page = rows[offset:offset + limit]
    selected = _selected(page, fields)
    return _json({"total_count": len(rows), "results": selected if selected is not None else page})


@bp.get("/catalog/datasets/<dataset_id>/records/<record_id>")
def record(dataset_id: str, record_id: str) -> Response:
    from .replies import error

    found = _dataset(dataset_id)
    for rid, data in store().records(found["uid"]):
        if rid == record_id:
            return _json(data)
    error(404, "RecordNotFound", f"Unknown record: {record_id}.")


@bp.get("/catalog/datasets/<dataset_id>/exports")
def exports(dataset_id: str) -> Response:
    _dataset(dataset_id)
    base = request.base_url.rstrip("/")
    return _json({"links": [{"rel": fmt, "href": f"{base}/{fmt}"} for fmt in ("csv", "json", "jsonl")]})


@bp.get("/catalog/datasets/<dataset_id>/exports/<fmt>")
def export(dataset_id: str, fmt: str) -> Response:
    from .replies import error

    if fmt not in ("csv", "json", "jsonl"):
        error(400, "InvalidRESTParameterError", f"The sandbox exports csv, json and jsonl, not '{fmt}'.")
    limit, offset = _window(-1, export=True)
    rows, fields, schema = _records(dataset_id)
    rows = rows[offset:] if limit < 0 else rows[offset:offset + limit]
    selected = _selected(rows, fields)
    rows = selected if selected is not None else rows
    if fmt == "json":
        return _json(rows)
    if fmt == "jsonl":
        return Response("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), mimetype="application/jsonl")
    return _csv(rows, schema, dataset_id, selected is not None)


def _csv(rows: list[dict[str, Any]], schema: list[dict[str, Any]], dataset_id: str, selected: bool) -> Response:
    delimiter = request.args.get("delimiter", ";") or ";"
    list_separator = request.args.get("list_separator", ",")
    quote_all = request.args.get("quote_all", "false").lower() == "true"
    with_bom = request.args.get("with_bom", "true").lower() != "false"
    use_labels = request.args.get("use_labels", "false").lower() == "true"
    names = list(rows[0]) if selected and rows else [f["name"] for f in schema]
    labels = {f["name"]: f["label"] for f in schema}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter[0], quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")
    writer.writerow([labels.get(n, n) if use_labels else n for n in names])
    for row in rows:
        writer.writerow(["" if row.get(n) is None else list_separator.join(map(str, row[n]))
                         if isinstance(row.get(n), list) else row[n] for n in names])
    text = ("\ufeff" if with_bom else "") + buffer.getvalue()
    return Response(text.encode("utf-8"), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{dataset_id}.csv"'})
