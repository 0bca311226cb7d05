"""Facets as Explore v2.1 enumerates them, on the catalogue and on a dataset's records.

``facet`` values are field names or ``facet(name="f", sort="-count", limit=10, disjunctive=true,
hierarchical=true, separator="/")`` (the vendor's ``facet`` parameter). Sorts: ``count``/``-count``
for every type, ``alphanum``/``-alphanum`` for text and dates, ``num``/``-num`` for numbers; the
default is ``-count``, except dates (``alphanum``: chronological; the vendor's default for dates is
not documented) and a field's own ``facetsort`` annotation. Date and datetime facets are
hierarchical (year, then ``2021/05`` months, then days), as are text facets declared
``hierarchical``: the children of a value are listed under it once it is refined. A disjunctive facet
counts its values as if its own refinements were not applied (several values can be chosen).
Values per facet are capped at :data:`MAX_VALUES`, facets per call at :data:`MAX_FACETS`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .odsql_functions import local_datetime
from .odsql_lexer import ODSQLSyntaxError, tokenize

MAX_FACETS = 50
MAX_VALUES = 1000
SORTS = ("count", "-count", "alphanum", "-alphanum", "num", "-num")
DATE_TYPES = ("date", "datetime")

Row = dict[str, Any]


@dataclass(frozen=True)
class FacetSpec:
    name: str
    sort: str | None = None
    limit: int | None = None
    disjunctive: bool = False
    hierarchical: bool = False
    separator: str | None = None


def split_top_level(values: list[str]) -> list[str]:
    """``facet`` values, each possibly a comma list, split on the commas outside parentheses and quotes."""
    parts: list[str] = []
    for raw in values:
        depth, quote, current = 0, "", ""
        for char in raw:
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
            if char == "," and depth == 0 and not quote:
                parts.append(current.strip())
                current = ""
                continue
            current += char
        parts.append(current.strip())
    return [p for p in parts if p]


def parse_facet(text: str) -> FacetSpec:
    """A field name, or the ``facet(name=…, …)`` function."""
    tokens = tokenize(text, "facet")
    if len(tokens) == 2 and tokens[0].kind == "ident":
        return FacetSpec(str(tokens[0].value))
    if len(tokens) < 4 or tokens[0].kind != "ident" or str(tokens[0].value).lower() != "facet" or tokens[1].value != "(" \
            or tokens[-2].value != ")":
        raise ODSQLSyntaxError(f"'{text}' is neither a field name nor facet(name=\"field\", …).", "facet")
    arguments: dict[str, Any] = {}
    body = tokens[2:-2]
    for index in range(0, len(body), 4):
        chunk = body[index:index + 4]
        if len(chunk) < 3 or chunk[0].kind not in ("ident", "kw") or chunk[1].value != "=" or \
                (len(chunk) == 4 and chunk[3].value != ","):
            raise ODSQLSyntaxError(f"facet() arguments are name=value pairs separated by commas, in '{text}'.", "facet")
        value = chunk[2].value
        if chunk[2].kind == "kw":
            value = {"true": True, "false": False}.get(str(value), value)
        arguments[str(chunk[0].value).lower()] = value
    unknown = set(arguments) - {"name", "sort", "limit", "disjunctive", "hierarchical", "separator"}
    if unknown or not isinstance(arguments.get("name"), str):
        raise ODSQLSyntaxError(f"facet() needs name=\"field\"; unknown argument(s): {', '.join(sorted(unknown))}.", "facet")
    sort = arguments.get("sort")
    if sort is not None and sort not in SORTS:
        raise ODSQLSyntaxError(f"facet sort '{sort}' is not one of {', '.join(SORTS)}.", "facet")
    limit = arguments.get("limit")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
        raise ODSQLSyntaxError("facet limit must be a positive integer.", "facet")
    return FacetSpec(arguments["name"], sort, limit, arguments.get("disjunctive") is True,
                     arguments.get("hierarchical") is True, arguments.get("separator"))


def parse_facets(values: list[str]) -> list[FacetSpec]:
    specs = [parse_facet(text) for text in split_top_level(values)]
    if len(specs) > MAX_FACETS:
        raise ODSQLSyntaxError(f"more than {MAX_FACETS} facets.", "facet")
    return specs


def _paths(value: Any, kind: str, separator: str | None) -> list[list[str]]:
    """The facet path(s) of a row's value: one segment for a plain value, several for dates and hierarchies."""
    values = value if isinstance(value, list) else [value]
    paths = []
    for item in values:
        if item is None or item == "":
            continue
        if kind in DATE_TYPES:
            moment = local_datetime(item)
            if moment is not None:
                paths.append([f"{moment.year:04d}", f"{moment.month:02d}", f"{moment.day:02d}"])
                continue
        text = str(item) if not isinstance(item, bool) else str(item).lower()
        paths.append([s for s in text.split(separator) if s] if separator else [text])
    return paths


