"""The fix workflow: check the table, plan the safe fixes of the ``odwb_fixes`` hook from the findings, stream
the rows block by block through them (:mod:`.fix_stream`) and write a NEW UTF-8 CSV. A fix that needs the whole
table (a layout to change, a plugin fix without ``plan``) has the table read whole instead.

The original file is never written: an output resolving to the source is refused, and the new file
is written next to its final name then moved in place, so that an interrupted run leaves no half file.
Nothing is lost: every row or column a fix removes (and the title rows above the header) goes to a
side file next to the output (:mod:`.side_files`).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from ..checks.fix_stats import ColumnStats, LeftAsIs
from ..checks.label_line_breaks import shown_on_one_line
from ..checks.tally import clipped
from ..core.contract import Change, Fix, FixContext, FixPlan, reads, streams
from ..core.errors import FixError
from ..core.events import DATASET_FIXED, Event
from ..core.findings import Finding
from ..core.fix_contract import resolved_by
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg, normalise_lang
from ..core.plugins import announce, collect, default_plugin_manager
from .change_log import ChangeLog
from .detect import Detected, detect
from .engine import check
from .fix_left import left_as_is, left_dicts, left_lines, left_reads, workbook_left, workbook_lines
from .fix_plans import IncompletePlan
from .fix_remaining import held_cells, remaining_dicts, remaining_errors, remaining_lines, unchosen_fixes
from .fix_stream import header_cells, stream_fixes
from .fixing import RENAMED, follow_plan_renames
from .gc_pause import fewer_collections
from .kinds import field_kinds, identifier_fields
from .messages import delimiter_words
from .notes import column_label, headerless_name
from .output_files import write_atomically
from .reader import read_table
from .report import QualityReport
from .side_files import (
    COLUMNS_SUFFIX,
    NOTE_BESIDE,
    ROWS_SUFFIX,
    Beyond,
    CellsBeyond,
    RemovalLog,
    SideFiles,
    cells_beyond,
    notes_beside,
    removed_above,
    rows_above,
)

# Built-in fixes run in this order (thousands separators before decimal commas); plugin fixes after.
FIX_ORDER = ("split-single-column", "form-to-row", "add-header", "drop-title-rows", "merged-header", "drop-repeated-headers",
             "drop-notes-below-table", "drop-notes-beside-table", "fill-down-merged-labels", "drop-blank-rows",
             "drop-empty-columns", "drop-row-index",
             "drop-total-rows", "drop-summary-rows", "tables-to-column", "sections-to-column", "accounting-zeros", "trim-spaces",
             "repair-double-encoding",
             "compose-accents", "drop-format-characters",
             "pivot-labels", "html-to-text",
             "strip-text-markers", "neutralise-formulas", "excel-errors", "zero-dates", "placeholder-value", "null-markers",
             "unify-categories",
             "split-number-notes", "add-link-columns", "strip-count-words", "dms-to-decimal", "drop-decimal-zero",
             "percent-as-shown", "currency-in-title", "pad-as-shown", "english-numbers", "number-display",
             "thousands-separator", "decimal-comma", "midnight-dates", "split-date-ranges", "date-format",
             "month-year-iso", "time-format")
# Built-in fixes that run after every other, the plugins' included: they change the table's shape (tables side by
# side put one under the other: a physical row then holds two records, and the fixes that follow could not say
# which cell of it they change).
LAST_FIXES = ("stack-tables",)


def _cell(text: object) -> str:
    """A cell as the preview shows it: on one line, its invisible characters written « <U+…> », cut as a message
    quotes it (:func:`.tally.clipped`: a remark of a thousand characters would fill the screen; the change log, on
    request, holds each cell whole)."""
    return str(clipped(shown_on_one_line(str(text))))


def _before(before: object, after: object) -> str:
    """The preview's « before » of a change: :func:`_cell`, its combining accents written « <U+0301> » when the
    change would otherwise look like none (« Liège » → « Liège »: an accent written as two characters joined into
    one)."""
    shown = _cell(before)
    if after is None or unicodedata.normalize("NFC", shown) != unicodedata.normalize("NFC", _cell(after)):
        return shown
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.combining(c) else c for c in shown)


@dataclass
class FixResult:
    """What :func:`fix` did (or would do with ``dry_run``)."""

    source: str
    output: str
    changes: list[Change] = field(default_factory=list)  # the first changes of each fix (all are in ``counts``)
    counts: dict[str, int] = field(default_factory=dict)
    labels: dict[str, Msg] = field(default_factory=dict)
    detected: Detected | None = None
    rows_before: int = 0
    rows_after: int = 0
    dry_run: bool = False
    written: bool = False
    lang: str = "fr"
    removed_rows: list[tuple[int, str]] = field(default_factory=list)  # (original row number, fix or reason)
    removed_columns: list[tuple[int, str]] = field(default_factory=list)  # (original column number, label)
    beyond: Beyond = field(default_factory=Beyond)  # among them, the cells of rows longer than the header
    rows_file: str | None = None  # the side file of removed rows (written, or to be written)
    columns_file: str | None = None
    changes_file: str | None = None  # the change log (every change), when asked for and written
    left_as_is: list[LeftAsIs] = field(default_factory=list)  # columns the number fixes left, and why (:mod:`.fix_left`)
    workbook_left: list[Finding] = field(default_factory=list)  # formulas without result, hidden columns and rows
    remaining: list[Finding] = field(default_factory=list)  # errors the clean file still holds (:mod:`.fix_remaining`)
    unchosen: dict[str, str] = field(default_factory=dict)  # error type -> the fix not chosen that would take it out
    untitled: dict[str, int] = field(default_factory=dict)  # names made up for columns without a title -> number
    checked_all: bool = True  # whether the check behind the fix looked for every finding (False: only what fixes read)

    def preview(self, lang: str | None = None, examples: int = 3) -> str:
        """A plain-text summary: each fix with its count and a few before → after examples."""
        language = normalise_lang(lang or self.lang)
        fr = language == "fr"
        lines = []
        encoding = self.detected.encoding if self.detected else None
        head = (f"{self.source} → {self.output}" + (" (simulation, rien n'est écrit)" if self.dry_run and fr else "")
                + (" (dry run, nothing written)" if self.dry_run and not fr else ""))
        lines.append(head)
        if encoding and encoding.lower() not in ("utf-8", "utf-8-sig"):
            lines.append(("  Encodage : " if fr else "  Encoding: ") + f"{encoding} → UTF-8")
        if self.detected and self.detected.end_mark is not None:
            lines.append("  Marque de fin de fichier Ctrl-Z (0x1A) : retirée" if fr else
                         "  End-of-file mark Ctrl-Z (0x1A): dropped")
        if self.detected and self.detected.copy_of:
            lines.append("  Fins de ligne : retour chariot seul → saut de ligne" if fr else
                         "  Line ends: carriage return alone → line feed")
        if self.detected and self.detected.delimiter not in (None, ","):
            delimiter = delimiter_words(self.detected.delimiter)(language)  # as the check's report names it
            lines.append(("  Séparateur : " if fr else "  Delimiter: ") + f"« {delimiter} » → « , »")
        if not self.counts and self.left_as_is:  # « nothing to fix » would contradict « Laissé tel quel » below
            lines.append("  Aucune cellule corrigée." if fr else "  No cell fixed.")
        elif not self.counts:
            lines.append("  Aucune cellule à corriger." if fr else "  No cell to fix.")
        for name, count in self.counts.items():
            label = self.labels.get(name, Msg(name, name))(language)
            lines.append(f"  {label} : {count}" if fr else f"  {label}: {count}")
            made = [c for c in self.changes if c.fix == name]
            titles = [c for c in made if c.row_number is None and c.after is not None]  # a label renamed
            shown = titles[:examples] + [c for c in made if c not in titles][:examples]
            numbers = {label: number for number, label in self.removed_columns}
            for change in shown:
                if change in titles and not change.before:  # a column added (« Population (note) »)
                    lines.append(f"    {'colonne ajoutée :' if fr else 'column added:'} « {change.after} »")
                    continue
                if change in titles:
                    lines.append(f"    {'titre :' if fr else 'title:'} « {_before(change.before, change.after)} » → "
                                 f"« {_cell(change.after)} »")
                    continue
                where = (f"ligne {change.row_number}" if fr else f"row {change.row_number}") if change.row_number else ""
                if change.field_name:
                    column = self._column_shown(change.field_name, numbers.get(change.field_name), language)
                    where += f", {shown_on_one_line(column)}" if where else shown_on_one_line(column)
                dropped = ("(colonne supprimée)" if fr else "(column dropped)") if change.row_number is None else \
                    ("(ligne supprimée)" if fr else "(row dropped)")
                emptied = "(vide)" if fr else "(empty)"  # a placeholder emptied, a masked number moved to its note
                after = dropped if change.after is None else f"« {_cell(change.after)} »" \
                    if change.after else emptied
                if change.after == "" and change.field_name is None and change.row_number:  # a note beside the table
                    after = "(retirée, gardée à part)" if fr else "(taken out, kept aside)"
                if change.after is None and not change.before:  # a blank row, an empty column: no « » to show
                    lines.append(f"    {where} → {after}")
                else:
                    lines.append(f"    {where}{' :' if fr else ':'} « {_before(change.before, change.after)} » → {after}")
        lines.extend(left_lines(self.left_as_is, fr))
        lines.extend(workbook_lines(self.workbook_left, language))
        lines.extend(remaining_lines(self.remaining, language, self.unchosen, self.untitled))
        lines.append((f"  Lignes : {self.rows_before} → {self.rows_after}") if fr else
                     f"  Rows: {self.rows_before} → {self.rows_after}")
        lines.extend(self._side_lines(fr))
        return "\n".join(lines)

    @staticmethod
    def _column_shown(name: str, number: int | None, language: str) -> str:
        """A column as the preview names it: its label, « colonne n° 4 (sans titre) » for a blank header cell (the
        reader named it ``field4``)."""
        return column_label(name, number, True)(language) if headerless_name(name, number) else name

    def _side_lines(self, fr: bool) -> list[str]:
        """Where the removed rows and columns are kept (nothing is lost)."""
        lines = []
        verb = ("seraient gardées dans" if self.dry_run else "gardées dans") if fr else \
            ("would be kept in" if self.dry_run else "kept in")
        if self.removed_rows and self.rows_file:
            count = len(self.removed_rows)
            lines.append(f"  Lignes retirées ({count}) {verb} {self.rows_file}" if fr else
                         f"  Removed rows ({count}) {verb} {self.rows_file}")
        if self.removed_columns and self.columns_file:
            count = self.whole_columns_removed
            if count:
                lines.append(f"  Colonnes retirées ({count}) {verb} {self.columns_file}" if fr
                             else f"  Removed columns ({count}) {verb} {self.columns_file}")
            cells, rows = self.beyond.cells, self.beyond.rows
            if cells:
                lines.append(f"  Cellules au-delà de la dernière colonne de l'en-tête ({cells}, sur {rows} "
                             f"ligne{'s' if rows > 1 else ''}) {verb} {self.columns_file}" if fr else
                             f"  Cells beyond the header's last column ({cells}, on {rows} row{'s' if rows > 1 else ''}) "
                             f"{verb} {self.columns_file}")
        return lines

    @property
    def whole_columns_removed(self) -> int:
        """The removed columns, without the cells of long rows beyond the header (:attr:`beyond`)."""
        return len([number for number, _ in self.removed_columns if number not in self.beyond.columns])

    def __repr__(self) -> str:
        name = Path(self.output).name
        total = sum(self.counts.values())
        if normalise_lang(self.lang) == "en":
            state = "dry run" if self.dry_run else ("written" if self.written else "not written")
            left = f", {len(self.remaining)} error(s) left to correct" if self.remaining else ""
            return f"<FixResult → {name}: {total} change(s), rows {self.rows_before} → {self.rows_after}, {state}{left}>"
        state = "simulation" if self.dry_run else ("écrit" if self.written else "non écrit")
        left = f", {len(self.remaining)} erreur(s) restent à corriger" if self.remaining else ""
        return (f"<FixResult → {name} : {total} correction(s), lignes {self.rows_before} → {self.rows_after}, "
                f"{state}{left}>")

    def _repr_html_(self) -> str:
        import html

        return f"<pre style='white-space: pre-wrap'>{html.escape(self.preview())}</pre>"

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "output": self.output, "dryRun": self.dry_run, "written": self.written,
            "rowsBefore": self.rows_before, "rowsAfter": self.rows_after, "counts": dict(self.counts),
            "changes": [{"fix": c.fix, "rowNumber": c.row_number, "fieldName": c.field_name, "before": c.before,
                         "after": c.after} for c in self.changes],
            "removedRows": [{"rowNumber": row, "reason": reason} for row, reason in self.removed_rows],
            "removedColumns": [{"fieldNumber": number, "fieldName": label} for number, label in self.removed_columns],
            "removedRowsFile": self.rows_file if self.removed_rows else None,
            "removedColumnsFile": self.columns_file if self.removed_columns else None,
            "cellsBeyond": {"cells": self.beyond.cells, "rows": self.beyond.rows,
                            "fieldNumbers": sorted(self.beyond.columns)},
            "changesFile": self.changes_file,
            "leftAsIs": left_dicts(self.left_as_is),
            "workbookLeft": [finding.to_dict(self.lang) for finding in self.workbook_left],
            "remaining": remaining_dicts(self.remaining, self.lang), "checkedAll": self.checked_all,
        }


def available_fixes(plugins: pluggy.PluginManager | None = None) -> list[Fix]:
    """Every contributed fix, built-ins in :data:`FIX_ORDER` first."""
    pm = plugins if plugins is not None else default_plugin_manager()
    found: dict[str, Fix] = {}
    for item in collect(pm.hook.odwb_fixes()):
        found.setdefault(item.name, item)
    order = {name: i for i, name in enumerate(FIX_ORDER)}
    return sorted(found.values(), key=lambda f: (f.name in LAST_FIXES, order.get(f.name, len(order)), f.name))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a == b or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


@fewer_collections()  # many short-lived containers: see .gc_pause
def fix(
    source: str | Path,
    output: str | Path,
    *,
    fixes: list[str] | None = None,
    dry_run: bool = False,
    plugins: pluggy.PluginManager | None = None,
    sheet: str | None = None,
    lang: str = "fr",
    project: Any = None,
    changes_file: str | Path | None = None,
    announce_fixed: bool = True,
) -> FixResult:
    """Write a clean UTF-8, comma-delimited copy of ``source`` to ``output`` (never over ``source``).

    The check runs first; the fixes plan from its findings and the rows stream block by block
    (:mod:`.fix_stream`), unless a fix that needs the whole table has something to do (a layout fix, or
    a plugin fix with ``apply`` only): the table is then read whole. ``changes_file`` (a CSV path) receives
    every change; :attr:`FixResult.changes` keeps the first ones of each fix. ``project`` (an ``odwb.toml``
    configuration) names the administration and project folder of the ``dataset-fixed`` event (not announced with
    ``announce_fixed=False``: :func:`.stack_sheets.fix_sheets` announces the stacked file once)."""
    pm = plugins if plugins is not None else default_plugin_manager()
    out = Path(output).expanduser().resolve()
    src = Path(source).expanduser().resolve()
    journal = Path(changes_file).expanduser().resolve() if changes_file is not None else None
    for target in (out, journal):
        if target is not None and _same_file(src, target):
            raise FixError(
                f"La sortie {target.name} est le fichier d'origine : odwb-assist ne modifie jamais l'original. "
                "Donnez un autre nom (par ex. propre.csv).",
                f"Output {target.name} is the original file: odwb-assist never modifies the original. "
                "Give another name (e.g. clean.csv).",
            )
    available = available_fixes(pm)
    chosen = _chosen(available, fixes)
    path, detected = detect(source, sheet=sheet)
    stats = ColumnStats()
    wanted = _read_types(chosen, available)
    # the user's file, as a check of it reads it: a file of carriage returns alone is read through the same copy
    # (:mod:`.line_ends`), which the report and ``detected`` still name as the user's file
    report = _check_with(stats, Path(source) if detected.copy_of else path, pm, sheet, lang, wanted)
    detected = report.detected  # as the check read it (bytes of another encoding may have changed the codec)
    context = FixContext(report=report, kinds={}, lang=lang, options={
        "detected": detected, "fields": report.fields, "column_stats": stats, "checked_types": wanted,
        "identifier_fields": identifier_fields(report.kinds, field_kinds(pm))})
    steps = None if _needs_table(chosen, report) else _plans(chosen, context)
    result = FixResult(source=detected.copy_of or str(path), output=str(out), labels={f.name: f.label for f in chosen},
                       detected=detected, dry_run=dry_run, lang=lang)
    side_names = (out.with_name(out.stem + ROWS_SUFFIX(lang)), out.with_name(out.stem + COLUMNS_SUFFIX(lang)))
    result.rows_file, result.columns_file = (str(name) for name in side_names)
    if not dry_run:
        for side in side_names:
            if _same_file(src, side):
                raise FixError(f"Le fichier annexe {side.name} serait le fichier d'origine : donnez un autre nom avec "
                               "--output.", f"Side file {side.name} would be the original file: give another name "
                               "with --output.")
        if journal is not None and not journal.parent.is_dir():
            raise FixError(f"Le dossier {journal.parent} n'existe pas. Créez-le ou choisissez un autre journal.",
                           f"Folder {journal.parent} does not exist. Create it or choose another change log.")
    log = ChangeLog(None if dry_run else journal, lang)
    try:
        if steps is None:
            _fix_table(source, sheet, chosen, context, result, log, out)
        else:
            # cells beyond the header's last column: the check reports them as extra cells, or the row as blank
            beyond = bool(report.stats.get("extra-cell") or report.stats.get("blank-row"))
            _fix_stream(path, detected, steps, result, log, out, report.fields, beyond,
                        _known(stats, detected, report.fields, report.rows), set(report.untitled), held_cells(report))
    except BaseException:
        log.finish(keep=False)
        raise
    kept = log.finish(keep=not dry_run)
    result.changes_file = str(kept) if kept else None
    result.changes = log.changes
    result.counts = {f.name: log.counts[f.name] for f in chosen if log.counts[f.name]}
    result.left_as_is = left_as_is(report, stats, [f.name for f in chosen], log)
    result.workbook_left = workbook_left(report, (row for row, _ in result.removed_rows),
                                         (number for number, _ in result.removed_columns))
    result.remaining = remaining_errors(report, chosen, result.counts, (row for row, _ in result.removed_rows),
                                        (number for number, _ in result.removed_columns))
    result.unchosen = unchosen_fixes(chosen, available) if fixes is not None else {}
    result.untitled = dict(report.untitled)
    result.checked_all = wanted is None
    if not dry_run:
        result.written = True
        if announce_fixed:
            announce_fix(pm, result.source, result.output, sum(log.counts.values()), project)
    return result


def announce_fix(pm: pluggy.PluginManager, source: str, output: str, changes: int, project: Any) -> None:
    """The ``dataset-fixed`` event: a clean file was written (the programme's ledger and other plugins hear it)."""
    adm = getattr(project, "administration", None)
    announce(pm, Event(DATASET_FIXED, {"source": source, "output": output, "changes": changes},
                       administration=getattr(adm, "name", None) or None, nis_code=getattr(adm, "nis_code", None),
                       project_dir=str(project.root) if getattr(project, "path", None) else None))


class _StatsPlugin:
    def __init__(self, stats: ColumnStats) -> None:
        self.stats = stats

    @hookimpl
    def odwb_checks(self, context: Any) -> list[ColumnStats]:
        return [self.stats]


def _check_with(stats: ColumnStats, path: Path, pm: pluggy.PluginManager, sheet: str | None, lang: str,
                wanted: frozenset[str] | None = None) -> QualityReport:
    """The check, with the counts the number fixes plan from gathered on the way (:mod:`..checks.fix_stats`); only
    the checks that may report the ``wanted`` types (None: every check), and those that may report an error (their
    ``blocking`` types: :mod:`.fix_remaining` says which errors the clean file still holds)."""
    plugin = _StatsPlugin(stats)
    pm.register(plugin, name=f"odwb-fix-plan-stats-{id(plugin)}")
    try:
        return check(path, plugins=pm, sheet=sheet, lang=lang, types=wanted, blocking=True)
    finally:
        pm.unregister(plugin)


def _read_types(chosen: list[Fix], available: Iterable[Fix] = ()) -> frozenset[str] | None:
    """The finding types the chosen fixes read from the report (None: a fix does not say, the whole check runs).

    A fix reads few types (the rows to drop, the columns holding placeholders, its layout's trigger…): the checks
    that report nothing it reads (duplicate rows, dates, categories…) are left out of its check. The errors the
    ``available`` fixes take out are looked for too, to say which the clean file still holds (a total row when only
    ``--fix decimal-comma`` was chosen: :mod:`.fix_remaining`), as are those no fix takes out (``blocking``)."""
    wanted: set[str] = set()
    for item in chosen:
        read = reads(item)
        if read is None:
            return None
        wanted |= read
    for item in available:
        wanted |= resolved_by(item)
    return frozenset(wanted | left_reads(item.name for item in chosen))  # what « Laissé tel quel » says


def _chosen(available: list[Fix], fixes: list[str] | None) -> list[Fix]:
    """The fixes ``--fix`` names (every one when None), and those marked ``always``."""
    if fixes is None:
        return available
    unknown = sorted(set(fixes) - {f.name for f in available})
    if unknown:
        names = ", ".join(f.name for f in available)
        raise FixError(f"Correction inconnue : {', '.join(unknown)}. Corrections disponibles : {names}.",
                       f"Unknown fix: {', '.join(unknown)}. Available fixes: {names}.")
    # a fix marked ``always`` lists what the writing itself changes (a UTF-8 file): it cannot be left out
    return [f for f in available if f.name in fixes or getattr(f, "always", False)]


def _needs_table(chosen: list[Fix], report: QualityReport) -> bool:
    """Whether a fix that only works on the whole table has something to do: a layout fix whose finding the
    check reports (``triggers``), or any fix without ``plan`` nor ``triggers`` (a plugin's, say)."""
    for item in chosen:
        if streams(item):
            continue
        triggers = getattr(item, "triggers", None)
        if triggers is None or any(report.stats.get(kind) for kind in triggers):
            return True
    return False


def _plans(chosen: list[Fix], context: FixContext) -> list[tuple[Fix, FixPlan]] | None:
    """Each streaming fix with its plan (None: the report lacks findings a plan needs; read the whole table)."""
    steps = []
    try:
        for item in chosen:
            plan = item.plan(context) if streams(item) else None  # type: ignore[attr-defined]
            if plan:
                steps.append((item, plan))
                follow_plan_renames(context, plan.rename)
    except IncompletePlan:
        return None
    return steps


def _title(chosen: list[Fix]) -> Msg:
    return next((f.label for f in chosen if f.name == "drop-title-rows"),
                Msg("Ligne de titre au-dessus de l'en-tête", "Title row above the header"))


def _known(stats: ColumnStats, detected: Detected, labels: list[str], rows: int) -> dict[str, Any]:
    """Every distinct cell of the columns of few of them, as the check read them, when the rewrite pass reads the
    file the same way (pyarrow blocks of the same CSV, same encoding and delimiter)."""
    if detected.format != "csv" or stats.detected != detected:
        return {}
    found = {label: stats.known(label, rows) for label in labels}
    return {label: cells for label, cells in found.items() if cells is not None}


def _fix_stream(path: Path, detected: Detected, steps: list[tuple[Fix, FixPlan]], result: FixResult, log: ChangeLog,
                out: Path, labels_read: list[str], beyond: bool, known: dict[str, Any], untitled: set[str],
                held: dict[str, Any]) -> None:
    """The common case: the plans applied block by block, the clean file and the side files written as they come."""
    labels = list(labels_read)
    renames = [plan.rename for _, plan in steps if plan.rename]
    clean = [label for label in labels if not any(label in plan.columns for _, plan in steps)]
    for rename in renames:
        clean = [rename.get(label, label) for label in clean]
    dropped = [label for label in labels if any(label in plan.columns for _, plan in steps)]
    renamed = [label for rename in renames for label in rename]  # the change log says what they became
    above = removed_above(rows_above(path, detected), detected, clean + dropped + renamed,
                          _title([fix for fix, _ in steps]))
    side = SideFiles(out, labels, result.lang, write=not result.dry_run, above=above)
    # cells beyond the header's last column, only when the check saw some: gathered from the rows the pyarrow
    # reader put back, or another read of the file
    gathered = CellsBeyond(len(labels)) if beyond else None
    try:
        if result.dry_run:
            done = stream_fixes(path, detected, steps, log, side, None, known, gathered, untitled, held)
        else:
            done = _write_stream(out, lambda handle: stream_fixes(path, detected, steps, log, side, handle, known,
                                                                  gathered, untitled, held))
        if gathered is not None:
            side.add_beyond(gathered.cells(path, detected))
        side.add_beyond(notes_beside(detected), NOTE_BESIDE)
    except BaseException:
        side.finish(keep=False)
        raise
    side.finish(keep=True)
    result.rows_before, result.rows_after = done.rows_before, done.rows_after
    result.removed_rows = sorted(side.removed_rows)
    result.removed_columns = side.removed_columns
    result.beyond = side.cells_beyond


def _write_stream(out: Path, write: Any) -> Any:
    done: list[Any] = []

    def produce(temporary: str) -> None:
        with open(temporary, "wb") as handle:
            done.append(write(handle))

    write_atomically(out, produce)
    return done[0]


def _fix_table(source: str | Path, sheet: str | None, chosen: list[Fix], context: FixContext, result: FixResult,
               log: ChangeLog, out: Path) -> None:
    """A layout to change (or a fix that only works on the whole table): the table is read whole, as before."""
    table = read_table(source, sheet=sheet)
    context.options["detected"] = table.detected
    removal = RemovalLog(table.frame)
    frame = table.frame.copy()
    renamed: dict[str, str] = context.options.setdefault(RENAMED, {})
    held = held_cells(context.report)
    for item in chosen:
        new, made = item.apply(frame, context)
        if held:
            made = _keep_held(frame, new, made, held, renamed)
        # a column renamed or moved (a title's change: no row) is not removed
        removal.observe(item.label, frame, new, moved={c.field_name for c in made if c.row_number is None
                                                      and c.after is not None and c.field_name})
        _follow_renames(renamed, frame, new)
        frame = new
        log.extend(made)
    removal.add_above(removed_above(rows_above(table.path, table.detected), table.detected,
                                    [str(c) for c in frame.columns] + [c.label for c in removal.columns]
                                    + sorted(removal.renamed), _title(chosen)))
    removal.add_beyond(cells_beyond(table.path, table.detected, len(table.frame.columns)))
    removal.add_beyond(notes_beside(table.detected), NOTE_BESIDE)
    result.rows_before, result.rows_after = len(table.frame), len(frame)
    result.removed_rows = [(row.row_number, row.reason(result.lang))
                           for row in sorted(removal.rows, key=lambda r: r.row_number)]
    result.removed_columns = [(column.number, column.label)
                              for column in sorted(removal.columns, key=lambda c: c.number)]
    result.beyond = Beyond.of(removal.columns)
    if not result.dry_run:
        _write_csv(frame, out, set(context.report.untitled))
        removal.write(out, result.lang)


def _keep_held(before: Any, after: Any, made: list[Change], held: dict[str, Any],
               renamed: dict[str, str]) -> list[Change]:
    """The cells no fix may change (:func:`.fix_remaining.held_cells`) put back in ``after`` as they were in ``before``
    (``after`` is a fix's new table), and the changes a fix said of them taken out."""
    kept: set[tuple[int, str]] = set()
    for label, rows in held.items():
        column = renamed.get(label, label)
        if column not in before.columns or column not in after.columns:
            continue
        for row in rows.tolist():
            if row in before.index and row in after.index and after.at[row, column] != before.at[row, column]:
                after.at[row, column] = before.at[row, column]
            kept.add((row, column))
    return [change for change in made if (change.row_number, change.field_name) not in kept]


def _follow_renames(renamed: dict[str, str], before: Any, after: Any) -> None:
    """Keep ``renamed`` (each label of the report -> the column's name now) up to date after a fix that renamed
    columns without moving them, so that a later fix finds a column its findings name by the report's label (the
    currency put in a title merged from two header rows)."""
    old, new = [str(c) for c in before.columns], [str(c) for c in after.columns]
    if old == new or len(old) != len(new):
        return
    moved = {was: now for was, now in zip(old, new, strict=True) if was != now}
    if len(set(new)) != len(new):
        return
    for label, current in list(renamed.items()):
        renamed[label] = moved.get(current, current)
    for was, now in moved.items():
        renamed.setdefault(was, now)


def _write_csv(frame: Any, out: Path, untitled: set[str]) -> None:
    header = header_cells(frame.columns, untitled)
    write_atomically(out, lambda path: frame.to_csv(path, index=False, encoding="utf-8", sep=",", lineterminator="\n",
                                                    header=header))
