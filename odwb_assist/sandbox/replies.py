"""Response helpers shared by the blueprints: the vendor's error bodies, pagination, the caller's identity."""

from __future__ import annotations

from typing import Any, NoReturn
from urllib.parse import urlencode

from flask import Response, abort, current_app, g, jsonify, request

from .store import Store, User

MAX_INT_ARG = 10 ** 9  # limit/offset beyond this are refused (SQLite integers, issue 18)


def store() -> Store:
    result: Store = current_app.config["SANDBOX_STORE"]
    return result


def error(status: int, code: str, message: str, detail: dict[str, Any] | None = None) -> NoReturn:
    """Stop the request with an Automation-style error body ``{"error_code", "message"[, "detail"]}``."""
    body: dict[str, Any] = {"error_code": code, "message": message}
    if detail is not None:
        body["detail"] = detail
    response = jsonify(body)
    response.status_code = status
    abort(response)


def validation_error(detail: dict[str, list[str]], message: str = "Invalid input") -> NoReturn:
    error(400, "validation_error", message, detail)


def not_found(message: str = "Not found.") -> NoReturn:
    error(404, "not_found", message)


def ok() -> Response:
    return jsonify({"detail": "ok"})


def deleted() -> Response:
    return Response(status=204)


def api_key() -> str | None:
    """The key sent as ``Authorization: Apikey <key>`` (scheme case-insensitive) or ``?apikey=``."""
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "apikey" and value.strip():
        return value.strip()
    return request.args.get("apikey") or None


def caller() -> User | None:
    """The authenticated user, None for anonymous; a wrong key is a 401 (never echoed back)."""
    if "sandbox_user" not in g:
        key = api_key()
        user = store().user_for_key(key) if key else None
        if key and user is None:
            error(401, "invalid_api_key", "The API key is not valid. Check it, or ask the trainer for a new one "
                                          "('odwb-assist sandbox add-user NAME').")
        g.sandbox_user = user
    result: User | None = g.sandbox_user
    return result


def require_user() -> User:
    user = caller()
    if user is None:
        error(401, "authentication_required", "Authentication credentials were not provided: send your API key in "
                                              "the header 'Authorization: Apikey <key>'.")
    return user


def int_arg(name: str, default: int, *, low: int = 0, high: int | None = None) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(float(raw))  # « 20.0 » is accepted, as by the vendor
    except (ValueError, OverflowError):  # « abc », « nan », « inf », « 1e400 »
        validation_error({name: ["A valid integer is required."]})
    high = min(high, MAX_INT_ARG) if high is not None else MAX_INT_ARG
    if value < low or value > high:
        validation_error({name: [f"Must be between {low} and {high}."]})
    return value


def page_links(total: int, limit: int, offset: int) -> tuple[str | None, str | None]:
    """Absolute ``next`` / ``previous`` URLs of a paginated list, keeping the other query parameters."""
    base = request.base_url
    params = {k: v for k, v in request.args.items() if k not in ("limit", "offset", "apikey")}

    def link(new_offset: int) -> str:
        return f"{base}?{urlencode({**params, 'limit': limit, 'offset': new_offset})}"

    next_link = link(offset + limit) if limit and offset + limit < total else None
    previous = link(max(offset - limit, 0)) if limit and offset > 0 else None
    return next_link, previous


def paginated(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> Response:
    next_link, previous = page_links(total, limit, offset)
    return jsonify({"total_count": total, "next": next_link, "previous": previous, "results": items})
