"""The metadata model: the portal's templates (``default``, ``dcat``, ``internal``) as field -> value.

Field names and types follow the Opendatasoft Automation API (the reference notes on the ODS APIs
§4). A key is ``"template.field"``; a bare ``"field"`` means the ``default`` template. Values that
the user wrote (``odwb.toml``, ``metadata.json``) are recorded in :attr:`Metadata.user_fields` and
are never replaced by a proposal (:meth:`Metadata.propose`). Nothing is validated here: a wrong
value is kept as typed and becomes a finding of the score, never an exception.
"""

from __future__ import annotations

import importlib
import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import MetadataError, data_reason

TEMPLATES: tuple[str, ...] = ("default", "dcat", "internal")

# template -> field -> type ("text", "html", "list", "date", "datetime", "bool", "uri", "email", "enum")
FIELD_TYPES: dict[str, dict[str, str]] = {
    "default": {
        "title": "text", "description": "html", "theme": "list", "keyword": "list", "license": "text",
        "language": "enum", "timezone": "text", "publisher": "text", "references": "uri", "attributions": "list",
        "modified": "datetime", "modified_updates_on_metadata_change": "bool",
        "modified_updates_on_data_change": "bool", "geographic_reference": "list",
        "geographic_reference_auto": "bool",
    },
    "dcat": {
        "created": "datetime", "issued": "date", "creator": "text", "contributor": "text", "contact_name": "text",
        "contact_email": "email", "accrualperiodicity": "text", "temporal": "text", "spatial": "text",
        "granularity": "text", "relation": "uri", "dataquality": "text",
    },
    "internal": {"license_id": "text", "theme_id": "list", "draft": "bool"},
}


def split_key(key: str) -> tuple[str, str]:
    """``"dcat.spatial"`` -> ("dcat", "spatial"); ``"title"`` -> ("default", "title")."""
    template, dot, name = key.partition(".")
    return (template, name) if dot else ("default", template)


def field_type(key: str) -> str | None:
    template, name = split_key(key)
    return FIELD_TYPES.get(template, {}).get(name)


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple, set)):
        return [v for v in value if v not in (None, "")]
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[;,\n]", value) if part.strip()]
    return [value]


def coerce(key: str, value: Any) -> Any:
    """Give a value the shape of its field (lists stay lists, a string of keywords becomes a list)."""
    if isinstance(value, dict) and set(value) >= {"value"}:  # the portal's {"value": ...} wrapper
        value = value["value"]
    if field_type(key) == "list" and value is not None:
        return _as_list(value)
    if hasattr(value, "isoformat"):  # date / datetime from TOML
        return value.isoformat()
    return value


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, tuple, dict, set)) and not value) or (
        isinstance(value, str) and not value.strip())


@dataclass
class FieldInfo:
    """One column of the data: the data dictionary row and the ODS field configuration."""

    name: str
    type: str = "string"  # Table Schema type (frictionless)
    label: str | None = None
    description: str | None = None
    unit: str | None = None
    examples: list[str] = field(default_factory=list)
    completeness: float = 1.0
    distinct: int = 0
    facet: bool = False
    kind: str | None = None  # semantic kind from the quality engine or a plugin (be-nis-code, …)
    multivalued: str | None = None  # the separator of cells listing several values (« ; »), split by the portal

    @property
    def ods_type(self) -> str:
        return {"integer": "int", "number": "double", "date": "date", "datetime": "datetime",
                "geopoint": "geo_point_2d", "geojson": "geo_shape"}.get(self.type, "text")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ods_type"] = self.ods_type
        return data


