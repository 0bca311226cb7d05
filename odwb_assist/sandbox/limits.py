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
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, current_app, g, jsonify, request

MAX_PARAMS = 100  # query-string parameters per request
MAX_PARAM_CHARS = 10_000  # characters of one query-string value (a where, an order_by…)
MAX_JSON_BYTES = 1024 * 1024  # a JSON body of the Automation API
MAX_JSON_DEPTH = 32  # nesting of a JSON body
MAX_TEXT_CHARS = 100_000  # one string (a metadata value, a title…) in a JSON body
MAX_METADATA_BYTES = 1024 * 1024  # a dataset's whole draft metadata, once changed
MAX_UPLOAD_BYTES = 240 * 1024 * 1024  # one uploaded file (the portal's documented limit)

_METADATA_PATH = re.compile(r"^/api/automation/v1\.0/datasets/([^/]+)/metadata/")
_DATASET_READ = re.compile(r"^/api/explore/v2\.1/catalog/datasets/[^/]+/(records|exports|facets)(/|$)")
_LEGACY_DOWNLOAD = re.compile(r"^/explore/dataset/[^/]+/download/?$")
_HEAVY_PARAMS = ("where", "order_by", "group_by", "select", "refine", "exclude", "q", "facet")


@dataclass(frozen=True)
class Limits:
    """What ``sandbox serve`` can change: per-user quota and the HTTP server's connection handling.

    ``max_datasets`` / ``max_bytes``: datasets and stored upload bytes per participant (0 = no limit;
    trainer keys are never limited). ``connection_limit``: open connections before waitress stops
    accepting (idle ones included); ``channel_timeout``: seconds after which an idle connection is closed.
    ``heavy_queries``: Explore reads of a dataset that filter, sort, group or export, served at once; one
    more waits up to ``heavy_wait`` seconds for a slot, then is answered 429 with ``Retry-After`` (the
    room's ordinary calls keep the other threads and most of the interpreter).
    """

    max_datasets: int = 50
    max_bytes: int = 500 * 1024 * 1024
    connection_limit: int = 400
    channel_timeout: int = 30
    threads: int = 16
    heavy_queries: int = 1
    heavy_wait: float = 2.0

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


def is_heavy() -> bool:
    """A read that may decode a whole dataset: an export, or records/facets with a filter, sort or grouping."""
    match = _DATASET_READ.match(request.path)
    if match:
        return match.group(1) == "exports" or any(request.args.get(name) for name in _HEAVY_PARAMS)
    return bool(_LEGACY_DOWNLOAD.match(request.path))


def _take_heavy_slot(slots: threading.BoundedSemaphore, wait: float) -> Response | None:
    if not is_heavy():
        return None
    if not slots.acquire(timeout=wait):
        response = refuse(429, "Too many heavy queries at the same time on this portal: retry in a few seconds.",
                          code="TooManyRequests")
        response.headers["Retry-After"] = "2"
        return response
    g.sandbox_heavy_slot = slots
    return None


def install(app: Flask, limits: Limits | None = None,
            quota: Callable[[], Response | None] = lambda: None) -> None:
    """Add the bounds to ``app`` (before every view) and turn bad-input exceptions into 400s.

    ``quota`` is the per-participant quota check (:func:`.user_quota.check_quota`, given by the app
    that composes both, since it reads these limits), run after the input checks."""
    settings = limits or Limits()
    app.config["SANDBOX_LIMITS"] = settings
    slots = threading.BoundedSemaphore(max(1, settings.heavy_queries))

    @app.before_request
    def _bounds() -> Response | None:
        return _check_params() or _check_json_body() or quota() or _take_heavy_slot(slots, settings.heavy_wait)

    @app.teardown_request
    def _release(_exc: BaseException | None) -> None:
        taken = g.pop("sandbox_heavy_slot", None)
        if taken is not None:
            taken.release()

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
