"""What ``Plan.apply()`` returns (:class:`Publication`) and what ``Publication.verify()`` finds through Explore."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.errors import NotFoundError
from ..core.i18n import Msg
from ..portal import PortalClient
from ..portal.vocabulary import fold
from .diff import same_value


@dataclass
class Check:
    """One comparison of ``verify()``: what was sent and what Explore shows."""

    name: str
    expected: Any
    actual: Any
    ok: bool


@dataclass
class Verification:
    """The result of reading the dataset back through Explore."""

    dataset_id: str
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    def describe(self, lang: str = "fr") -> str:
        head = Msg(f"Vérification de « {self.dataset_id} » via l'API Explore :",
                   f"Check of '{self.dataset_id}' through the Explore API:")(lang)
        lines = [head]
        for c in self.checks:
            mark = "OK" if c.ok else ("DIFFÉRENT" if lang != "en" else "DIFFERS")
            sep = ": " if lang == "en" else " : "
            lines.append(f"  [{mark}] {_check_words(c.name, lang)}{sep}{c.actual!r}" + ("" if c.ok else f" (≠ {c.expected!r})")
                         + f"  ({c.name})")
        return "\n".join(lines)


CHECK_WORDS = {
    "records_count": Msg("Nombre d'enregistrements", "Number of records"),
    "visible": Msg("Visible dans le catalogue", "Visible in the catalogue"),
    "fields": Msg("Colonnes décrites", "Described columns"),
}


def _check_words(name: str, lang: str) -> str:
    """A verification check in words (the code follows in small print)."""
    from ..metadata.labels import field_label

    if name in CHECK_WORDS:
        return CHECK_WORDS[name](lang)
    return field_label(f"default.{name}", lang)


@dataclass
class Publication:
    """A publication made (or found up to date) by ``Plan.apply()``."""

    dataset_id: str
    uid: str
    portal: str
    records: int
    checksum: str
    title: str | None
    changed: bool
    steps_done: list[str]
    record: dict[str, Any] | None
    client: PortalClient
    expected_metadata: dict[str, dict[str, Any]]
    labels: dict[str, Any]
    status: dict[str, Any] = field(default_factory=dict)
    expected_fields: list[dict[str, Any]] = field(default_factory=list)  # the field configurations asked

    def __repr__(self) -> str:
        state = "publié" if self.changed else "déjà à jour"
        return f"<Publication {self.dataset_id} : {self.records} enregistrement(s), {state}, {self.portal}>"

    def verify(self) -> Verification:
        """Read the dataset back through Explore; compare the record count and the metadata sent."""
        result = Verification(self.dataset_id)
        try:
            entry = self.client.explore.dataset(self.dataset_id)
        except NotFoundError:
            result.checks.append(Check("visible", True, False, False))
            return result
        default = (entry.get("metas") or {}).get("default") or {}
        count = default.get("records_count")
        result.checks.append(Check("records_count", self.records, count, count == self.records))
        sent = self.expected_metadata.get("default", {})
        for name in ("title", "description", "keyword", "publisher", "language"):
            if name in sent:
                result.checks.append(Check(name, sent[name], default.get(name), same_value(default.get(name), sent[name])))
        if "license" in self.labels:
            shown = default.get("license")
            result.checks.append(Check("license", self.labels["license"], shown,
                                       isinstance(shown, str) and fold(shown) == fold(str(self.labels["license"]))))
        if "theme" in self.labels:
            shown_themes = default.get("theme") or []
            wanted = sorted(fold(str(t)) for t in self.labels["theme"])
            result.checks.append(Check("theme", self.labels["theme"], shown_themes,
                                       sorted(fold(str(t)) for t in shown_themes) == wanted))
        if self.expected_fields:
            result.checks.append(_fields_check(self.expected_fields, entry.get("fields") or []))
        return result


def _fields_check(configs: list[dict[str, Any]], shown: list[dict[str, Any]]) -> Check:
    """Whether Explore's ``fields`` show the labels, descriptions, types and annotations configured."""
    by_name = {str(f.get("name")): f for f in shown}
    wrong: list[str] = []
    for config in configs:
        kind = config.get("type")
        name = str(config.get("from_name") if kind == "rename" else config.get("field") or "")
        if kind == "order" or not name:
            continue
        item = by_name.get(name)
        if item is None:
            wrong.append(name)
        elif kind == "rename" and item.get("label") != config.get("field_label"):
            wrong.append(f"{name}.label")
        elif kind == "description" and (item.get("description") or "") != config.get("description"):
            wrong.append(f"{name}.description")
        elif kind == "type" and item.get("type") != config.get("type_param"):
            wrong.append(f"{name}.type")
        elif kind == "annotate" and config.get("annotation") not in (item.get("annotations") or {}):
            wrong.append(f"{name}.{config.get('annotation')}")
    return Check("fields", len(configs), wrong or len(configs), not wrong)
