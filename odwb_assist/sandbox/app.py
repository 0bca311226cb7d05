"""The Flask application factory: blueprints, fault injection, and JSON errors that never leak a traceback."""

from __future__ import annotations

import logging
import time
import uuid
from datetime import UTC, datetime, timedelta

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

from .faults import FaultInjector
from .limits import Limits, install
from .quota import CallQuota
from .store import Store
from .user_quota import check_quota
from .worker import Worker

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 240 * 1024 * 1024  # the portal's documented upload limit


SANDBOX_HEADER = "X-ODWB-Sandbox"  # same name as odwb_assist.portal.target.SANDBOX_HEADER


def create_app(store: Store, worker: Worker, faults: FaultInjector | None = None, quota: CallQuota | None = None,
               limits: Limits | None = None) -> Flask:
    """A WSGI app serving the Automation v1.0 and Explore v2.1 subsets and the HTML catalogue."""
    from . import attachments, automation, explore, fields_api, html, metadata_api, resources_api

    app = Flask(__name__)
    app.config.update(SANDBOX_STORE=store, SANDBOX_WORKER=worker, SANDBOX_FAULTS=faults or FaultInjector(store),
                      SANDBOX_QUOTA=quota or CallQuota(store.get_setting("daily_quota")),
                      MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES, JSON_SORT_KEYS=False)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.url_map.strict_slashes = False
    for blueprint in (metadata_api.bp, resources_api.bp, fields_api.bp, automation.bp, attachments.bp, explore.bp,
                      html.bp):
        app.register_blueprint(blueprint)

    @app.after_request
    def _mark_sandbox(response: Response) -> Response:
        response.headers[SANDBOX_HEADER] = "1"  # clients tell a training portal from a real one
        return response

    @app.before_request
    def _inject_fault() -> Response | tuple[Response, int] | None:
        injector: FaultInjector = app.config["SANDBOX_FAULTS"]
        fault = injector.pick(request.method, request.path)
        if fault is None:
            return None
        if fault.kind == "delay":
            time.sleep(fault.delay)
            return None
        headers = {"Retry-After": str(fault.retry_after)}
        if fault.kind == "429":
            if request.path.startswith("/api/explore/"):
                reset = (datetime.now(UTC) + timedelta(seconds=fault.retry_after)).strftime("%Y-%m-%dT%H:%M:%SZ")
                body = {"errorcode": 10002, "reset_time": reset, "limit_time_unit": "minute", "call_limit": 10000,
                        "error": "Too many requests on the domain. Please contact the domain administrator."}
            else:
                body = {"error_code": "too_many_requests", "message": "Too many requests: retry later."}
            response = jsonify(body)
            response.status_code = 429
        else:
            response = jsonify({"error_code": "service_unavailable",
                                "message": "The service is temporarily unavailable: retry later."})
            response.status_code = 503
        response.headers.update(headers)
        return response

    @app.before_request
    def _count_call() -> Response | None:
        if not request.path.startswith("/api/"):
            return None
        from .replies import caller

        user = caller()  # a wrong key is a 401 here already
        counter: CallQuota = app.config["SANDBOX_QUOTA"]
        count = counter.count(user.name if user else f"anonymous:{request.remote_addr}")
        g.sandbox_rate = count
        if not count.exceeded:
            return None
        response = jsonify(counter.refusal(count, anonymous=user is None))
        response.status_code = 429
        return response

    @app.after_request
    def _rate_headers(response: Response) -> Response:
        count = g.get("sandbox_rate")
        if count is not None:
            response.headers.update(count.headers())
        return response

    install(app, limits, quota=check_quota)  # bounds on every request, quota, bad input as 400 (limits.py)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response | HTTPException:
        if not request.path.startswith("/api/"):
            return exc
        code = exc.code or 500
        names = {404: ("not_found", "Not found."), 405: ("method_not_allowed", f"Method {request.method} not allowed."),
                 413: ("validation_error", "The file is larger than the 240 MB upload limit.")}
        error_code, message = names.get(code, ("bad_request", exc.description or "Bad request."))
        response = jsonify({"error_code": error_code, "message": message})
        response.status_code = code
        return response

    @app.errorhandler(Exception)
    def _internal_error(exc: Exception) -> tuple[Response, int]:
        trace_id = str(uuid.uuid4())
        log.exception("sandbox: internal error %s on %s %s", trace_id, request.method, request.path)
        return jsonify({"error_code": "internal_error", "message": "A server error occurred.", "trace_id": trace_id}), 500

    return app
