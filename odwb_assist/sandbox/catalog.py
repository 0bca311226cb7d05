"""The published catalogue as Explore v2.1 shows it: dataset objects (``metas.default.*``), flat rows
for ODSQL on the catalogue, refine/exclude on facets, and facet counts. Shared by the Explore API
and the HTML catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import domain
from .attachments import by_dataset, explore_items
from .odsql import FieldResolver, ODSQLSyntaxError, as_datetime
from .store import Store, User

METAS_DEFAULT_KEYS = (
    "title", "description", "keyword", "theme", "license", "license_url", "language", "metadata_languages",
    "modified", "modified_updates_on_data_change", "modified_updates_on_metadata_change", "data_processed",
    "metadata_processed", "records_count", "publisher", "references", "attributions", "geographic_reference",
    "geographic_reference_auto", "geographic_area", "geographic_area_mode", "territory", "timezone", "federated",
    "source_domain", "source_domain_address", "source_domain_title", "source_dataset", "parent_domain",
    "shared_catalog", "oauth_scope",
)
FACETS = ("publisher", "theme", "keyword", "license", "language", "features")
REFINABLE = (*FACETS, "modified", "data_processed", "metadata_processed")
DATE_FACETS = {"modified": "datetime", "data_processed": "datetime", "metadata_processed": "datetime"}
TEXT_FIELDS = ["title", "description", "keyword", "theme", "publisher", "dataset_id"]


def visible(dataset: dict[str, Any], user: User | None) -> bool:
    """Published, and public or seen by its owner or a trainer."""
    if not dataset["is_published"]:
        return False
    return not dataset["is_restricted"] or (user is not None and (user.is_admin or user.name == dataset["owner"]))


def explore_dataset(dataset: dict[str, Any], licenses: list[dict[str, str]], themes: list[dict[str, str]],
                    attachments: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The Explore v2.1 dataset object of a published dataset (its last published metadata and its attachments,
    as :func:`.attachments.listing` gives them)."""
    metadata = dataset["published_metadata"]
    default = dict(metadata.get("default") or {})
    internal = metadata.get("internal") or {}
    license_item = next((item for item in licenses if item["id"] == internal.get("license_id")), None)
    theme_labels = [item["label"] for item in themes if item["id"] in (internal.get("theme_id") or [])]
    metas_default: dict[str, Any] = dict.fromkeys(METAS_DEFAULT_KEYS)
    metas_default.update({k: v for k, v in default.items() if k in METAS_DEFAULT_KEYS})
    language = default.get("language") or "fr"
    metas_default.update({
        "theme": theme_labels or None, "license": license_item["label"] if license_item else None,
        "license_url": license_item.get("url") if license_item else None, "language": language,
        "metadata_languages": [language], "data_processed": dataset["data_processed"],
        "metadata_processed": dataset["metadata_processed"], "records_count": dataset["records_count"],
        "federated": False, "modified_updates_on_data_change": bool(default.get("modified_updates_on_data_change")),
        "modified_updates_on_metadata_change": bool(default.get("modified_updates_on_metadata_change")),
        "geographic_reference_auto": bool(default.get("geographic_reference_auto")),
    })
    metas: dict[str, Any] = {"default": metas_default}
    for template, values in metadata.items():
        if template not in ("default", "internal") and values:
            metas[template] = dict(values)
    features = ["analyze"]
    if any(f["type"] in ("date", "datetime") for f in dataset["fields"]):
        features.append("timeserie")
    if any(f["type"] in ("geo_point_2d", "geo_shape") for f in dataset["fields"]):
        features.append("geo")
    return {
        "dataset_id": dataset["dataset_id"], "dataset_uid": dataset["uid"],
        "attachments": explore_items(attachments or []),
        "has_records": dataset["records_count"] > 0, "data_visible": True, "fields": _annotated(dataset),
        "metas": metas, "features": features,
    }


def configured_facets(dataset: dict[str, Any]) -> list[dict[str, Any]]:
    """The dataset's facets: ``asset_content_configuration.facets`` of its published metadata (the vendor's
    place for them), else the fields annotated ``facet``; each ``{"field_name", "facetsort"?, "disjunctive"?}``."""
    names = {f["name"] for f in dataset["fields"]}
    configured = ((dataset["published_metadata"].get("asset_content_configuration") or {}).get("facets"))
    if isinstance(configured, list):
        return [c for c in configured if isinstance(c, dict) and c.get("field_name") in names]
    found = []
    for field in dataset["fields"]:
        annotations = field.get("annotations") or {}
        if isinstance(annotations, dict) and "facet" in annotations:
            found.append({"field_name": field["name"], "facetsort": (annotations.get("facetsort") or [None])[0],
                          "disjunctive": "disjunctive" in annotations})
    return found


