"""Evaluate an aggregated query (``group_by`` and/or aggregates in ``select``) over a stream of rows.

One pass over the rows, keeping one accumulator per group and aggregate (values are kept only for
``median``/``percentile`` and ``count(distinct)``), so memory grows with the number of groups, which
is capped at :data:`MAX_GROUPS` (the vendor's largest ``limit`` with a ``group_by``) with a 400 beyond.
As in v2.1: null values make their own group; a row with a multivalued field counts in each of its
values' groups; groups come in ascending key order (nulls last) unless ``order_by`` says otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from .odsql import FieldResolver, Row, _sort_key
from .odsql_expr import Aggregate, GroupItem, Item, Selection, parse_order_items
from .odsql_lexer import ODSQLSyntaxError

MAX_GROUPS = 20000


class _Accumulator:
    def __init__(self, aggregate: Aggregate) -> None:
        self.aggregate = aggregate
        self.count = 0
        self.total = 0.0
        self.low: Any = None
        self.high: Any = None
        self.values: list[float] = []
        self.seen: set[str] = set()

    def add(self, row: Row) -> None:
        agg = self.aggregate
        if agg.argument is None:
            self.count += 1
            return
        raw = agg.argument(row)
        for value in raw if isinstance(raw, list) else [raw]:
            if value is None:
                continue
            if agg.distinct:
                if len(self.seen) < MAX_GROUPS * 10:
                    self.seen.add(repr(value))
                continue
            self.count += 1
            if agg.function in ("min", "max"):
                self._extreme(value)
                continue
            number = _number(value)
            if number is None:
                continue
            if agg.function == "percentile":
                self.values.append(number)
            self.total += number

    def _extreme(self, value: Any) -> None:
        key = _sort_key(value)
        if self.low is None or key < _sort_key(self.low):
            self.low = value
        if self.high is None or key > _sort_key(self.high):
            self.high = value

    def result(self) -> Any:
        function = self.aggregate.function
        if function == "count":
            return len(self.seen) if self.aggregate.distinct else self.count
        if function == "sum":
            return _tidy(self.total) if self.count else None
        if function == "avg":
            return self.total / self.count if self.count else None
        if function == "min":
            return self.low
        if function == "max":
            return self.high
        return _percentile(sorted(self.values), self.aggregate.parameter or 50.0)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _tidy(number: float) -> float | int:
    return int(number) if number.is_integer() and abs(number) < 2 ** 53 else number


def _percentile(values: list[float], rank: float) -> float | None:
    if not values:
        return None
    position = (len(values) - 1) * rank / 100
    low, high = math.floor(position), math.ceil(position)
    return values[low] + (values[high] - values[low]) * (position - low)


def _matching_group(item: Item, groups: list[GroupItem]) -> GroupItem | None:
    for group in groups:
        if item.text == group.text or item.name.lower() == group.name.lower() or (
                item.field is not None and item.field == group.field):
            return group
    return None


def aggregate(rows: Iterable[Row], selection: Selection | None, groups: list[GroupItem], order_by: str | None,
              fields: FieldResolver) -> list[Row]:
    """The result rows of an aggregated query: group keys, then the selected expressions."""
    items = selection.items if selection is not None else []
    for item in items:
        if item.aggregate is None and _matching_group(item, groups) is None:
            raise ODSQLSyntaxError(f"'{item.name}' must be an aggregate or appear in group_by.", "select")
    outputs = [g.name for g in groups] + [i.name for i in items if i.aggregate is not None or
                                           _matching_group(i, groups) is None]
    order = parse_order_items(order_by, fields, outputs) if order_by and order_by.strip() else []
    hidden: list[Item] = []
    for item, _descending in order:
        if item.aggregate is not None and item.text not in {i.text for i in items if i.aggregate}:
            hidden.append(item)
        elif item.aggregate is None and item.name not in outputs and _matching_group(item, groups) is None \
                and not item.text.startswith("random("):
            raise ODSQLSyntaxError(f"'{item.name}' must be an aggregate, a label or appear in group_by.", "order_by")
    aggregates = [i for i in items if i.aggregate is not None] + hidden
    buckets: dict[tuple[Any, ...], tuple[tuple[Any, ...], list[_Accumulator]]] = {}
    for row in rows:
        combos: list[tuple[tuple[Any, ...], tuple[Any, ...]]] = [((), ())]
        for group in groups:
            combos = [(sorts + (s,), keys + (k,)) for sorts, keys in combos for s, k in group.keys(row)]
        for sorts, keys in combos:
            bucket = buckets.get(keys)
            if bucket is None:
                if len(buckets) >= MAX_GROUPS:
                    raise ODSQLSyntaxError(f"the group_by makes more than {MAX_GROUPS} groups; narrow it with where.",
                                           "group_by")
                bucket = buckets[keys] = (sorts, [_Accumulator(a.aggregate) for a in aggregates if a.aggregate])
            for accumulator in bucket[1]:
                accumulator.add(row)
    if not groups and not buckets:
        buckets[()] = ((), [_Accumulator(a.aggregate) for a in aggregates if a.aggregate])
    results: list[tuple[tuple[Any, ...], Row, dict[str, Any]]] = []
    for keys, (sorts, accumulators) in buckets.items():
        result: Row = {group.name: key for group, key in zip(groups, keys, strict=True)}
        values = {a.text: acc.result() for a, acc in zip(aggregates, accumulators, strict=True)}
        for item in items:
            if item.aggregate is not None:
                result[item.name] = values[item.text]
        results.append((sorts, result, values))
    results.sort(key=lambda entry: tuple(_null_last(s) for s in entry[0]))
    for item, descending in reversed(order):
        results = _sorted(results, item, descending, groups)
    return [row for _sorts, row, _values in results]


def _null_last(value: Any) -> tuple[int, Any]:
    return (1, (0, 0)) if value is None else (0, _sort_key(value))


def _sorted(results: list[Any], item: Item, descending: bool, groups: list[GroupItem]) -> list[Any]:
    group = _matching_group(item, groups) if item.aggregate is None else None
    position = groups.index(group) if group is not None else None

    def value(entry: Any) -> Any:
        sorts, row, values = entry
        if item.aggregate is not None:
            return values.get(item.text)
        if position is not None:
            return sorts[position]
        return row[item.name] if item.name in row or item.value is None else item.value(row)  # a label, or random()

    present = [e for e in results if value(e) is not None]
    missing = [e for e in results if value(e) is None]
    present.sort(key=lambda e: _null_last(value(e))[1], reverse=descending)
    return present + missing
