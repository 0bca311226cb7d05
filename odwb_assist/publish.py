"""Publish a dataset on the portal: ``plan()`` compares, ``Plan.apply()`` sends, ``Publication.verify()`` reads back.

The plan is the minimal list of writes that brings the portal to the local state: create the dataset
(looked up by ``dataset_id``), upload the clean CSV (only when its checksum is not on the portal yet),
create or update the resource, one PUT per metadata field that differs (never a whole-template PUT),
then publish and wait for the processing to end. A second run on unchanged data and metadata sends
no write at all; a run interrupted at any step is completed by the next one, because each plan is
computed from what the portal really holds.

Before anything is sent, the quality check runs and the ``odwb_publication_blockers`` hook is asked;
a blocker stops the publication (:class:`~odwb_assist.errors.PublicationBlocked`, exit 1) unless it
is overridable and overridden with a written justification, kept in the publication record.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pluggy

from . import publication_record
from .blockers import Blocker
from .config import DatasetConfig, ProjectConfig
from .errors import InvalidStatusError, PublicationBlocked, PublicationError
from .i18n import Msg
from .plugins import collect, default_plugin_manager
from .portal import PortalClient
from .portal.automation import BUSY_STATUSES
from .portal.vocabulary import Vocabulary
from .publish_blockers import without_double_counts
from .publish_diff import (
    CSV_PARAMS,
    checksum_of,
    metadata_changes,
    normalise_payload,
    resource_file,
    same_params,
)
from .publish_run import Publication, Verification, run_plan
from .publish_source import UploadFile, prepare_upload

# Errors callers may want to catch around apply() are re-exported for convenience.
__all__ = ["InvalidStatusError", "Plan", "Publication", "PublicationError", "Step", "Verification", "check_blockers", "plan",
           "resolve_metadata"]

QualityCheck = Callable[..., Any]
PayloadBuilder = Callable[[ProjectConfig, DatasetConfig], dict[str, Any]]
CREATE_RESOURCE = Msg("Créer la ressource CSV (UTF-8, virgule)", "Create the CSV resource (UTF-8, comma)")
REPLACE_RESOURCE = Msg("Remplacer les données de la ressource CSV", "Replace the data of the CSV resource")


@dataclass
class Step:
    """One write of the plan; ``describe(lang)`` says it in a sentence."""

    kind: str  # create-dataset, update-dataset, upload-file, create-resource, update-resource, delete-resource,
    #            set-metadata, publish
    message: Msg
    template: str | None = None
    field_name: str | None = None
    value: Any = None
    target: str | None = None  # resource uid for update/delete

    def describe(self, lang: str = "fr") -> str:
        return self.message(lang)


@dataclass
class Plan:
    """What ``apply()`` will send to bring the portal to the local state (empty ``steps``: nothing to do)."""

    project: ProjectConfig
    dataset: DatasetConfig
    client: PortalClient
    dataset_id: str
    uid: str | None
    upload: UploadFile
    metadata: dict[str, dict[str, Any]]
    restricted: bool
    steps: list[Step]
    report: Any = None
    overrides: list[dict[str, str]] = field(default_factory=list)
    blockers: list[Blocker] = field(default_factory=list)
    labels: dict[str, Any] = field(default_factory=dict)  # licence / theme labels as Explore shows them
    plugins: pluggy.PluginManager | None = None
    resource_uid: str | None = None  # the portal's CSV resource when it already exists
    file_uid: str | None = None  # the uploaded file it uses, when that file is the current one

    @property
    def writes(self) -> int:
        return len(self.steps)

    def describe(self, lang: str = "fr") -> str:
        portal = self.client.base_url
        if not self.steps:
            return Msg(f"Rien à envoyer : « {self.dataset_id} » est à jour sur {portal}.",
                       f"Nothing to send: '{self.dataset_id}' is up to date on {portal}.")(lang)
        head = Msg(f"Plan de publication de « {self.dataset_id} » sur {portal} ({len(self.steps)} étape(s)) :",
                   f"Publication plan of '{self.dataset_id}' on {portal} ({len(self.steps)} step(s)):")(lang)
        return "\n".join([head, *(f"  {i}. {step.describe(lang)}" for i, step in enumerate(self.steps, 1))])

    def apply(self, progress: Callable[[Step], None] | None = None, *, upload_progress: bool = False) -> Publication:
        """Send the steps in order, wait for the portal, record and announce the publication."""
        return run_plan(self, progress=progress, upload_progress=upload_progress)


def _quality(project: ProjectConfig, dataset: DatasetConfig, quality_check: QualityCheck | None,
             pm: pluggy.PluginManager) -> Any:
    if quality_check is not None:
        return quality_check(dataset.file, project=project)
    check = getattr(importlib.import_module("odwb_assist.quality"), "check")  # noqa: B009
    return check(dataset.file, dataset.schema, sheet=dataset.sheet, project=project, plugins=pm)


def _payload(project: ProjectConfig, dataset: DatasetConfig, builder: PayloadBuilder | None) -> dict[str, Any]:
    build = builder or getattr(importlib.import_module("odwb_assist.metadata"), "publication_payload")  # noqa: B009
    return dict(build(project, dataset))


def check_blockers(blockers: list[Blocker], overrides: dict[str, str]) -> list[dict[str, str]]:
    """The overrides used; raises :class:`PublicationBlocked` for any blocker not validly overridden."""
    used, remaining = [], []
    for blocker in blockers:
        justification = (overrides.get(blocker.code) or "").strip()
        if blocker.overridable and justification:
            used.append({"code": blocker.code, "justification": justification})
        else:
            remaining.append(blocker)
    if remaining:
        def lines(lang: str) -> str:
            out = []
            for b in remaining:
                lock = "" if b.overridable else (" (non contournable)" if lang == "fr" else " (cannot be overridden)")
                out.append(f"  - [{b.code}]{lock} {b.message(lang)} → {b.advice(lang)}")
            return "\n".join(out)

        raise PublicationBlocked(
            f"Publication refusée ({len(remaining)} raison(s)) :\n{lines('fr')}",
            f"Publication refused ({len(remaining)} reason(s)):\n{lines('en')}",
            blockers=remaining,
        )
    return used


def resolve_metadata(payload: dict[str, Any], vocabulary: Vocabulary) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Licence and theme labels (``default.license`` / ``default.theme``) → ``internal`` ids; the labels kept apart."""
    wanted = normalise_payload(payload)
    default = wanted.setdefault("default", {})
    internal = wanted.setdefault("internal", {})
    labels: dict[str, Any] = {}
    license_label = default.pop("license", None) or default.pop("license_id", None)
    if license_label:
        labels["license"] = license_label
        internal["license_id"] = vocabulary.license_id(str(license_label))
    themes = default.pop("theme", None) or default.pop("theme_id", None)
    if themes:
        themes = [themes] if isinstance(themes, str) else list(themes)
        internal["theme_id"] = vocabulary.theme_ids([str(t) for t in themes])
        labels["theme"] = [vocabulary.label("theme_id", i) or t for i, t in zip(internal["theme_id"], themes, strict=True)]
    return {k: v for k, v in wanted.items() if v}, labels


