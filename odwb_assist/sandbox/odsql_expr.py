"""ODSQL expressions of ``select``, ``group_by`` and aggregated ``order_by``, parsed into plain objects.

``select``: ``*``, fields, scalar functions, ``include(pattern*)`` / ``exclude(pattern*)``, and the
aggregates ``count(*)``, ``count(field)``, ``count(distinct field)``, ``sum``, ``avg``, ``min``,
``max``, ``median``, ``percentile(field, n)``, each with an optional ``AS label`` (the key is the
expression as written otherwise, e.g. ``count(*)``). ``group_by``: fields, scalar functions (date
functions, ``date_format``), ``range(field, *, 10, 50, *)`` (static ranges, lower bound included)
and ``range(field, 5)`` / ``range(date, 1 day)`` (equal widths). Evaluation is in :mod:`.aggregation`.
Bounds (issue 18): at most :data:`MAX_ITEMS` expressions per clause and :data:`MAX_RANGE_STEPS` range steps.
"""

from __future__ import annotations

import fnmatch
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .odsql import AGGREGATES, FieldResolver, Row, _Parser
from .odsql_functions import interval_end, interval_start, iso, local_datetime, parse_interval
from .odsql_lexer import ODSQLSyntaxError

MAX_ITEMS = 50
MAX_RANGE_STEPS = 100
SUPPORTED_AGGREGATES = {"count", "sum", "avg", "min", "max", "median", "percentile"}


@dataclass(frozen=True)
class Aggregate:
    function: str  # count, sum, avg, min, max, median, percentile
    argument: Callable[[Row], Any] | None  # None for count(*)
    distinct: bool = False
    parameter: float | None = None


@dataclass(frozen=True)
class Item:
    """One ``select`` / ``order_by`` expression: a value of a row, or an aggregate of a group."""

    name: str  # the output key: the label, else the expression as written
    text: str  # the expression as written, normalised (lower case, no spaces), to match group_by items
    value: Callable[[Row], Any] | None = None
    aggregate: Aggregate | None = None
    field: str | None = None  # the row key when the expression is a bare field


@dataclass(frozen=True)
class GroupItem:
    name: str
    text: str
    keys: Callable[[Row], list[tuple[Any, Any]]]  # (sort value, key) of each group the row belongs to
    field: str | None = None


@dataclass(frozen=True)
class Selection:
    items: list[Item]
    fields: list[str] | None = None  # include()/exclude() and * : the row keys kept, in order

    @property
    def aggregated(self) -> bool:
        return any(item.aggregate for item in self.items)


def _normal(text: str) -> str:
    return "".join(text.lower().split())


