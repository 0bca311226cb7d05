"""The metadata score: rules contributed through ``odwb_metadata_rules``, grouped in dimensions, with bands.

The rubric follows data.europa.eu's Metadata Quality Assessment (findability, accessibility,
interoperability, reusability, contextuality) restricted to what is known before publication, plus
ODWB's own needs (dimension ``odwb``). The bands use the MQA's proportions (Excellent ≥ 351/405,
Good ≥ 221/405, Sufficient ≥ 121/405). Only what the publisher wrote or confirmed earns points
(:mod:`.confirmation`), and the band is capped by the worst required item: any « à corriger »
finding (severity ``error``) caps it at « Insuffisant », and it is never above the band of the
« Exigences ODWB » dimension. The rubric with its points is documented in ``docs/metadata-score.md``.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pluggy

from ..core.events import METADATA_SCORED, Event
from ..core.i18n import Msg
from .model import Metadata

DIMENSIONS: dict[str, Msg] = {
    "findability": Msg("Trouvabilité", "Findability"),
    "accessibility": Msg("Accessibilité", "Accessibility"),
    "interoperability": Msg("Interopérabilité", "Interoperability"),
    "reusability": Msg("Réutilisabilité", "Reusability"),
    "contextuality": Msg("Contexte", "Contextuality"),
    "odwb": Msg("Exigences ODWB", "ODWB requirements"),
}
BANDS: tuple[tuple[str, float], ...] = (("excellent", 351 / 405), ("good", 221 / 405), ("sufficient", 121 / 405),
                                        ("bad", 0.0))
BAND_LABELS: dict[str, Msg] = {
    "excellent": Msg("Excellent", "Excellent"), "good": Msg("Bon", "Good"),
    "sufficient": Msg("Suffisant", "Sufficient"), "bad": Msg("Insuffisant", "Bad"),
}


@dataclass(frozen=True)
class MetadataFinding:
    """A missing or weak field: what is wrong, how to fix it (with an example), and the points it costs.

    ``lost`` is the number of points of its rule lost (None: all of them).
    """

    code: str
    field: str | None
    message: Msg
    advice: Msg
    lost: int | None = None
    severity: str = "warning"  # "error" | "warning" | "info"
    example: str | None = None

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {"code": self.code, "field": self.field, "severity": self.severity, "message": self.message(lang),
                "advice": self.advice(lang), "example": self.example, "lost": self.lost}


@dataclass
class ScoreContext:
    """What a rule judges: the metadata, the quality report (optional) and the project (optional)."""

    metadata: Metadata
    report: Any = None
    project: Any = None

    def confirmed(self, key: str) -> bool:
        """Whether the publisher wrote or confirmed ``key`` (a proposal earns no point until confirmed)."""
        from .confirmation import is_confirmed

        return is_confirmed(self.metadata, key)


@dataclass(frozen=True)
class MetadataRule:
    """One indicator of the rubric: its dimension, its points, and a check returning findings (none = full points)."""

    code: str
    dimension: str
    points: int
    title: Msg
    check: Callable[[ScoreContext], list[MetadataFinding] | None]


@dataclass
class RuleScore:
    rule: MetadataRule
    points: int
    findings: list[MetadataFinding]


@dataclass
class DimensionScore:
    name: str
    points: int
    max: int
    rules: list[RuleScore] = field(default_factory=list)

    @property
    def findings(self) -> list[MetadataFinding]:
        return [f for r in self.rules for f in r.findings]

    @property
    def label(self) -> Msg:
        return DIMENSIONS.get(self.name, Msg(self.name, self.name))

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "name": self.name, "label": self.label(lang), "points": self.points, "max": self.max,
            "indicators": [{"code": r.rule.code, "title": r.rule.title(lang), "points": r.points, "max": r.rule.points}
                           for r in self.rules],
            "findings": [f.to_dict(lang) for f in self.findings],
        }


@dataclass
class MetadataReport:
    """The score of one dataset's metadata: total, band, and per dimension its points and findings."""

    score: int
    max: int
    band: str
    dimensions: list[DimensionScore]
    dataset_id: str | None = None
    lang: str = "fr"
    points_band: str = ""  # the band of the points alone, before the cap
    capped_by: list[str] = field(default_factory=list)  # codes of the « à corriger » findings that cap the band

    @property
    def findings(self) -> list[MetadataFinding]:
        return [f for d in self.dimensions for f in d.findings]

    def band_label(self, lang: str | None = None) -> str:
        return BAND_LABELS[self.band](lang or self.lang)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        lang = lang or self.lang
        return {"dataset_id": self.dataset_id, "score": self.score, "max": self.max, "band": self.band,
                "band_label": self.band_label(lang), "points_band": self.points_band or self.band,
                "capped_by": list(self.capped_by), "percent": round(100 * self.score / self.max, 1) if self.max else 0,
                "dimensions": [d.to_dict(lang) for d in self.dimensions]}

    def cap_reason(self, lang: str | None = None) -> str:
        """Why the band is lower than the points say ("" when it is not)."""
        lang = lang or self.lang
        if self.band == (self.points_band or self.band):
            return ""
        if self.capped_by:
            n = len(self.capped_by)
            return (f"Niveau plafonné à « {self.band_label('fr')} » : {n} point(s) à corriger."
                    if lang != "en" else f"Level capped at '{self.band_label('en')}': {n} item(s) to fix.")
        return (f"Niveau plafonné à « {self.band_label('fr')} » par les exigences ODWB."
                if lang != "en" else f"Level capped at '{self.band_label('en')}' by the ODWB requirements.")

    def __repr__(self) -> str:
        return (f"<MetadataReport {self.dataset_id or ''} {self.score}/{self.max} "
                f"{self.band_label()}{' (plafonné)' if self.capped_by and self.lang != 'en' else ''}>")

    def _repr_html_(self) -> str:
        # By name: the model never imports its renderer (it imports the model).
        render = importlib.import_module("odwb_assist.metadata.render")
        return str(render.render_score_html(self, self.lang, standalone=False))


