"""The sandbox's bounds on what one request may ask, so that a room (or one hostile guest) cannot freeze it.

Every bound answers a 4xx in the vendor's shape (``{"error_code", "message"}``; Explore's codes on
``/api/explore/``), never a 5xx. :class:`Limits` gathers the values that ``sandbox serve`` lets the
trainer change; the others are constants documented in ``docs/reference/sandbox.md`` (« Limites »).
Installed on the Flask app by :func:`install` (one ``before_request`` and a few error handlers).
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, current_app, jsonify, request

MAX_PARAMS = 100  # query-string parameters per request
MAX_PARAM_CHARS = 10_000  # characters of one query-string value (a where, an order_by…)
MAX_JSON_BYTES = 1024 * 1024  # a JSON body of the Automation API
MAX_JSON_DEPTH = 32  # nesting of a JSON body
MAX_TEXT_CHARS = 100_000  # one string (a metadata value, a title…) in a JSON body
MAX_METADATA_BYTES = 1024 * 1024  # a dataset's whole draft metadata, once changed
MAX_UPLOAD_BYTES = 240 * 1024 * 1024  # one uploaded file (the portal's documented limit)

_METADATA_PATH = re.compile(r"^/api/automation/v1\.0/datasets/([^/]+)/metadata/")


@dataclass(frozen=True)
class Limits:
    """What ``sandbox serve`` can change: per-user quota and the HTTP server's connection handling.

    ``max_datasets`` / ``max_bytes``: datasets and stored upload bytes per participant (0 = no limit;
    trainer keys are never limited). ``connection_limit``: open connections before waitress stops
    accepting (idle ones included); ``channel_timeout``: seconds after which an idle connection is closed.
    """

    max_datasets: int = 50
    max_bytes: int = 500 * 1024 * 1024
    connection_limit: int = 400
    channel_timeout: int = 30
    threads: int = 8

    def waitress_options(self) -> dict[str, Any]:
        """Keyword arguments of ``waitress.create_server`` for a room of about 30 participants."""
        return {"threads": self.threads, "connection_limit": self.connection_limit,
                "channel_timeout": self.channel_timeout, "cleanup_interval": min(10, self.channel_timeout),
                "backlog": 1024, "max_request_header_size": 64 * 1024,
                "max_request_body_size": MAX_UPLOAD_BYTES + 1024 * 1024}


def current() -> Limits:
    found: Limits = current_app.config.get("SANDBOX_LIMITS") or Limits()
    return found


def refuse(status: int, message: str, *, field: str | None = None, code: str | None = None) -> Response:
    """A 4xx in the shape of the API the request is on (Explore or Automation)."""
    if request.path.startswith("/api/explore/"):
        body: dict[str, Any] = {"message": message, "error_code": code or "InvalidRESTParameterError"}
    else:
        body = {"error_code": code or "validation_error", "message": message}
        if field:
            body["detail"] = {field: [message]}
    response = jsonify(body)
    response.status_code = status
    return response


def json_problem(value: Any) -> str | None:
    """Why a parsed JSON body is too deep or holds a too long string, else None (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep."
        if isinstance(item, str):
            if len(item) > MAX_TEXT_CHARS:
                return f"A text value is longer than {MAX_TEXT_CHARS} characters."
        elif isinstance(item, dict):
            stack.extend((k, depth + 1) for k in item)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return None


def _check_params() -> Response | None:
    if len(request.args) > MAX_PARAMS:
        return refuse(400, f"At most {MAX_PARAMS} query parameters are accepted.")
    for name, value in request.args.items(multi=True):
        if len(value) > MAX_PARAM_CHARS or len(name) > 200:
            return refuse(400, f"The parameter '{name[:50]}' is longer than {MAX_PARAM_CHARS} characters.", field=name[:50])
    return None


def _check_json_body() -> Response | None:
    if request.method not in ("POST", "PUT", "PATCH") or request.mimetype.startswith("multipart/"):
        return None
    length = request.content_length
    if length is not None and length > MAX_JSON_BYTES:
        return refuse(400, f"The request body is larger than {MAX_JSON_BYTES // 1024} KB.")
    if not request.is_json:
        if length is None and len(request.get_data(cache=True)) > MAX_JSON_BYTES:
            return refuse(400, f"The request body is larger than {MAX_JSON_BYTES // 1024} KB.")
        return None
    try:
        body = request.get_json(silent=True)  # cached for the view
    except RecursionError:
        return refuse(400, f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep.")
    problem = json_problem(body)
    if problem:
        return refuse(400, problem)
    match = _METADATA_PATH.match(request.path)
    if match and body is not None:
        return _check_metadata_size(match.group(1), body)
    return None


def _check_metadata_size(uid: str, body: Any) -> Response | None:
    from .replies import store

    rows = store().query("SELECT length(metadata) AS n FROM datasets WHERE uid = ?", (uid,))
    stored = int(rows[0]["n"] or 0) if rows else 0
    if stored + len(json.dumps(body)) > MAX_METADATA_BYTES:
        return refuse(400, f"The metadata of a dataset are limited to {MAX_METADATA_BYTES // 1024} KB in all.",
                      field="metadata")
    return None


def install(app: Flask, limits: Limits | None = None) -> None:
    """Add the bounds to ``app`` (before every view) and turn bad-input exceptions into 400s."""
    app.config["SANDBOX_LIMITS"] = limits or Limits()

    @app.before_request
    def _bounds() -> Response | None:
        from .user_quota import check_quota

        return _check_params() or _check_json_body() or check_quota()

    @app.errorhandler(RecursionError)
    def _too_deep(_exc: RecursionError) -> Response:
        return refuse(400, "The request is nested too deeply.")

    @app.errorhandler(OverflowError)
    def _overflow(_exc: OverflowError) -> Response:
        return refuse(400, "A number of the request is out of range.")

    @app.errorhandler(sqlite3.IntegrityError)
    def _conflict(_exc: sqlite3.IntegrityError) -> Response:
        # two changes raced on a unique value (two renames to the same dataset_id): the loser is told so
        return refuse(400, "This value is already used (another request took it at the same time).", field="dataset_id")
