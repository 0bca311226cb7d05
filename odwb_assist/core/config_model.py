"""The project configuration as values: the administration, its portal, its datasets.

:class:`ProjectConfig` is what :func:`odwb_assist.core.config.load` returns from ``odwb.toml``;
:class:`PortalConfig` reads the API key from the environment (or the system keyring) when asked and
never shows it in a repr. Also the project file's name and the portal's defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

PROJECT_FILE = "odwb.toml"
DEFAULT_PORTAL_URL = "https://www.odwb.be"
DEFAULT_API_KEY_ENV = "ODWB_API_KEY"


@dataclass
class AdministrationConfig:
    name: str
    nis_code: str | None = None
    publisher: str | None = None
    type: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    website: str | None = None
    language: str = "fr"

    @property
    def publisher_label(self) -> str:
        return self.publisher or self.name


@dataclass
class PortalConfig:
    url: str = DEFAULT_PORTAL_URL
    api_key_env: str = DEFAULT_API_KEY_ENV
    timeout: float = 30.0
    licenses: dict[str, str] = field(default_factory=dict)
    themes: dict[str, str] = field(default_factory=dict)
    licence_path: str | None = None  # "internal" / "default" forced by odwb.toml; None: found per portal

    def api_key(self) -> str | None:
        """The key from the environment, else from the system keyring when installed; never logged."""
        key = os.environ.get(self.api_key_env)
        if key:
            return key
        try:
            import keyring  # optional dependency

            return keyring.get_password("odwb-assist", self.url) or None
        except Exception:
            return None

    def __repr__(self) -> str:  # no key in reprs, only where it comes from
        return f"PortalConfig(url={self.url!r}, api_key_env={self.api_key_env!r})"


@dataclass
class DatasetConfig:
    id: str
    file: Path
    sheet: str | None = None
    schema: Path | None = None
    restricted: bool = False
    inventory_id: str | None = None
    metadata_file: Path | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class ProjectConfig:
    """The resolved project file; paths are absolute, resolved against the file's folder."""

    path: Path | None
    administration: AdministrationConfig
    portal: PortalConfig = field(default_factory=PortalConfig)
    datasets: list[DatasetConfig] = field(default_factory=list)
    inventory_file: Path | None = None
    challenge: dict[str, Any] = field(default_factory=dict)
    programme: dict[str, Any] = field(default_factory=dict)
    workshop: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    @property
    def state_dir(self) -> Path:
        """``.odwb/`` beside odwb.toml: the local publication record and caches."""
        return self.root / ".odwb"

    def dataset(self, dataset_id: str | None = None) -> DatasetConfig:
        """The dataset with this id, or the only one when ``dataset_id`` is None."""
        if dataset_id is None:
            if len(self.datasets) == 1:
                return self.datasets[0]
            if not self.datasets:
                raise ConfigError(
                    f"{self._where()} ne déclare aucun jeu de données : ajoutez une table [[datasets]] "
                    "avec id et file.",
                    f"{self._where()} declares no dataset: add a [[datasets]] table with id and file.",
                )
            ids = ", ".join(d.id for d in self.datasets)
            raise ConfigError(
                f"{self._where()} déclare plusieurs jeux de données ({ids}) : choisissez-en un avec --dataset.",
                f"{self._where()} declares several datasets ({ids}): choose one with --dataset.",
            )
        prefix = str(self.workshop.get("dataset_prefix") or "")
        for ds in self.datasets:
            if ds.id in (dataset_id, prefix + dataset_id):  # a prepared folder answers to the tutorial's id too
                return ds
        ids = ", ".join(d.id for d in self.datasets) or "aucun"
        raise ConfigError(
            f"Le jeu de données « {dataset_id} » n'est pas déclaré dans {self._where()} (déclarés : {ids}).",
            f"Dataset '{dataset_id}' is not declared in {self._where()} (declared: {ids}).",
        )

    def _where(self) -> str:
        return str(self.path) if self.path else PROJECT_FILE

