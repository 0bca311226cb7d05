"""Publish a dataset on the portal: ``plan()`` compares, ``Plan.apply()`` sends, ``Publication.verify()`` reads back.

The plan is the minimal list of writes that brings the portal to the local state: create the dataset
(looked up by ``dataset_id``), upload the clean CSV (only when its checksum is not on the portal yet),
create or update the resource, one PUT per metadata field that differs (never a whole-template PUT),
then publish and wait for the processing to end. A second run on unchanged data and metadata sends
no write at all; a run interrupted at any step is completed by the next one, because each plan is
computed from what the portal really holds.

Before anything is sent, the quality check runs and the ``odwb_publication_blockers`` hook is asked;
a blocker stops the publication (:class:`~odwb_assist.core.errors.PublicationBlocked`, exit 1) unless it
is overridable and overridden with a written justification, kept in the publication record.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pluggy

from ..core.config_model import DatasetConfig, ProjectConfig
from ..core.contract import Blocker
from ..core.i18n import Msg
from ..core.plugins import collect, default_plugin_manager
from ..portal import PortalClient
from ..portal.automation import BUSY_STATUSES
from ..portal.vocabulary import Vocabulary
from . import fields, geo, shapes, sticky
from . import record as publication_record
from .blockers import check_blockers
from .core_blockers import without_double_counts
from .diff import CSV_PARAMS, metadata_changes, normalise_payload, resource_file, same_params
from .model import PlanState, Step
from .result import Publication
from .run import run_plan
from .source import prepare_upload, read_header

__all__ = ["Plan", "plan", "resolve_metadata"]

QualityCheck = Callable[..., Any]
PayloadBuilder = Callable[[ProjectConfig, DatasetConfig], dict[str, Any]]
CREATE_RESOURCE = Msg("Créer la ressource CSV (UTF-8, virgule)", "Create the CSV resource (UTF-8, comma)")
REPLACE_RESOURCE = Msg("Remplacer les données de la ressource CSV", "Replace the data of the CSV resource")


class Plan(PlanState):
    """What ``apply()`` will send to bring the portal to the local state (empty ``steps``: nothing to do)."""

    def __repr__(self) -> str:
        return f"<Plan {self.dataset_id} : {len(self.steps)} étape(s) vers {self.client.base_url}>"

    def _repr_html_(self) -> str:
        import html

        return f"<pre style='white-space: pre-wrap'>{html.escape(self.describe('fr'))}</pre>"

    def apply(self, progress: Callable[[Step], None] | None = None, *, upload_progress: bool = False) -> Publication:
        """Send the steps in order, wait for the portal, record and announce the publication."""
        return run_plan(self, progress=progress, upload_progress=upload_progress)


def _quality(project: ProjectConfig, dataset: DatasetConfig, quality_check: QualityCheck | None,
             pm: pluggy.PluginManager) -> Any:
    if quality_check is not None:
        return quality_check(dataset.file, project=project)
    check = getattr(importlib.import_module("odwb_assist.quality"), "check")  # noqa: B009
    return check(dataset.file, dataset.schema, sheet=dataset.sheet, project=project, plugins=pm)


def _payload(project: ProjectConfig, dataset: DatasetConfig, builder: PayloadBuilder | None) -> tuple[dict[str, Any], list[Any]]:
    """The metadata payload and the data dictionary (``[]`` with a custom builder: ``[datasets.fields]`` only)."""
    if builder is not None:
        return dict(builder(project, dataset)), []
    parts = getattr(importlib.import_module("odwb_assist.metadata"), "publication_parts")  # noqa: B009
    payload, dictionary = parts(project, dataset)
    return dict(payload), list(dictionary)


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
    payload, dictionary = (metadata, []) if metadata is not None else _payload(project, dataset, payload_builder)
    report = _quality(project, dataset, quality_check, pm)
    blockers = without_double_counts(collect(pm.hook.odwb_publication_blockers(project=project, report=report,
                                                                              metadata=payload)), report)
    used = check_blockers(blockers, overrides or {})
    upload = prepare_upload(dataset, project.state_dir / "upload")
    settings = dict(dataset.fields)
    # on the map: the points (geo_point_2d) and the lines or areas (geo_shape), each a column added to the upload
    for found in (geo.detect(upload, settings), shapes.detect(upload)):
        if isinstance(found, Blocker):
            used += check_blockers([found], overrides or {})  # raises unless overridden: then that column is left out
            blockers.append(found)
        elif found is not None:
            upload = found.added_to(upload, project.state_dir / "upload")
            settings[found.column] = {**found.settings(), **(settings.get(found.column) or {})}
    map_types = {geo.COLUMN: "geo_point_2d", shapes.COLUMN: "geo_shape"}
    for head in read_header(upload.path):  # a map column already in the file is typed as such
        kind = map_types.get(fields.technical_name(head))
        if kind is not None and isinstance(settings.get(head, {}), dict):
            settings[head] = {"type": kind, **settings.get(head, {})}
    vocabulary = Vocabulary(client)
    cache = vocabulary.cache_file
    if metadata is None and cache is not None and not cache.is_file():
        # first contact with this portal: cache its themes, then draft again so that a suggested theme is one it knows
        vocabulary.choices()
        payload, dictionary = _payload(project, dataset, payload_builder)
    wanted, labels = resolve_metadata(payload, vocabulary)
    forced = project.portal.licence_path
    paths = {name: sticky.chosen_path(name, forced, vocabulary) for name in sticky.FIELDS}
    sticky.place(wanted, paths)
    wanted.setdefault("default", {}).setdefault("title", dataset.id)
    cols = fields.columns(read_header(upload.path), dictionary, settings)
    if fields.facets(cols):
        wanted.setdefault("asset_content_configuration", {})["facets"] = fields.facets(cols)
    is_restricted = dataset.restricted if restricted is None else restricted
    result = Plan(project, dataset, client, dataset.id, None, upload, wanted, is_restricted, [], report, used,
                  blockers, labels, pm, field_configs=fields.configurations(cols), forced_path=forced is not None)
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
        from ..portal.ownership import refuse_if_taken

        refuse_if_taken(p.client, p.dataset_id, p.project.administration.publisher_label, p.client.base_url)
        # the licence and themes are written apart (read back, other path if they do not take)
        sent = {"default": {k: v for k, v in p.metadata.get("default", {}).items() if k not in sticky.FIELDS}}
        steps.append(Step("create-dataset", Msg(
            f"Créer le jeu de données « {p.dataset_id} » ({'restreint' if p.restricted else 'public'})",
            f"Create dataset '{p.dataset_id}' ({'restricted' if p.restricted else 'public'})"), value=sent))
        steps.append(_upload_step(p, upload_name))
        steps.append(Step("create-resource", CREATE_RESOURCE))
        for template, values in p.metadata.items():
            steps.extend(_field_step(template, name, value) for name, value in values.items()
                         if template != "default" or name in sticky.FIELDS)
        steps.extend(_config_step(change) for change in fields.changes([], p.field_configs))
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
    if p.field_configs or (last is not None and last.get("field_configs")):
        steps.extend(_config_step(c) for c in fields.changes(auto.list_field_configs(uid), p.field_configs))
    recorded = (last is not None and last.get("checksum") == p.upload.checksum
                and last.get("metadata_checksum") == p.metadata_checksum())
    published = bool(status.get("is_published", existing.get("is_published")))
    if steps or not published or not recorded or status.get("status") not in ("idle", *BUSY_STATUSES):
        steps.append(_publish_step(p))
    return steps


def _upload_step(p: Plan, name: str) -> Step:
    size = p.upload.path.stat().st_size
    octets = f"{size:,}".replace(",", "\u202f")  # French thousands separator
    return Step("upload-file", Msg(f"Envoyer le fichier {name} ({p.upload.rows} lignes, {octets} octets)",
                                   f"Upload file {name} ({p.upload.rows} rows, {size:,} bytes)"), value=name)


def _field_step(template: str, name: str, value: Any) -> Step:
    display = value
    if name == "facets" and isinstance(value, list):  # asset_content_configuration.facets: the column names
        display = [str(item.get("field_name")) if isinstance(item, dict) else str(item) for item in value]
    shown = display if len(repr(display)) <= 80 else repr(display)[:77] + "…"
    from ..metadata.labels import field_label

    code = f"{template}.{name}"
    fr, en = field_label(code, "fr"), field_label(code, "en")
    if fr == code:  # a field without words (a plugin's, a custom one): the code alone
        return Step("set-metadata", Msg(f"Écrire la métadonnée {code} = {shown}", f"Set metadata {code} = {shown}"),
                    template=template, field_name=name, value=value)
    return Step("set-metadata", Msg(f"Écrire « {fr} » = {shown}  ({code})", f"Set '{en}' = {shown}  ({code})"),
                template=template, field_name=name, value=value)


# What a field configuration sets, with its French article: (type or annotation) -> (fr, en)
CONFIG_WORDS = {
    "rename": ("le libellé", "the label"), "description": ("la description", "the description"),
    "type": ("le type", "the type"), "order": ("l'ordre des colonnes", "the column order"),
    "unit": ("l'unité", "the unit"), "decimals": ("le nombre de décimales", "the decimals"),
    "sortable": ("le tri", "sorting"), "multivalued": ("les valeurs multiples", "multiple values"),
}


def _config_step(change: fields.FieldChange) -> Step:
    config = change.config
    target = config.get("field") or config.get("from_name") or ""
    kind = str(config.get("annotation") or config.get("type"))
    fr_what, en_what = CONFIG_WORDS.get(kind, (f"l'annotation {kind}", f"annotation {kind}"))
    value = config.get("field_label") or config.get("description") or config.get("type_param") or config.get("args")
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    shown = "" if change.action == "delete" or not value else f" = {value if len(str(value)) <= 60 else str(value)[:57] + '…'}"
    verb = {"create": ("Configurer", "Configure"), "update": ("Modifier", "Change"), "delete": ("Retirer", "Remove")}
    fr, en = verb[change.action]
    column_fr, column_en = (f" de la colonne « {target} »", f" of column '{target}'") if target else ("", "")
    return Step(f"{change.action}-field", Msg(f"{fr} {fr_what}{column_fr}{shown}", f"{en} {en_what}{column_en}{shown}"),
                value=config, target=change.uid)


def _publish_step(p: Plan) -> Step:
    return Step("publish", Msg("Publier et attendre la fin du traitement par le portail",
                               "Publish and wait for the portal to finish processing"))

