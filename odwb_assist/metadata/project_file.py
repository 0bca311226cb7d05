"""Store metadata answers in ``odwb.toml`` with tomlkit: comments, order and the user's text are kept.

The new text is checked with the project-file parser before it replaces the file, and the file is
replaced atomically: a failure leaves the previous file untouched.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table

from ..core.config import parse
from ..core.errors import ConfigError
from .model import split_key


def _dataset_table(doc: tomlkit.TOMLDocument, dataset_id: str, file: str | None) -> Any:
    datasets = doc.get("datasets")
    if datasets is None:
        datasets = tomlkit.aot()
        doc.append("datasets", datasets)
    if isinstance(datasets, (AoT, list)):
        for entry in datasets:
            if entry.get("id") == dataset_id:
                return entry
        if file is None:
            raise ConfigError(f"Le jeu de données « {dataset_id} » n'est pas dans odwb.toml.",
                              f"Dataset '{dataset_id}' is not in odwb.toml.")
        entry = tomlkit.table()
        entry["id"] = dataset_id
        entry["file"] = file
        datasets.append(entry)
        return datasets[-1]
    if isinstance(datasets, (Table, dict)):
        if dataset_id not in datasets:
            if file is None:
                raise ConfigError(f"Le jeu de données « {dataset_id} » n'est pas dans odwb.toml.",
                                  f"Dataset '{dataset_id}' is not in odwb.toml.")
            entry = tomlkit.table()
            entry["file"] = file
            datasets[dataset_id] = entry
        return datasets[dataset_id]
    raise ConfigError("La clé « datasets » de odwb.toml n'est ni une liste [[datasets]] ni une table.",
                      "Key 'datasets' of odwb.toml is neither a [[datasets]] list nor a table.")


def store_metadata(project_file: str | Path, dataset_id: str, answers: dict[str, Any], *, file: str | None = None,
                   fields: dict[str, dict[str, Any]] | None = None) -> Path:
    """Write ``answers`` (``"template.field"`` or bare ``"field"`` -> value) in the dataset's metadata table,
    and ``fields`` (column -> {description, unit, …}) in its ``fields`` table.

    ``file`` (relative to odwb.toml) declares the dataset when it is not in the file yet.
    """
    path = Path(project_file)
    text = path.read_text(encoding="utf-8")
    doc = tomlkit.parse(text)
    entry = _dataset_table(doc, dataset_id, file)
    created = "metadata" not in entry
    if created:
        entry["metadata"] = tomlkit.table()
    metadata = entry["metadata"]
    for key, value in answers.items():
        template, name = split_key(key)
        if template == "default":
            metadata[name] = value
        else:
            if template not in metadata:
                metadata[template] = tomlkit.table()
            metadata[template][name] = value
    if created and answers:
        metadata.add(tomlkit.nl())
    if fields:
        if "fields" not in entry:
            entry["fields"] = tomlkit.table()
        for column, settings in fields.items():
            current = entry["fields"].get(column)
            if isinstance(current, str):  # column = "description" shorthand
                current = {"description": current}
            merged = tomlkit.inline_table()
            merged.update({**(dict(current) if current is not None else {}), **settings})
            entry["fields"][column] = merged
    new_text = tomlkit.dumps(doc)
    parse(new_text, path.resolve())  # never write a file the project cannot read back
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(new_text, encoding="utf-8")
    os.replace(tmp, path)
    return path
