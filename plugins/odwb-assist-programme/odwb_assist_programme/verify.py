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
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from typing import Any, Protocol
from urllib.parse import quote

from odwb_assist.plugin import PublisherMatch, PublisherMatcher, nis_codes_in

from .attributions import decisions
from .edition import Edition
from .ledger import Ledger
from .records import AdministrationStatus, all_statuses

PAGE_SIZE = 100  # Explore v2.1 maximum without group_by
MAX_OFFSET = 10_000  # offset + limit must stay below this
MAX_WHERE_URL_CHARS = 6_000  # encoded length of the where parameter; most servers accept 8 KiB request lines
VERIFIED_STATES = ("confirmed",)
SELECT = "dataset_id, title, publisher, modified, data_processed, metadata_processed"
DATE_FIELD = "metadata_processed"
CANDIDATE_FIELDS = ("modified", "data_processed", "metadata_processed")  # any of them in the window: a candidate
PLATFORM_DATES = ("data_processed", "metadata_processed")  # set by the portal, not by the dataset's owner


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
    when: str = "in"  # "in" the window, "after" its end, "before" its start, "unknown" (no date)
    reason: str = ""  # why it belongs to the administration (French)
    claimed: str | None = None  # ``modified``: the date its owner wrote, shown as evidence only
    decision: str = ""  # "recorded", "confirmed" (by staff), "pending" (à confirmer), "rejected"

    def to_dict(self) -> dict[str, Any]:
        return {"dataset_id": self.dataset_id, "title": self.title, "publisher": self.publisher,
                "published": self.published, "in_window": self.in_window, "recorded": self.recorded,
                "when": self.when, "reason": self.reason, "claimed": self.claimed, "decision": self.decision}

    def evidence(self, lang: str = "fr") -> str:
        """« éditeur « Ville de Namur », date du portail 2021-06-15 (déclarée 2021-06-15) »; the reason of the
        match is printed with the publisher names."""
        fr = (f"éditeur « {(self.publisher or '?').strip()} », date du portail {(self.published or '?')[:10]} "
              f"(déclarée {(self.claimed or '?')[:10]})")
        en = (f"publisher '{(self.publisher or '?').strip()}', portal date {(self.published or '?')[:10]} "
              f"(claimed {(self.claimed or '?')[:10]})")
        return en if lang == "en" else fr

    def outside_text(self, lang: str = "fr") -> str:
        """« publié après la fin du programme, le 2021-12-02 » (and the other cases)."""
        day = (self.published or "")[:10]
        fr, en = {"after": ("publié après la fin du programme, le {d}", "published after the end of the programme, on {d}"),
                  "before": ("publié avant le début du programme, le {d}", "published before the programme started, on {d}"),
                  "unknown": ("date de publication inconnue", "publication date unknown")}.get(
                      self.when, ("publié pendant le programme, le {d}", "published during the programme, on {d}"))
        return (en if lang == "en" else fr).format(d=day)


