"""A real ODSQL parser for the subset that clients use most, evaluated in Python over dict rows.

Supported in ``where``: comparisons (``= != <> < > <= >=``), ``AND`` / ``OR`` / ``NOT`` and
parentheses, ``field IN ("a", "b")``, ``field IN [1..10]`` (``[``/``]`` inclusive, ``]``/``[``
exclusive), ``"x" IN multivalued_field``, ``[NOT] LIKE`` (``*`` or ``%`` wildcards; without one, a
case-insensitive word search), ``IS [NOT] NULL``, ``search(field|*, "text")``,
``startswith(field, "text")``, ``suggest(...)`` (as search), a bare ``"text"`` (full-text search),
a bare boolean field, quoted strings (single or double, ``\\`` escapes), numbers, ``TRUE``/``FALSE``,
``NULL`` and dates (``date'2021-05-01'``, ``date'2021/05/01T08:02'``). Back-quoted field names.
Scalar functions (``year(date) = 2021``, ``date_format()``, ``lower()``…: :mod:`.odsql_functions`)
and arithmetic (``places * 2``, ``+ - /``) wherever a value goes. ``select``: ``*``, field names,
``field AS alias``. ``order_by``: ``field [ASC|DESC]``, comma list. Expressions, aggregates,
``group_by`` and ``random()`` are in :mod:`.odsql_expr`. Anything else (geo functions…) raises
:class:`ODSQLSyntaxError`, which the Explore API turns into the vendor's 400
``{"error_code": "ODSQLError", "message": ...}``.
"""


from __future__ import annotations

import fnmatch
import functools
from collections.abc import Callable
from typing import Any

from .odsql_functions import SCALARS, arithmetic
from .odsql_lexer import ODSQLSyntaxError, Token, as_datetime, compare, fold, matches_words, text_of, tokenize, values_of

__all__ = ["FieldResolver", "ODSQLSyntaxError", "Token", "as_datetime", "fold", "parse_order_by", "parse_select",
           "parse_where", "sort_rows", "sort_rows_by"]

Row = dict[str, Any]
Predicate = Callable[[Row], bool]
FUNCTIONS = {"search", "startswith", "suggest"}
AGGREGATES = {"count", "sum", "avg", "min", "max", "median", "percentile", "envelope", "bbox"}
MAX_DEPTH = 64


class FieldResolver:
    """Maps names of a ``where``/``select``/``order_by`` to row keys; unknown names are errors (as on the portal)."""

    def __init__(self, names: list[str], aliases: dict[str, str] | None = None, text_fields: list[str] | None = None) -> None:
        self.names = list(names)
        self._lookup = {n.lower(): n for n in names}
        for alias, target in (aliases or {}).items():
            self._lookup[alias.lower()] = target
        self.text_fields = list(text_fields if text_fields is not None else names)

    def resolve(self, name: str, clause: str) -> str:
        key = self._lookup.get(name.lower())
        if key is None:
            raise ODSQLSyntaxError(f"Unknown field: {name}.", clause)
        return key