class ExprParser(_Parser):
    def __init__(self, text: str, fields: FieldResolver, clause: str) -> None:
        super().__init__(text, fields, clause)
        self.text = text

    def span(self, start: int) -> str:
        return self.text[self.tokens[start].pos:self.peek().pos].strip()

    def label(self, default: str) -> str:
        if not self.is_kw("as"):
            return default
        self.take()
        token = self.take()
        if token.kind not in ("ident", "string"):
            self.i -= 1
            self.fail("expected a label after AS")
        return str(token.value)

    def items(self, parse_one: Callable[[], Any]) -> list[Any]:
        found = [parse_one()]
        while self.is_op(","):
            self.take()
            found.append(parse_one())
            if len(found) > MAX_ITEMS:
                raise ODSQLSyntaxError(f"more than {MAX_ITEMS} expressions.", self.clause)
        if self.peek().kind != "end":
            self.fail("unexpected token")
        return found

    # select -----------------------------------------------------------------------------------

    def selection(self) -> Selection:
        kept: list[str] | None = None
        items: list[Item] = []

        def one() -> None:
            nonlocal kept
            token = self.peek()
            if self.is_op("*"):
                self.take()
                kept = list(self.fields.names)
                return
            if token.kind == "ident" and str(token.value).lower() in ("include", "exclude") and self.peek(1).value == "(":
                kept = self.include_exclude(kept)
                return
            items.append(self.item())

        self.items(one)
        return Selection(items, kept)

    def include_exclude(self, kept: list[str] | None) -> list[str]:
        include = self.take().value.lower() == "include"
        self.expect_op("(")
        start = self.i
        while not self.is_op(")") and self.peek().kind != "end":
            self.take()
        pattern = self.span(start).strip("`\"'")
        self.expect_op(")")
        names = list(self.fields.names)
        matches = [n for n in names if fnmatch.fnmatchcase(n.lower(), pattern.lower())]
        if include:
            base = kept if kept is not None and kept != names else []
            return base + [n for n in matches if n not in base]
        return [n for n in (kept if kept is not None else names) if n not in matches]

    def item(self) -> Item:
        start = self.i
        token = self.peek()
        if token.kind == "ident" and self.peek(1).kind == "op" and self.peek(1).value == "(" \
                and str(token.value).lower() in AGGREGATES:
            aggregate = self.aggregate()
            text = self.span(start)
            return Item(self.label(text), _normal(text), aggregate=aggregate)
        value = self.operand()
        text = self.span(start)
        field = self.fields.resolve(token.value, self.clause) if token.kind == "ident" and self.i == start + 1 else None
        default = str(token.value) if field is not None else text
        return Item(self.label(default), _normal(text), value=value, field=field)

    def aggregate(self) -> Aggregate:
        name = str(self.take().value).lower()
        if name not in SUPPORTED_AGGREGATES:
            raise ODSQLSyntaxError(f"{name}() is not supported by the sandbox (no geometry aggregates).", self.clause)
        self.expect_op("(")
        if name == "count" and self.is_op("*"):
            self.take()
            self.expect_op(")")
            return Aggregate("count", None)
        distinct = False
        if name == "count" and self.peek().kind == "ident" and str(self.peek().value).lower() == "distinct":
            self.take()
            distinct = True
        argument = self.operand()
        parameter = None
        if name == "percentile":
            self.expect_op(",")
            token = self.take()
            if token.kind != "number" or not 0 <= float(token.value) <= 100:
                self.i -= 1
                self.fail("percentile() expects a number between 0 and 100")
            parameter = float(token.value)
        self.expect_op(")")
        return Aggregate("percentile" if name == "median" else name, argument, distinct,
                         50.0 if name == "median" else parameter)

    def random(self) -> Item:
        """``random(seed)`` of ``order_by``: the same seed gives the same order."""
        start = self.i
        self.take()
        self.expect_op("(")
        seed = self.take()
        if seed.kind != "number" or not isinstance(seed.value, int):
            self.i -= 1
            self.fail("random() expects an integer seed")
        self.expect_op(")")
        text = self.span(start)

        def shuffled(row: Row) -> int:
            return zlib.crc32(f"{seed.value}:{json.dumps(row, sort_keys=True, default=str)}".encode())

        return Item(text, _normal(text), value=shuffled)

    # group_by ---------------------------------------------------------------------------------

    def group_item(self) -> GroupItem:
        start = self.i
        token = self.peek()
        is_call = self.peek(1).kind == "op" and self.peek(1).value == "("
        if token.kind == "ident" and is_call and str(token.value).lower() == "range":
            keys = self.range()
            text = self.span(start)
            return GroupItem(self.label(text), _normal(text), keys)
        if token.kind == "ident" and is_call and str(token.value).lower() in AGGREGATES:
            raise ODSQLSyntaxError(f"{token.value}() cannot be used in group_by.", self.clause)
        value = self.operand()
        text = self.span(start)
        field = self.fields.resolve(token.value, self.clause) if token.kind == "ident" and self.i == start + 1 else None

        def field_keys(row: Row) -> list[tuple[Any, Any]]:
            result = value(row)
            if isinstance(result, dict) or (isinstance(result, list) and any(isinstance(v, dict) for v in result)):
                raise ODSQLSyntaxError("grouping by a geo field is not supported since v2.1 (geo_cluster() is not in"
                                       " the sandbox).", self.clause)
            if isinstance(result, list):
                return [(v, v) for v in dict.fromkeys(result)] or [(None, None)]
            return [(result, result)]

        return GroupItem(self.label(str(token.value) if field else text), _normal(text), field_keys, field)

    def range(self) -> Callable[[Row], list[tuple[Any, Any]]]:
        self.take()
        self.expect_op("(")
        source = self.operand()
        steps: list[Any] = []
        while self.is_op(","):
            self.take()
            if self.is_op("*"):
                self.take()
                steps.append("*")
            else:
                token = self.take()
                if token.kind not in ("number", "date", "interval"):
                    self.i -= 1
                    self.fail("range() expects numbers, dates, an interval or *")
                steps.append(token)
            if len(steps) > MAX_RANGE_STEPS:
                raise ODSQLSyntaxError(f"range() takes at most {MAX_RANGE_STEPS} steps.", self.clause)
        self.expect_op(")")
        if len(steps) == 1 and steps[0] != "*":
            return self.equal_widths(source, steps[0])
        return self.static_ranges(source, steps)

    def equal_widths(self, source: Callable[[Row], Any], step: Any) -> Callable[[Row], list[tuple[Any, Any]]]:
        if step.kind == "interval":
            count, unit = parse_interval(str(step.value))
            if count < 1 or (unit in ("w", "M", "q", "y") and count > 1):
                raise ODSQLSyntaxError(f"interval '{step.value}' is not supported (one week, month, quarter or year at"
                                       " most for calendar units).", self.clause)

            def date_keys(row: Row) -> list[tuple[Any, Any]]:
                moment = local_datetime(source(row))
                if moment is None:
                    return [(None, None)]
                low = interval_start(moment, count, unit)
                return [(low, f"[{iso(low)}, {iso(interval_end(low, count, unit))}[")]

            return date_keys
        width = float(step.value)
        if step.kind != "number" or width <= 0:
            raise ODSQLSyntaxError("range() width must be a positive number or an interval such as 1 day.", self.clause)

        def number_keys(row: Row) -> list[tuple[Any, Any]]:
            number = _number(source(row))
            if number is None:
                return [(None, None)]
            low = (number // width) * width
            return [(low, f"[{_num(low)}, {_num(low + width)}[")]

        return number_keys

    def static_ranges(self, source: Callable[[Row], Any], steps: list[Any]) -> Callable[[Row], list[tuple[Any, Any]]]:
        bounds = [s for s in steps if s != "*"]
        if not bounds or any(s == "*" for s in steps[1:-1]) or {b.kind for b in bounds} - {"number", "date"} \
                or len({b.kind for b in bounds}) > 1:
            raise ODSQLSyntaxError("range() expects increasing numbers or dates, with * only first or last.", self.clause)
        dates = bounds[0].kind == "date"
        values = [b.value for b in bounds]
        if values != sorted(values):
            raise ODSQLSyntaxError("range() bounds must be increasing.", self.clause)
        show = (lambda v: iso(v)) if dates else _num
        edges: list[tuple[Any, Any]] = list(zip(values, values[1:], strict=False))
        if steps[0] == "*":
            edges.insert(0, (None, values[0]))
        if steps[-1] == "*":
            edges.append((values[-1], None))

        def keys(row: Row) -> list[tuple[Any, Any]]:
            raw = source(row)
            value = local_datetime(raw) if dates else _number(raw)
            if value is None:
                return [(None, None)]
            for index, (low, high) in enumerate(edges):
                if (low is None or value >= low) and (high is None or value < high):
                    text = f"[{'*' if low is None else show(low)}, {'*' if high is None else show(high)}["
                    return [(index, text)]
            return []  # outside every range: in no group

        return keys


def _number(value: Any) -> float | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def parse_selection(text: str, fields: FieldResolver) -> Selection:
    """The ``select`` clause with expressions and aggregates."""
    return ExprParser(text, fields, "select").selection()


def parse_group_by(text: str, fields: FieldResolver) -> list[GroupItem]:
    parser = ExprParser(text, fields, "group_by")
    return parser.items(parser.group_item)


def parse_order_items(text: str, fields: FieldResolver, labels: list[str]) -> list[tuple[Item, bool]]:
    """``order_by`` of an aggregated query: labels of the output, aggregates or group expressions."""
    parser = ExprParser(text, fields, "order_by")
    lowered = {label.lower(): label for label in labels}

    def one() -> tuple[Item, bool]:
        token = parser.peek()
        if token.kind == "ident" and str(token.value).lower() == "random" and parser.peek(1).value == "(":
            return parser.random(), False
        if token.kind == "ident" and str(token.value).lower() in lowered and parser.peek(1).value != "(":
            parser.take()
            label = lowered[str(token.value).lower()]
            item = Item(label, _normal(label), value=lambda row: row.get(label), field=label)
        else:
            item = parser.item()
        descending = False
        if parser.is_kw("asc", "desc"):
            descending = parser.take().value == "desc"
        return item, descending

    return parser.items(one)


__all__ = ["MAX_ITEMS", "Aggregate", "ExprParser", "GroupItem", "Item", "Selection", "parse_group_by",
           "parse_order_items", "parse_selection"]
