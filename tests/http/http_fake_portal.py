"""A stateful mocked portal for the publication scenarios, on top of ``responses``.

Each route is registered by name for one run (``portal.register(rsps, "list", "status", …)``), so
that ``assert_all_requests_are_fired`` proves every route was used and a write that is not
registered fails the test (a zero-write run registers read routes only). Bodies follow the shapes
of tests/data/ods-samples.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

import responses
from requests import PreparedRequest
from requests_toolbelt.multipart.decoder import MultipartDecoder

BASE = "https://portal.test"
A = re.escape(BASE + "/api/automation/v1.0")
E = re.escape(BASE + "/api/explore/v2.1")
Q = r"(\?.*)?$"
ID = r"([^/?]+)"

LICENSES = {"5sylls5": "CC BY 4.0", "4bj8ceb": "CC0 1.0", "9ncnd00": "CC BY-NC 4.0"}
THEMES = {"7b5b405": "Administration et services publics", "06af88d": "Mobilité"}

Reply = tuple[int, dict[str, str], str]

ROUTES: dict[str, tuple[str, str]] = {
    "list": ("GET", rf"^{A}/datasets/{Q}"),
    "create": ("POST", rf"^{A}/datasets/{Q}"),
    "put_dataset": ("PUT", rf"^{A}/datasets/{ID}/{Q}"),
    "status": ("GET", rf"^{A}/datasets/{ID}/status/{Q}"),
    "resources": ("GET", rf"^{A}/datasets/{ID}/resources/{Q}"),
    "create_resource": ("POST", rf"^{A}/datasets/{ID}/resources/{Q}"),
    "update_resource": ("PUT", rf"^{A}/datasets/{ID}/resources/{ID}/{Q}"),
    "upload": ("POST", rf"^{A}/datasets/{ID}/resources/files/{Q}"),
    "file": ("GET", rf"^{A}/datasets/{ID}/resources/files/{ID}/{Q}"),
    "metadata": ("GET", rf"^{A}/datasets/{ID}/metadata/{Q}"),
    "set_field": ("PUT", rf"^{A}/datasets/{ID}/metadata/{ID}/{ID}/{Q}"),
    "get_field": ("GET", rf"^{A}/datasets/{ID}/metadata/{ID}/{ID}/{Q}"),
    "publish": ("POST", rf"^{A}/datasets/{ID}/publish/{Q}"),
    "fields": ("GET", rf"^{A}/datasets/{ID}/fields/{Q}"),
    "create_field": ("POST", rf"^{A}/datasets/{ID}/fields/{Q}"),
    "update_field": ("PUT", rf"^{A}/datasets/{ID}/fields/{ID}/{Q}"),
    "delete_field": ("DELETE", rf"^{A}/datasets/{ID}/fields/{ID}/{Q}"),
    "templates": ("GET", rf"^{A}/metadata/templates/internal/fields/{Q}"),
    "explore_dataset": ("GET", rf"^{E}/catalog/datasets/{ID}{Q}"),
}
READS = ("list", "status", "resources", "metadata", "fields")


def _json(status: int, body: Any) -> Reply:
    return status, {"Content-Type": "application/json"}, json.dumps(body)


class FakePortal:
    """The portal's state and the ``responses`` callbacks that read and change it."""

    def __init__(self) -> None:
        self.datasets: dict[str, dict[str, Any]] = {}
        self.files: dict[str, dict[str, dict[str, Any]]] = {}
        self.resources: dict[str, list[dict[str, Any]]] = {}
        self.field_configs: dict[str, list[dict[str, Any]]] = {}
        self.status: dict[str, dict[str, Any]] = {}
        self.published: dict[str, dict[str, Any]] = {}
        self.failures: dict[str, list[Reply | BaseException]] = {}
        self.writes: list[str] = []
        self.processing_polls = 1
        self._counter = 0

    # --- wiring -------------------------------------------------------------------------------

    def register(self, rsps: responses.RequestsMock, *names: str) -> None:
        for name in names:
            method, pattern = ROUTES[name]
            rsps.add_callback(method, re.compile(pattern), callback=self._handler(name))

    def fail(self, name: str, *replies: Reply | BaseException) -> None:
        """The next calls of route ``name`` get these replies (or raise these exceptions) first."""
        self.failures.setdefault(name, []).extend(replies)

    def _handler(self, name: str) -> Callable[[PreparedRequest], Reply]:
        def handle(request: PreparedRequest) -> Reply:
            queued = self.failures.get(name)
            if queued:
                reply = queued.pop(0)
                if isinstance(reply, BaseException):
                    raise reply
                return reply
            method, pattern = ROUTES[name]
            match = re.match(pattern, str(request.url))
            assert match is not None
            if method != "GET":
                self.writes.append(name)
            return getattr(self, "on_" + name)(request, *[g for g in match.groups() if g is not None and not g.startswith("?")])

        return handle

    def _uid(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}_{self._counter:06d}"

    # --- automation ---------------------------------------------------------------------------

    def on_list(self, request: PreparedRequest, *_: Any) -> Reply:
        wanted = re.search(r"dataset_id=([^&]+)", str(request.url))
        items = [d for d in self.datasets.values() if not wanted or d["dataset_id"] == wanted.group(1)]
        shown = [{k: v for k, v in d.items() if k != "metadata"} | {"metadata": {}} for d in items]
        return _json(200, {"total_count": len(shown), "next": None, "previous": None, "results": shown})

    def on_create(self, request: PreparedRequest, *_: Any) -> Reply:
        body = json.loads(request.body or b"{}")
        uid = self._uid("da")
        dataset = {"uid": uid, "dataset_id": body["dataset_id"], "is_published": False,
                   "is_restricted": body.get("is_restricted", False), "default_security": "public",
                   "created_at": "2026-11-28T10:00:00Z", "updated_at": "2026-11-28T10:00:00Z",
                   "metadata": body.get("metadata", {})}
        self.datasets[uid] = dataset
        self.files[uid], self.resources[uid] = {}, []
        self.status[uid] = {"status": "idle", "since": "2026-11-28T10:00:00Z", "is_published": False, "previous": None,
                            "next": None, "message": None, "records_errors": [], "params": {}}
        return _json(201, dataset)

    def on_put_dataset(self, request: PreparedRequest, uid: str, *_: Any) -> Reply:
        body = json.loads(request.body or b"{}")
        self.datasets[uid].update({k: v for k, v in body.items() if k in ("dataset_id", "is_restricted", "metadata")})
        return _json(200, self.datasets[uid])

    def on_status(self, request: PreparedRequest, uid: str, *_: Any) -> Reply:
        status = self.status[uid]
        if status["status"] == "processing":
            status["polls"] = status.get("polls", 0) + 1
            if status["polls"] > self.processing_polls:
                status.update({"status": "idle", "previous": "processing", "is_published": True})
                status.pop("polls")
                self._snapshot(uid)
        return _json(200, {k: v for k, v in status.items() if k != "polls"})

    def on_resources(self, request: PreparedRequest, uid: str, *_: Any) -> Reply:
        items = self.resources[uid]
        return _json(200, {"total_count": len(items), "next": None, "previous": None, "results": items})

    def on_upload(self, request: PreparedRequest, uid: str, *_: Any) -> Reply:
        decoder = MultipartDecoder(request.body, request.headers["Content-Type"])
        part = decoder.parts[0]
        name = re.search(r'filename="([^"]+)"', part.headers[b"Content-Disposition"].decode())
        filename = name.group(1) if name else "file.csv"
        file_uid = self._uid("fi")
        self.files[uid][file_uid] = {"uid": file_uid, "filename": filename, "mimetype": "text/csv",
                                     "created_at": "2026-11-28T10:00:00Z", "content": part.content}
        return _json(201, {k: v for k, v in self.files[uid][file_uid].items() if k != "content"})

    def on_file(self, request: PreparedRequest, uid: str, file_uid: str, *_: Any) -> Reply:
        return _json(200, {k: v for k, v in self.files[uid][file_uid].items() if k != "content"})

    def _resource(self, uid: str, body: dict[str, Any], resource_uid: str) -> dict[str, Any]:
        return {"uid": resource_uid, **body, "display_name": body.get("title"),
                "extraction_infos": {"label": "CSV File", "type": "csvfile"},
                "origin": {"label": "Uploaded file", "type": "uploaded_file"}, "updated_at": "2026-11-28T10:00:00Z"}

    def on_create_resource(self, request: PreparedRequest, uid: str, *_: Any) -> Reply:
        resource = self._resource(uid, json.loads(request.body or b"{}"), self._uid("re"))
        self.resources[uid].append(resource)
        return _json(201, resource)

    def on_update_resource(self, request: PreparedRequest, uid: str, resource_uid: str, *_: Any) -> Reply:
        resource = self._resource(uid, json.loads(request.body or b"{}"), resource_uid)
        self.resources[uid] = [resource if r["uid"] == resource_uid else r for r in self.resources[uid]]
        return _json(200, resource)

    def on_metadata(self, request: PreparedRequest, uid: str, *_: Any) -> Reply:
        return _json(200, self.datasets[uid]["metadata"])

    def on_set_field(self, request: PreparedRequest, uid: str, template: str, name: str, *_: Any) -> Reply:
        value = json.loads(request.body or b"{}")
        self.datasets[uid]["metadata"].setdefault(template, {})[name] = {"value": value["value"]}
        return _json(200, value)

    def on_fields(self, request: PreparedRequest, uid: str, *_: Any) -> Reply:
        items = self.field_configs.get(uid, [])
        return _json(200, {"total_count": len(items), "next": None, "previous": None, "results": items})

    def on_create_field(self, request: PreparedRequest, uid: str, *_: Any) -> Reply:
        config = {"uid": self._uid("pr"), **json.loads(request.body or b"{}")}
        self.field_configs.setdefault(uid, []).append(config)
        return _json(201, config)

    def on_update_field(self, request: PreparedRequest, uid: str, config_uid: str, *_: Any) -> Reply:
        config = {"uid": config_uid, **json.loads(request.body or b"{}")}
        self.field_configs[uid] = [config if c["uid"] == config_uid else c for c in self.field_configs[uid]]
        return _json(200, config)

    def on_delete_field(self, request: PreparedRequest, uid: str, config_uid: str, *_: Any) -> Reply:
        self.field_configs[uid] = [c for c in self.field_configs[uid] if c["uid"] != config_uid]
        return 204, {}, ""

    def on_get_field(self, request: PreparedRequest, uid: str, template: str, name: str, *_: Any) -> Reply:
        held = self.datasets[uid]["metadata"].get(template, {}).get(name)
        return _json(200, held) if held is not None else _json(404, {"error_code": "not_found", "message": "Not found."})

    def on_publish(self, request: PreparedRequest, uid: str, *_: Any) -> Reply:
        self.status[uid].update({"status": "processing", "previous": "idle"})
        return _json(200, {"detail": "ok"})

    def on_templates(self, request: PreparedRequest, *_: Any) -> Reply:
        fields = [
            {"name": "license_id", "type": "enum", "label": "Licence", "choices": list(LICENSES),
             "labels": {k: {"fr": v, "en": v} for k, v in LICENSES.items()}, "requirement_level": "mandatory"},
            {"name": "theme_id", "type": "enumlist", "label": "Thèmes", "choices": list(THEMES),
             "labels": {k: {"fr": v, "en": v} for k, v in THEMES.items()}, "requirement_level": "recommended"},
            {"name": "draft", "type": "boolean", "label": "Brouillon", "choices": None, "labels": None},
        ]
        return _json(200, {"total_count": len(fields), "next": None, "previous": None, "results": fields})

    # --- explore ------------------------------------------------------------------------------

    def _snapshot(self, uid: str) -> None:
        dataset = self.datasets[uid]
        dataset["is_published"] = True
        meta = {t: {f: v.get("value") for f, v in fields.items()} for t, fields in dataset["metadata"].items()}
        default = dict(meta.get("default", {}))
        internal = meta.get("internal", {})
        default["license"] = LICENSES.get(internal.get("license_id", ""))
        default["theme"] = [THEMES[t] for t in internal.get("theme_id") or []] or None
        resource = self.resources[uid][0]
        content = self.files[uid][resource["datasource"]["file"]["uid"]]["content"]
        rows = list(csv.reader(io.StringIO(content.decode("utf-8"))))
        default["records_count"] = max(0, len(rows) - 1)
        self.published[dataset["dataset_id"]] = {
            "dataset_id": dataset["dataset_id"], "dataset_uid": uid, "attachments": [], "has_records": True,
            "data_visible": True, "features": ["analyze"], "fields": self._fields(uid, rows[0] if rows else []),
            "metas": {"default": default},
        }

    def _fields(self, uid: str, header: list[str]) -> list[dict[str, Any]]:
        """Explore's ``fields``: the header's columns with the field configurations applied (as the portal does)."""
        fields = {h: {"name": h.lower(), "label": h, "type": "text", "annotations": {}, "description": None} for h in header}
        by_name = {f["name"]: f for f in fields.values()}
        for config in self.field_configs.get(uid, []):
            item = by_name.get(config.get("from_name") or config.get("field"))
            if item is None:
                continue
            if config["type"] == "rename":
                item["label"] = config["field_label"]
            elif config["type"] == "description":
                item["description"] = config["description"]
            elif config["type"] == "type":
                item["type"] = config["type_param"]
            elif config["type"] == "annotate":
                item["annotations"][config["annotation"]] = config.get("args") or []
        return list(fields.values())

    def on_explore_dataset(self, request: PreparedRequest, dataset_id: str, *_: Any) -> Reply:
        if dataset_id not in self.published:
            return _json(404, {"error_code": "NotFound", "message": "Unknown dataset"})
        return _json(200, self.published[dataset_id])