class _Parser:
    def __init__(self, text: str, fields: FieldResolver, clause: str) -> None:
        self.tokens = tokenize(text, clause)
        self.i = 0
        self.fields = fields
        self.clause = clause
        self.depth = 0

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ODSQLSyntaxError(f"the expression is nested more than {MAX_DEPTH} levels deep.", self.clause)

    # helpers
    def peek(self, offset: int = 0) -> Token:
        return self.tokens[min(self.i + offset, len(self.tokens) - 1)]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def is_kw(self, *words: str) -> bool:
        return self.peek().kind == "kw" and self.peek().value in words

    def is_op(self, *ops: str) -> bool:
        return self.peek().kind == "op" and self.peek().value in ops

    def expect_op(self, op: str) -> None:
        if not self.is_op(op):
            self.fail(f"expected '{op}'")
        self.take()

    def fail(self, what: str) -> None:
        token = self.peek()
        found = "end of expression" if token.kind == "end" else repr(token.value)
        raise ODSQLSyntaxError(f"{what} at position {token.pos}, found {found}.", self.clause)

    # grammar
    def parse_where(self) -> Predicate:
        predicate = self.or_expr()
        if self.peek().kind != "end":
            self.fail("unexpected token")
        return predicate

    def or_expr(self) -> Predicate:
        parts = [self.and_expr()]
        while self.is_kw("or"):
            self.take()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else (lambda row: any(p(row) for p in parts))

    def and_expr(self) -> Predicate:
        parts = [self.not_expr()]
        while self.is_kw("and"):
            self.take()
            parts.append(self.not_expr())
        return parts[0] if len(parts) == 1 else (lambda row: all(p(row) for p in parts))

    def not_expr(self) -> Predicate:
        if self.is_kw("not"):
            self.take()
            self.nest()
            inner = self.not_expr()
            self.depth -= 1
            return lambda row: not inner(row)
        return self.predicate()

    def predicate(self) -> Predicate:
        token = self.peek()
        if self.is_op("("):
            self.take()
            self.nest()
            inner = self.or_expr()
            self.expect_op(")")
            self.depth -= 1
            return inner
        if token.kind == "ident" and self.peek(1).kind == "op" and self.peek(1).value == "(" \
                and token.value.lower() in FUNCTIONS:
            return self.function()
        left = self.operand()
        if self.is_op("=", "!=", "<>", "<", ">", "<=", ">="):
            op = self.take().value
            right = self.operand()
            return lambda row: compare(left(row), op, right(row))
        negate = False
        if self.is_kw("not") and self.peek(1).kind == "kw" and self.peek(1).value in ("in", "like"):
            self.take()
            negate = True
        if self.is_kw("in"):
            self.take()
            test = self.in_clause(left)
            return (lambda row: not test(row)) if negate else test
        if self.is_kw("like"):
            self.take()
            pattern = self.take()
            if pattern.kind != "string":
                self.fail("LIKE expects a quoted pattern")
            like = _like(str(pattern.value))
            return (lambda row: not like(left(row))) if negate else (lambda row: like(left(row)))
        if self.is_kw("is"):
            self.take()
            wanted_null = True
            if self.is_kw("not"):
                self.take()
                wanted_null = False
            if not self.is_kw("null"):
                self.fail("expected NULL after IS")
            self.take()
            return lambda row: (left(row) in (None, [], "")) == wanted_null
        if token.kind == "string":
            text = str(token.value)
            return lambda row: matches_words(" ".join(text_of(row.get(f)) for f in self.fields.text_fields), text)
        if token.kind == "ident":
            return lambda row: compare(left(row), "=", True)
        self.fail("expected a condition")
        raise AssertionError  # unreachable

    def operand(self) -> Callable[[Row], Any]:
        """A value: a term, or terms joined by ``+`` / ``-`` (``places - 1`` also lexes as ``places`` and ``-1``)."""
        left = self.term()
        while True:
            if self.is_op("+", "-"):
                op = self.take().value
            elif self.peek().kind == "number" and str(self.peek().value).startswith("-"):
                op = "+"  # the negative number is the right-hand side
            else:
                return left
            left = _arithmetic(left, op, self.term())

    def term(self) -> Callable[[Row], Any]:
        left = self.primary()
        while self.is_op("*", "/"):
            op = self.take().value
            left = _arithmetic(left, op, self.primary())
        return left

    def primary(self) -> Callable[[Row], Any]:
        token = self.take()
        if token.kind == "op" and token.value == "(":  # (places + 1) * 2 in select / group_by
            self.nest()
            inner = self.operand()
            self.expect_op(")")
            self.depth -= 1
            return inner
        if token.kind in ("number", "string", "date"):
            value = token.value
            return lambda row: value
        if token.kind == "kw" and token.value in ("true", "false", "null"):
            constant = {"true": True, "false": False, "null": None}[token.value]
            return lambda row: constant
        if token.kind == "ident" and self.is_op("("):
            return self.call(str(token.value))
        if token.kind == "ident":
            key = self.fields.resolve(token.value, self.clause)
            return lambda row: row.get(key)
        self.i -= 1
        self.fail("expected a field name or a value")
        raise AssertionError  # unreachable

    def call(self, name: str) -> Callable[[Row], Any]:
        """A scalar function call (``year(date)``, ``date_format(d, 'yyyy')``…), the name already taken."""
        lowered = name.lower()
        if lowered not in SCALARS:
            where = "in this clause" if lowered in AGGREGATES | FUNCTIONS | {"range"} else "by the sandbox"
            raise ODSQLSyntaxError(f"{lowered}() is not supported {where}.", self.clause)
        arity, function = SCALARS[lowered]
        self.expect_op("(")
        self.nest()
        args = [self.operand()]
        while self.is_op(","):
            self.take()
            args.append(self.operand())
        self.expect_op(")")
        self.depth -= 1
        if len(args) != arity:
            raise ODSQLSyntaxError(f"{lowered}() takes {arity} argument(s), {len(args)} given.", self.clause)
        return lambda row: function(*(arg(row) for arg in args))

    def in_clause(self, left: Callable[[Row], Any]) -> Predicate:
        if self.is_op("[", "]"):
            low_inclusive = self.take().value == "["
            low = self.operand()
            self.expect_op("..")
            high = self.operand()
            if not self.is_op("[", "]"):
                self.fail("expected ']' or '[' closing the range")
            high_inclusive = self.take().value == "]"
            low_op, high_op = (">=" if low_inclusive else ">"), ("<=" if high_inclusive else "<")
            return lambda row: compare(left(row), low_op, low(row)) and compare(left(row), high_op, high(row))
        if self.is_op("("):
            self.take()
            options = [self.operand()]
            while self.is_op(","):
                self.take()
                options.append(self.operand())
            self.expect_op(")")
            return lambda row: any(compare(left(row), "=", option(row)) for option in options)
        container = self.operand()  # "x" IN multivalued_field
        return lambda row: compare(container(row), "=", left(row))

    def function(self) -> Predicate:
        name = self.take().value.lower()
        if name not in FUNCTIONS:
            raise ODSQLSyntaxError(f"{name}() is not supported by the sandbox (supported: search, startswith, suggest).",
                                   self.clause)
        self.expect_op("(")
        if self.is_op("*"):
            self.take()
            targets = list(self.fields.text_fields)
        else:
            token = self.take()
            if token.kind != "ident":
                self.fail(f"{name}() expects a field name or *")
            targets = [self.fields.resolve(token.value, self.clause)]
        self.expect_op(",")
        text_token = self.take()
        if text_token.kind != "string":
            self.fail(f"{name}() expects a quoted text")
        self.expect_op(")")
        text = str(text_token.value)
        if name == "startswith":
            return lambda row: any(fold(text_of(v)).startswith(fold(text)) for f in targets for v in values_of(row.get(f)))
        return lambda row: matches_words(" ".join(text_of(row.get(f)) for f in targets), text)

    def parse_select(self) -> list[tuple[str, str]]:
        items: list[tuple[str, str]] = []
        while True:
            if self.is_op("*"):
                self.take()
                items.extend((name, name) for name in self.fields.names)
            else:
                token = self.take()
                if token.kind != "ident" or self.is_op("("):
                    self.i -= 1
                    if self.peek().kind == "ident":
                        raise ODSQLSyntaxError(f"{self.peek().value}() is not supported in select by the sandbox.",
                                               self.clause)
                    self.fail("expected a field name")
                key = self.fields.resolve(token.value, self.clause)
                alias = token.value
                if self.is_kw("as"):
                    self.take()
                    alias_token = self.take()
                    if alias_token.kind not in ("ident", "string"):
                        self.fail("expected an alias")
                    alias = str(alias_token.value)
                items.append((key, alias))
            if self.peek().kind == "end":
                return items
            self.expect_op(",")

    def parse_order(self) -> list[tuple[str, bool]]:
        items: list[tuple[str, bool]] = []
        while True:
            token = self.take()
            if token.kind != "ident" or self.is_op("("):
                self.i -= 1
                self.fail("expected a field name")
            descending = False
            if self.is_kw("asc", "desc"):
                descending = self.take().value == "desc"
            items.append((self.fields.resolve(token.value, self.clause), descending))
            if self.peek().kind == "end":
                return items
            self.expect_op(",")


