"""The publication plan as data: its :class:`Step` s and the state they are computed from (:class:`PlanState`).

Kept apart from :mod:`.planning` (which computes the steps) and :mod:`.run` (which sends them) so that
neither imports the other: ``planning`` → ``run`` → ``model``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pluggy

from ..core.config_model import DatasetConfig, ProjectConfig
from ..core.contract import Blocker
from ..core.i18n import Msg
from ..portal import PortalClient
from .diff import checksum_of
from .source import UploadFile


@dataclass
class Step:
    """One write of the plan; ``describe(lang)`` says it in a sentence."""

    kind: str  # create-dataset, update-dataset, upload-file, create-resource, update-resource, delete-resource,
    #            set-metadata, create-field, update-field, delete-field, publish
    message: Msg
    template: str | None = None
    field_name: str | None = None
    value: Any = None
    target: str | None = None  # resource or field configuration uid for update/delete

    def describe(self, lang: str = "fr") -> str:
        return self.message(lang)


@dataclass
class PlanState:
    """What the plan was computed from and what it will send (empty ``steps``: nothing to do)."""

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
    field_configs: list[dict[str, Any]] = field(default_factory=list)  # wanted on /fields/ (see .fields)
    forced_path: bool = False  # odwb.toml says where the licence and themes go (no fallback, see .sticky)

    @property
    def writes(self) -> int:
        return len(self.steps)

    def metadata_checksum(self) -> str:
        """Checksum of what was asked (kept in the publication record: unchanged → no new publication)."""
        asked: dict[str, Any] = {"metadata": self.metadata, "restricted": self.restricted}
        if self.field_configs:
            asked["fields"] = self.field_configs
        return checksum_of(asked)

    def describe(self, lang: str = "fr") -> str:
        portal = self.client.base_url
        if not self.steps:
            return Msg(f"Rien à envoyer : « {self.dataset_id} » est à jour sur {portal}.",
                       f"Nothing to send: '{self.dataset_id}' is up to date on {portal}.")(lang)
        head = Msg(f"Plan de publication de « {self.dataset_id} » sur {portal} ({len(self.steps)} étape(s)) :",
                   f"Publication plan of '{self.dataset_id}' on {portal} ({len(self.steps)} step(s)):")(lang)
        steps = [f"  {i}. {step.describe(lang)}" for i, step in enumerate(self.steps, 1)]
        return "\n".join([head, *steps, *self.to_check(lang)])

    def to_check(self, lang: str = "fr") -> list[str]:
        """The lines saying what may be personal data in the file (names of people, a contact's mobile, birth years:
        warnings, which never block, as only the author can tell): said before anything is sent, not left to the
        check the author may not have run."""
        from ..core.findings import MAYBE_PERSONAL_DATA_TYPES
        from ..quality.titles import title

        report = self.report
        found = [f for f in (getattr(report, "findings", None) or []) if f.type in MAYBE_PERSONAL_DATA_TYPES]
        if not found:
            return []
        label = getattr(report, "column_label", None)
        lines = [Msg("À vérifier avant de publier (peut-être des données personnelles : vous seul pouvez en juger ; "
                     "odwb-assist check dit quoi faire) :",
                     "To check before publishing (maybe personal data: only you can tell; odwb-assist check says what "
                     "to do):")(lang)]
        for finding in found:
            columns = finding.extra.get("columns") or ([finding.field_name] if finding.field_name else [])
            shown = [label(name, lang) if callable(label) else str(name) for name in columns]
            where = ", ".join(f"« {name} »" if lang == "fr" else f"'{name}'" for name in shown)
            lines.append(f"  - {title(finding.type, lang, finding)}{' : ' if lang == 'fr' else ': '}{where}")
        return lines