def plan(
    project: ProjectConfig,
    client: PortalClient,
    *,
    dataset_id: str | None = None,
    metadata: dict[str, Any] | None = None,
    restricted: bool | None = None,
    overrides: dict[str, str] | None = None,
    quality_check: QualityCheck | None = None,
    payload_builder: PayloadBuilder | None = None,
    plugins: pluggy.PluginManager | None = None,
) -> Plan:
    """Check the dataset, ask the blockers, then compare with the portal: the :class:`Plan` (nothing sent yet).

    ``metadata`` is the payload ``{"default": {…}, "dcat": {…}, "internal": {…}}`` with the licence and
    themes as labels (``default.license``, ``default.theme``); when ``None`` it is drafted by
    :func:`odwb_assist.metadata.publication_payload`. ``overrides`` maps blocker codes to justifications.
    """
    dataset = project.dataset(dataset_id)
    pm = plugins if plugins is not None else default_plugin_manager()
    payload = metadata if metadata is not None else _payload(project, dataset, payload_builder)
    report = _quality(project, dataset, quality_check, pm)
    blockers = without_double_counts(collect(pm.hook.odwb_publication_blockers(project=project, report=report,
                                                                              metadata=payload)), report)
    used = check_blockers(blockers, overrides or {})
    upload = prepare_upload(dataset, project.state_dir / "upload")
    vocabulary = Vocabulary(client)
    cache = vocabulary.cache_file
    if metadata is None and cache is not None and not cache.is_file():
        # first contact with this portal: cache its themes, then draft again so that a suggested theme is one it knows
        vocabulary.choices()
        payload = _payload(project, dataset, payload_builder)
    wanted, labels = resolve_metadata(payload, vocabulary)
    wanted.setdefault("default", {}).setdefault("title", dataset.id)
    is_restricted = dataset.restricted if restricted is None else restricted
    result = Plan(project, dataset, client, dataset.id, None, upload, wanted, is_restricted, [], report, used,
                  blockers, labels, pm)
    result.steps = _steps(result)
    return result


