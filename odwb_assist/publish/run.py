"""Running a publication plan: send its steps in order, wait for the portal, record and announce the publication.

Called by ``Plan.apply()`` (:mod:`.planning`); it knows the plan only as a :class:`~.model.PlanState`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..core.errors import InvalidStatusError, PublicationError
from ..core.events import DATASET_PUBLISHED, Event
from ..core.plugins import announce
from ..portal.automation import BUSY_STATUSES, AutomationAPI
from ..portal.vocabulary import Vocabulary
from . import record as publication_record
from . import sticky
from .diff import CSV_PARAMS, unwrap, wrap
from .model import PlanState, Step
from .result import Publication

PUBLISH_TRIES = 4


def _resource_body(plan: PlanState, file_uid: str) -> dict[str, Any]:
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


def run_plan(plan: PlanState, *, progress: Callable[[Step], None] | None = None, upload_progress: bool = False) -> Publication:
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
        elif step.kind == "set-metadata" and step.field_name in sticky.FIELDS:
            _write_sticky(plan, uid, step)
        elif step.kind == "set-metadata":
            auto.set_metadata_field(uid, str(step.template), str(step.field_name), step.value)
        elif step.kind == "create-field":
            auto.create_field_config(uid, dict(step.value))
        elif step.kind == "update-field":
            auto.update_field_config(uid, str(step.target), dict(step.value))
        elif step.kind == "delete-field":
            auto.delete_field_config(uid, str(step.target))
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
                       dict(plan.labels), status, list(plan.field_configs))


def _write_sticky(plan: PlanState, uid: str, step: Step) -> None:
    """A licence or theme id, read back; when it took by the other path, the plan and the portal's memory follow."""
    name, template = str(step.field_name), str(step.template)
    used = sticky.write(plan.client.automation, uid, template, name, step.value, forced=plan.forced_path)
    if used != template:
        plan.metadata.get(template, {}).pop(name, None)
        plan.metadata.setdefault(used, {})[name] = step.value
        plan.metadata = {t: v for t, v in plan.metadata.items() if v}
    if not plan.forced_path:
        Vocabulary(plan.client).remember_path(name, used)


def _record(plan: PlanState, uid: str, title: str | None, file_uid: str | None, resource_uid: str | None) -> dict[str, Any]:
    project = plan.project
    administration = project.administration
    failure: publication_record.PublicationRecordError | None = None
    try:
        record = publication_record.append(
            project.root, dataset_id=plan.dataset_id, uid=uid, portal=plan.client.base_url, records=plan.upload.rows,
            checksum=plan.upload.checksum, title=title, administration=administration.name or None,
            nis_code=administration.nis_code, restricted=plan.restricted, overrides=plan.overrides,
            file_uid=file_uid, resource_uid=resource_uid, metadata_checksum=plan.metadata_checksum(),
            field_configs=len(plan.field_configs),
        )
    except publication_record.PublicationRecordError as error:  # published all the same: announce it, then say so
        failure, record = error, {"when": None}
    payload = {"dataset_id": plan.dataset_id, "uid": uid, "portal": plan.client.base_url, "records": plan.upload.rows,
               "title": title, "published_at": record["when"] or datetime.now(UTC).isoformat(timespec="seconds")}
    announce(plan.plugins, Event(DATASET_PUBLISHED, payload=payload, administration=administration.name or None,
                                 nis_code=administration.nis_code, project_dir=str(project.root)))
    if failure is not None:
        raise failure
    return record


__all__ = ["publish_and_wait", "run_plan"]
