"""``fix --sheet all``: the sheets of a workbook that hold one table split in parts (a sheet per year, per month, per
service) put one under the other in one clean CSV, with a first column naming each row's sheet.

On the portal a table split by year is one dataset with a year column, not one dataset per sheet: it can then be
filtered, sorted and charted across the years. Each sheet is fixed as ``fix --sheet NAME`` fixes it (into a
temporary folder); when every clean sheet has the same columns, in the same order, they are stacked, the column
named ``annee`` (and holding the year) when the sheets' names differ only by a year, else ``feuille``. Sheets that
hold no table (empty, hidden in the workbook, a notice of a few lines of text) are left out and said. Nothing is
lost: each sheet's removed rows and columns are kept beside the output, in side files named after the sheet.
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from ..core.errors import FixError
from ..core.findings import Finding
from ..core.i18n import Msg, normalise_lang
from ..core.plugins import default_plugin_manager
from .fix_engine import FixResult, announce_fix, fix

YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def sheet_column(names: list[str]) -> tuple[str, dict[str, str]]:
    """The column naming each row's sheet and its value per sheet: ``annee`` and the year when the names differ
    only by one year each (« 2023 », « Naissances 2023 », « Budget 2023 (définitif) »), else ``feuille`` and the
    sheet's name."""
    years = {name: YEAR.findall(name) for name in names}
    if all(len(found) == 1 for found in years.values()):
        rests = {YEAR.sub("", name).strip() for name in names}
        values = {name: found[0] for name, found in years.items()}
        if len(rests) == 1 and len(set(values.values())) == len(names):
            return "annee", values
    return "feuille", {name: name.strip() for name in names}


@dataclass
class StackedFix:
    """What :func:`fix_sheets` did: each sheet's :class:`FixResult`, the column added, the sheets left out."""

    source: str
    output: str
    column: str | None = None  # the column naming each row's sheet (None: a single table, nothing stacked)
    results: list[tuple[str, FixResult]] = field(default_factory=list)
    left_out: list[tuple[str, Msg]] = field(default_factory=list)  # (sheet, why)
    rows: int = 0
    dry_run: bool = False
    written: bool = False
    lang: str = "fr"

    @property
    def remaining(self) -> list[Finding]:
        """The errors every sheet's clean part still holds (each said in its sheet's preview)."""
        return [finding for _, result in self.results for finding in result.remaining]

    @property
    def checked_all(self) -> bool:
        return all(result.checked_all for _, result in self.results)

    @property
    def changes_file(self) -> str | None:
        """The change logs written (one per sheet, the sheet in their names), comma-separated; None when none."""
        written = [result.changes_file for _, result in self.results if result.changes_file]
        return ", ".join(written) if written else None

    def preview(self, lang: str | None = None) -> str:
        language = normalise_lang(lang or self.lang)
        fr = language == "fr"
        sheets = ", ".join(f"« {name} » ({result.rows_after})" for name, result in self.results)
        lines = [f"{self.source} → {self.output}" + ((" (simulation, rien n'est écrit)" if fr else
                                                      " (dry run, nothing is written)") if self.dry_run else "")]
        if self.column:
            lines.append(f"  Feuilles mises l'une sous l'autre, colonne « {self.column} » ajoutée : {sheets}" if fr
                          else f"  Sheets stacked one under the other, column '{self.column}' added: {sheets}")
        for name, why in self.left_out:
            lines.append(f"  Feuille laissée : « {name} » ({why.fr})" if fr else f"  Sheet left out: '{name}' ({why.en})")
        for name, result in self.results:
            lines.append("")
            lines.append(f"Feuille « {name} »" if fr else f"Sheet '{name}'")
            lines.extend(result.preview(language).splitlines()[1:])  # its first line names the temporary file
        if self.column:
            lines.append("")
            lines.append(f"Lignes : {self.rows}" if fr else f"Rows: {self.rows}")
        return "\n".join(lines)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        language = normalise_lang(lang or self.lang)
        return {"source": self.source, "output": self.output, "column": self.column, "rows": self.rows,
                "dryRun": self.dry_run, "written": self.written,
                "sheets": [{"sheet": name, **result.to_dict()} for name, result in self.results],
                "leftOut": [{"sheet": name, "why": why(language)} for name, why in self.left_out]}