def _annotated(dataset: dict[str, Any]) -> list[dict[str, Any]]:
    """The fields, with the ``facet`` / ``facetsort`` / ``disjunctive`` annotations of the configured facets."""
    facets = {c["field_name"]: c for c in configured_facets(dataset)}
    fields = []
    for field in dataset["fields"]:
        annotations = dict(field.get("annotations") or {}) if isinstance(field.get("annotations"), dict) else {}
        config = facets.get(field["name"])
        if config is not None:
            annotations["facet"] = []
            if config.get("facetsort"):
                annotations["facetsort"] = [config["facetsort"]]
            if config.get("disjunctive"):
                annotations["disjunctive"] = []
        fields.append({**field, "annotations": annotations})
    return fields


def flat_row(item: dict[str, Any]) -> dict[str, Any]:
    """The names a catalogue ``where``/``select``/``order_by`` can use (``default.`` prefix optional)."""
    row: dict[str, Any] = {k: item[k] for k in ("dataset_id", "dataset_uid", "has_records", "features", "data_visible",
                                                "fields", "attachments")}
    for template, values in item["metas"].items():
        for name, value in values.items():
            row[name if template == "default" else f"{template}.{name}"] = value
    return row


def resolver(rows: list[dict[str, Any]]) -> FieldResolver:
    names: list[str] = ["dataset_id", "dataset_uid", "has_records", "features", "data_visible", "fields", "attachments",
                        *METAS_DEFAULT_KEYS]
    for row in rows:
        names.extend(k for k in row if k not in names)
    for template, (_title, _kind, fields) in domain.TEMPLATES.items():
        if template not in ("default", "internal"):
            names.extend(f"{template}.{name}" for name, *_rest in fields if f"{template}.{name}" not in names)
    aliases = {f"default.{name}": name for name in METAS_DEFAULT_KEYS}
    return FieldResolver(names, aliases, TEXT_FIELDS)


def published(store: Store, user: User | None) -> list[dict[str, Any]]:
    """The Explore objects of every dataset the caller may see, in catalogue order (title)."""
    licenses = store.get_setting("licenses", domain.DEFAULT_LICENSES)
    themes = store.get_setting("themes", domain.DEFAULT_THEMES)
    _total, rows = store.datasets(published_only=True)
    files = by_dataset(store)
    items = [explore_dataset(d, licenses, themes, files.get(d["uid"])) for d in rows if visible(d, user)]
    return sorted(items, key=lambda item: str(item["metas"]["default"].get("title") or item["dataset_id"]).lower())


def _facet_values(row: dict[str, Any], facet: str) -> list[str]:
    value = row.get(facet)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def refine_filter(refines: list[str], excludes: list[str],
                  facets: list[str] | tuple[str, ...]) -> Callable[[dict[str, Any]], bool]:
    """A row predicate for ``refine=facet:value`` / ``exclude=facet:value`` (dates refine by prefix)."""
    def parse(expr: str) -> tuple[str, str]:
        facet, sep, value = expr.partition(":")
        if not sep or facet not in facets:
            raise ODSQLSyntaxError(f"Unknown facet in '{expr}' (facets: {', '.join(facets)}).", "refine")
        return facet, value

    wanted = [parse(r) for r in refines]
    unwanted = [parse(e) for e in excludes]

    def matches(row: dict[str, Any], facet: str, value: str) -> bool:
        raw = row.get(facet)
        if as_datetime(raw) is not None and not isinstance(raw, list):
            return str(raw).startswith(value.replace("/", "-"))
        values = _facet_values(row, facet)
        return value in values or any(v.startswith(value + "/") for v in values)  # a hierarchical facet's branch

    return lambda row: all(matches(row, f, v) for f, v in wanted) and not any(matches(row, f, v) for f, v in unwanted)


def facet_counts(rows: list[dict[str, Any]], facets: list[str], refines: list[str]) -> list[dict[str, Any]]:
    """The vendor's ``facets`` list of the catalogue rows (refined on ``refines``): values with their dataset count."""
    from .facets import FacetSpec
    from .facets import facet_counts as counts

    return counts(rows, [FacetSpec(f) for f in facets], refines, DATE_FACETS,
                  lambda refs: refine_filter(refs, [], REFINABLE))
