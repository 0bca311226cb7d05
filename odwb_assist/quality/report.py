"""The quality report: every finding of one check run, counts by type, and what was detected.

The JSON shape (``to_dict``) is the stable contract described in ``docs/report-contract.md``.
"""

from __future__ import annotations

import importlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..checks.label_line_breaks import shown_on_one_line
from ..core.findings import Finding, Severity
from ..core.i18n import normalise_lang
from .aggregate import Aggregator
from .detect import Detected
from .notes import column_label

REPORT_VERSION = 1
PER_TYPE_LIMIT = 1000  # findings kept per type when no --limit-errors is given (all are counted)


# Findings that explain a cell: a type-error on the same cell would say the same thing twice.
# The findings that explain a column's cells: a cell they name is no type-error, and a column they name gets no
# read-as-text (a total row's label, « 16 620 (p) », « <5 », « 1,234.56 »: each said, and fixed, by its own finding)
EXPLAINING = frozenset({"decimal-comma", "thousands-separator", "unit-in-cell", "placeholder-value", "date-format",
                        "total-row", "summary-row", "number-notes", "masked-values", "english-numbers", "dms-coordinates",
                        "negative-display", "open-class", "impossible-date"})
# findings that explain every cell of their rows: a header repeated in the data is no type error, nor a duplicate row
# of the header repeated before it; a note below the table (« Source : … », an error when it reads as a note for
# certain) no row too short
ROW_EXPLAINING = frozenset({"repeated-header", "stacked-same-tables", "notes-below-table"})


