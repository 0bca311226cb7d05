"""The obligation check: has every enrolled administration published at least one dataset on the
portal within the programme window?

Bounded cost, whatever the number of administrations:

1. one ``/catalog/facets?facet=publisher`` call restricted to the window gives every publisher name
   that published in the window, with its number of datasets; a second one, restricted to « after the
   end », gives those that published late;
2. the administrations are matched locally to those names with
   :class:`odwb_assist.portal.publishers.PublisherMatcher` (case, accents, « Ville de » prefixes, services
   such as « Ville de Namur - Mobilité », abbreviations, the register's aliases), each match with its reason;
3. the datasets are fetched with ``where=<window> AND publisher IN ("A", "B", …)`` (plus
   ``dataset_id IN (…)`` for the datasets the register recorded from publication events, and a
   full-text search of the administrations' NIS codes, attributed when a dataset's spatial metadata
   carries the code), 100 per page. The facet counts tell in advance how many pages that costs; when
   the ``IN`` list would make the URL too long, the list is split — or, when that would cost more
   requests than reading the whole window, the window is read once and matched locally. The
   cheaper plan is chosen;
4. for the administrations still without a dataset in the window whose publisher names published
   late, one page of those late datasets (oldest first) is read, so that « publié après la fin du
   programme, le … » is told apart from « never published »; the facet counts give the rest.

Cannot be fooled by a dataset's owner: ``metas.default.modified`` and ``publisher`` are free
metadata anyone can write on their own dataset. So the date of a dataset is the earliest of the
timestamps the platform sets, ``data_processed`` and ``metadata_processed`` (the platform refreshes
them, never moves them back: the dataset was published on that day at the latest); ``modified`` only
widens the search and is shown as what the owner claims. For a dataset the administration recorded
(a ``dataset-published`` event of its own client), the event's ``published_at``. A dataset matched
only by publisher name or NIS code is « à confirmer »: it does not meet the obligation until staff
confirm it (``programme obligation confirm``), and a rejected one never does (see ``attributions``).

The queries and their plan are in :mod:`.verify_queries`, the report in :mod:`.verify_report`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from odwb_assist.plugin import PublisherMatch, PublisherMatcher, nis_codes_in

from .attributions import decisions
from .edition import Edition
from .ledger import Ledger
from .records import AdministrationStatus, all_statuses
from .verify_queries import (
    MAX_OFFSET,
    PAGE_SIZE,
    PLATFORM_DATES,
    SELECT,
    Plan,
    after_clause,
    chunk_values,
    in_clause,
    make_plan,
    window_clause,
)
from .verify_report import VerifiedDataset, VerifyEntry, VerifyReport

VERIFIED_STATES = ("confirmed",)
DATE_FIELD = "metadata_processed"


class ExploreClient(Protocol):
    """What verify needs of the portal client (``PortalClient(...).explore`` satisfies it)."""

    def catalog_datasets(self, *, where: str | None = ..., select: str | None = ..., order_by: str | None = ...,
                         limit: int = ..., offset: int = ...) -> dict[str, Any]: ...

    def catalog_facets(self, facet: list[str], where: str | None = ...) -> dict[str, Any]: ...


def publication_date(metas: dict[str, Any]) -> str | None:
    """The earliest platform-set timestamp: the dataset was on the portal by then, whatever it claims."""
    values = sorted(str(metas[k]) for k in PLATFORM_DATES if metas.get(k))
    return values[0] if values else None


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

    def datasets(self, where: str, select: str | None = SELECT, *, order_by: str = "dataset_id",
                 pages: int = MAX_OFFSET // PAGE_SIZE) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = []
        offset = 0
        while True:
            self.requests += 1
            page = self.explore.catalog_datasets(where=where, select=select, order_by=order_by, limit=PAGE_SIZE,
                                                 offset=offset)
            batch = list(page.get("results") or [])
            results.extend(batch)
            offset += PAGE_SIZE
            total = int(page.get("total_count") or 0)
            if not batch or offset >= total or offset + PAGE_SIZE > MAX_OFFSET or offset >= pages * PAGE_SIZE:
                return results


SPATIAL_KEYS = (("dcat", "spatial"), ("default", "territory"), ("default", "keyword"))


def _flat(dataset: dict[str, Any]) -> dict[str, Any]:
    """A catalogue result as flat metas (``select`` flattens them; a full result has ``metas.default``),
    with ``_nis``: the NIS codes its spatial metadata carries."""
    all_metas = dataset.get("metas") or {}
    metas = dict(all_metas.get("default") or {})
    for key in ("title", "publisher", "data_processed", "modified", "metadata_processed"):
        if key in dataset and key not in metas:
            metas[key] = dataset[key]
    metas["dataset_id"] = dataset.get("dataset_id")
    metas["_nis"] = nis_codes_in(*[(all_metas.get(template) or {}).get(name) for template, name in SPATIAL_KEYS],
                                 dataset.get("dcat.spatial"))
    return metas


def _when(edition: Edition, day: date | None) -> str:
    if day is None:
        return "unknown"
    if day > edition.end:
        return "after"
    return "before" if day < edition.start else "in"


def verify(ledger: Ledger, edition: Edition, explore: ExploreClient, *, portal: str = "",
           states: tuple[str, ...] = VERIFIED_STATES) -> VerifyReport:
    """Check the publication obligation of every administration in ``states`` (default: confirmed)."""
    from .ledger.store import now_utc

    statuses = all_statuses(ledger, edition, states=states)
    counter = _Counter(explore)
    facet_counts = counter.facets(window_clause(edition)) if statuses else {}
    late_counts = counter.facets(after_clause(edition)) if statuses else {}
    matcher = PublisherMatcher()
    for status in statuses:
        matcher.add(status, [status.name], status.publishers)
    entries = {s.id: VerifyEntry(s.name, s.nis_code, s.state, s.names) for s in statuses}
    owners: dict[str, list[tuple[AdministrationStatus, PublisherMatch]]] = {}
    for value in sorted(set(facet_counts) | set(late_counts)):
        for owner, match in matcher.owners(value):
            assert isinstance(owner, AdministrationStatus)
            owners.setdefault(value, []).append((owner, match))
            entries[owner.id].matches.append(match)
            entries[owner.id].late_count += late_counts.get(value, 0)
    publishers = sorted(v for v in owners if v in facet_counts)
    by_nis: dict[str, list[AdministrationStatus]] = {}
    for status in statuses:
        if status.nis_code:
            by_nis.setdefault(status.nis_code, []).append(status)
    recorded_by_id: dict[str, list[tuple[AdministrationStatus, dict[str, Any]]]] = {}
    for status in statuses:
        for pub in status.publications:
            recorded_by_id.setdefault(pub["dataset_id"], []).append((status, pub))
    decided = {key: value for key, value in decisions(ledger).items() if key[0] in entries}
    confirmed_ids = {dataset_id for (_a, dataset_id), value in decided.items() if value == "confirmed"}
    recorded = sorted(set(recorded_by_id) | confirmed_ids)
    plan = Plan("none", [])
    if publishers or recorded or by_nis:
        plan = make_plan(edition, facet_counts, publishers, recorded, sorted(by_nis))
    found = _fetch(counter, plan.queries)
    _attribute(edition, entries, found, owners, by_nis, recorded_by_id, decided)
    late = sorted({value for value, held in owners.items() if value in late_counts
                   for status, _m in held if not entries[status.id].datasets})
    if late:  # one page of late datasets, oldest first: « publié après la fin du programme, le … »
        where = f"({after_clause(edition)}) AND {in_clause('publisher', chunk_values('', 'publisher', late)[0])}"
        pages = counter.datasets(where, SELECT, order_by=DATE_FIELD, pages=1)
        extra = {str(d["dataset_id"]): d for d in (_flat(x) for x in pages)
                 if d["dataset_id"] and str(d["dataset_id"]) not in found}
        waiting = {k: v for k, v in entries.items() if not v.datasets}
        _attribute(edition, waiting, extra, owners, {}, {}, decided)
    return VerifyReport(edition.id, portal, edition.start, edition.end, list(entries.values()), counter.requests,
                        plan.strategy, checked_at=now_utc())


def _fetch(counter: _Counter, queries: list[tuple[str, str | None]]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for where, select in queries:
        for dataset in counter.datasets(where, select):
            flat = _flat(dataset)
            if flat["dataset_id"]:
                previous = found.get(str(flat["dataset_id"]))
                if previous is not None:
                    flat["_nis"] = flat["_nis"] | previous["_nis"]
                found[str(flat["dataset_id"])] = flat
    return found


def _attribute(edition: Edition, entries: dict[int, VerifyEntry], found: dict[str, dict[str, Any]],
               owners: dict[str, list[tuple[AdministrationStatus, PublisherMatch]]],
               by_nis: dict[str, list[AdministrationStatus]],
               recorded_by_id: dict[str, list[tuple[AdministrationStatus, dict[str, Any]]]],
               decided: dict[tuple[int, str], str] | None = None) -> None:
    """Give each dataset found to the administrations it belongs to (publisher, NIS code, register):
    recorded or confirmed ones count; others in the window are « à confirmer »; rejected ones never count."""
    decided = decided or {}
    for dataset_id, metas in sorted(found.items()):
        holders: dict[int, tuple[str, dict[str, Any] | None]] = {}
        for status, match in owners.get(str(metas.get("publisher") or ""), []):
            holders[status.id] = (match.explain("fr") + f" : « {match.publisher.strip()} »", None)
        for code in sorted(metas["_nis"]):
            for status in by_nis.get(code, []):
                holders.setdefault(status.id, (PublisherMatch("", "nis", code).explain("fr"), None))
        for (adm_id, decided_id), value in decided.items():
            if decided_id == dataset_id and value == "confirmed":
                holders.setdefault(adm_id, ("confirmé par le personnel", None))
        for status, recorded_pub in recorded_by_id.get(dataset_id, []):
            holders[status.id] = ("publication enregistrée par odwb-assist", recorded_pub)
        for adm_id, (reason, held) in holders.items():
            if adm_id not in entries:
                continue
            published = held["published_at"] if held else publication_date(metas)
            when = _when(edition, _day_of(published))
            decision = "recorded" if held else decided.get((adm_id, dataset_id), "pending")
            item = VerifiedDataset(dataset_id, metas.get("title"), metas.get("publisher"), published, when == "in",
                                   recorded=held is not None, when=when, reason=reason, claimed=metas.get("modified"),
                                   decision=decision)
            entry = entries[adm_id]
            if decision == "rejected":
                continue  # staff said it is not theirs: it never counts
            if decision == "confirmed":
                item.in_window = True  # staff checked it: it counts whatever the dates say
                entry.datasets.append(item)
            elif not item.in_window:
                entry.other_datasets.append(item)
            elif decision == "pending":
                entry.pending.append(item)
            else:
                entry.datasets.append(item)
