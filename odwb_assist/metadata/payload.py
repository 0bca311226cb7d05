"""The exact metadata the publication sends, and the ODS field configuration of the columns.

Precedence: ``[datasets.metadata]`` of odwb.toml, then the dataset's ``metadata_file`` (or
``metadata.json`` beside odwb.toml), then the draft. Licence and themes stay LABELS
(``default.license``, ``default.theme``); the publication resolves them to the portal's ids.
Unfilled parts of the description skeleton (« À compléter ») are never sent.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..core.config_model import DatasetConfig, ProjectConfig
from . import field_configs
from .confirmation import DraftedTemplate, unconfirmed_keys
from .enrich_inventory import TODO
from .model import FIELD_TYPES, FieldInfo, Metadata, is_empty
from .vocabularies import FREQUENCY_URI, find_frequency, find_licence, match_theme, project_themes, theme_vocabulary

TODO_PARAGRAPH = re.compile(rf"<p>(?:(?!</p>).)*{re.escape(TODO)}(?:(?!</p>).)*</p>\n?", re.S)


ACTIVE_ELEMENT = re.compile(r"<\s*(script|iframe|object|embed|style|form)\b.*?(</\s*\1\s*>|/>|$)", re.I | re.S)
EVENT_ATTRIBUTE = re.compile(r"\s+on\w+\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)


def clean_description(description: str) -> str:
    """The description without the skeleton's unfilled paragraphs and without active HTML (never sent)."""
    text = ACTIVE_ELEMENT.sub("", TODO_PARAGRAPH.sub("", description))
    text = EVENT_ATTRIBUTE.sub("", text).replace("javascript:", "")
    return text.strip()


def payload_from_metadata(metadata: Metadata, project: ProjectConfig | None = None) -> dict[str, Any]:
    """``{"default": {...}, "dcat": {...}, "internal": {...}}`` with the portal's field names only."""
    payload: dict[str, dict[str, Any]] = {template: {} for template in FIELD_TYPES}
    for template, known in FIELD_TYPES.items():
        for name in known:
            value = metadata.templates.get(template, {}).get(name)
            if not is_empty(value):
                payload[template][name] = value
    default, dcat = payload["default"], payload["dcat"]
    if "description" in default:
        default["description"] = clean_description(str(default["description"]))
        if not default["description"]:
            del default["description"]
    licence = find_licence(str(default.get("license") or ""))
    if licence is not None and "license" in default:
        default["license"] = licence.label
    if "theme" in default:
        vocabulary = theme_vocabulary(project_themes(project))
        default["theme"] = [match_theme(str(t), vocabulary) or str(t) for t in default["theme"]]
    code = find_frequency(str(dcat.get("accrualperiodicity") or ""))
    if code is not None:
        dcat["accrualperiodicity"] = FREQUENCY_URI + code
    return payload


def publication_payload(project: ProjectConfig | str | Path | None, dataset: DatasetConfig | str | None = None,
                        *, plugins: Any = None) -> dict[str, Any]:
    """The exact payload the publication sends for ``dataset`` (a DatasetConfig or its id)."""
    return publication_parts(project, dataset, plugins=plugins)[0]


def publication_parts(project: ProjectConfig | str | Path | None, dataset: DatasetConfig | str | None = None,
                      *, plugins: Any = None) -> tuple[dict[str, Any], list[FieldInfo]]:
    """The payload and the data dictionary (its columns, for the field configurations), from one draft."""
    from .draft import draft, resolve_dataset, resolve_project

    config = resolve_project(project)
    dataset_config = resolve_dataset(config, dataset, None)
    metadata = draft(config, None, dataset=dataset_config, plugins=plugins)
    refuse_unknown_user_fields(metadata)
    payload = payload_from_metadata(metadata, config)
    if metadata.sources.get("default.modified") == "metadata.enrich_data":
        # only the file's date (it changes when the file is saved again, even unchanged): the portal dates the
        # data itself at each processing, so a data change or a re-saved file sends no metadata write
        payload["default"].pop("modified", None)
        payload["default"].setdefault("modified_updates_on_data_change", True)
    # remember which values are only proposals: the publication blockers (publish.metadata_blockers) refuse a licence,
    # a theme or a description nobody confirmed
    drafted = DraftedTemplate(payload["default"])
    drafted.unconfirmed = unconfirmed_keys(metadata)
    payload["default"] = drafted
    return payload, list(metadata.fields)


def refuse_unknown_user_fields(metadata: Metadata) -> None:
    """A field the user wrote that the portal does not know stops the publication (it would be dropped).

    « licence » for « license » would otherwise publish under the proposed default licence: the score only
    warns, the publication refuses, naming the likely field.
    """
    import difflib

    from ..core.errors import MetadataError

    for key in sorted(metadata.user_fields):
        template, _, name = key.partition(".")
        known = FIELD_TYPES.get(template)
        if known is None or name in known:
            continue
        close = difflib.get_close_matches(name, list(known), n=1)
        raise MetadataError(
            f"Champ de métadonnées inconnu « {name} » (modèle {template}) : il ne serait pas envoyé au portail. "
            + (f"Vouliez-vous dire « {close[0]} » ? " if close else "")
            + f"Corrigez le nom dans odwb.toml ([datasets.metadata]) ; champs possibles : {', '.join(known)}.",
            f"Unknown metadata field '{name}' (template {template}): it would not be sent to the portal. "
            + (f"Did you mean '{close[0]}'? " if close else "")
            + f"Fix the name in odwb.toml ([datasets.metadata]); possible fields: {', '.join(known)}.",
        )


def ods_field_configuration(metadata: Metadata, settings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The Automation API field configurations (``POST /datasets/{uid}/fields/``) a publication sends for the described
    columns (:mod:`.field_configs`, the builder the publication uses), with ``[datasets.fields]`` of odwb.toml."""
    return field_configs.configurations(_columns(metadata, settings))


def facets(metadata: Metadata, settings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """``asset_content_configuration.facets`` as a publication sends them: the columns that make good filters."""
    return field_configs.facets(_columns(metadata, settings))


def _columns(metadata: Metadata, settings: dict[str, Any] | None) -> list[field_configs.Column]:
    return field_configs.columns([info.name for info in metadata.fields], metadata.fields, dict(settings or {}))
