"""Draft a dataset's metadata: what the user wrote, then proposals of every ``odwb_enrich_metadata`` plugin.

The built-in proposals (project, inventory, data, fallbacks) are plugins like any other, listed in
``odwb_assist.metadata.BUILTIN_PLUGINS``; they can be blocked by name. Plugins are called in
registration order (built-ins first, ``trylast`` ones at the end); each sees the draft so far and
its :class:`DraftContext` as ``metadata.context``. A value the user wrote is never replaced, and
the first proposal made for a field wins. A plugin that fails is skipped with a warning.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pluggy

from ..core.config import load
from ..core.config_model import DatasetConfig, ProjectConfig
from ..core.errors import OdwbError
from .model import FieldInfo, Metadata
from .source import SourceData, read_source

METADATA_JSON = "metadata.json"


@dataclass
class DraftContext:
    """What the drafting plugins may use besides the draft itself."""

    project: ProjectConfig | None
    dataset: DatasetConfig | None
    source: SourceData
    inventory_entry: Any = None
    lang: str = "fr"


def resolve_project(project: ProjectConfig | str | Path | None) -> ProjectConfig | None:
    if project is None or isinstance(project, ProjectConfig):
        return project
    return load(project)


def resolve_dataset(project: ProjectConfig | None, dataset: DatasetConfig | str | None,
                    source: str | Path | None) -> DatasetConfig | None:
    """The dataset given, or the project's dataset whose file is ``source``, or its only dataset."""
    if isinstance(dataset, DatasetConfig):
        return dataset
    if project is None:
        return None
    if isinstance(dataset, str):
        return project.dataset(dataset)
    if source is not None:
        wanted = Path(source).resolve()
        for candidate in project.datasets:
            if candidate.file == wanted:
                return candidate
        return None
    return project.dataset(None) if len(project.datasets) == 1 else None


def user_metadata(project: ProjectConfig | None, dataset: DatasetConfig | None) -> Metadata:
    """What the user wrote: ``metadata_file`` (or ``metadata.json`` beside odwb.toml), then odwb.toml over it."""
    if dataset is None:
        return Metadata()
    if dataset.metadata_file is None and project is not None and project.path is not None:
        beside = project.root / METADATA_JSON
        if beside.is_file():
            md = Metadata.load_json(beside)
            if md.dataset_id in (None, dataset.id):
                md.dataset_id = dataset.id
                md.merge_user(dict(dataset.metadata), source="odwb.toml")
                md.load_field_settings(dict(dataset.fields))
                return md
    return Metadata.from_config(dataset)


def find_inventory_entry(project: ProjectConfig | None, dataset: DatasetConfig | None) -> Any:
    """The inventory entry of the dataset (by ``inventory_id`` or id), or None when unknown/unreadable."""
    if project is None or dataset is None or project.inventory_file is None or not project.inventory_file.is_file():
        return None
    try:
        from ..inventory import read

        inventory = read(project.inventory_file, engine=None)
        return inventory.find(dataset.inventory_id or dataset.id)
    except (ImportError, AttributeError):
        return None
    except OdwbError as exc:
        warnings.warn(f"inventory unreadable for metadata drafting: {exc}", RuntimeWarning, stacklevel=2)
        return None


def ordered_impls(pm: pluggy.PluginManager) -> list[Any]:
    """Hook implementations in registration order: tryfirst ones, the others (built-ins first), trylast ones."""
    impls = pm.hook.odwb_enrich_metadata.get_hookimpls()
    first = [i for i in impls if i.tryfirst]
    last = [i for i in impls if i.trylast]
    middle = [i for i in impls if not i.tryfirst and not i.trylast]
    return first + middle + last


def apply_proposals(metadata: Metadata, proposals: dict[str, Any], origin: str) -> list[str]:
    """Take the proposals for empty, non-user fields; return the keys that were taken."""
    taken = []
    for key, value in proposals.items():
        if key == "fields" and isinstance(value, list):
            merge_fields(metadata, [v if isinstance(v, FieldInfo) else _field_from_dict(v) for v in value])
            continue
        if metadata.propose(str(key), value, source=origin):
            taken.append(str(key))
    return taken


def _field_from_dict(item: dict[str, Any]) -> FieldInfo:
    known = set(FieldInfo.__dataclass_fields__)
    return FieldInfo(**{k: v for k, v in item.items() if k in known})


def merge_fields(metadata: Metadata, proposed: list[FieldInfo]) -> None:
    """Add proposed columns; for a column the user described, fill only what the user left empty."""
    for info in proposed:
        existing = metadata.column(info.name)
        if existing is None:
            metadata.fields.append(info)
            continue
        existing.type, existing.examples = info.type, info.examples
        existing.completeness, existing.distinct = info.completeness, info.distinct
        existing.kind = existing.kind or info.kind
        existing.description = existing.description or info.description
        existing.unit = existing.unit or info.unit
        existing.label = existing.label or info.label


def draft(
    project: ProjectConfig | str | Path | None,
    source: str | Path | None,
    *,
    dataset: DatasetConfig | str | None = None,
    plugins: pluggy.PluginManager | None = None,
    inventory_entry: Any = None,
    lang: str = "fr",
) -> Metadata:
    """Draft the metadata of the data file ``source`` (default: the dataset's file).

    ``project`` is the loaded ``odwb.toml`` (or its path, or None); ``dataset`` a dataset of it (or
    its id); ``inventory_entry`` the dataset's entry in the inventory (read from the project's
    inventory when not given). Never overwrites a value the user wrote.
    """
    config = resolve_project(project)
    dataset_config = resolve_dataset(config, dataset, source)
    path = Path(source) if source is not None else (dataset_config.file if dataset_config else None)
    if inventory_entry is None:
        inventory_entry = find_inventory_entry(config, dataset_config)
    metadata = user_metadata(config, dataset_config)
    if metadata.dataset_id is None and path is not None:
        metadata.dataset_id = dataset_config.id if dataset_config else None
    data = read_source(path, dataset_config.sheet if dataset_config else None)
    metadata.resource = {
        "path": str(path) if path else None, "readable": data.frame is not None, "problem": data.problem,
        "restricted": bool(dataset_config.restricted) if dataset_config else False, **data.info,
    }
    metadata.context = DraftContext(config, dataset_config, data, inventory_entry, lang)
    if plugins is None:
        from ..core.plugins import default_plugin_manager

        plugins = default_plugin_manager()
    for impl in ordered_impls(plugins):
        arguments = {"project": config, "metadata": metadata, "source": path}
        try:
            result = impl.function(**{name: arguments[name] for name in impl.argnames if name in arguments})
        except Exception as exc:  # a plugin must never stop the drafting
            warnings.warn(f"plugin {impl.plugin_name} failed to enrich metadata: {exc}", RuntimeWarning, stacklevel=2)
            continue
        if isinstance(result, dict):
            apply_proposals(metadata, result, impl.plugin_name)
    return metadata
