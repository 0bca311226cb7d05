"""The quality report: every finding of one check run, counts by type, and what was detected.

The JSON shape (``to_dict``) is the stable contract described in ``docs/report-contract.md``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..i18n import normalise_lang
from .detect import Detected
from .model import Finding, Severity

REPORT_VERSION = 1
PER_TYPE_LIMIT = 1000  # findings kept per type when no --limit-errors is given (all are counted)


class Collector:
    """Counts every finding and keeps a bounded number of them (memory must not grow with rows)."""

    def __init__(self, limit: int | None = None, per_type: int = PER_TYPE_LIMIT) -> None:
        self.limit = limit
        self.per_type = per_type
        self.kept: list[Finding] = []
        self.counts: Counter[str] = Counter()
        self.kept_by_type: Counter[str] = Counter()
        self.severities: Counter[str] = Counter()

    def add(self, finding: Finding) -> None:
        self.counts[finding.type] += 1
        self.severities[finding.severity.value] += 1
        if self.limit is not None and len(self.kept) >= self.limit:
            return
        if self.kept_by_type[finding.type] >= self.per_type:
            return
        self.kept_by_type[finding.type] += 1
        self.kept.append(finding)

    @property
    def truncated(self) -> bool:
        return len(self.kept) < sum(self.counts.values())


@dataclass
class QualityReport:
    """The outcome of :func:`odwb_assist.quality.check` (renders itself in Jupyter).

    ``findings`` holds every finding kept; ``errors``, ``warnings`` and ``infos`` the ones of each
    severity; :meth:`to_frame` gives them as a pandas DataFrame, one row per finding.
    """

    source: str
    detected: Detected
    rows: int = 0
    fields: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)
    severity_counts: dict[str, int] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)  # field -> Table Schema type
    lang: str = "fr"
    truncated: bool = False
    seconds: float = 0.0

    @property
    def error_count(self) -> int:
        return self.severity_counts.get(Severity.ERROR.value, 0)

    @property
    def warning_count(self) -> int:
        return self.severity_counts.get(Severity.WARNING.value, 0)

    @property
    def info_count(self) -> int:
        return self.severity_counts.get(Severity.INFO.value, 0)

    @property
    def valid(self) -> bool:
        return self.error_count == 0

    @property
    def errors(self) -> list[Finding]:
        """The findings of severity « erreur » only (what blocks a publication)."""
        return [f for f in self.findings if f.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.WARNING]

    @property
    def infos(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.INFO]

    def to_frame(self, lang: str | None = None) -> Any:
        """A pandas DataFrame, one row per finding: type, severity (``error``/``warning``/``info``), row, column,
        cell, message, tip (in the report's language). ``row`` is the spreadsheet row number (nullable integer)."""
        import pandas as pd

        language = normalise_lang(lang or self.lang)
        frame = pd.DataFrame(
            [{"type": f.type, "severity": f.severity.value, "row": f.row_number, "column": f.field_name,
              "cell": f.cell, "message": f.message(language), "tip": f.tip(language)} for f in self.findings],
            columns=["type", "severity", "row", "column", "cell", "message", "tip"])
        frame["row"] = frame["row"].astype("Int64")
        return frame

    def by_type(self) -> dict[str, list[Finding]]:
        """Kept findings grouped by type, errors first, then by number of occurrences."""
        groups: dict[str, list[Finding]] = {}
        for finding in self.findings:
            groups.setdefault(finding.type, []).append(finding)
        rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        return dict(sorted(groups.items(), key=lambda item: (rank[item[1][0].severity], -self.stats.get(item[0], 0))))

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        language = normalise_lang(lang or self.lang)
        return {
            "version": REPORT_VERSION,
            "valid": self.valid,
            "source": self.source,
            "detected": self.detected.to_dict(),
            "rows": self.rows,
            "fields": list(self.fields),
            "types": dict(self.types),
            "kinds": dict(self.kinds),
            "errorCount": self.error_count,
            "warningCount": self.warning_count,
            "infoCount": self.info_count,
            "truncated": self.truncated,
            "stats": dict(self.stats),
            "errors": [finding.to_dict(language) for finding in self.findings],  # every finding (report contract)
            "lang": language,
        }

    def to_json(self, lang: str | None = None) -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=2, default=str)

    def _repr_html_(self) -> str:
        from .html_report import render_html

        return render_html(self, fragment=True)

    def __repr__(self) -> str:
        name = self.source.replace("\\", "/").rsplit("/", 1)[-1]
        if self.lang == "en":
            return (f"<QualityReport {name}: {self.rows} rows, {self.error_count} error(s), "
                    f"{self.warning_count} warning(s), {'valid' if self.valid else 'invalid'}>")
        return (f"<QualityReport {name} : {self.rows} lignes, {self.error_count} erreur(s), "
                f"{self.warning_count} avertissement(s), {'valide' if self.valid else 'à corriger'}>")