def _file_matches(client: PortalClient, uid: str, file: dict[str, Any], marker: str, last: dict[str, Any] | None) -> bool:
    """Whether an uploaded file of the portal is the one whose checksum marker is ``marker``.

    ``last`` is the last local publication record: when it names this file, its checksum tells.
    """
    if last is not None and last.get("file_uid") and file.get("uid") == last.get("file_uid"):
        return str(last.get("checksum") or "").split(":", 1)[-1].startswith(marker)
    if any(marker in str(file.get(key) or "") for key in ("uid", "filename")):
        return True
    if file.get("uid") and "filename" not in file:
        info = client.automation.get_file(uid, str(file["uid"]))
        return marker in str(info.get("filename") or "")
    return False


def _steps(p: Plan) -> list[Step]:
    auto = p.client.automation
    existing = auto.find_dataset(p.dataset_id)
    upload_name = f"{p.dataset_id}-{p.upload.short}.csv"
    steps: list[Step] = []
    if existing is None:
        from .portal.ownership import refuse_if_taken

        refuse_if_taken(p.client, p.dataset_id, p.project.administration.publisher_label, p.client.base_url)
        sent = {k: v for k, v in p.metadata.items() if k == "default"}
        steps.append(Step("create-dataset", Msg(
            f"Créer le jeu de données « {p.dataset_id} » ({'restreint' if p.restricted else 'public'})",
            f"Create dataset '{p.dataset_id}' ({'restricted' if p.restricted else 'public'})"), value=sent))
        steps.append(_upload_step(p, upload_name))
        steps.append(Step("create-resource", CREATE_RESOURCE))
        for template, fields in p.metadata.items():
            if template != "default":
                steps.extend(_field_step(template, name, value) for name, value in fields.items())
        steps.append(_publish_step(p))
        return steps
    uid = p.uid = str(existing["uid"])
    status = auto.status(uid)
    last = publication_record.last_record(p.project.root, p.client.base_url, p.dataset_id)
    if last is not None and last.get("uid") != uid:
        last = None
    if bool(existing.get("is_restricted")) != p.restricted:
        steps.append(Step("update-dataset", Msg(
            f"Rendre le jeu de données {'restreint' if p.restricted else 'public'}",
            f"Make the dataset {'restricted' if p.restricted else 'public'}")))
    ours = [r for r in auto.list_resources(uid) if resource_file(r)]
    current = ours[0] if ours else None
    p.resource_uid = str(current["uid"]) if current is not None else None
    same_file = current is not None and _file_matches(p.client, uid, resource_file(current), p.upload.short, last)
    if same_file and current is not None:
        p.file_uid = str(resource_file(current).get("uid") or "") or None
    else:
        steps.append(_upload_step(p, upload_name))
    if current is None:
        steps.append(Step("create-resource", CREATE_RESOURCE))
    elif not same_file or not same_params(current.get("params"), CSV_PARAMS) or current.get("type") != "csvfile":
        steps.append(Step("update-resource", REPLACE_RESOURCE,
                          target=str(current["uid"]), value=resource_file(current)))
    for extra in ours[1:]:
        steps.append(Step("delete-resource", Msg(f"Supprimer la ressource en double « {extra.get('title')} »",
                                                 f"Delete duplicate resource '{extra.get('title')}'"), target=str(extra["uid"])))
    current_metadata = auto.get_metadata(uid)
    steps.extend(_field_step(t, n, v) for t, n, v in metadata_changes(current_metadata, p.metadata))
    recorded = (last is not None and last.get("checksum") == p.upload.checksum
                and last.get("metadata_checksum") == metadata_checksum(p))
    published = bool(status.get("is_published", existing.get("is_published")))
    if steps or not published or not recorded or status.get("status") not in ("idle", *BUSY_STATUSES):
        steps.append(_publish_step(p))
    return steps


def metadata_checksum(p: Plan) -> str:
    return checksum_of({"metadata": p.metadata, "restricted": p.restricted})


def _upload_step(p: Plan, name: str) -> Step:
    size = p.upload.path.stat().st_size
    octets = f"{size:,}".replace(",", "\u202f")  # French thousands separator
    return Step("upload-file", Msg(f"Envoyer le fichier {name} ({p.upload.rows} lignes, {octets} octets)",
                                   f"Upload file {name} ({p.upload.rows} rows, {size:,} bytes)"), value=name)


def _field_step(template: str, name: str, value: Any) -> Step:
    shown = value if len(repr(value)) <= 80 else repr(value)[:77] + "…"
    return Step("set-metadata", Msg(f"Écrire la métadonnée {template}.{name} = {shown}",
                                    f"Set metadata {template}.{name} = {shown}"), template=template, field_name=name, value=value)


def _publish_step(p: Plan) -> Step:
    return Step("publish", Msg("Publier et attendre la fin du traitement par le portail",
                               "Publish and wait for the portal to finish processing"))