def _arithmetic(left: Callable[[Row], Any], op: str, right: Callable[[Row], Any]) -> Callable[[Row], Any]:
    return lambda row: arithmetic(op, left(row), right(row))


def _like(pattern: str) -> Callable[[Any], bool]:
    if "*" in pattern or "%" in pattern:
        glob = fold(pattern).replace("%", "*")
        return lambda value: any(fnmatch.fnmatchcase(fold(text_of(v)), glob) for v in values_of(value))
    return lambda value: matches_words(text_of(value), pattern)


def parse_where(text: str, fields: FieldResolver) -> Predicate:
    """Compile a ``where`` expression; raises :class:`ODSQLSyntaxError`."""
    if not text.strip():
        return lambda row: True
    return _Parser(text, fields, "where").parse_where()


def parse_select(text: str, fields: FieldResolver) -> list[tuple[str, str]]:
    """``[(row key, output name)]`` of a ``select`` clause."""
    return _Parser(text, fields, "select").parse_select()


def parse_order_by(text: str, fields: FieldResolver) -> list[tuple[str, bool]]:
    """``[(row key, descending)]`` of an ``order_by`` clause."""
    return _Parser(text, fields, "order_by").parse_order()


def sort_rows(rows: list[Row], order: list[tuple[str, bool]]) -> list[Row]:
    """Stable multi-key sort; nulls last, numbers before strings, dates compared as text (ISO)."""
    for key, descending in reversed(order):
        present = [r for r in rows if r.get(key) not in (None, [])]
        missing = [r for r in rows if r.get(key) in (None, [])]
        present.sort(key=functools.partial(_row_key, key), reverse=descending)
        rows = present + missing
    return rows


def sort_rows_by(rows: list[Row], order: list[tuple[Callable[[Row], Any], bool]]) -> list[Row]:
    """:func:`sort_rows` on computed values (``order_by=year(date) desc``); each value computed once per row."""
    for value, descending in reversed(order):
        keyed = [(value(row), row) for row in rows]
        present = [(v, row) for v, row in keyed if v not in (None, [])]
        missing = [row for v, row in keyed if v in (None, [])]
        present.sort(key=lambda pair: _sort_key(pair[0]), reverse=descending)
        rows = [row for _v, row in present] + missing
    return rows


def _row_key(key: str, row: Row) -> tuple[int, Any]:
    return _sort_key(row.get(key))


def _sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, list):
        value = value[0]
    if isinstance(value, bool | int | float):
        return (0, float(value))
    return (1, fold(str(value)))
