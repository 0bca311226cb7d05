"""One object that drives the lifecycle from a script or a notebook, loaded from ``odwb.toml``.

Each method is one step, usable alone; the command line calls the same functions::

    from odwb_assist import Project
    project = Project.load("odwb.toml")
    report = project.check("ciney-parkings-velos")        # QualityReport (renders in Jupyter)
    project.fix("ciney-parkings-velos")                   # writes a new clean file
    doc = project.document("ciney-parkings-velos")        # metadata, score and files
    plan = project.publish("ciney-parkings-velos", dry_run=True)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from . import config as config_module
from .config import DatasetConfig, ProjectConfig
from .plugins import default_plugin_manager

if TYPE_CHECKING:
    from .metadata.document import DocumentResult
    from .portal import PortalClient
    from .publish import Plan, Publication
    from .quality.fix_engine import FixResult
    from .quality.report import QualityReport


class Project:
    """The administration's project: its configuration, plugins, language and portal client."""

    def __init__(self, config: ProjectConfig, *, plugins: pluggy.PluginManager | None = None, lang: str = "fr",
                 client: PortalClient | None = None) -> None:
        self.config = config
        self.plugins = plugins if plugins is not None else default_plugin_manager()
        self.lang = lang
        self._client = client

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None, *, portal_url: str | None = None,
             plugins: pluggy.PluginManager | None = None, lang: str = "fr") -> Project:
        """Read ``odwb.toml`` (found in the working folder or above when ``path`` is None)."""
        return cls(config_module.load(path, portal_url=portal_url), plugins=plugins, lang=lang)

    def __repr__(self) -> str:
        ids = ", ".join(d.id for d in self.config.datasets)
        return f"Project({self.config.administration.name!r}, datasets=[{ids}], portal={self.config.portal.url!r})"

    def dataset(self, dataset_id: str | None = None) -> DatasetConfig:
        return self.config.dataset(dataset_id)

    @property
    def client(self) -> PortalClient:
        """The portal client of the project (key from the environment or keyring, never stored)."""
        if self._client is None:
            from .portal import PortalClient

            self._client = PortalClient.from_config(self.config)
        return self._client

    def check(self, dataset_id: str | None = None, **options: Any) -> QualityReport:
        """Check the dataset's file (its Table Schema when declared in odwb.toml)."""
        from .quality import check

        ds = self.dataset(dataset_id)
        schema = str(ds.schema) if ds.schema else None
        return check(ds.file, schema, lang=self.lang, plugins=self.plugins, sheet=ds.sheet, project=self.config,
                     **options)

    def clean_path(self, dataset_id: str | None = None) -> Path:
        """Where :meth:`fix` writes by default: ``<name>-propre.csv`` beside the original."""
        ds = self.dataset(dataset_id)
        return ds.file.with_name(f"{ds.file.stem}-propre.csv")

    def fix(self, dataset_id: str | None = None, output: str | os.PathLike[str] | None = None, *,
            dry_run: bool = False, fixes: list[str] | None = None) -> FixResult:
        """Write a clean UTF-8 copy of the dataset's file (the original is never modified)."""
        from .quality import fix

        ds = self.dataset(dataset_id)
        return fix(ds.file, output or self.clean_path(dataset_id), fixes=fixes, dry_run=dry_run, plugins=self.plugins,
                   sheet=ds.sheet, lang=self.lang)

    def document(self, dataset_id: str | None = None, *, output_dir: str | os.PathLike[str] | None = None,
                 report: QualityReport | None = None) -> DocumentResult:
        """Draft the metadata, score it and write metadata.json, datapackage.json and the data dictionary."""
        from .metadata.document import document

        ds = self.dataset(dataset_id)
        out = Path(output_dir) if output_dir is not None else None
        return document(self.config, ds.file, dataset=ds, output_dir=out, plugins=self.plugins, report=report,
                        lang=self.lang)

    def plan(self, dataset_id: str | None = None, *, overrides: dict[str, str] | None = None,
             restricted: bool | None = None) -> Plan:
        """Compare the local dataset with the portal: the steps a publication would send."""
        from .publish import plan

        return plan(self.config, self.client, dataset_id=dataset_id, overrides=overrides, restricted=restricted,
                    plugins=self.plugins)

    def publish(self, dataset_id: str | None = None, *, dry_run: bool = False,
                overrides: dict[str, str] | None = None, restricted: bool | None = None) -> Plan | Publication:
        """Publish (or, with ``dry_run``, only plan) the dataset; safe to repeat."""
        planned = self.plan(dataset_id, overrides=overrides, restricted=restricted)
        return planned if dry_run else planned.apply()