@dataclass
class Metadata:
    """The metadata of one dataset, template by template, plus what the data says about itself.

    ``sources`` tells where each value came from (``odwb.toml``, ``metadata.json``, ``inventory``,
    ``data``, ``project``, ``policy``, or a plugin name); ``resource`` describes the data file
    (``path``, ``format``, ``bytes``, ``rows``, ``readable``, ``restricted``).
    """

    templates: dict[str, dict[str, Any]] = field(default_factory=lambda: {t: {} for t in TEMPLATES})
    user_fields: set[str] = field(default_factory=set)
    sources: dict[str, str] = field(default_factory=dict)
    fields: list[FieldInfo] = field(default_factory=list)
    resource: dict[str, Any] = field(default_factory=dict)
    dataset_id: str | None = None
    context: Any = field(default=None, repr=False, compare=False)  # DraftContext while drafting, not saved

    def __post_init__(self) -> None:
        for template in TEMPLATES:
            self.templates.setdefault(template, {})

    # -- templates --
    @property
    def default(self) -> dict[str, Any]:
        return self.templates["default"]

    @property
    def dcat(self) -> dict[str, Any]:
        return self.templates["dcat"]

    @property
    def internal(self) -> dict[str, Any]:
        return self.templates["internal"]

    # -- access --
    @staticmethod
    def _full(key: str) -> str:
        template, name = split_key(key)
        return f"{template}.{name}"

    def get(self, key: str, default: Any = None) -> Any:
        template, name = split_key(key)
        value = self.templates.get(template, {}).get(name)
        return default if is_empty(value) else value

    def has(self, key: str) -> bool:
        return self.get(key) is not None

    def set(self, key: str, value: Any, *, source: str = "user") -> None:
        """Write a value; ``source="user"`` marks it as the user's (never overwritten later)."""
        template, name = split_key(key)
        self.templates.setdefault(template, {})[name] = coerce(key, value)
        full = f"{template}.{name}"
        self.sources[full] = source
        if source in ("user", "odwb.toml", "metadata.json"):
            self.user_fields.add(full)

    def propose(self, key: str, value: Any, *, source: str) -> bool:
        """Fill a field only when it is empty and not the user's; True when the value was taken."""
        full = self._full(key)
        if is_empty(value) or full in self.user_fields or self.has(full):
            return False
        self.set(full, value, source=source)
        return True

    def column(self, name: str) -> FieldInfo | None:
        return next((f for f in self.fields if f.name == name), None)

    # -- (de)serialisation --
    def to_dict(self) -> dict[str, Any]:
        """The ``metadata.json`` shape: the templates, then the data dictionary and provenance."""
        data: dict[str, Any] = {t: dict(v) for t, v in self.templates.items() if v or t in TEMPLATES}
        data["fields"] = [f.to_dict() for f in self.fields]
        if self.dataset_id:
            data["dataset_id"] = self.dataset_id
        data["_sources"] = dict(sorted(self.sources.items()))
        data["_user_fields"] = sorted(self.user_fields)
        if self.resource:
            data["_resource"] = dict(self.resource)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, source: str = "user") -> Metadata:
        """Read ``{"default": {...}, "dcat": {...}}``, flat ``{"title": …, "dcat.spatial": …}`` or a mix.

        Portal-shaped values ``{"value": …}`` are unwrapped; every value read counts as written by
        ``source`` (the user by default).
        """
        md = cls()
        md.merge_user(data, source=source)
        return md

    def merge_user(self, data: dict[str, Any], *, source: str = "user") -> None:
        """Add values written by the user (from odwb.toml or metadata.json) over what is there."""
        for key, value in data.items():
            if key == "fields" and isinstance(value, list):
                self._merge_fields(value)
            elif key == "dataset_id" and isinstance(value, str):
                self.dataset_id = self.dataset_id or value
            elif key.startswith("_"):
                continue
            elif key in self.templates or (isinstance(value, dict) and "value" not in value and "." not in key):
                if isinstance(value, dict):
                    for name, inner in value.items():
                        self.set(f"{key}.{name}", inner, source=source)
            else:
                self.set(key, value, source=source)

    def _merge_fields(self, items: list[Any]) -> None:
        known = set(FieldInfo.__dataclass_fields__)
        for item in items:
            if isinstance(item, dict) and item.get("name"):
                info = FieldInfo(**{k: v for k, v in item.items() if k in known})
                existing = self.column(info.name)
                if existing is None:
                    self.fields.append(info)

    def load_field_settings(self, settings: dict[str, Any]) -> None:
        """Apply ``[datasets.fields]`` of odwb.toml: ``column = {description, unit, label, facet, multivalued}``
        (``multivalued = ""`` says the cells are single values)."""
        for name, values in settings.items():
            info = self.column(name)
            if info is None:
                info = FieldInfo(name=name)
                self.fields.append(info)
            if isinstance(values, str):
                values = {"description": values}
            if not isinstance(values, dict):
                continue
            for key in ("description", "unit", "label", "kind"):
                if isinstance(values.get(key), str):
                    setattr(info, key, values[key])
            if isinstance(values.get("multivalued"), str):
                info.multivalued = values["multivalued"] or None
            if isinstance(values.get("facet"), bool):
                info.facet = values["facet"]
            self.user_fields.add(f"fields.{name}")

    @classmethod
    def load_json(cls, path: str | os.PathLike[str]) -> Metadata:
        file = Path(path)
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise MetadataError(f"Le fichier de métadonnées {file} n'existe pas : vérifiez le chemin.",
                                f"Metadata file {file} does not exist: check the path.") from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            reason = data_reason(exc).fr if isinstance(exc, json.JSONDecodeError) else "pas en UTF-8"
            raise MetadataError(
                f"{file} n'est pas un JSON UTF-8 valide ({reason}). Corrigez-le (virgules, guillemets) ou "
                "supprimez-le pour repartir du brouillon.",
                f"{file} is not valid UTF-8 JSON ({exc}). Fix it (commas, quotes) or delete it to start "
                "again from the draft.",
            ) from exc
        if not isinstance(data, dict):
            raise MetadataError(f"{file} doit contenir un objet JSON {{…}}, pas une liste ou une valeur.",
                                f"{file} must hold a JSON object {{…}}, not a list or a value.")
        md = cls()
        md.merge_user(data, source="metadata.json")
        user = data.get("_user_fields")
        if isinstance(user, list):  # a saved draft: only what the user wrote stays the user's
            md.user_fields = {u for u in user if isinstance(u, str)}
            for key, origin in (data.get("_sources") or {}).items():
                md.sources[key] = origin
        return md

    def save_json(self, path: str | os.PathLike[str]) -> Path:
        """Write ``metadata.json`` atomically (a failure never leaves a half-written file)."""
        file = Path(path)
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_name(file.name + ".tmp")
        tmp.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
        os.replace(tmp, file)
        return file

    def save_toml(self, project_file: str | os.PathLike[str], dataset_id: str | None = None, *,
                  only_user: bool = True) -> Path:
        """Write the values (by default only the user's) into ``[datasets.metadata]`` of odwb.toml, keeping
        its comments and layout (tomlkit); the file is checked before it is replaced."""
        target = dataset_id or self.dataset_id
        if not target:
            raise MetadataError("Indiquez l'identifiant du jeu de données à écrire dans odwb.toml.",
                                "Give the id of the dataset to write in odwb.toml.")
        answers = {f"{template}.{name}": value for template, values in self.templates.items()
                   for name, value in values.items()
                   if not is_empty(value) and (not only_user or f"{template}.{name}" in self.user_fields)}
        # By name: the model never imports its store.
        project_store = importlib.import_module("odwb_assist.metadata.project_file")
        return Path(project_store.store_metadata(Path(project_file), target, answers))

    def __repr__(self) -> str:
        filled = sum(1 for values in self.templates.values() for v in values.values() if not is_empty(v))
        return (f"<Metadata {self.dataset_id or ''} : « {self.get('default.title') or '—'} », {filled} champ(s), "
                f"{len(self.fields)} colonne(s)>")

    def _repr_html_(self) -> str:
        # By name: the model never imports its renderer (it imports the model).
        render = importlib.import_module("odwb_assist.metadata.render")
        return str(render.render_metadata_html(self))

    @classmethod
    def from_config(cls, dataset: Any) -> Metadata:
        """What the user wrote for a dataset: its ``metadata_file`` then ``[datasets.metadata]`` over it."""
        metadata_file = getattr(dataset, "metadata_file", None)
        md = cls.load_json(metadata_file) if metadata_file is not None and Path(metadata_file).is_file() else cls()
        md.dataset_id = getattr(dataset, "id", None) or md.dataset_id
        md.merge_user(dict(getattr(dataset, "metadata", {}) or {}), source="odwb.toml")
        md.load_field_settings(dict(getattr(dataset, "fields", {}) or {}))
        return md
