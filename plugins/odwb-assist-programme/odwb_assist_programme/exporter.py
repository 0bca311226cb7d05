"""``programme export FILE``: the register as one row per administration (CSV or XLSX), with the
import form's columns first so that a file exported can be read again by ``programme import``.

States are the French labels of the command line, dates are dates and amounts numbers (a
spreadsheet sorts and sums them); the XLSX has a styled, frozen header and column widths.

Names come from enrolment forms, i.e. from outside: every string is written as a string cell in the
XLSX and, in the CSV, a value starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets
a leading apostrophe (OWASP's advice against formula injection), so no cell ever runs as a formula."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from odwb_assist.plugin import InputError, csv_safe, set_text

if TYPE_CHECKING:
    from .view import ProgrammeView


def _day(value: str | None) -> date | str:
    if not value:
        return ""
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)


def _amount(value: str | None) -> float | str:
    return float(Decimal(value)) if value else ""


def export_rows(prog: ProgrammeView, *, include_personal: bool = True) -> list[dict[str, object]]:
    rows = []
    for s in prog.status():
        active = s.active_participants
        row: dict[str, object] = {
            "administration": s.name, "type": s.type, "code_ins": s.nis_code or "", "noms_editeur": "; ".join(s.publishers),
        }
        for i in range(1, 4):
            person = active[i - 1] if len(active) >= i else None
            row[f"participant_{i}"] = (person.name if person else "") if include_personal else ("***" if person else "")
            row[f"email_{i}"] = ((person.email or "") if person else "") if include_personal else ""
        row.update({
            "formulaire_rempli": "oui" if s.form_filled else "non", "convention_signee": _day(s.convention_signed),
            "facture": _day(s.invoice_date), "paiement": _day(s.payment_date), "confirmation": _day(s.confirmation_date),
            "etat": s.state.label, "montant_htva": _amount(s.invoiced_excl_vat), "montant_tvac": _amount(s.invoiced_incl_vat),
            "paye": _amount(s.paid), "remboursement_du": _day(s.refund_due), "mise_en_demeure": _day(s.notice_date),
            "heures_presence": s.hours_attended, "presence_pct": round(100 * s.attendance_ratio(prog.edition), 1),
            "defis_realises": len(s.challenges), "jeux_publies": len(s.publications),
            "obligation_publication": "oui" if s.publication_obligation_met(prog.edition) else "non",
            "verifiee_le": _day(s.verdict.day) if s.verdict else "", "verifiee_sur": s.verdict.portal if s.verdict else "",
            "jeux_hors_periode": "; ".join(f"{d['dataset_id']} ({str(d.get('published') or '')[:10]})"
                                           for d in (s.verdict.other_datasets if s.verdict else [])),
        })
        rows.append(row)
    return rows


def export_file(prog: ProgrammeView, path: Path, *, include_personal: bool = True, overwrite: bool = False) -> Path:
    """Write the register to ``path`` (.csv or .xlsx); an existing file is replaced only with ``overwrite``."""
    if path.exists() and not overwrite:
        raise InputError(
            f"{path} existe déjà : il n'est pas remplacé (il contient peut-être des notes à vous). Choisissez un autre "
            "nom, ou ajoutez --force pour le remplacer.",
            f"{path} already exists: it is not replaced (it may hold your own notes). Choose another name, or add "
            "--force to replace it.",
        )
    rows = export_rows(prog, include_personal=include_personal)
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".xlsx":
        _write_xlsx(path, rows)
    elif suffix == ".csv":
        pd.DataFrame(rows).map(csv_safe).to_csv(path, index=False, encoding="utf-8")
    else:
        raise InputError(f"{path.name} : choisissez un nom en .csv ou .xlsx.", f"{path.name}: choose a .csv or .xlsx name.")
    return path


def _write_xlsx(path: Path, rows: list[dict[str, object]]) -> None:
    """Bold white header on blue, frozen; dates as JJ/MM/AAAA, amounts with two decimals; column widths.
    Every string is a string cell (``set_text``): « =HYPERLINK(…) » stays text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "inscriptions"
    header = list(rows[0]) if rows else []
    for col, title in enumerate(header, start=1):
        set_text(sheet.cell(row=1, column=col), title)
    for r, row in enumerate(rows, start=2):
        for col, title in enumerate(header, start=1):
            set_text(sheet.cell(row=r, column=col), row[title])
    sheet.freeze_panes = "B2"
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
    for column in sheet.columns:
        letter = column[0].column_letter
        values: list[Any] = [c.value for c in column]
        width = max(len(str(v)) if v is not None else 0 for v in values)
        sheet.column_dimensions[letter].width = min(max(10, width + 2), 50)
        for cell in column[1:]:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, float) and str(column[0].value).startswith(("montant", "paye")):
                cell.number_format = "#,##0.00"
    book.save(path)
