"""One object that drives the lifecycle from a script or a notebook, loaded from ``odwb.toml``.

Each method is one step, usable alone; the command line calls the same functions::

    from odwb_assist import Project
    project = Project.load("odwb.toml")                  # or Project.create("mon-projet", name="Ville de …")
    report = project.check("ciney-parkings-velos")        # QualityReport (renders in Jupyter)
    clean = project.fix("ciney-parkings-velos")           # the clean copy's path; the next steps use it
    doc = project.document("ciney-parkings-velos")        # metadata, score and files (of the clean copy)
    plan = project.publish("ciney-parkings-velos", dry_run=True)

After :meth:`Project.fix`, the project works on the clean copy (``check``, ``document``, ``plan`` and
``publish`` read it instead of the original); :meth:`Project.use_original` goes back.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from .core import config as config_module
from .core.config_model import PROJECT_FILE, DatasetConfig, ProjectConfig
from .core.plugins import default_plugin_manager

if TYPE_CHECKING:
    from .metadata.document import DocumentResult
    from .portal import PortalClient
    from .publish import Plan, Publication
    from .quality.fix_engine import FixResult
    from .quality.report import QualityReport
    from .quality.stack_sheets import StackedFix


class CleanFile(type(Path())):  # type: ignore[misc]
    """The path of a clean copy written by :meth:`Project.fix`; ``.result`` is the :class:`FixResult`."""

    result: Any = None
    lang: str = "fr"

    def __repr__(self) -> str:
        count = sum((getattr(self.result, "counts", None) or {}).values())
        if self.lang == "en":
            return f"<CleanFile {self} ({count} cell(s) fixed; check, document and publish now use it)>"
        return f"<Copie propre {self} ({count} correction(s) ; check, document et publish l'utilisent désormais)>"


class Project:
    """The administration's project: its configuration, plugins, language and portal client."""

    def __init__(self, config: ProjectConfig, *, plugins: pluggy.PluginManager | None = None, lang: str = "fr",
                 client: PortalClient | None = None) -> None:
        self.config = config
        self.plugins = plugins if plugins is not None else default_plugin_manager()
        self.lang = lang
        self._client = client
        self._clean: dict[str, Path] = {}  # dataset id -> clean copy written by fix(), used by the next steps

    @classmethod
    def create(cls, path: str | os.PathLike[str], *, name: str, nis_code: str | None = None,
               publisher: str | None = None, type: str | None = None, contact_email: str | None = None,
               plugins: pluggy.PluginManager | None = None, lang: str = "fr") -> Project:
        """Write a new commented ``odwb.toml`` (``path`` is the file or its folder) and load it, like
        ``odwb-assist init``. An existing file is never replaced (:class:`~odwb_assist.core.errors.ConfigError`)."""
        from .core.errors import ConfigError
        from .core.project_template import render

        target = Path(path)
        if target.suffix.lower() != ".toml":
            target = target / PROJECT_FILE
        if target.exists():
            raise ConfigError(
                f"{target} existe déjà : il n'est pas écrasé. Ouvrez-le avec Project.load(\"{target}\").",
                f"{target} already exists: it is not overwritten. Open it with Project.load(\"{target}\").")
        if not str(name or "").strip():
            raise ConfigError("Indiquez le nom de l'administration : Project.create(chemin, name=\"Ville de …\").",
                              "Give the administration's name: Project.create(path, name=\"…\").")
        text = render(name, nis_code, publisher, type, contact_email)
        config_module.parse(text, target.resolve())  # a bad NIS code or type is refused before anything is written
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return cls.load(target, plugins=plugins, lang=lang)

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None, *, portal_url: str | None = None,
             plugins: pluggy.PluginManager | None = None, lang: str = "fr") -> Project:
        """Read ``odwb.toml`` (found in the working folder or above when ``path`` is None)."""
        return cls(config_module.load(path, portal_url=portal_url), plugins=plugins, lang=lang)

    def __repr__(self) -> str:
        ids = ", ".join(d.id for d in self.config.datasets)
        return f"Project({self.config.administration.name!r}, datasets=[{ids}], portal={self.config.portal.url!r})"

    def __dir__(self) -> list[str]:
        return sorted(n for n in set(super().__dir__()) if not n.startswith("_"))

    def dataset(self, dataset_id: str | None = None) -> DatasetConfig:
        """The dataset's configuration; its ``file`` is the clean copy once :meth:`fix` wrote one."""
        ds = self.config.dataset(dataset_id)
        clean = self._clean.get(ds.id)
        return dataclasses.replace(ds, file=clean, sheet=None) if clean is not None and clean.is_file() else ds

    def use_original(self, dataset_id: str | None = None) -> Path:
        """Work on the original file again (forget the clean copy of :meth:`fix`); returns its path."""
        ds = self.config.dataset(dataset_id)
        self._clean.pop(ds.id, None)
        return ds.file

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
        ds = self.config.dataset(dataset_id)
        return ds.file.with_name(f"{ds.file.stem}-propre.csv")

    def fix(self, dataset_id: str | None = None, output: str | os.PathLike[str] | None = None, *,
            dry_run: bool = False, fixes: list[str] | None = None) -> CleanFile | FixResult | StackedFix:
        """Write a clean UTF-8 copy of the dataset's original file (never modified) and return its path
        (``.result`` holds the :class:`FixResult`); from then on ``check``, ``document``, ``plan`` and
        ``publish`` use the clean copy. With ``dry_run``, nothing is written: the FixResult is returned.
        A dataset whose ``sheet`` is ``"all"`` is a table split into sheets (one per year…): its sheets are
        stacked into the clean copy (:func:`~odwb_assist.quality.fix_sheets`, ``.result`` a ``StackedFix``)."""
        from .quality import fix, fix_sheets
        from .quality.sheets import is_all

        ds = self.config.dataset(dataset_id)
        target = output or self.clean_path(dataset_id)
        if is_all(ds.sheet):
            result: FixResult | StackedFix = fix_sheets(ds.file, target, fixes=fixes, dry_run=dry_run,
                                                        plugins=self.plugins, lang=self.lang)
        else:
            result = fix(ds.file, target, fixes=fixes, dry_run=dry_run, plugins=self.plugins, sheet=ds.sheet,
                         lang=self.lang)
        if dry_run:
            return result
        clean = CleanFile(result.output)
        clean.result, clean.lang = result, self.lang
        self._clean[ds.id] = Path(result.output)
        return clean

    def _with_clean_files(self) -> ProjectConfig:
        """The configuration whose datasets point at the clean copies written by :meth:`fix`."""
        if not self._clean:
            return self.config
        return dataclasses.replace(self.config, datasets=[self.dataset(d.id) for d in self.config.datasets])

    def document(self, dataset_id: str | None = None, *, output_dir: str | os.PathLike[str] | None = None,
                 report: QualityReport | None = None) -> DocumentResult:
        """Draft the metadata, score it and write metadata.json, datapackage.json and the data dictionary."""
        from .metadata.document import document

        ds = self.dataset(dataset_id)
        out = Path(output_dir) if output_dir is not None else None
        return document(self._with_clean_files(), ds.file, dataset=ds, output_dir=out, plugins=self.plugins,
                        report=report, lang=self.lang)

    def plan(self, dataset_id: str | None = None, *, overrides: dict[str, str] | None = None,
             restricted: bool | None = None) -> Plan:
        """Compare the local dataset with the portal: the steps a publication would send."""
        from .publish import plan

        return plan(self._with_clean_files(), self.client, dataset_id=dataset_id, overrides=overrides,
                    restricted=restricted, plugins=self.plugins)

    def publish(self, dataset_id: str | None = None, *, dry_run: bool = False,
                overrides: dict[str, str] | None = None, restricted: bool | None = None) -> Plan | Publication:
        """Publish (or, with ``dry_run``, only plan) the dataset; safe to repeat."""
        planned = self.plan(dataset_id, overrides=overrides, restricted=restricted)
        return planned if dry_run else planned.apply()