def fix_sheets(
    source: str | Path,
    output: str | Path,
    *,
    fixes: list[str] | None = None,
    dry_run: bool = False,
    plugins: pluggy.PluginManager | None = None,
    lang: str = "fr",
    project: Any = None,
    changes_file: str | Path | None = None,
) -> StackedFix | FixResult:
    """Fix every sheet holding a table and stack them into ``output`` (see the module's text); a file holding one
    table (a CSV, a workbook with one table sheet) is fixed as :func:`.fix_engine.fix` fixes it, its result
    returned as is. Raises :class:`FixError` (French and English) when the sheets' columns differ."""
    from .detect import detect
    from .workbook import is_notice, read_sheet

    path, detected = detect(source)
    common = {"fixes": fixes, "dry_run": dry_run, "plugins": plugins, "lang": lang, "project": project}
    if detected.format == "csv":
        return fix(path, output, changes_file=changes_file, **common)
    out = Path(output)
    tables: list[str] = []
    left_out: list[tuple[str, Msg]] = []
    for name in detected.sheets:
        sheet = read_sheet(path, detected.format, name)
        if name in sheet.hidden:
            left_out.append((name, Msg("masquée dans le classeur", "hidden in the workbook")))
        elif not any(value not in (None, "") for row in sheet.cells for value in row):
            left_out.append((name, Msg("vide", "empty")))
        elif is_notice(sheet.cells):
            left_out.append((name, Msg("du texte, pas un tableau", "text, not a table")))
        else:
            tables.append(name)
    if len(tables) <= 1:
        return fix(path, output, sheet=tables[0] if tables else None, changes_file=changes_file, **common)
    column, values = sheet_column(tables)
    stacked = StackedFix(source=str(path), output=str(out), column=column, left_out=left_out, dry_run=dry_run,
                         lang=lang)
    with tempfile.TemporaryDirectory(prefix="odwb-sheets-", dir=out.parent if out.parent.exists() else None) as folder:
        temporary = Path(folder)
        for number, name in enumerate(tables, start=1):
            journal = None if changes_file is None else temporary / f"{number}.journal.csv"
            result = fix(path, temporary / f"{number}.csv", sheet=name, changes_file=journal, announce_fixed=False,
                         **{**common, "dry_run": False})
            stacked.results.append((name, result))
        header = _same_header(column, [(name, temporary / f"{number}.csv") for number, (name, _) in
                                       enumerate(stacked.results, start=1)])
        stacked.rows = sum(result.rows_after for _, result in stacked.results)
        for number, (name, result) in enumerate(stacked.results, start=1):
            result.dry_run, result.written = dry_run, not dry_run
            result.output = str(out)
            _keep_beside(result, out, name, number, temporary, dry_run, changes_file)
        if not dry_run:
            _write_stacked(out, header, [(values[name], temporary / f"{number}.csv") for number, (name, _) in
                                         enumerate(stacked.results, start=1)])
            stacked.written = True
            changes = sum(sum(result.counts.values()) for _, result in stacked.results)
            announce_fix(plugins if plugins is not None else default_plugin_manager(), str(path), str(out), changes,
                         project)
    return stacked


def _same_header(column: str, files: list[tuple[str, Path]]) -> list[str]:
    """The clean sheets' common header, with ``column`` first; :class:`FixError` when one differs from the first."""
    headers = []
    for name, path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            headers.append((name, next(csv.reader(handle), [])))
    first_name, first = headers[0]
    for name, header in headers[1:]:
        if header != first:
            missing = [label for label in first if label not in header]
            extra = [label for label in header if label not in first]
            detail_fr = "; ".join(filter(None, [
                f"il lui manque {', '.join(f'« {x} »' for x in missing)}" if missing else "",
                f"elle a en plus {', '.join(f'« {x} »' for x in extra)}" if extra else "",
                "les mêmes colonnes dans un autre ordre" if not missing and not extra else ""]))
            detail_en = "; ".join(filter(None, [
                f"it lacks {', '.join(repr(x) for x in missing)}" if missing else "",
                f"it has {', '.join(repr(x) for x in extra)} more" if extra else "",
                "the same columns in another order" if not missing and not extra else ""]))
            raise FixError(
                f"Les feuilles ne forment pas un seul tableau : « {name} » n'a pas les colonnes de « {first_name} » "
                f"({detail_fr}). Donnez-leur les mêmes colonnes dans le classeur, ou corrigez chaque feuille à part "
                "avec --sheet « nom ».",
                f"The sheets are not one table: '{name}' does not have the columns of '{first_name}' ({detail_en}). "
                "Give them the same columns in the workbook, or fix each sheet on its own with --sheet 'name'.")
    if column in first:
        raise FixError(
            f"Les feuilles ont déjà une colonne « {column} » : corrigez chaque feuille à part avec --sheet « nom ».",
            f"The sheets already have a column '{column}': fix each sheet on its own with --sheet 'name'.")
    return [column, *first]


def _keep_beside(result: FixResult, out: Path, name: str, number: int, temporary: Path, dry_run: bool,
                 changes_file: str | Path | None) -> None:
    """Each sheet's side files (and change log) beside the output, the sheet in their names (« propre.2023.lignes-
    retirees.csv »), or where they would be (a dry run)."""
    tag = re.sub(r"[^\w-]+", "_", name).strip("_") or str(number)
    for attribute in ("rows_file", "columns_file"):
        kept = getattr(result, attribute)
        if not kept:
            continue
        written = Path(kept)
        target = out.with_name(f"{out.stem}.{tag}{written.name[len(str(number)):]}")
        if written.exists() and not dry_run:
            shutil.move(str(written), target)
        setattr(result, attribute, str(target))
    if changes_file is not None and result.changes_file:
        journal = Path(changes_file)
        target = journal.with_name(f"{journal.stem}.{tag}{journal.suffix}")
        if not dry_run:
            shutil.move(result.changes_file, target)
        result.changes_file = None if dry_run else str(target)


def _write_stacked(out: Path, header: list[str], files: list[tuple[str, Path]]) -> None:
    """The clean sheets one under the other, each row starting with its sheet's value (written atomically)."""
    from .output_files import write_atomically

    def write(temporary: str) -> None:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            for value, path in files:
                with path.open(encoding="utf-8", newline="") as source:
                    rows = csv.reader(source)
                    next(rows, None)
                    for row in rows:
                        writer.writerow([value, *row])

    write_atomically(out, write)
