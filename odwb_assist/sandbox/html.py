"""The read-only HTML catalogue: « votre jeu de données est en ligne » for the room's projector."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, render_template, request

from . import catalog
from .odsql import fold
from .replies import store

bp = Blueprint("html", __name__, template_folder="templates")

PAGE_SIZE = 50


@bp.get("/")
def index() -> str:
    items = catalog.published(store(), None)
    query = (request.args.get("q") or "").strip()
    publisher = request.args.get("publisher") or ""
    theme = request.args.get("theme") or ""
    rows = [catalog.flat_row(item) for item in items]
    facets = catalog.facet_counts(rows, ["publisher", "theme"], [])
    shown = []
    for item, row in zip(items, rows, strict=True):
        text = fold(" ".join(str(row.get(k) or "") for k in catalog.TEXT_FIELDS))
        if query and not all(word in text for word in fold(query).split()):
            continue
        if publisher and row.get("publisher") != publisher:
            continue
        if theme and theme not in (row.get("theme") or []):
            continue
        shown.append(item)
    return render_template("sandbox_index.html", items=shown[:PAGE_SIZE], total=len(shown), query=query,
                           publisher=publisher, theme=theme, facets={f["name"]: f["facets"] for f in facets})


@bp.get("/explore/dataset/<dataset_id>/")
def dataset_page(dataset_id: str) -> str:
    found = store().dataset_by_id(dataset_id)
    if found is None or not catalog.visible(found, None):
        abort(404)
    from . import domain

    item = catalog.explore_dataset(found, store().get_setting("licenses", domain.DEFAULT_LICENSES),
                                   store().get_setting("themes", domain.DEFAULT_THEMES))
    from .record_reads import page

    records = page(store(), found["uid"], 20, 0)
    return render_template("sandbox_dataset.html", item=item, meta=item["metas"]["default"], records=records,
                           fields=item["fields"])


@bp.get("/explore/dataset/<dataset_id>/download/")
def legacy_download(dataset_id: str) -> Response:
    """The legacy whole-dataset download that older clients (odsclient) still call:
    ``?format=csv|json|jsonl|geojson|xlsx&csv_separator=;&use_labels_for_header=true&q=…&refine.<field>=…``.
    CSV has no BOM here (the v1 default); JSON is the v1 list of ``{datasetid, recordid, fields, record_timestamp}``."""
    from . import exports, record_reads
    from .odsql import FieldResolver, parse_where
    from .replies import caller

    found = store().dataset_by_id(dataset_id)
    if found is None or not catalog.visible(found, caller()):
        abort(404)
    fmt = (request.args.get("format") or "csv").lower()
    if fmt not in ("csv", "json", "jsonl", "geojson", "xlsx"):
        abort(400)
    schema = found["fields"]
    names = [f["name"] for f in schema]
    text = [f["name"] for f in schema if f["type"] == "text"]
    query = (request.args.get("q") or "").replace('"', " ").strip()
    match = parse_where(f'"{query}"', FieldResolver(names, text_fields=text)) if query else (lambda row: True)
    refines = {k[len("refine."):]: v for k, v in request.args.items() if k.startswith("refine.")}
    excludes = {k[len("exclude."):]: v for k, v in request.args.items() if k.startswith("exclude.")}
    keep = catalog.refine_filter([f"{k}:{v}" for k, v in refines.items()], [f"{k}:{v}" for k, v in excludes.items()],
                                 names)
    pairs = [(rid, row) for rid, row in record_reads.stream_pairs(store(), found["uid"]) if keep(row) and match(row)]
    rows = [row for _rid, row in pairs]
    if fmt == "json":
        stamp = found["data_processed"]
        body = [{"datasetid": dataset_id, "recordid": rid, "fields": {k: v for k, v in row.items() if v is not None},
                 "record_timestamp": stamp} for rid, row in pairs]
        return exports.file_response(json.dumps(body, ensure_ascii=False).encode("utf-8"), "json", dataset_id)
    columns = [(f["name"], f.get("label") or f["name"], f["type"]) for f in schema]
    labels = (request.args.get("use_labels_for_header") or "false").lower() == "true"
    header = [label if labels else key for key, label, _kind in columns]
    if fmt == "csv":
        separator = request.args.get("csv_separator") or ";"
        content = exports.csv_bytes(rows, header, names, delimiter=separator[0], with_bom=False)
    elif fmt == "jsonl":
        content = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    elif fmt == "geojson":
        content = exports.geojson_bytes(rows, columns)
    else:
        content = exports.xlsx_bytes(rows, header, names, dataset_id)
    return exports.file_response(content, fmt, dataset_id)