def band_of(points: int, maximum: int) -> str:
    ratio = points / maximum if maximum else 0.0
    return next(name for name, threshold in BANDS if ratio >= threshold - 1e-9)


BAND_ORDER = tuple(name for name, _threshold in BANDS)  # best first


def capped_band(dimensions: list[DimensionScore]) -> tuple[str, str, list[str]]:
    """(band, band of the points alone, codes capping it): « Insuffisant » with any « à corriger » finding,
    never above the band of the ODWB requirements."""
    total, maximum = sum(d.points for d in dimensions), sum(d.max for d in dimensions)
    points_band = band_of(total, maximum)
    band = points_band
    odwb = next((d for d in dimensions if d.name == "odwb"), None)
    if odwb is not None and odwb.max:
        band = max(band, band_of(odwb.points, odwb.max), key=BAND_ORDER.index)
    errors = [f.code for d in dimensions for f in d.findings if f.severity == "error"]
    if errors:
        band = "bad"
    return band, points_band, errors


def collect_rules(pm: pluggy.PluginManager) -> list[MetadataRule]:
    from ..core.plugins import collect

    return [r for r in collect(pm.hook.odwb_metadata_rules()) if isinstance(r, MetadataRule)]


def _run(rule: MetadataRule, context: ScoreContext) -> RuleScore | None:
    try:
        findings = list(rule.check(context) or [])
    except Exception as exc:  # a broken rule is left out of the score, never a crash
        warnings.warn(f"metadata rule {rule.code} failed: {exc}", RuntimeWarning, stacklevel=3)
        return None
    lost = sum(rule.points if f.lost is None else f.lost for f in findings)
    return RuleScore(rule, max(0, rule.points - lost), findings)


def score(metadata: Metadata, report: Any = None, *, plugins: pluggy.PluginManager | None = None,
          lang: str = "fr", project: Any = None, announce_event: bool = True) -> MetadataReport:
    """Score ``metadata`` with every registered rule; ``report`` is the dataset's QualityReport, if any.

    Announces the ``metadata-scored`` event (``announce_event=False`` to stay silent).
    """
    from ..core.plugins import announce, default_plugin_manager

    pm = plugins if plugins is not None else default_plugin_manager()
    if project is None:
        project = getattr(metadata.context, "project", None)
    context = ScoreContext(metadata, report, project)
    by_dimension: dict[str, DimensionScore] = {name: DimensionScore(name, 0, 0) for name in DIMENSIONS}
    for rule in collect_rules(pm):
        result = _run(rule, context)
        if result is None:
            continue
        dimension = by_dimension.setdefault(rule.dimension, DimensionScore(rule.dimension, 0, 0))
        dimension.rules.append(result)
        dimension.points += result.points
        dimension.max += rule.points
    dimensions = [d for d in by_dimension.values() if d.max]
    total, maximum = sum(d.points for d in dimensions), sum(d.max for d in dimensions)
    band, points_band, capped_by = capped_band(dimensions)
    result_report = MetadataReport(total, maximum, band, dimensions, metadata.dataset_id, lang, points_band, capped_by)
    if announce_event:
        adm = getattr(project, "administration", None)
        announce(pm, Event(METADATA_SCORED, {"dataset_id": metadata.dataset_id, "score": total, "max": maximum,
                                             "band": result_report.band},
                           administration=getattr(adm, "name", None) or None, nis_code=getattr(adm, "nis_code", None),
                           project_dir=str(project.root) if getattr(project, "path", None) else None))
    return result_report
