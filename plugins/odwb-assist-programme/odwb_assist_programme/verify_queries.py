"""How the obligation check asks the catalogue: the ODSQL clauses of the programme window, ``IN`` lists split to
keep the URL short, and the cheaper of two query plans (``IN`` lists, or the whole window read once). :mod:`.verify`
runs the plan."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

from .edition import Edition

PAGE_SIZE = 100  # Explore v2.1 maximum without group_by
MAX_OFFSET = 10_000  # offset + limit must stay below this
MAX_WHERE_URL_CHARS = 6_000  # encoded length of the where parameter; most servers accept 8 KiB request lines
SELECT = "dataset_id, title, publisher, modified, data_processed, metadata_processed"
CANDIDATE_FIELDS = ("modified", "data_processed", "metadata_processed")  # any of them in the window: a candidate
PLATFORM_DATES = ("data_processed", "metadata_processed")  # set by the portal, not by the dataset's owner


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


def in_clause(field_name: str, values: Iterable[str]) -> str:
    return f"{field_name} IN ({', '.join(odsql_string(v) for v in values)})"


def _encoded_len(text: str) -> int:
    return len(quote(text, safe=""))


def chunk_values(prefix: str, field_name: str, values: list[str], budget: int = MAX_WHERE_URL_CHARS) -> list[list[str]]:
    """Split ``values`` so that each ``prefix + field IN (...)`` stays under ``budget`` encoded characters."""
    chunks: list[list[str]] = []
    current: list[str] = []
    for value in values:
        trial = [*current, value]
        if current and _encoded_len(prefix + in_clause(field_name, trial)) > budget:
            chunks.append(current)
            current = [value]
        else:
            current = trial
    if current:
        chunks.append(current)
    return chunks

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
        in_queries.append((f"({since}) AND {in_clause('publisher', chunk)}", SELECT))
        in_cost += max(1, math.ceil(sum(facet_counts.get(v, 0) for v in chunk) / PAGE_SIZE))
    for chunk in _chunks_by_length(nis_codes, f"({since}) AND "):
        in_queries.append((f"({since}) AND {_nis_clause(chunk)}", None))  # full metas: the spatial field is read
        in_cost += 1
    for chunk in chunk_values("", "dataset_id", recorded):
        in_queries.append((in_clause("dataset_id", chunk), SELECT))
        in_cost += max(1, math.ceil(len(chunk) / PAGE_SIZE))
    if not recorded and not nis_codes and len(in_queries) <= 1:
        return Plan("in", in_queries)
    whole = [since] + [in_clause("dataset_id", c) for c in chunk_values(f"({since}) OR ", "dataset_id", recorded)]
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
