"""The errors ``fix`` leaves in the clean file: said in the preview (« Reste à corriger ») and by the exit
code, so that « Fichier propre écrit » never reads as a green tick over a table still wrong.

Two tables stacked in one sheet, an unclosed quote, an unknown NIS code, numbers Excel wrote in scientific notation:
no fix can take these out, and the clean file still holds them. A fix says which error types it takes out with
``resolves`` (by default the types it reads and triggers on, :func:`resolved_by`); an error of another type is left,
and so is an error of its type when it changed nothing, unless a fix removed every row the error is about. Short and
long rows are made the header's width by the writing itself (the cells beyond go to the side file). An error that a
fix left out of ``--fix`` would take out names that fix. Long rows cut by decimal commas (:mod:`.split_decimals`) are
left: their cells up to the header's width are halves of numbers, which the writing cannot make right.

``fix`` runs only the checks its fixes read, and every check and field kind that may report an error (its
``blocking`` types, :class:`..core.contract.TableCheck`): personal data, unknown codes and two stacked tables are
listed; warnings it did not look for (duplicate rows…) are not, and the CLI says to check the clean file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.findings import Finding, Severity
from ..core.fix_contract import resolved_by
from .aggregate import number_text, rows_text
from .titles import title

if TYPE_CHECKING:
    import numpy as np

    from ..core.fix_contract import Fix
    from .report import QualityReport

# errors the writing itself takes out: every row gets the header's width (cells beyond kept in the side file), a
# repeated label is numbered (« name2 »); a blank one stays blank (« field3 » is no title: :func:`.fix_stream.header_cells`)
WRITTEN_AWAY = frozenset({"missing-cell", "extra-cell", "duplicate-label"})
# errors about a column as a whole (its header cell): gone with the column when a fix drops it
COLUMN_ERRORS = frozenset({"blank-label"})
# errors said elsewhere in the preview (« Non corrigé, à voir dans le classeur », :mod:`.fix_left`)
SAID_ELSEWHERE = frozenset({"formula-without-value"})
# errors whose cell no fix may touch: the user corrects it by hand, from the text as it was read. An unclosed quote's
# cell holds the records it swallowed; trimming its last line break (or any rewrite) would change what they were.
HELD = frozenset({"unclosed-quote"})


def held_cells(report: QualityReport) -> dict[str, np.ndarray]:
    """The cells every fix leaves as they are (:data:`HELD`): for each column (as the report names it), the rows."""
    import numpy as np

    rows: dict[str, set[int]] = {}
    for finding in report.findings:
        if finding.type in HELD and finding.row_number is not None and finding.field_name is not None:
            rows.setdefault(str(finding.field_name), set()).add(int(finding.row_number))
    return {label: np.array(sorted(found), dtype=np.int64) for label, found in rows.items()}


def remaining_errors(report: QualityReport, chosen: Iterable[Fix], counts: dict[str, int],
                     removed_rows: Iterable[int], removed_columns: Iterable[int] = ()) -> list[Finding]:
    """The error findings of ``report`` that the clean file still holds: of a type no fix that changed something
    resolves, unless every row it is about was removed by a fix, or the column it is about (a column without a title,
    dropped empty)."""
    resolved: set[str] = set(WRITTEN_AWAY | SAID_ELSEWHERE)
    for item in chosen:
        if counts.get(item.name):
            resolved |= resolved_by(item)
    removed = set(removed_rows)
    gone = set(removed_columns)
    left = []
    for finding in report.findings:
        if finding.severity != Severity.ERROR or (finding.type in resolved and "splitDecimals" not in finding.extra
                                                  and "splitText" not in finding.extra):
            continue
        if finding.type in COLUMN_ERRORS and finding.field_number in gone:
            continue
        rows = finding.all_rows
        if rows and removed.issuperset(rows):
            continue  # on rows a fix removed (a row of technical names read as codes, a total among the notes…)
        left.append(finding)
    return left


def unchosen_fixes(chosen: Iterable[Fix], available: Iterable[Fix]) -> dict[str, str]:
    """The error types a fix not chosen (``--fix``) would take out, each with that fix's name."""
    names = {item.name for item in chosen}
    return {kind: item.name for item in available if item.name not in names for kind in resolved_by(item)}


def remaining_lines(findings: list[Finding], lang: str, unchosen: dict[str, str] | None = None,
                    untitled: dict[str, int] | None = None) -> list[str]:
    """The preview's lines: one per type, its title, how many errors and where (rows of the original file), and the
    fix that would take it out when it was not chosen (``unchosen``: :func:`unchosen_fixes`); ``untitled``: the
    names made up for columns without a title, shown by their number."""
    if not findings:
        return []
    fr = lang == "fr"
    lines = ["  Reste à corriger :" if fr else "  Left to correct:"]
    by_type: dict[str, list[Finding]] = {}
    for finding in findings:
        by_type.setdefault(finding.type, []).append(finding)
    for kind, group in by_type.items():
        count = sum(f.count for f in group)
        rows = sorted({row for finding in group for row in finding.all_rows})
        columns = list(dict.fromkeys(f.field_name for f in group if f.field_name))
        errors = (f"{number_text(count)} erreur{'s' if count > 1 else ''}" if fr else
                  f"{number_text(count)} error{'s' if count > 1 else ''}")
        where = []
        if columns:
            named = ", ".join(_column(c, fr, untitled or {}) for c in columns[:3]) + (" …" if len(columns) > 3 else "")
            where.append(f"colonne{'s' if len(columns) > 1 else ''} {named}" if fr else
                         f"column{'s' if len(columns) > 1 else ''} {named}")
        if rows:
            where.append(f"ligne{'s' if len(rows) > 1 else ''} {rows_text(rows)(lang)}" if fr else
                         f"row{'s' if len(rows) > 1 else ''} {rows_text(rows)(lang)}")
        place = f" : {', '.join(where)}" if where and fr else f": {', '.join(where)}" if where else ""
        fixer = (unchosen or {}).get(kind)
        if fixer:  # chosen fixes only (--fix): the one that would take it out was left
            place += (f" — la correction « {fixer} » s'en chargerait (non choisie)" if fr else
                      f" — fix '{fixer}' would take it out (not chosen)")
        else:
            place += " — à la main" if fr else " — by hand"
        lines.append(f"    {title(kind, lang, group[0])} — {errors} ({kind}){place}")
    if any(finding.all_rows for finding in findings):
        lines.append("    Les numéros de ligne sont ceux du fichier d'origine." if fr else
                     "    Row numbers are those of the original file.")
    return lines


def _column(name: str, fr: bool, untitled: dict[str, int]) -> str:
    number = untitled.get(name)
    if number is not None:
        return f"n° {number} (sans titre)" if fr else f"{number} (untitled)"
    return f"« {name} »" if fr else f"'{name}'"


def remaining_dicts(findings: list[Finding], lang: str) -> list[dict[str, object]]:
    """The errors left, for ``FixResult.to_dict()`` (``remaining``), as the JSON report writes findings."""
    return [finding.to_dict(lang) for finding in findings]
