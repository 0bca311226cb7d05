"""Running a publication plan, recording it, and verifying it through the Explore API.

Used by :mod:`odwb_assist.publish` (``Plan.apply()``); kept apart so that each module stays short.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from . import publication_record
from .errors import InvalidStatusError, NotFoundError, PublicationError
from .events import DATASET_PUBLISHED, Event
from .i18n import Msg
from .plugins import announce
from .portal.automation import BUSY_STATUSES, AutomationAPI
from .portal.vocabulary import fold
from .publish_diff import CSV_PARAMS, resource_file, same_value, unwrap, wrap

if TYPE_CHECKING:
    from .portal import PortalClient
    from .publish import Plan, Step

PUBLISH_TRIES = 4


@dataclass
class Check:
    """One comparison of ``verify()``: what was sent and what Explore shows."""

    name: str
    expected: Any
    actual: Any
    ok: bool


@dataclass
class Verification:
    """The result of reading the dataset back through Explore."""

    dataset_id: str
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    def describe(self, lang: str = "fr") -> str:
        head = Msg(f"Vérification de « {self.dataset_id} » via l'API Explore :",
                   f"Check of '{self.dataset_id}' through the Explore API:")(lang)
        lines = [head]
        for c in self.checks:
            mark = "OK" if c.ok else ("DIFFÉRENT" if lang != "en" else "DIFFERS")
            lines.append(f"  [{mark}] {c.name}: {c.actual!r}" + ("" if c.ok else f" (≠ {c.expected!r})"))
        return "\n".join(lines)


@dataclass
class Publication:
    """A publication made (or found up to date) by ``Plan.apply()``."""

    dataset_id: str
    uid: str
    portal: str
    records: int
    checksum: str
    title: str | None
    changed: bool
    steps_done: list[str]
    record: dict[str, Any] | None
    client: PortalClient
    expected_metadata: dict[str, dict[str, Any]]
    labels: dict[str, Any]
    status: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        state = "publié" if self.changed else "déjà à jour"
        return f"<Publication {self.dataset_id} : {self.records} enregistrement(s), {state}, {self.portal}>"

    def verify(self) -> Verification:
        """Read the dataset back through Explore; compare the record count and the metadata sent."""
        result = Verification(self.dataset_id)
        try:
            entry = self.client.explore.dataset(self.dataset_id)
        except NotFoundError:
            result.checks.append(Check("visible", True, False, False))
            return result
        default = (entry.get("metas") or {}).get("default") or {}
        count = default.get("records_count")
        result.checks.append(Check("records_count", self.records, count, count == self.records))
        sent = self.expected_metadata.get("default", {})
        for name in ("title", "description", "keyword", "publisher", "language"):
            if name in sent:
                result.checks.append(Check(name, sent[name], default.get(name), same_value(default.get(name), sent[name])))
        if "license" in self.labels:
            shown = default.get("license")
            result.checks.append(Check("license", self.labels["license"], shown,
                                       isinstance(shown, str) and fold(shown) == fold(str(self.labels["license"]))))
        if "theme" in self.labels:
            shown_themes = default.get("theme") or []
            wanted = sorted(fold(str(t)) for t in self.labels["theme"])
            result.checks.append(Check("theme", self.labels["theme"], shown_themes,
                                       sorted(fold(str(t)) for t in shown_themes) == wanted))
        return result


def _resource_body(plan: Plan, file_uid: str) -> dict[str, Any]:
    return {"type": "csvfile", "title": f"{plan.dataset_id}.csv", "params": dict(CSV_PARAMS),
            "datasource": {"type": "uploaded_file", "file": {"uid": file_uid}}}


def _wait_until_free(auto: AutomationAPI, uid: str) -> None:
    if auto.status(uid).get("status") in BUSY_STATUSES:
        auto.wait(uid, fail_on_error=False)


def publish_and_wait(auto: AutomationAPI, uid: str) -> dict[str, Any]:
    """POST publish (after the end of any processing in progress), then wait for ``idle``."""
    for attempt in range(PUBLISH_TRIES):
        try:
            auto.publish(uid)
            break
        except InvalidStatusError:
            if attempt == PUBLISH_TRIES - 1:
                raise
            auto.wait(uid, fail_on_error=False)
    status = auto.wait(uid)
    if status.get("is_published") is False:
        raise PublicationError(
            "Le portail a fini le traitement mais le jeu de données n'est pas publié (il est peut-être en brouillon : "
            "internal.draft). Vérifiez-le dans le back-office du portail puis relancez.",
            "The portal finished processing but the dataset is not published (it may be a draft: internal.draft). "
            "Check it in the portal's back office and run again.",
        )
    return status


def run_plan(plan: Plan, *, progress: Callable[[Step], None] | None = None, upload_progress: bool = False) -> Publication:
    """Send the plan's steps; record and announce the publication when something was published."""
    auto = plan.client.automation
    uid = plan.uid
    file_uid: str | None = plan.file_uid
    resource_uid: str | None = plan.resource_uid
    status: dict[str, Any] = {}
    done: list[str] = []
    if uid and plan.steps:
        _wait_until_free(auto, uid)
    for step in plan.steps:
        if progress is not None:
            progress(step)
        if step.kind == "create-dataset":
            created = auto.create_dataset(plan.dataset_id, {"default": wrap(step.value.get("default", {}))},
                                          is_restricted=plan.restricted)
            uid = str(created["uid"])
        elif uid is None:
            raise PublicationError("Plan incohérent : aucun jeu de données à modifier.",
                                   "Inconsistent plan: no dataset to change.")
        elif step.kind == "update-dataset":
            current = auto.get_metadata(uid)
            body_metadata = {t: {f: {"value": unwrap(v)} for f, v in (fields or {}).items()} for t, fields in current.items()}
            auto.update_dataset(uid, {"dataset_id": plan.dataset_id, "is_restricted": plan.restricted, "metadata": body_metadata})
        elif step.kind == "upload-file":
            file_uid = str(auto.upload_file(uid, plan.upload.path, filename=str(step.value), progress=upload_progress)["uid"])
        elif step.kind == "create-resource":
            resource_uid = str(auto.create_resource(uid, _resource_body(plan, file_uid or ""))["uid"])
        elif step.kind == "update-resource":
            keep = file_uid or str((step.value or {}).get("uid") or "")
            resource_uid = str(auto.update_resource(uid, str(step.target), _resource_body(plan, keep)).get("uid") or step.target)
            file_uid = keep
        elif step.kind == "delete-resource":
            auto.delete_resource(uid, str(step.target))
        elif step.kind == "set-metadata":
            auto.set_metadata_field(uid, str(step.template), str(step.field_name), step.value)
        elif step.kind == "publish":
            status = publish_and_wait(auto, uid)
        done.append(step.kind)
    if uid is None:
        raise PublicationError("Plan incohérent : aucun jeu de données.", "Inconsistent plan: no dataset.")
    title = plan.metadata.get("default", {}).get("title")
    record = None
    if "publish" in done:
        record = _record(plan, uid, title, file_uid, resource_uid)
    return Publication(plan.dataset_id, uid, plan.client.base_url, plan.upload.rows, plan.upload.checksum, title,
                       bool(done), done, record, plan.client, plan.metadata,
                       dict(plan.labels), status)


def _record(plan: Plan, uid: str, title: str | None, file_uid: str | None, resource_uid: str | None) -> dict[str, Any]:
    from .publish import metadata_checksum

    project = plan.project
    administration = project.administration
    record = publication_record.append(
        project.root, dataset_id=plan.dataset_id, uid=uid, portal=plan.client.base_url, records=plan.upload.rows,
        checksum=plan.upload.checksum, title=title, administration=administration.name or None,
        nis_code=administration.nis_code, restricted=plan.restricted, overrides=plan.overrides,
        file_uid=file_uid, resource_uid=resource_uid, metadata_checksum=metadata_checksum(plan),
    )
    payload = {"dataset_id": plan.dataset_id, "uid": uid, "portal": plan.client.base_url, "records": plan.upload.rows,
               "title": title, "published_at": record["when"] or datetime.now(UTC).isoformat(timespec="seconds")}
    announce(plan.plugins, Event(DATASET_PUBLISHED, payload=payload, administration=administration.name or None,
                                 nis_code=administration.nis_code, project_dir=str(project.root)))
    return record


__all__ = ["Check", "Publication", "Verification", "publish_and_wait", "resource_file", "run_plan"]