class Collector:
    """Counts every finding and keeps a bounded number of them (memory must not grow with rows).

    At most ``per_type`` findings of each type are kept; ``limit`` (``--limit-errors``) keeps the first
    ones, errors before warnings, when the run ends.

    Per-cell findings of the same problem (see :mod:`.aggregate`) are grouped when the run ends
    (:meth:`finish`); the rows of findings that explain a cell are remembered (:attr:`explained`).
    """

    def __init__(self, limit: int | None = None, per_type: int = PER_TYPE_LIMIT, explains_types: bool = True) -> None:
        self.limit = limit
        # a cell another finding explains is no type error of Frictionless's either (no schema given: the types were
        # inferred; a given schema's types are the user's, and its errors stay)
        self.explains_types = explains_types
        self.per_type = per_type
        self.kept: list[Finding] = []
        self.counts: Counter[str] = Counter()
        self.occurrences: Counter[str] = Counter()
        self.kept_by_type: Counter[str] = Counter()
        self.severities: Counter[str] = Counter()
        self.aggregator = Aggregator()
        self.explained: dict[str, list[Sequence[int]]] = {}  # column -> rows of the findings that explain cells
        self.explained_rows: list[Sequence[int]] = []  # rows whose every cell a finding explains (ROW_EXPLAINING)

    def add(self, finding: Finding) -> None:
        if Aggregator.accepts(finding):
            self.aggregator.add(finding)
            return
        self.keep(finding)

    def add_rows(self, type_: str, columns: list[tuple[str, int]], rows: Any, cells: Any) -> None:
        """Many rows short (``missing-cell``) or long (``extra-cell``) by the same columns (:meth:`.aggregate.
        Aggregator.add_rows`): counted as the per-cell findings would be."""
        self.aggregator.add_rows(type_, columns, rows, cells)

    def finish(self) -> None:
        """Add the grouped findings (call once, when every row has been read)."""
        for finding in self.aggregator.findings(self.explained if self.explains_types else None):
            self.keep(finding)
        self.aggregator = Aggregator()
        self._drop_on_explained_rows()
        self._drop_separators()
        self._drop_merged_duplicates()
        self._drop_note_columns()
        self._fold_untitled_empty_columns()
        if self.limit is not None and len(self.kept) > self.limit:  # errors first, then in reading order
            rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
            order = sorted(range(len(self.kept)), key=lambda i: (rank[self.kept[i].severity], i))[: self.limit]
            self.kept = [self.kept[i] for i in sorted(order)]

    def keep(self, finding: Finding) -> None:
        if finding.type in ROW_EXPLAINING and finding.severity is Severity.ERROR:  # rows ``fix`` removes, for certain
            self.explained_rows.append(finding.extra.get("rows") or finding.all_rows)  # notes name theirs in ``extra``
        if finding.type in EXPLAINING and finding.field_name is not None:
            rows = finding.all_rows
            if len(rows) < finding.count:  # a plugin's finding with examples only
                rows = (*rows, *(int(e["rowNumber"]) for e in finding.extra.get("examples") or ()))
            self.explained.setdefault(finding.field_name, []).append(rows)  # no copy: read once, at the end
        self.counts[finding.type] += 1
        self.occurrences[finding.type] += max(finding.count, 1)
        self.severities[finding.severity.value] += 1
        if self.kept_by_type[finding.type] >= self.per_type:
            return
        self.kept_by_type[finding.type] += 1
        self.kept.append(finding)

    def _drop_separators(self) -> None:
        """The blank column between two different tables side by side is said by that finding (which says that
        ``fix`` keeps it), not as an empty column that ``fix`` would drop, nor as a column without a title."""
        kept = {label for finding in self.kept if finding.type == "side-by-side-tables" and finding.extra.get("different")
                for label in finding.extra.get("separators", [])}
        if kept:
            self._drop([f for f in self.kept if f.type in ("empty-column", "blank-label") and f.field_name in kept])

    def _drop_note_columns(self) -> None:
        """A column without a title that holds only a note typed just right of the table is said by
        ``notes-beside-table`` (the fix drops it, the note kept in the side file), not as a column without a title."""
        notes = {finding.field_name for finding in self.kept
                 if finding.type == "notes-beside-table" and finding.extra.get("adjacent")}
        if notes:
            self._drop([f for f in self.kept if f.type == "blank-label" and f.field_name in notes])

    def _fold_untitled_empty_columns(self) -> None:
        """A column with neither a title nor a value (separators at the end of a CSV's lines) is said once: its
        header cell's ``blank-label`` error (Frictionless's) takes the words of the ``empty-column`` warning, which
        says what the column is and that ``fix`` removes it, and is marked ``empty``; the warning is dropped."""
        untitled = {f.field_number: f for f in self.kept if f.type == "empty-column" and f.extra.get("untitled")}
        if not untitled:
            return
        for index, finding in enumerate(self.kept):
            empty = untitled.get(finding.field_number) if finding.type == "blank-label" else None
            if empty is not None:
                self.kept[index] = replace(finding, message=empty.message, tip=empty.tip,
                                           extra={**finding.extra, "empty": True})
        folded = {f.field_number for f in self.kept if f.type == "blank-label" and f.extra.get("empty")}
        self._drop([f for f in untitled.values() if f.field_number in folded])

    def _drop_merged_duplicates(self) -> None:
        """A title repeated under the groups of a header merged over two rows (« Recettes » under « Exercice propre »
        and under « Exercices antérieurs ») is said by ``merged-header``, which names the unique titles the fix
        writes (« Exercice propre Recettes »): not as a title used twice."""
        if any(f.type == "merged-header" and f.extra.get("labels") for f in self.kept):
            self._drop([f for f in self.kept if f.type == "duplicate-label"])

    def _drop(self, dropped: list[Finding]) -> None:
        """Take ``dropped`` (kept findings) out of the report, and out of its counts."""
        for finding in dropped:
            self.counts[finding.type] -= 1
            self.occurrences[finding.type] -= max(finding.count, 1)
            self.severities[finding.severity.value] -= 1
            self.kept_by_type[finding.type] -= 1
        if dropped:
            gone = {id(finding) for finding in dropped}
            self.kept = [finding for finding in self.kept if id(finding) not in gone]
            for counter in (self.counts, self.occurrences, self.severities, self.kept_by_type):
                for key in [key for key, value in counter.items() if value <= 0]:
                    del counter[key]

    def _drop_on_explained_rows(self) -> None:
        """What is said of a row that is no data (a header repeated in the data, a page's title, another table's
        title: :data:`ROW_EXPLAINING`, which ``fix`` removes) is said by that finding only: a cell's finding on it
        (« Code INS » repeated under its own title is no bad code, « Année 2023 » above the next table no section
        heading), or a duplicate row that is a repeated header (a page's, as the one before it)."""
        if not self.explained_rows:
            return
        rows = {int(row) for group in self.explained_rows for row in group}
        self._drop([f for f in self.kept if f.type not in ROW_EXPLAINING and f.all_rows
                    and (f.field_name is not None or f.type == "duplicate-row") and rows.issuperset(f.all_rows)])

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
    stats: dict[str, int] = field(default_factory=dict)  # type -> findings
    occurrences: dict[str, int] = field(default_factory=dict)  # type -> cells or rows concerned
    severity_counts: dict[str, int] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)  # field -> Table Schema type
    lang: str = "fr"
    truncated: bool = False
    seconds: float = 0.0
    untitled: dict[str, int] = field(default_factory=dict)  # made-up names of columns without header -> number
    renamed: dict[str, tuple[str, int]] = field(default_factory=dict)  # name of a repeated label -> (label, number)
    spaced: dict[str, str] = field(default_factory=dict)  # a name with spaces around it -> the name without them

    def column_label(self, name: str | None, lang: str | None = None) -> str:
        """How a column is shown: its label; « colonne n° 12 (sans titre) » when its header cell is blank; « nom
        (colonne n° 4) » for the second of two columns labelled « nom » (Frictionless names it ``nom2``)."""
        if not name:
            return ""
        if name in self.renamed:
            label, position = self.renamed[name]
            fr = normalise_lang(lang or self.lang) == "fr"
            return f"{label} (colonne n° {position})" if fr else f"{label} (column {position})"
        number = self.untitled.get(name)
        if number is None:
            return shown_on_one_line(self.spaced.get(name, name))
        return column_label(name, number, headerless=True)(lang or self.lang)

    def finding_dict(self, finding: Finding, lang: str) -> dict[str, Any]:
        """A finding's JSON shape, with ``fieldLabel``: the column as the user sees it, in ``lang``."""
        data = finding.to_dict(lang)
        data["fieldLabel"] = self.column_label(finding.field_name, lang) if finding.field_name is not None else None
        return data

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
            "occurrences": dict(self.occurrences or self.stats),
            "errors": [self.finding_dict(finding, language) for finding in self.findings],  # every finding (contract)
            "lang": language,
        }

    def to_json(self, lang: str | None = None) -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=2, default=str)

    def _repr_html_(self) -> str:
        # By name: the model never imports its renderer (it imports the model).
        html_report = importlib.import_module("odwb_assist.quality.html_report")
        return str(html_report.render_html(self, fragment=True))

    def __repr__(self) -> str:
        name = self.source.replace("\\", "/").rsplit("/", 1)[-1]
        if self.lang == "en":
            return (f"<QualityReport {name}: {self.rows} rows, {self.error_count} error(s), "
                    f"{self.warning_count} warning(s), {'valid' if self.valid else 'invalid'}>")
        return (f"<QualityReport {name} : {self.rows} lignes, {self.error_count} erreur(s), "
                f"{self.warning_count} avertissement(s), {'valide' if self.valid else 'à corriger'}>")
