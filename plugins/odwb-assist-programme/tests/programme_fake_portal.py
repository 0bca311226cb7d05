"""A tiny stand-in for the portal's catalogue (Explore v2.1 ``/catalog/datasets`` and ``/catalog/facets``)
for tests and the benchmark: a small ODSQL evaluator (AND, OR, NOT, parentheses, ``IN (…)``,
comparisons of strings and ``date'…'``), an in-process client, and a WSGI app counting requests."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

Row = dict[str, Any]
TOKEN = re.compile(
    r"""\s*(?:(?P<date>date'[^']*')|(?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
    r"""|(?P<op>>=|<=|!=|=|<|>|\(|\)|,)|(?P<word>[A-Za-z_][\w.]*))"""
)


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if not match:
            raise ValueError(f"ODSQL query is malformed at {text[pos:pos + 20]!r}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


def _literal(kind: str, value: str) -> Any:
    if kind == "date":
        return value[5:-1][:10]
    if kind == "str":
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    raise ValueError(f"literal expected, got {value!r}")


def compile_where(text: str | None) -> Callable[[Row], bool]:
    if not text:
        return lambda row: True
    tokens = tokenize(text)
    pos = 0

    def peek() -> tuple[str, str]:
        return tokens[pos] if pos < len(tokens) else ("end", "")

    def take() -> tuple[str, str]:
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def or_expr() -> Callable[[Row], bool]:
        parts = [and_expr()]
        while peek()[1].lower() == "or":
            take()
            parts.append(and_expr())
        return lambda row: any(p(row) for p in parts)

    def and_expr() -> Callable[[Row], bool]:
        parts = [not_expr()]
        while peek()[1].lower() == "and":
            take()
            parts.append(not_expr())
        return lambda row: all(p(row) for p in parts)

    def not_expr() -> Callable[[Row], bool]:
        if peek()[1].lower() == "not":
            take()
            inner = not_expr()
            return lambda row: not inner(row)
        if peek()[1] == "(":
            take()
            inner = or_expr()
            if take()[1] != ")":
                raise ValueError("')' expected")
            return inner
        kind, field = take()
        if kind == "str":  # a bare "text": full-text search over every value
            needle = _literal(kind, field).casefold()
            return lambda row: any(needle in str(v).casefold() for v in row.values())
        if kind != "word":
            raise ValueError(f"field expected, got {field!r}")
        _, op = take()
        if op.lower() == "in":
            if take()[1] != "(":
                raise ValueError("'(' expected")
            values = []
            while True:
                values.append(_literal(*take()))
                sep = take()[1]
                if sep == ")":
                    break
            wanted = set(values)
            return lambda row: row.get(field) in wanted
        value = _literal(*take())

        def compare(row: Row) -> bool:
            have = row.get(field)
            if have is None:
                return False
            have = str(have)[:10] if re.fullmatch(r"\d{4}-\d\d-\d\d", str(value)) else have
            return {"=": have == value, "!=": have != value, ">": have > value, "<": have < value,
                    ">=": have >= value, "<=": have <= value}[op]

        return compare

    predicate = or_expr()
    if pos != len(tokens):
        raise ValueError(f"unexpected {tokens[pos][1]!r}")
    return predicate


def dataset(dataset_id: str, publisher: str, modified: str, title: str | None = None, processed: str | None = None,
            metadata_processed: str | None = None) -> Row:
    """A catalogue entry; the platform's timestamps default to the publication day (``modified``);
    ``processed`` later models a portal that reprocessed the dataset since."""
    return {"dataset_id": dataset_id, "publisher": publisher, "title": title or dataset_id.replace("-", " ").title(),
            "modified": modified, "data_processed": processed or modified,
            "metadata_processed": metadata_processed or processed or modified}


class FakeCatalog:
    """The catalogue as rows; answers like Explore v2.1 and counts the calls."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self.rows = list(rows)
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def catalog_datasets(self, where: str | None = None, select: str | None = None, order_by: str | None = None,
                         refine: Any = None, limit: int = 10, offset: int = 0) -> dict[str, Any]:
        self.calls.append(("datasets", {"where": where, "limit": limit, "offset": offset}))
        if limit > 100:
            raise ValueError("limit above 100")
        matched = sorted((r for r in self.rows if compile_where(where)(r)), key=lambda r: r["dataset_id"])
        page = matched[offset:offset + limit]
        results = [{"dataset_id": r["dataset_id"], "metas": {
            "default": {k: v for k, v in r.items() if k != "dataset_id" and "." not in k},
            **{k.split(".")[0]: {k.split(".")[1]: v} for k, v in r.items() if "." in k}}} for r in page]
        return {"total_count": len(matched), "results": results}

    def catalog_facets(self, facet: list[str] | None = None, where: str | None = None) -> dict[str, Any]:
        self.calls.append(("facets", {"where": where}))
        counts: dict[str, int] = {}
        predicate = compile_where(where)
        for row in self.rows:
            if predicate(row) and row.get("publisher"):
                counts[row["publisher"]] = counts.get(row["publisher"], 0) + 1
        items = [{"name": k, "value": k, "count": v, "state": "displayed"} for k, v in sorted(counts.items())]
        return {"facets": [{"name": "publisher", "facets": items}]}


def wsgi_app(catalog: FakeCatalog) -> Callable[..., Iterable[bytes]]:
    """The catalogue over HTTP at ``/api/explore/v2.1/catalog/{datasets,facets}``."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        path = environ.get("PATH_INFO", "")
        try:
            if path.endswith("/catalog/datasets"):
                body = catalog.catalog_datasets(where=query.get("where"), limit=int(query.get("limit", 10)),
                                                offset=int(query.get("offset", 0)))
            elif path.endswith("/catalog/facets"):
                body = catalog.catalog_facets(facet=[query.get("facet", "publisher")], where=query.get("where"))
            else:
                start_response("404 Not Found", [("Content-Type", "application/json")])
                return [b'{"error_code": "NotFound", "message": "Unknown path"}']
        except ValueError as exc:
            start_response("400 Bad Request", [("Content-Type", "application/json")])
            return [json.dumps({"error_code": "ODSQLError", "message": str(exc)}).encode()]
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps(body).encode()]

    return app
