"""ODSQL values: tokens, literals, dates, text folding and the loose comparison rules of the language."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

MAX_CLAUSE_CHARS = 10_000  # one where / select / order_by / group_by clause
MAX_NUMBER_CHARS = 30  # a number literal: beyond, floats lose meaning and ints overflow (issue 18)
KEYWORDS = {"and", "or", "not", "in", "like", "is", "null", "true", "false", "as", "asc", "desc"}


class ODSQLSyntaxError(ValueError):
    """An ODSQL expression outside the supported subset, or malformed."""

    def __init__(self, detail: str, clause: str) -> None:
        super().__init__(f"ODSQL query is malformed: {detail} Clause(s) containing the error(s): {clause}.")
        self.clause = clause


@dataclass(frozen=True)
class Token:
    kind: str  # number, string, date, interval, ident, op, kw, end
    value: Any
    pos: int


_TOKEN_RE = re.compile(r"""
    (?P<ws>\s+)
  | (?P<date>date\s*(?P<dq>['"])(?P<dval>.*?)(?P=dq))
  | (?P<geom>geom\s*['"])
  | (?P<interval>(?-i:\d+\s*(?:milliseconds?|ms|seconds?|s|minutes?|m|hours?|h|days?|d|weeks?|w|months?|M
                              |quarters?|q|years?|y))(?![\w.]))
  | (?P<number>-?\d+(?:\.\d+)?(?!\w|\.\d))
  | (?P<string>'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")
  | (?P<bq>`[^`]+`)
  | (?P<ident>[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)
  | (?P<op><=|>=|!=|<>|\.\.|[=<>()\[\],*+/-])
""", re.VERBOSE | re.IGNORECASE)


def tokenize(text: str, clause: str) -> list[Token]:
    if len(text) > MAX_CLAUSE_CHARS:
        raise ODSQLSyntaxError(f"the clause is longer than {MAX_CLAUSE_CHARS} characters.", clause)
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN_RE.match(text, pos)
        if match is None:
            raise ODSQLSyntaxError(f"unexpected character {text[pos]!r} at position {pos}.", clause)
        kind = match.lastgroup
        if kind in ("dq", "dval"):
            kind = "date"
        raw = match.group(0)
        if kind == "date":
            tokens.append(Token("date", _parse_date(match.group("dval"), clause), pos))
        elif kind == "geom":
            raise ODSQLSyntaxError("geometry literals (geom'...') are not supported by the sandbox.", clause)
        elif kind == "interval":
            tokens.append(Token("interval", re.sub(r"\s+", " ", raw), pos))
        elif kind == "number":
            if len(raw) > MAX_NUMBER_CHARS:
                raise ODSQLSyntaxError(f"the number at position {pos} has more than {MAX_NUMBER_CHARS} characters.", clause)
            tokens.append(Token("number", float(raw) if "." in raw else int(raw), pos))
        elif kind == "string":
            tokens.append(Token("string", re.sub(r"\\(.)", r"\1", raw[1:-1]), pos))
        elif kind == "bq":
            tokens.append(Token("ident", raw[1:-1], pos))
        elif kind == "ident":
            lowered = raw.lower()
            tokens.append(Token("kw", lowered, pos) if lowered in KEYWORDS else Token("ident", raw, pos))
        elif kind == "op":
            tokens.append(Token("op", raw, pos))
        pos = match.end()
    tokens.append(Token("end", None, len(text)))
    return tokens


def _parse_date(text: str, clause: str) -> datetime:
    value = as_datetime(text.replace("/", "-"))
    if value is None:
        raise ODSQLSyntaxError(f"invalid date literal date'{text}'.", clause)
    return value


def as_datetime(value: Any) -> datetime | None:
    """A naive UTC datetime from an ISO date/datetime string (``YYYY``, ``YYYY-MM`` also), else None."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if not isinstance(value, str) or not re.match(r"^\d{4}(-\d{2}){0,2}([T ]|$)", value):
        return None
    text = value.strip().replace("Z", "+00:00")
    if re.fullmatch(r"\d{4}", text):
        text += "-01-01"
    elif re.fullmatch(r"\d{4}-\d{2}", text):
        text += "-01"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = (parsed - parsed.utcoffset()).replace(tzinfo=None)  # type: ignore[operator]
    return parsed


def fold(text: str) -> str:
    """Lower case without accents, for full-text matching."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def values_of(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(text_of(v) for v in value)
    if isinstance(value, dict):
        return " ".join(text_of(v) for v in value.values())
    return str(value)


def matches_words(haystack: str, query: str) -> bool:
    words = re.findall(r"\w+", fold(haystack))
    return all(any(w.startswith(q) for w in words) for q in re.findall(r"\w+", fold(query)))


def compare(left: Any, op: str, right: Any) -> bool:
    """``left op right`` with ODSQL's loose typing (numbers, dates, strings); lists match on any item."""
    return any(_compare_one(item, op, right) for item in values_of(left))


def _compare_one(left: Any, op: str, right: Any) -> bool:
    if left is None or right is None:
        return op in ("!=", "<>") and (left is None) != (right is None)
    a: Any = left
    b: Any = right
    if isinstance(right, bool) or isinstance(left, bool):
        a, b = str(left).lower() in ("true", "1"), str(right).lower() in ("true", "1")
    elif isinstance(right, datetime) or (isinstance(right, str) and op not in ("=", "!=", "<>") and as_datetime(right)):
        a, b = as_datetime(left), as_datetime(right)
        if a is None or b is None:
            return False
    elif isinstance(right, int | float) or (isinstance(left, int | float) and _is_number(right)):
        try:
            a, b = float(left), float(right)
        except (TypeError, ValueError):
            return False
    elif isinstance(right, str) and as_datetime(right) and as_datetime(left) and len(str(left)) > len(right):
        a, b = str(left)[: len(right)], right  # modified = "2021-05-03" matches a datetime of that day
    else:
        a, b = str(left), str(right)
    try:
        return {"=": a == b, "!=": a != b, "<>": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
    except TypeError:
        return False


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True