@dataclass
class VerifyEntry:
    administration: str
    nis_code: str | None
    state: str
    names: list[str]
    datasets: list[VerifiedDataset] = field(default_factory=list)
    other_datasets: list[VerifiedDataset] = field(default_factory=list)
    matches: list[PublisherMatch] = field(default_factory=list)
    late_count: int = 0  # datasets published after the window under a matched publisher name (facet counts)
    pending: list[VerifiedDataset] = field(default_factory=list)  # « à confirmer » by staff

    @property
    def obligation_met(self) -> bool:
        return bool(self.datasets)

    @property
    def found(self) -> bool:
        """A dataset in the window: counted, or « à confirmer » by staff."""
        return bool(self.datasets or self.pending)

    def to_dict(self) -> dict[str, Any]:
        return {
            "administration": self.administration, "nis_code": self.nis_code, "state": self.state, "names": self.names,
            "datasets": [d.to_dict() for d in self.datasets],
            "other_datasets": [d.to_dict() for d in self.other_datasets],
            "publishers_matched": [m.to_dict() for m in self.matches], "late_count": self.late_count,
            "to_confirm": [d.to_dict() for d in self.pending],
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
    checked_at: str = ""

    @property
    def all_met(self) -> bool:
        return all(e.obligation_met for e in self.entries)

    @property
    def missing(self) -> list[str]:
        return [e.administration for e in self.entries if not e.obligation_met]

    @property
    def unfound(self) -> list[str]:
        """Administrations with no dataset in the window at all, not even one to confirm."""
        return [e.administration for e in self.entries if not e.found]

    def to_dict(self) -> dict[str, Any]:
        return {"edition": self.edition, "portal": self.portal, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "checked_at": self.checked_at, "requests": self.requests, "strategy": self.strategy, "all_met": self.all_met,
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
    """Candidates: any date (claimed or platform) in the window; the platform dates decide afterwards."""
    after = (edition.end + timedelta(days=1)).isoformat()
    return " OR ".join(f"({f} >= date'{edition.start.isoformat()}' AND {f} < date'{after}')" for f in CANDIDATE_FIELDS)


def after_clause(edition: Edition) -> str:
    """Everything the platform processed only after the last day of the programme."""
    after = (edition.end + timedelta(days=1)).isoformat()
    return " AND ".join(f"{f} >= date'{after}'" for f in PLATFORM_DATES)


def _nis_clause(codes: Iterable[str]) -> str:
    return "(" + " OR ".join(odsql_string(c) for c in codes) + ")"


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


@dataclass
class Plan:
    strategy: str  # "in": IN lists; "window": the whole window, matched locally
    queries: list[tuple[str, str | None]]  # (where, select)


def plan_queries(edition: Edition, facet_counts: dict[str, int], publishers: list[str], recorded: list[str],
                 nis_codes: list[str] | None = None) -> tuple[str, list[str]]:
    """The cheaper of: ``IN`` queries (split to fit the URL), or the whole window read once."""
    plan = make_plan(edition, facet_counts, publishers, recorded, nis_codes or [])
    return plan.strategy, [where for where, _select in plan.queries]


def make_plan(edition: Edition, facet_counts: dict[str, int], publishers: list[str], recorded: list[str],
              nis_codes: list[str]) -> Plan:
    since = window_clause(edition)
    in_queries: list[tuple[str, str | None]] = []
    in_cost = 0
    for chunk in chunk_values(f"({since}) AND ", "publisher", publishers):
        in_queries.append((f"({since}) AND {_in_clause('publisher', chunk)}", SELECT))
        in_cost += max(1, math.ceil(sum(facet_counts.get(v, 0) for v in chunk) / PAGE_SIZE))
    for chunk in _chunks_by_length(nis_codes, f"({since}) AND "):
        in_queries.append((f"({since}) AND {_nis_clause(chunk)}", None))  # full metas: the spatial field is read
        in_cost += 1
    for chunk in chunk_values("", "dataset_id", recorded):
        in_queries.append((_in_clause("dataset_id", chunk), SELECT))
        in_cost += max(1, math.ceil(len(chunk) / PAGE_SIZE))
    if not recorded and not nis_codes and len(in_queries) <= 1:
        return Plan("in", in_queries)
    whole = [since] + [_in_clause("dataset_id", c) for c in chunk_values(f"({since}) OR ", "dataset_id", recorded)]
    if len(whole) == 2:  # one recorded-id clause fits with the window in a single query
        whole = [f"({since}) OR {whole[1]}"]
    whole_cost = max(1, math.ceil(sum(facet_counts.values()) / PAGE_SIZE)) * len(whole)
    if in_cost <= whole_cost:
        return Plan("in", in_queries)
    return Plan("window", [(where, None if nis_codes else SELECT) for where in whole])


def _chunks_by_length(codes: list[str], prefix: str, budget: int = MAX_WHERE_URL_CHARS) -> list[list[str]]:
    chunks: list[list[str]] = []
    current: list[str] = []
    for code in codes:
        if current and _encoded_len(prefix + _nis_clause([*current, code])) > budget:
            chunks.append(current)
            current = []
        current.append(code)
    return chunks + ([current] if current else [])


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
        where = f"({after_clause(edition)}) AND {_in_clause('publisher', chunk_values('', 'publisher', late)[0])}"
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