def _order(values: list[tuple[str, int]], sort: str, numeric: bool) -> list[tuple[str, int]]:
    if sort in ("count", "-count"):
        return sorted(values, key=lambda kv: (kv[1] if sort == "count" else -kv[1], kv[0].lower()))
    descending = sort.startswith("-")
    if numeric or sort.endswith("num") and not sort.endswith("alphanum"):
        def number(text: str) -> tuple[int, float, str]:
            try:
                return (0, float(text), text)
            except ValueError:
                return (1, 0.0, text)
        return sorted(values, key=lambda kv: number(kv[0]), reverse=descending)
    return sorted(values, key=lambda kv: kv[0].lower(), reverse=descending)


def _level(rows_paths: list[list[list[str]]], prefix: list[str], spec: FacetSpec, sort: str, numeric: bool,
           refined: set[str], separator: str) -> list[dict[str, Any]]:
    depth = len(prefix)
    counter: Counter[str] = Counter()
    for paths in rows_paths:
        counter.update({p[depth] for p in paths if len(p) > depth and p[:depth] == prefix})
    ordered = _order(list(counter.items()), sort, numeric)[:min(spec.limit if spec.limit is not None else MAX_VALUES,
                                                                 MAX_VALUES)]
    result = []
    for name, count in ordered:
        path = [*prefix, name]
        value = separator.join(path)
        entry: dict[str, Any] = {"name": name, "count": count, "state": "displayed", "value": value}
        if value in refined or any(r.startswith(value + separator) for r in refined):
            entry["state"] = "refined"
            children = _level(rows_paths, path, spec, sort, numeric, refined, separator)
            if children:
                entry["facets"] = children
        result.append(entry)
    return result


def facet_counts(rows: list[Row], specs: list[FacetSpec], refines: list[str], kinds: dict[str, str],
                 keep: Callable[[list[str]], Callable[[Row], bool]],
                 sorts: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The vendor's ``facets`` list. ``rows`` are filtered by ``where`` and ``exclude``; ``keep(refines)``
    builds the refine filter, applied here so that a disjunctive facet can ignore its own refinements."""
    refined_all = [tuple(r.split(":", 1)) for r in refines if ":" in r]
    everything = keep(refines)
    filtered = [row for row in rows if everything(row)]
    result = []
    for spec in specs:
        kind = kinds.get(spec.name, "text")
        own = {value.replace("-", "/") if kind in DATE_TYPES else value for facet, value in refined_all if facet == spec.name}
        base = filtered
        if spec.disjunctive and own:
            others = keep([r for r in refines if r.split(":", 1)[0] != spec.name])
            base = [row for row in rows if others(row)]
        separator = "/" if kind in DATE_TYPES else (spec.separator or "/")
        split = kind in DATE_TYPES or spec.hierarchical
        rows_paths = [_paths(row.get(spec.name), kind, separator if split else None) for row in base]
        default = (sorts or {}).get(spec.name) or ("alphanum" if kind in DATE_TYPES else "-count")
        numeric = kind in ("int", "double") and (spec.sort or default).endswith("num")
        result.append({"name": spec.name, "facets": _level(rows_paths, [], spec, spec.sort or default, numeric, own,
                                                            separator)})
    return result


__all__ = ["MAX_FACETS", "FacetSpec", "facet_counts", "parse_facet", "parse_facets", "split_top_level"]
