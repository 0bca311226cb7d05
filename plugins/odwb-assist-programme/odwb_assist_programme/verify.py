"""The obligation check: has every enrolled administration published at least one dataset on the
portal within the programme window?

Bounded cost, whatever the number of administrations:

1. one ``/catalog/facets?facet=publisher`` call restricted to the window gives every publisher that
   published in the window, with its number of datasets;
2. the administrations' names and publisher names are matched locally (case and accents ignored)
   against those facet values;
3. the datasets are fetched with ``where=<window> AND publisher IN ("A", "B", …)`` (plus
   ``dataset_id IN (…)`` for the datasets the register recorded from publication events), 100 per
   page. The facet counts tell in advance how many pages that costs; when the ``IN`` list would make
   the URL too long, the list is split — or, when that would cost more requests than reading the
   whole window, the window is read without ``IN`` and matched locally. The cheaper plan is chosen.

The date of publication is ``metas.default.modified`` (the dataset's modification date, which the
portal sets at publication and keeps unless the dataset changes), falling back to ``data_processed``
then ``metadata_processed`` when absent; for a dataset recorded from a publication event, the
event's ``published_at``. ``data_processed`` is not used for the window: the portal refreshes it at
every processing (daily for harvested sources), so it rarely tells when a dataset was first
published. See the plugin's README.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from typing import Any, Protocol
from urllib.parse import quote

from .edition import Edition
from .ledger import Ledger
from .records import AdministrationStatus, all_statuses, normalise_name

PAGE_SIZE = 100  # Explore v2.1 maximum without group_by
MAX_OFFSET = 10_000  # offset + limit must stay below this
MAX_WHERE_URL_CHARS = 6_000  # encoded length of the where parameter; most servers accept 8 KiB request lines
VERIFIED_STATES = ("confirmed",)
SELECT = "dataset_id, title, publisher, modified, data_processed, metadata_processed"
DATE_FIELD = "modified"
DATE_FALLBACKS = ("modified", "data_processed", "metadata_processed")


class ExploreClient(Protocol):
    """What verify needs of the portal client (``PortalClient(...).explore`` satisfies it)."""

    def catalog_datasets(self, *, where: str | None = ..., select: str | None = ..., order_by: str | None = ...,
                         limit: int = ..., offset: int = ...) -> dict[str, Any]: ...

    def catalog_facets(self, facet: list[str], where: str | None = ...) -> dict[str, Any]: ...


@dataclass
class VerifiedDataset:
    dataset_id: str
    title: str | None
    publisher: str | None
    published: str | None
    in_window: bool
    recorded: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"dataset_id": self.dataset_id, "title": self.title, "publisher": self.publisher,
                "published": self.published, "in_window": self.in_window, "recorded": self.recorded}


@dataclass
class VerifyEntry:
    administration: str
    nis_code: str | None
    state: str
    names: list[str]
    datasets: list[VerifiedDataset] = field(default_factory=list)
    other_datasets: list[VerifiedDataset] = field(default_factory=list)

    @property
    def obligation_met(self) -> bool:
        return bool(self.datasets)

    def to_dict(self) -> dict[str, Any]:
        return {
            "administration": self.administration, "nis_code": self.nis_code, "state": self.state, "names": self.names,
            "datasets": [d.to_dict() for d in self.datasets],
            "other_datasets": [d.to_dict() for d in self.other_datasets],
            "obligation_met": self.obligation_met,
        }


@dataclass
class VerifyReport:
    edition: str
    portal: str
    start: date
    end: date
    entries: list[VerifyEntry]
    requests: int
    strategy: str

    @property
    def all_met(self) -> bool:
        return all(e.obligation_met for e in self.entries)

    @property
    def missing(self) -> list[str]:
        return [e.administration for e in self.entries if not e.obligation_met]

    def to_dict(self) -> dict[str, Any]:
        return {"edition": self.edition, "portal": self.portal, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "requests": self.requests, "strategy": self.strategy, "all_met": self.all_met,
                "administrations": [e.to_dict() for e in self.entries]}

    def _repr_html_(self) -> str:
        """A self-contained fragment for Jupyter (inline styles, no script, no external resource)."""
        rows = []
        for e in self.entries:
            mark = "✔ oui" if e.obligation_met else "✘ non"
            color = "#1a7f37" if e.obligation_met else "#b42318"
            datasets = ", ".join(escape(d.dataset_id) for d in e.datasets) or "—"
            rows.append(f'<tr><td style="padding:2px 8px">{escape(e.administration)}</td>'
                        f'<td style="padding:2px 8px">{escape(e.nis_code or "")}</td>'
                        f'<td style="padding:2px 8px;color:{color};font-weight:bold">{mark}</td>'
                        f'<td style="padding:2px 8px">{datasets}</td></tr>')
        summary = (f"{sum(e.obligation_met for e in self.entries)} / {len(self.entries)} administration(s) "
                   f"ont publié entre le {self.start.isoformat()} et le {self.end.isoformat()}")
        return (f'<div class="odwb-verify"><h3>Vérification « {escape(self.edition)} » — {escape(self.portal)}</h3>'
                f"<p>{summary} ({self.requests} requête(s)).</p>"
                '<table style="border-collapse:collapse"><thead><tr><th style="text-align:left;padding:2px 8px">'
                'Administration</th><th style="text-align:left;padding:2px 8px">INS</th><th style="text-align:left;'
                'padding:2px 8px">Obligation remplie</th><th style="text-align:left;padding:2px 8px">Jeux publiés'
                f'</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def odsql_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def window_clause(edition: Edition) -> str:
    after = (edition.end + timedelta(days=1)).isoformat()
    return f"{DATE_FIELD} >= date'{edition.start.isoformat()}' AND {DATE_FIELD} < date'{after}'"


def _in_clause(field_name: str, values: Iterable[str]) -> str:
    return f"{field_name} IN ({', '.join(odsql_string(v) for v in values)})"


def _encoded_len(text: str) -> int:
    return len(quote(text, safe=""))


def chunk_values(prefix: str, field_name: str, values: list[str], budget: int = MAX_WHERE_URL_CHARS) -> list[list[str]]:
    """Split ``values`` so that each ``prefix + field IN (...)`` stays under ``budget`` encoded characters."""
    chunks: list[list[str]] = []
    current: list[str] = []
    for value in values:
        trial = [*current, value]
        if current and _encoded_len(prefix + _in_clause(field_name, trial)) > budget:
            chunks.append(current)
            current = [value]
        else:
            current = trial
    if current:
        chunks.append(current)
    return chunks


def publication_date(metas: dict[str, Any]) -> str | None:
    for key in DATE_FALLBACKS:
        value = metas.get(key)
        if value:
            return str(value)
    return None


def _day_of(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


class _Counter:
    def __init__(self, explore: ExploreClient) -> None:
        self.explore = explore
        self.requests = 0

    def facets(self, where: str) -> dict[str, int]:
        self.requests += 1
        answer = self.explore.catalog_facets(facet=["publisher"], where=where)
        values: dict[str, int] = {}
        for group in answer.get("facets", []):
            if group.get("name") == "publisher":
                for item in group.get("facets", []):
                    values[str(item.get("value") or item.get("name"))] = int(item.get("count") or 0)
        return values

    def datasets(self, where: str) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = []
        offset = 0
        while True:
            self.requests += 1
            page = self.explore.catalog_datasets(where=where, select=SELECT, order_by="dataset_id", limit=PAGE_SIZE,
                                                 offset=offset)
            batch = list(page.get("results") or [])
            results.extend(batch)
            offset += PAGE_SIZE
            total = int(page.get("total_count") or 0)
            if not batch or offset >= total or offset + PAGE_SIZE > MAX_OFFSET:
                return results


def _flat(dataset: dict[str, Any]) -> dict[str, Any]:
    """A catalogue result as flat metas (``select`` flattens them; a full result has ``metas.default``)."""
    metas = dict((dataset.get("metas") or {}).get("default") or {})
    for key in ("title", "publisher", "data_processed", "modified", "metadata_processed"):
        if key in dataset and key not in metas:
            metas[key] = dataset[key]
    metas["dataset_id"] = dataset.get("dataset_id")
    return metas


def plan_queries(edition: Edition, facet_counts: dict[str, int], publishers: list[str],
                 recorded: list[str]) -> tuple[str, list[str]]:
    """The cheaper of: ``IN`` queries (split to fit the URL), or the whole window read once."""
    window = window_clause(edition)
    in_queries: list[str] = []
    in_cost = 0
    for chunk in chunk_values(f"({window}) AND ", "publisher", publishers):
        in_queries.append(f"({window}) AND {_in_clause('publisher', chunk)}")
        in_cost += max(1, math.ceil(sum(facet_counts.get(v, 0) for v in chunk) / PAGE_SIZE))
    for chunk in chunk_values("", "dataset_id", recorded):
        in_queries.append(_in_clause("dataset_id", chunk))
        in_cost += max(1, math.ceil(len(chunk) / PAGE_SIZE))
    if not recorded and len(in_queries) <= 1:
        return "in", in_queries
    whole = [window] + [_in_clause("dataset_id", c) for c in chunk_values(f"({window}) OR ", "dataset_id", recorded)]
    if len(whole) == 2:  # one recorded-id clause fits with the window in a single query
        whole = [f"({window}) OR {whole[1]}"]
    whole_cost = max(1, math.ceil(sum(facet_counts.values()) / PAGE_SIZE)) * len(whole)
    return ("in", in_queries) if in_cost <= whole_cost else ("window", whole)


def verify(ledger: Ledger, edition: Edition, explore: ExploreClient, *, portal: str = "",
           states: tuple[str, ...] = VERIFIED_STATES) -> VerifyReport:
    """Check the publication obligation of every administration in ``states`` (default: confirmed)."""
    statuses = all_statuses(ledger, edition, states=states)
    counter = _Counter(explore)
    facet_counts = counter.facets(window_clause(edition)) if statuses else {}
    by_norm: dict[str, str] = {normalise_name(v): v for v in facet_counts}
    owners: dict[str, list[AdministrationStatus]] = {}
    publishers: list[str] = []
    for status in statuses:
        for name in status.names:
            value = by_norm.get(normalise_name(name))
            if value is None:
                continue
            owners.setdefault(normalise_name(value), []).append(status)
            if value not in publishers:
                publishers.append(value)
    recorded_by_id: dict[str, list[tuple[AdministrationStatus, dict[str, Any]]]] = {}
    for status in statuses:
        for pub in status.publications:
            recorded_by_id.setdefault(pub["dataset_id"], []).append((status, pub))
    recorded = sorted(recorded_by_id)
    strategy, queries = "none", list[str]()
    if publishers or recorded:
        strategy, queries = plan_queries(edition, facet_counts, publishers, recorded)
    found: dict[str, dict[str, Any]] = {}
    for where in queries:
        for dataset in counter.datasets(where):
            flat = _flat(dataset)
            if flat["dataset_id"]:
                found[str(flat["dataset_id"])] = flat
    entries = {s.id: VerifyEntry(s.name, s.nis_code, s.state, s.names) for s in statuses}
    for dataset_id, metas in sorted(found.items()):
        holders: dict[int, dict[str, Any] | None] = {}
        for status in owners.get(normalise_name(str(metas.get("publisher") or "")), []):
            holders[status.id] = None
        for status, recorded_pub in recorded_by_id.get(dataset_id, []):
            holders[status.id] = recorded_pub
        for adm_id, held in holders.items():
            published = held["published_at"] if held else publication_date(metas)
            day = _day_of(published)
            item = VerifiedDataset(dataset_id, metas.get("title"), metas.get("publisher"), published,
                                   day is not None and edition.in_window(day), recorded=held is not None)
            (entries[adm_id].datasets if item.in_window else entries[adm_id].other_datasets).append(item)
    return VerifyReport(edition.id, portal, edition.start, edition.end, list(entries.values()), counter.requests, strategy)
