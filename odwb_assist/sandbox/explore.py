"""Explore API v2.1: the catalogue (datasets, facets, exports), a dataset, its records, facets, attachments
and exports, with ODSQL ``where``/``select``/``group_by``/``order_by``, ``refine``/``exclude`` and aggregates.

Published datasets are public without a key; restricted ones only for their owner or a trainer.
Any ODSQL outside the supported subset gets the vendor's 400 ``{"error_code": "ODSQLError", ...}``.
A records page without filter or sort is read with SQL ``LIMIT/OFFSET``; anything else streams the
records (:mod:`.record_reads`), so no request decodes a whole dataset it does not need.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, jsonify, request

from . import attachments, catalog, exports, facets, record_reads
from .aggregation import aggregate
from .domain import LANGUAGES
from .odsql import FieldResolver, ODSQLSyntaxError, parse_where, sort_rows_by
from .odsql_expr import GroupItem, Selection, parse_group_by, parse_order_items, parse_selection
from .odsql_functions import LANG, TIMEZONE, valid_timezone
from .replies import caller, error, store

bp = Blueprint("explore", __name__, url_prefix="/api/explore/v2.1")

MAX_LIMIT = 100
MAX_WINDOW = 10000
MAX_GROUP_LIMIT = 20000
JSON_TYPE = "application/json; charset=utf-8"

Row = dict[str, Any]


@bp.errorhandler(ODSQLSyntaxError)
def _odsql_error(exc: ODSQLSyntaxError) -> tuple[Response, int]:
    return jsonify({"message": str(exc), "error_code": "ODSQLError"}), 400


def _bad(detail: str, clause: str) -> ODSQLSyntaxError:
    return ODSQLSyntaxError(detail, clause)


def _json(data: Any) -> Response:
    return Response(exports.dumps(data), content_type=JSON_TYPE)


def _int(name: str, default: int) -> int:
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(str(raw))
    except ValueError:
        raise _bad(f"'{name}' must be an integer, got '{raw}'.", name) from None
    if abs(value) > 10 ** 12:
        raise _bad(f"'{name}' is out of range.", name)
    return value


def _window(default_limit: int, *, export: bool = False, grouped: bool = False) -> tuple[int, int]:
    limit = _int("limit", default_limit)
    offset = _int("offset", 0)
    if offset < 0:
        raise _bad("'offset' must be positive.", "offset")
    if export:
        if limit < -1:
            raise _bad("'limit' must be -1 (everything) or positive.", "limit")
        return limit, offset
    if grouped:
        limit = MAX_GROUP_LIMIT if limit == -1 else limit
        if limit < 0 or offset + limit > MAX_GROUP_LIMIT:
            raise _bad(f"with a group_by, 'limit' must be between 0 and {MAX_GROUP_LIMIT} and offset + limit stay"
                       f" below {MAX_GROUP_LIMIT}.", "limit")
        return limit, offset
    if limit < 0 or limit > MAX_LIMIT:
        raise _bad(f"'limit' must be between 0 and {MAX_LIMIT}; use /exports for more records.", "limit")
    if offset + limit > MAX_WINDOW:
        raise _bad(f"offset + limit must stay below {MAX_WINDOW}; use /exports for more records.", "offset")
    return limit, offset


@dataclass
class Query:
    """The ODSQL of one request, parsed once."""

    fields: FieldResolver
    keep: Callable[[Row], bool]
    selection: Selection | None
    groups: list[GroupItem]
    order: str | None
    filtered: bool

    @property
    def aggregated(self) -> bool:
        return bool(self.groups) or (self.selection is not None and self.selection.aggregated)

    @property
    def plain(self) -> bool:
        return not (self.filtered or self.order or self.aggregated)

    def run(self, rows: Iterable[Row]) -> list[Row]:
        """Matching rows, sorted, or the groups of an aggregated query (the selection not yet applied)."""
        matched: Iterator[Row] = (row for row in rows if self.keep(row))
        if self.aggregated:
            return aggregate(matched, self.selection, self.groups, self.order, self.fields)
        kept = list(matched)
        return sort_rows_by(kept, self.ordering()) if self.order else kept

    def ordering(self) -> list[tuple[Callable[[Row], Any], bool]]:
        """The sort keys of a non-aggregated ``order_by`` (fields, expressions, select labels)."""
        labels = {item.name: item for item in (self.selection.items if self.selection else [])}
        order = []
        for item, descending in parse_order_items(self.order or "", self.fields, list(labels)):
            if item.aggregate is not None:
                raise _bad(f"'{item.name}' is an aggregate: add a group_by, or order by a field.", "order_by")
            source = labels[item.name] if item.field == item.name and item.name in labels else item
            order.append((source.value or (lambda row: None), descending))
        return order

    def project(self, rows: list[Row]) -> list[Row]:
        """``select`` applied to a page of (non-aggregated) rows."""
        if self.selection is None or self.aggregated:
            return rows
        selection = self.selection
        names = selection.fields if selection.fields is not None else ([] if selection.items else list(self.fields.names))
        return [{**{n: row.get(n) for n in names}, **{i.name: i.value(row) for i in selection.items if i.value}}
                for row in rows]


@bp.before_request
def _timezone() -> None:
    zone = (request.args.get("timezone") or "UTC").strip()
    if not valid_timezone(zone):
        raise _bad(f"Unknown timezone '{zone}' (use an IANA name such as Europe/Brussels).", "timezone")
    TIMEZONE.set(zone)
    lang = (request.args.get("lang") or "fr").strip().lower()
    if lang not in LANGUAGES:
        raise _bad(f"Unknown lang '{lang}' (one of {', '.join(LANGUAGES)}).", "lang")
    LANG.set(lang)


@bp.teardown_request
def _timezone_reset(_exc: BaseException | None) -> None:
    TIMEZONE.set("UTC")  # the worker thread serves the next request, of any blueprint, in UTC and French
    LANG.set("fr")


def parse_query(fields: FieldResolver, refine_facets: list[str] | tuple[str, ...]) -> Query:
    predicates = [parse_where(w, fields) for w in request.args.getlist("where")]
    refines, excludes = request.args.getlist("refine"), request.args.getlist("exclude")
    refine = catalog.refine_filter(refines, excludes, refine_facets)
    select = request.args.get("select")
    group_by = request.args.get("group_by")
    order = request.args.get("order_by")
    query = Query(
        fields, lambda row: refine(row) and all(p(row) for p in predicates),
        parse_selection(select, fields) if select and select.strip() else None,
        parse_group_by(group_by, fields) if group_by and group_by.strip() else [],
        order if order and order.strip() else None, bool(predicates or refines or excludes))
    if query.order and not query.aggregated:
        query.ordering()  # a malformed order_by is a 400 before any record is read
    return query


# -- catalogue -------------------------------------------------------------------------------

def _catalog() -> tuple[list[Row], list[Row], Query]:
    items = catalog.published(store(), caller())
    rows = [catalog.flat_row(item) for item in items]
    return items, rows, parse_query(catalog.resolver(rows), catalog.REFINABLE)


@bp.get("/catalog/datasets")
def datasets() -> Response:
    items, rows, query = _catalog()
    limit, offset = _window(10, grouped=query.aggregated)
    matched = query.run(rows)
    if query.aggregated:
        return _json({"results": matched[offset:offset + limit]})
    by_uid = {item["dataset_uid"]: item for item in items}
    page = matched[offset:offset + limit]
    results = query.project(page) if query.selection is not None else [by_uid[r["dataset_uid"]] for r in page]
    return _json({"total_count": len(matched), "results": results})


def _facet_response(rows: Iterable[Row], names: list[str], kinds: dict[str, str], specs: list[facets.FacetSpec],
                    fields: FieldResolver, sorts: dict[str, str]) -> Response:
    """Facets of the rows matching ``where`` and ``exclude`` (``refine`` is applied per facet)."""
    predicates = [parse_where(w, fields) for w in request.args.getlist("where")]
    drop = catalog.refine_filter([], request.args.getlist("exclude"), names)
    specs = [facets.FacetSpec(fields.resolve(s.name, "facet"), s.sort, s.limit, s.disjunctive, s.hierarchical,
                              s.separator) for s in specs]
    refines = request.args.getlist("refine")
    needed = {s.name for s in specs} | {r.split(":", 1)[0] for r in refines}
    kept = [{n: row.get(n) for n in needed} for row in rows if drop(row) and all(p(row) for p in predicates)]
    counts = facets.facet_counts(kept, specs, refines, kinds, lambda refs: catalog.refine_filter(refs, [], names), sorts)
    return _json({"facets": counts})


@bp.get("/catalog/facets")
def catalog_facets() -> Response:
    _items, rows, _query = _catalog()
    fields = catalog.resolver(rows)
    specs = facets.parse_facets(request.args.getlist("facet")) or [facets.FacetSpec(f) for f in catalog.FACETS]
    unknown = [s.name for s in specs if s.name not in catalog.REFINABLE]
    if unknown:
        raise _bad(f"Unknown facet(s): {', '.join(unknown)} (facets: {', '.join(catalog.REFINABLE)}).", "facet")
    return _facet_response(rows, list(catalog.REFINABLE), catalog.DATE_FACETS, specs, fields, {})


@bp.get("/catalog/exports")
def catalog_export_formats() -> Response:
    base = request.base_url.rstrip("/")
    return _json({"links": [{"rel": "self", "href": base}] +
                           [{"rel": fmt, "href": f"{base}/{fmt}"} for fmt in exports.CATALOG_FORMATS]})


@bp.get("/catalog/exports/<fmt>")
def catalog_export(fmt: str) -> Response:
    if fmt not in exports.CATALOG_FORMATS:
        error(400, "InvalidRESTParameterError",
              f"The sandbox exports the catalogue as {', '.join(exports.CATALOG_FORMATS)}, not '{fmt}'.")
    items, rows, query = _catalog()
    limit, offset = _window(-1, export=True)
    if fmt in exports.RDF_FORMATS and query.aggregated:
        raise _bad(f"a group_by or an aggregate cannot be exported as {fmt} (one RDF node per dataset).", "group_by")
    matched = query.run(rows)
    page = matched[offset:] if limit < 0 else matched[offset:offset + limit]
    by_uid = {item["dataset_uid"]: item for item in items}
    if fmt in exports.RDF_FORMATS:
        restricted = {d["uid"] for d in store().datasets(published_only=True)[1] if d["is_restricted"]}
        return exports.catalog_rdf(fmt, [by_uid[r["dataset_uid"]] for r in page], request.host_url.rstrip("/"), restricted)
    selected = query.project(page) if query.selection is not None or query.aggregated else None
    return exports.catalog_table(fmt, selected if selected is not None else [by_uid[r["dataset_uid"]] for r in page],
                                 selected is not None)


# -- one dataset -----------------------------------------------------------------------------

def _dataset(dataset_id: str) -> dict[str, Any]:
    user = caller()
    found = store().dataset_by_id(dataset_id)
    if found is None or not found["is_published"]:
        error(404, "DatasetNotFound", f"Unknown dataset: {dataset_id} (it does not exist or is not published).")
    if not catalog.visible(found, user):
        if user is None:
            error(401, "AuthenticationRequired", f"Dataset {dataset_id} is restricted: send an API key that may see it.")
        error(404, "DatasetNotFound", f"Unknown dataset: {dataset_id}.")
    return found


def _explore_object(found: dict[str, Any]) -> dict[str, Any]:
    from . import domain

    s = store()
    return catalog.explore_dataset(found, s.get_setting("licenses", domain.DEFAULT_LICENSES),
                                   s.get_setting("themes", domain.DEFAULT_THEMES), attachments.listing(s, found["uid"]))


@bp.get("/catalog/datasets/<dataset_id>")
def dataset(dataset_id: str) -> Response:
    return _json(_explore_object(_dataset(dataset_id)))


def _record_fields(found: dict[str, Any]) -> FieldResolver:
    schema = found["fields"]
    return FieldResolver([f["name"] for f in schema], text_fields=[f["name"] for f in schema if f["type"] == "text"])


def dataset_rows(found: dict[str, Any], limit: int, offset: int) -> tuple[list[Row], int | None, Query]:
    """One window of a dataset's records for this request's ODSQL: (rows, total or None when aggregated, query)."""
    fields = _record_fields(found)
    query = parse_query(fields, fields.names)
    if query.plain:
        return query.project(record_reads.page(store(), found["uid"], limit, offset)), found["records_count"], query
    matched = query.run(record_reads.stream(store(), found["uid"]))
    window = matched[offset:] if limit < 0 else matched[offset:offset + limit]
    return query.project(window), None if query.aggregated else len(matched), query


@bp.get("/catalog/datasets/<dataset_id>/records")
def records(dataset_id: str) -> Response:
    found = _dataset(dataset_id)
    grouped = bool((request.args.get("group_by") or "").strip())
    limit, offset = _window(10, grouped=grouped)
    rows, total, _query = dataset_rows(found, limit, offset)
    return _json({"results": rows} if total is None else {"total_count": total, "results": rows})


@bp.get("/catalog/datasets/<dataset_id>/records/<record_id>")
def record(dataset_id: str, record_id: str) -> Response:
    found = _dataset(dataset_id)
    data = record_reads.record(store(), found["uid"], record_id)
    if data is None:
        error(404, "RecordNotFound", f"Unknown record: {record_id}.")
    return _json(data)


@bp.get("/catalog/datasets/<dataset_id>/facets")
def dataset_facets(dataset_id: str) -> Response:
    found = _dataset(dataset_id)
    fields = _record_fields(found)
    configured = catalog.configured_facets(found)
    specs = facets.parse_facets(request.args.getlist("facet")) or [
        facets.FacetSpec(c["field_name"], disjunctive=bool(c.get("disjunctive"))) for c in configured]
    kinds = {f["name"]: f["type"] for f in found["fields"]}
    sorts = {c["field_name"]: c["facetsort"] for c in configured if c.get("facetsort")}
    return _facet_response(record_reads.stream(store(), found["uid"]), fields.names, kinds, specs, fields, sorts)


@bp.get("/catalog/datasets/<dataset_id>/attachments")
def dataset_attachments(dataset_id: str) -> Response:
    item = _explore_object(_dataset(dataset_id))
    base = request.base_url.rstrip("/")
    return _json({"attachments": [
        {"href": f"{base}/{a['id']}", "metas": {"mime-type": a["mimetype"], "title": a["title"], "url": a["url"],
                                                  "id": a["id"]}} for a in item["attachments"]]})


@bp.get("/catalog/datasets/<dataset_id>/attachments/<attachment_id>")
def attachment(dataset_id: str, attachment_id: str) -> Response:
    found = attachments.content(store(), _dataset(dataset_id)["uid"], attachment_id)
    if found is None:
        error(404, "AttachmentNotFound", f"Unknown attachment: {attachment_id}.")
    return attachments.file_response(found)


@bp.get("/catalog/datasets/<dataset_id>/exports")
def export_formats(dataset_id: str) -> Response:
    _dataset(dataset_id)
    base = request.base_url.rstrip("/")
    return _json({"links": [{"rel": "self", "href": base}] +
                           [{"rel": fmt, "href": f"{base}/{fmt}"} for fmt in exports.DATASET_FORMATS]})


@bp.get("/catalog/datasets/<dataset_id>/exports/<fmt>")
def export(dataset_id: str, fmt: str) -> Response:
    if fmt not in exports.DATASET_FORMATS:
        error(400, "InvalidRESTParameterError",
              f"The sandbox exports datasets as {', '.join(exports.DATASET_FORMATS)}, not '{fmt}'.")
    found = _dataset(dataset_id)
    limit, offset = _window(-1, export=True)
    rows, _total, query = dataset_rows(found, limit, offset)
    return exports.dataset_export(fmt, rows, found["fields"], dataset_id,
                                  custom=query.selection is not None or query.aggregated)
