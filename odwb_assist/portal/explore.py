"""The Explore API v2.1 (read side): catalogue search and facets, dataset detail, records, exports.

Paging follows the API's rules: ``limit`` at most 100 per call and ``offset + limit`` below 10,000;
beyond that the ``/exports/`` endpoints return everything in one answer.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests

from ..core.errors import InputError, PortalConnectionError, network_reason

if TYPE_CHECKING:
    import pandas as pd

    from .publishers import PublisherMatch
    from .transport import Transport

PAGE = 100
WINDOW = 10_000
EXPORT_FORMATS = ("csv", "json", "geojson", "parquet", "jsonl", "xlsx")

Params = list[tuple[str, Any]]


def _params(**values: Any) -> Params:
    """Query parameters without ``None``; lists become repeated parameters (``refine=a&refine=b``)."""
    out: Params = []
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            out.extend((name, item) for item in value)
        elif isinstance(value, bool):
            out.append((name, "true" if value else "false"))
        else:
            out.append((name, value))
    return out


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class ExploreAPI:
    """Read the portal's public catalogue (``client.explore``)."""

    def __init__(self, client: Transport) -> None:
        self.client = client

    def _get(self, path: str, params: Params | None = None) -> Any:
        return self.client.get_json(path, api="explore", params=params)

    # --- catalogue ----------------------------------------------------------------------------

    def catalog_datasets(
        self,
        where: str | None = None,
        select: str | None = None,
        order_by: str | None = None,
        refine: str | list[str] | None = None,
        exclude: str | list[str] | None = None,
        limit: int = 10,
        offset: int = 0,
    ) -> dict[str, Any]:
        """One page of the catalogue, raw: ``{"total_count", "results"}``."""
        params = _params(where=where, select=select, order_by=order_by, refine=refine, exclude=exclude,
                         limit=min(limit, PAGE), offset=offset)
        return dict(self._get("/catalog/datasets", params))

    def iter_catalog_datasets(
        self,
        where: str | None = None,
        select: str | None = None,
        order_by: str | None = None,
        refine: str | list[str] | None = None,
        exclude: str | list[str] | None = None,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Every dataset matching, page by page (beyond 10,000, through ``/catalog/exports/json``)."""
        offset = 0
        total: int | None = None
        while (limit is None or offset < limit) and (total is None or offset < total):
            size = PAGE if limit is None else min(PAGE, limit - offset)
            if offset + size >= WINDOW:  # the API wants offset + limit < 10,000
                size = WINDOW - 1 - offset
                if size <= 0:
                    break
            page = self.catalog_datasets(where, select, order_by, refine, exclude, limit=size, offset=offset)
            total = int(page.get("total_count") or 0)
            results = (page.get("results") or [])[: size]
            yield from results
            if not results:
                return
            offset += len(results)
        if total is not None and offset < total and (limit is None or offset < limit):
            rest = None if limit is None else limit - offset
            params = _params(where=where, select=select, order_by=order_by, refine=refine, exclude=exclude,
                             offset=offset, limit=rest if rest is not None else -1)
            yield from self._get("/catalog/exports/json", params) or []

    def catalog_facets(self, facet: list[str], where: str | None = None, refine: str | list[str] | None = None) -> dict[str, Any]:
        """Facet counts over the catalogue (``{"facets": [{"name", "facets": [{"name", "count", …}]}]}``)."""
        return dict(self._get("/catalog/facets", _params(facet=list(facet), where=where, refine=refine)))

    def publisher_matches(self, name: str, aliases: list[str] | None = None) -> list[PublisherMatch]:
        """The portal's publisher names that belong to ``name`` (« Ville de Namur - Mobilité » for « Namur »),
        each with its reason; one facet request (see :mod:`odwb_assist.portal.publishers`)."""
        from .publishers import matching_publishers

        answer = self.catalog_facets(["publisher"])
        values = [str(item.get("value") or item.get("name")) for group in answer.get("facets", [])
                  if group.get("name") == "publisher" for item in group.get("facets", [])]
        return matching_publishers(name, values, aliases or [])

    def search(
        self,
        text: str | None = None,
        publisher: str | None = None,
        theme: str | None = None,
        keyword: str | None = None,
        limit: int = 100,
        publisher_names: list[str] | None = None,
    ) -> pd.DataFrame:
        """Datasets of the catalogue as a table: id, title, publisher, themes, keywords, licence, records, modified.
        ``publisher`` is matched as the portal writes names (services, prefixes, abbreviations);
        ``publisher_names`` gives the exact names already matched."""
        if publisher and publisher_names is None:
            publisher_names = [m.publisher for m in self.publisher_matches(publisher)]
        refine = [f"{name}:{value}" for name, value in (("theme", theme), ("keyword", keyword)) if value]
        clauses = [_quote(text)] if text else []
        if publisher_names is not None:
            if not publisher_names:
                import pandas as pd

                return pd.DataFrame([], columns=list(SUMMARY_COLUMNS))
            clauses.append("publisher IN (" + ", ".join(_quote(n) for n in publisher_names) + ")")
        where = " AND ".join(clauses) or None
        import pandas as pd

        rows = [_summary(item) for item in self.iter_catalog_datasets(where=where, refine=refine or None, limit=limit)]
        frame = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
        frame["modified"] = pd.to_datetime(frame["modified"], utc=True, errors="coerce")  # Timestamps, not text
        frame["records_count"] = pd.to_numeric(frame["records_count"], errors="coerce").astype("Int64")
        return frame

    # --- one dataset --------------------------------------------------------------------------

    def dataset(self, dataset_id: str) -> dict[str, Any]:
        """The catalogue entry of a dataset (metas by template, fields, has_records…)."""
        return dict(self._get(f"/catalog/datasets/{dataset_id}"))

    def fields(self, dataset_id: str) -> list[dict[str, Any]]:
        """The dataset's fields: ``name``, ``label``, ``type``, ``annotations``, ``description``."""
        return list(self.dataset(dataset_id).get("fields") or [])

    def records(self, dataset_id: str, where: str | None = None, select: str | None = None, limit: int = 100) -> pd.DataFrame:
        """Records as a DataFrame: paged below 10,000 rows, exported beyond (``limit=-1``: all)."""
        import pandas as pd

        path = f"/catalog/datasets/{dataset_id}"
        if limit < 0 or limit >= WINDOW:
            params = _params(where=where, select=select, limit=limit)
            return pd.DataFrame(self._get(f"{path}/exports/json", params) or [])
        rows: list[dict[str, Any]] = []
        while len(rows) < limit:
            size = min(PAGE, limit - len(rows))
            if len(rows) + size > WINDOW - 1:
                size = WINDOW - 1 - len(rows)
            if size <= 0:
                break
            page = self._get(f"{path}/records", _params(where=where, select=select, limit=size, offset=len(rows)))
            results = page.get("results") or []
            rows.extend(results)
            if len(results) < size or len(rows) >= int(page.get("total_count") or 0):
                break
        return pd.DataFrame(rows)

    def export(self, dataset_id: str, format: str = "csv", path: str | Path | None = None) -> pd.DataFrame | Path:
        """All records in ``format``: written to ``path`` (streamed, returns the path) or read into a DataFrame."""
        import pandas as pd

        fmt = format.lower()
        if fmt not in EXPORT_FORMATS:
            raise InputError(
                f"Format d'export « {format} » inconnu : choisissez parmi {', '.join(EXPORT_FORMATS)}.",
                f"Unknown export format '{format}': choose one of {', '.join(EXPORT_FORMATS)}.",
            )
        response = self.client.request("GET", f"/catalog/datasets/{dataset_id}/exports/{fmt}", api="explore",
                                       stream=path is not None, params=_params(limit=-1))
        if path is not None:
            target = Path(path)
            part = target.with_name(target.name + ".part")
            try:
                with part.open("wb") as out:
                    for chunk in response.iter_content(chunk_size=1 << 16):
                        out.write(chunk)
            except BaseException as exc:
                part.unlink(missing_ok=True)
                if isinstance(exc, requests.RequestException):
                    reason = network_reason(exc)
                    raise PortalConnectionError(
                        f"Le téléchargement de {dataset_id} a été interrompu ({reason.fr}) : relancez la commande.",
                        f"The download of {dataset_id} was interrupted ({reason.en}): run the command again.",
                    ) from None
                raise
            part.replace(target)
            return target
        content = response.content
        if fmt == "csv":
            return pd.read_csv(io.BytesIO(content), sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if fmt == "json":
            return pd.DataFrame(json.loads(content))
        if fmt == "jsonl":
            return pd.read_json(io.BytesIO(content), lines=True)
        if fmt == "geojson":
            features = json.loads(content).get("features") or []
            return pd.DataFrame([{**(f.get("properties") or {}), "geometry": f.get("geometry")} for f in features])
        if fmt == "parquet":
            return pd.read_parquet(io.BytesIO(content))
        return pd.read_excel(io.BytesIO(content), engine="openpyxl")  # the portal exports XLSX


SUMMARY_COLUMNS = ("dataset_id", "title", "publisher", "theme", "keyword", "license", "records_count", "modified")


def _summary(item: dict[str, Any]) -> dict[str, Any]:
    """One catalogue entry as a flat row (``metas.default`` or, with ``select``, the root keys)."""
    default = (item.get("metas") or {}).get("default") or item
    row = {name: default.get(name) for name in SUMMARY_COLUMNS}
    row["dataset_id"] = item.get("dataset_id")
    for name in ("theme", "keyword"):
        value = row[name]
        if isinstance(value, list):
            row[name] = ", ".join(str(v) for v in value)
    return row
