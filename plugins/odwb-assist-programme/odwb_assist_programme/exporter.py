"""``programme export FILE``: the register as one row per administration (CSV or XLSX), with the
import form's columns first so that a file exported can be read again by ``programme import``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from odwb_assist.errors import InputError

if TYPE_CHECKING:
    from .api import Programme


def export_rows(prog: Programme, *, include_personal: bool = True) -> list[dict[str, object]]:
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
            "formulaire_rempli": "oui" if s.form_filled else "non", "convention_signee": s.convention_signed or "",
            "facture": s.invoice_date or "", "paiement": s.payment_date or "", "confirmation": s.confirmation_date or "",
            "etat": s.state, "montant_htva": s.invoiced_excl_vat or "", "montant_tvac": s.invoiced_incl_vat or "",
            "paye": s.paid, "remboursement_du": s.refund_due or "", "mise_en_demeure": s.notice_date or "",
            "heures_presence": s.hours_attended, "presence_pct": round(100 * s.attendance_ratio(prog.edition), 1),
            "defis_realises": len(s.challenges), "jeux_publies": len(s.publications),
            "obligation_publication": "oui" if s.publication_obligation_met(prog.edition) else "non",
            "verifiee_le": s.verdict.day if s.verdict else "", "verifiee_sur": s.verdict.portal if s.verdict else "",
            "jeux_hors_periode": "; ".join(f"{d['dataset_id']} ({str(d.get('published') or '')[:10]})"
                                           for d in (s.verdict.other_datasets if s.verdict else [])),
        })
        rows.append(row)
    return rows


def export_file(prog: Programme, path: Path, *, include_personal: bool = True, overwrite: bool = False) -> Path:
    """Write the register to ``path`` (.csv or .xlsx); an existing file is replaced only with ``overwrite``."""
    if path.exists() and not overwrite:
        raise InputError(
            f"{path} existe déjà : il n'est pas remplacé (il contient peut-être des notes à vous). Choisissez un autre "
            "nom, ou ajoutez --force pour le remplacer.",
            f"{path} already exists: it is not replaced (it may hold your own notes). Choose another name, or add "
            "--force to replace it.",
        )
    frame = pd.DataFrame(export_rows(prog, include_personal=include_personal))
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".xlsx":
        frame.to_excel(path, index=False, sheet_name="inscriptions")
    elif suffix == ".csv":
        frame.to_csv(path, index=False, encoding="utf-8")
    else:
        raise InputError(f"{path.name} : choisissez un nom en .csv ou .xlsx.", f"{path.name}: choose a .csv or .xlsx name.")
    return path
