"""The fix workflow: read the table, apply the safe fixes of the ``odwb_fixes`` hook, write a NEW UTF-8 CSV.

The original file is never written: an output resolving to the source is refused, and the new file
is written next to its final name then moved in place, so that an interrupted run leaves no half file.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from ..errors import FixError
from ..events import DATASET_FIXED, Event
from ..i18n import Msg, normalise_lang
from ..plugins import announce, collect, default_plugin_manager
from .detect import Detected
from .fixing import Change, Fix, FixContext
from .reader import read_table

# Built-in fixes run in this order (thousands separators before decimal commas); plugin fixes after.
FIX_ORDER = ("drop-title-rows", "merged-header", "drop-total-rows", "trim-spaces", "neutralise-formulas",
             "unify-categories", "strip-count-words",
             "thousands-separator", "decimal-comma", "date-format")


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
                after = ("(ligne supprimée)" if fr else "(row dropped)") if change.after is None else f"« {change.after} »"
                lines.append(f"    {where} : « {change.before} » → {after}")
        lines.append((f"  Lignes : {self.rows_before} → {self.rows_after}") if fr else
                     f"  Rows: {self.rows_before} → {self.rows_after}")
        return "\n".join(lines)

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
    frame = table.frame
    changes: list[Change] = []
    for item in chosen:
        frame, made = item.apply(frame, context)
        changes.extend(made)
    counts = Counter(change.fix for change in changes)
    result = FixResult(
        source=str(table.path), output=str(out), changes=changes,
        counts={f.name: counts[f.name] for f in chosen if counts[f.name]},
        labels={f.name: f.label for f in chosen}, detected=table.detected,
        rows_before=len(table.frame), rows_after=len(frame), dry_run=dry_run, lang=lang,
    )
    if not dry_run:
        _write_csv(frame, out)
        result.written = True
        adm = getattr(project, "administration", None)
        announce(pm, Event(DATASET_FIXED, {"source": result.source, "output": result.output, "changes": len(changes)},
                           administration=getattr(adm, "name", None) or None, nis_code=getattr(adm, "nis_code", None),
                           project_dir=str(project.root) if getattr(project, "path", None) else None))
    return result


def _write_csv(frame: Any, out: Path) -> None:
    if not out.parent.is_dir():
        raise FixError(f"Le dossier {out.parent} n'existe pas. Créez-le ou choisissez une autre sortie.",
                       f"Folder {out.parent} does not exist. Create it or choose another output.")
    handle, temporary = tempfile.mkstemp(prefix=".odwb-fix-", suffix=".csv", dir=out.parent)
    os.close(handle)
    try:
        frame.to_csv(temporary, index=False, encoding="utf-8", sep=",", lineterminator="\n")
        os.replace(temporary, out)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise FixError(f"Impossible d'écrire {out} : {exc}.", f"Cannot write {out}: {exc}.") from exc
