"""The fix workflow: read the table, apply the safe fixes of the ``odwb_fixes`` hook, write a NEW UTF-8 CSV.

The original file is never written: an output resolving to the source is refused, and the new file
is written next to its final name then moved in place, so that an interrupted run leaves no half file.
Nothing is lost: every row or column a fix removes (and the title rows above the header) goes to a
side file next to the output (:mod:`.side_files`).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from ..core.contract import Change, Fix, FixContext
from ..core.errors import FixError
from ..core.events import DATASET_FIXED, Event
from ..core.i18n import Msg, normalise_lang
from ..core.plugins import announce, collect, default_plugin_manager
from .detect import Detected
from .output_files import write_atomically
from .reader import read_table
from .side_files import RemovalLog, cells_beyond, removed_above, rows_above

# Built-in fixes run in this order (thousands separators before decimal commas); plugin fixes after.
FIX_ORDER = ("split-single-column", "form-to-row", "add-header", "drop-title-rows", "merged-header", "drop-repeated-headers",
             "drop-notes-below-table", "fill-down-merged-labels", "drop-blank-rows", "drop-empty-columns", "drop-total-rows",
             "sections-to-column", "trim-spaces", "neutralise-formulas", "placeholder-value", "unify-categories",
             "strip-count-words", "thousands-separator", "decimal-comma", "date-format")


@dataclass
class FixResult:
    """What :func:`fix` did (or would do with ``dry_run``)."""

    source: str
    output: str
    changes: list[Change] = field(default_factory=list)
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
    rows_file: str | None = None  # the side file of removed rows (written, or to be written)
    columns_file: str | None = None

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
        if self.detected and self.detected.delimiter not in (None, ","):
            lines.append(("  Séparateur : " if fr else "  Delimiter: ") + f"« {self.detected.delimiter} » → « , »")
        if not self.counts:
            lines.append("  Aucune cellule à corriger." if fr else "  No cell to fix.")
        for name, count in self.counts.items():
            label = self.labels.get(name, Msg(name, name))(language)
            lines.append(f"  {label} : {count}")
            shown = [c for c in self.changes if c.fix == name][:examples]
            for change in shown:
                where = (f"ligne {change.row_number}" if fr else f"row {change.row_number}") if change.row_number else ""
                if change.field_name:
                    where += f", {change.field_name}" if where else change.field_name
                dropped = ("(colonne supprimée)" if fr else "(column dropped)") if change.row_number is None else \
                    ("(ligne supprimée)" if fr else "(row dropped)")
                after = dropped if change.after is None else f"« {change.after} »"
                lines.append(f"    {where} : « {change.before} » → {after}")
        lines.append((f"  Lignes : {self.rows_before} → {self.rows_after}") if fr else
                     f"  Rows: {self.rows_before} → {self.rows_after}")
        lines.extend(self._side_lines(fr))
        return "\n".join(lines)

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
            count = len(self.removed_columns)
            lines.append(f"  Colonnes retirées ({count}) {verb} {self.columns_file}" if fr
                         else f"  Removed columns ({count}) {verb} {self.columns_file}")
        return lines

    def __repr__(self) -> str:
        name = Path(self.output).name
        total = sum(self.counts.values())
        if normalise_lang(self.lang) == "en":
            state = "dry run" if self.dry_run else ("written" if self.written else "not written")
            return f"<FixResult → {name}: {total} change(s), rows {self.rows_before} → {self.rows_after}, {state}>"
        state = "simulation" if self.dry_run else ("écrit" if self.written else "non écrit")
        return f"<FixResult → {name} : {total} correction(s), lignes {self.rows_before} → {self.rows_after}, {state}>"

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
        }


def available_fixes(plugins: pluggy.PluginManager | None = None) -> list[Fix]:
    """Every contributed fix, built-ins in :data:`FIX_ORDER` first."""
    pm = plugins if plugins is not None else default_plugin_manager()
    found: dict[str, Fix] = {}
    for item in collect(pm.hook.odwb_fixes()):
        found.setdefault(item.name, item)
    order = {name: i for i, name in enumerate(FIX_ORDER)}
    return sorted(found.values(), key=lambda f: (order.get(f.name, len(order)), f.name))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a == b or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


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
) -> FixResult:
    """Write a clean UTF-8, comma-delimited copy of ``source`` to ``output`` (never over ``source``).

    ``project`` (an ``odwb.toml`` configuration) names the administration and project folder of the
    ``dataset-fixed`` event."""
    pm = plugins if plugins is not None else default_plugin_manager()
    out = Path(output).expanduser().resolve()
    src = Path(source).expanduser().resolve()
    if _same_file(src, out):
        raise FixError(
            f"La sortie {output} est le fichier d'origine : odwb-assist ne modifie jamais l'original. "
            "Donnez un autre nom avec --output (par ex. propre.csv).",
            f"Output {output} is the original file: odwb-assist never modifies the original. "
            "Give another name with --output (e.g. clean.csv).",
        )
    table = read_table(source, sheet=sheet)
    chosen = available_fixes(pm)
    if fixes is not None:
        unknown = sorted(set(fixes) - {f.name for f in chosen})
        if unknown:
            names = ", ".join(f.name for f in chosen)
            raise FixError(f"Correction inconnue : {', '.join(unknown)}. Corrections disponibles : {names}.",
                           f"Unknown fix: {', '.join(unknown)}. Available fixes: {names}.")
        chosen = [f for f in chosen if f.name in fixes]
    context = FixContext(report=None, kinds={}, lang=lang, options={"detected": table.detected})
    log = RemovalLog(table.frame)
    frame = table.frame.copy()
    changes: list[Change] = []
    for item in chosen:
        new, made = item.apply(frame, context)
        log.observe(item.label, frame, new)
        frame = new
        changes.extend(made)
    title = next((f.label for f in chosen if f.name == "drop-title-rows"),
                 Msg("Ligne de titre au-dessus de l'en-tête", "Title row above the header"))
    log.add_above(removed_above(rows_above(table.path, table.detected), table.detected,
                                [str(c) for c in frame.columns] + [c.label for c in log.columns], title))
    log.add_beyond(cells_beyond(table.path, table.detected, len(table.frame.columns)))
    counts = Counter(change.fix for change in changes)
    result = FixResult(
        source=str(table.path), output=str(out), changes=changes,
        counts={f.name: counts[f.name] for f in chosen if counts[f.name]},
        labels={f.name: f.label for f in chosen}, detected=table.detected,
        rows_before=len(table.frame), rows_after=len(frame), dry_run=dry_run, lang=lang,
        removed_rows=[(row.row_number, row.reason(lang)) for row in sorted(log.rows, key=lambda r: r.row_number)],
        removed_columns=[(column.number, column.label) for column in sorted(log.columns, key=lambda c: c.number)],
        rows_file=str(log.rows_file(out, lang)), columns_file=str(log.columns_file(out, lang)),
    )
    if not dry_run:
        for side in (log.rows_file(out, lang), log.columns_file(out, lang)):
            if _same_file(src, side):
                raise FixError(f"Le fichier annexe {side.name} serait le fichier d'origine : donnez un autre nom avec "
                               "--output.", f"Side file {side.name} would be the original file: give another name "
                               "with --output.")
        _write_csv(frame, out)
        log.write(out, lang)
        result.written = True
        adm = getattr(project, "administration", None)
        announce(pm, Event(DATASET_FIXED, {"source": result.source, "output": result.output, "changes": len(changes)},
                           administration=getattr(adm, "name", None) or None, nis_code=getattr(adm, "nis_code", None),
                           project_dir=str(project.root) if getattr(project, "path", None) else None))
    return result


def _write_csv(frame: Any, out: Path) -> None:
    write_atomically(out, lambda path: frame.to_csv(path, index=False, encoding="utf-8", sep=",", lineterminator="\n"))
