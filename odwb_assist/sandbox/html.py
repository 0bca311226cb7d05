"""The read-only HTML catalogue: « votre jeu de données est en ligne » for the room's projector."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

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
    records = [data for _rid, data in store().records(found["uid"])[:20]]
    return render_template("sandbox_dataset.html", item=item, meta=item["metas"]["default"], records=records,
                           fields=item["fields"])
