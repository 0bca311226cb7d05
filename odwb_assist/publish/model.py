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
        return "\n".join([head, *(f"  {i}. {step.describe(lang)}" for i, step in enumerate(self.steps, 1))])
