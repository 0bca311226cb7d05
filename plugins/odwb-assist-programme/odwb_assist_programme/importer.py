"""``programme import FILE``: the enrolment form (CSV or XLSX, French headers) into the register.

Every row is checked first and every problem reported with its row and column; nothing is written
unless the whole file is valid, and then everything is written in one transaction (a failure half
way rolls it all back). Rows are applied in order of payment so that the cap goes to the first
administrations that paid (art. 4). Administrations already in the register are left as they are
(never overwritten), so that a longer version of the same export adds only the new rows.

The file's headers are mapped to the import columns first (:mod:`.column_map`: Google and Microsoft
Forms wordings, ``--map`` for the rest); dates far outside the edition are refused unless accepted
(``accept_dates``), then reported as warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from odwb_assist.plugin import Msg

from . import enrolment
from .column_map import IGNORE, TIMESTAMP, MappedColumn, header_key, propose
from .edition import Edition
from .ledger import Ledger
from .records import ADMINISTRATION_TYPES, normalise_name

REQUIRED = ("administration", "type")
COLUMNS = (
    "administration", "type", "code_ins", "noms_editeur", "participant_1", "email_1", "participant_2", "email_2",
    "participant_3", "email_3", "formulaire_rempli", "convention_signee", "facture", "paiement", "confirmation",
)
# Columns written by ``programme export`` beside the form's: read back without complaint, not imported.
EXPORT_ONLY = ("etat", "montant_htva", "montant_tvac", "paye", "remboursement_du", "mise_en_demeure", "heures_presence",
               "presence_pct", "defis_realises", "jeux_publies", "obligation_publication", "verifiee_le", "verifiee_sur",
               "jeux_hors_periode")
DATE_COLUMNS = ("convention_signee", "facture", "paiement", "confirmation")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
YES = {"oui", "o", "yes", "y", "1", "vrai", "true", "x"}
NO = {"non", "n", "no", "0", "faux", "false", ""}


@dataclass(frozen=True)
class ImportFinding:
    row: int | None  # row number as seen in the spreadsheet (headers on row 1)
    column: str | None
    message: Msg

    def text(self, lang: str = "fr") -> str:
        where = []
        if self.row is not None:
            where.append(("ligne " if lang != "en" else "row ") + str(self.row))
        if self.column:
            where.append(("colonne " if lang != "en" else "column ") + self.column)
        return (", ".join(where) + " : " if where else "") + self.message(lang)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message(lang)}


@dataclass
class ImportRow:
    row: int
    administration: str
    type: str
    nis_code: str | None
    publishers: list[str]
    participants: list[tuple[str, str | None]]
    form_filled: bool
    dates: dict[str, date | None] = field(default_factory=dict)


@dataclass
class ImportResult:
    path: Path
    rows: list[ImportRow]
    findings: list[ImportFinding]
    imported: int = 0
    confirmed: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    mapping: list[MappedColumn] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already in the register: left as they are
    warnings: list[ImportFinding] = field(default_factory=list)  # accepted dates outside the edition

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {"path": str(self.path), "ok": self.ok, "imported": self.imported, "confirmed": self.confirmed,
                "waiting_list": self.waiting, "findings": [f.to_dict(lang) for f in self.findings],
                "mapping": [{"header": m.header, "column": m.target, "how": m.how} for m in self.mapping],
                "already_registered": self.skipped, "warnings": [f.to_dict(lang) for f in self.warnings]}


def _header(text: Any) -> str:
    return header_key(text)


def read_table(path: Path, sheet: str | None = None) -> pd.DataFrame:
    """The form as a table of text cells with normalised headers; a clear error when unreadable.

    Read with the core's reader (encoding, separator, header row, XLSX/XLS/ODS/CSV, binary or empty
    files refused with a message); the index holds the row numbers as the spreadsheet shows them and
    ``attrs["header_row"]`` the row of the headers.
    """
    from odwb_assist.plugin import read_table as read_any

    table = read_any(path, sheet=sheet)
    frame = table.frame.copy()
    frame.attrs["headers"] = [str(c) for c in frame.columns]
    frame.columns = [_header(c) for c in frame.columns]
    frame.attrs["header_row"] = table.detected.header_row or 1
    return frame.fillna("").astype(str)


def parse_date(text: str) -> date:
    value = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
                "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%Y/%m/%d %H:%M:%S", "%m/%d/%Y %H:%M:%S"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def check_rows(frame: pd.DataFrame, edition: Edition, existing: set[str],
               skipped: list[str] | None = None) -> tuple[list[ImportRow], list[ImportFinding]]:
    """The rows to import and every problem; rows of administrations already registered go to ``skipped``."""
    findings: list[ImportFinding] = []
    skipped = skipped if skipped is not None else []
    header_row = int(frame.attrs.get("header_row", 1))
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        expected = ", ".join(COLUMNS)
        return [], [ImportFinding(header_row, ", ".join(missing), Msg(
            f"colonne(s) obligatoire(s) absente(s). La première ligne doit porter les en-têtes : {expected}.",
            f"required column(s) missing. The first row must hold the headers: {expected}."))]
    rows: list[ImportRow] = []
    stamped = TIMESTAMP in frame.columns
    seen: dict[str, int] = {}
    for number, record in zip((int(i) for i in frame.index), frame.to_dict("records"), strict=True):
        cell = {k: str(record.get(k, "")).strip() for k in (*COLUMNS, TIMESTAMP)}
        if not any(cell.values()):
            continue

        def bad(column: str, fr: str, en: str, number: int = number) -> None:
            findings.append(ImportFinding(number, column, Msg(fr, en)))

        name = " ".join(cell["administration"].split())
        if not name:
            bad("administration", "le nom de l'administration est vide : complétez la cellule.",
                "the administration's name is empty: fill in the cell.")
        elif normalise_name(name) in seen:
            bad("administration", f"« {name} » apparaît déjà ligne {seen[normalise_name(name)]} : gardez une seule ligne.",
                f"'{name}' already appears on row {seen[normalise_name(name)]}: keep a single row.")
        elif normalise_name(name) in existing:
            skipped.append(name)  # a longer version of the same export: only the new rows are added
            seen.setdefault(normalise_name(name), number)
            continue
        seen.setdefault(normalise_name(name), number)
        kind = normalise_name(cell["type"])
        if kind not in ADMINISTRATION_TYPES:
            bad("type", f"type « {cell['type']} » inconnu : écrivez {', '.join(ADMINISTRATION_TYPES)}.",
                f"unknown type '{cell['type']}': write {', '.join(ADMINISTRATION_TYPES)}.")
        nis = cell["code_ins"].removesuffix(".0")
        if nis and not re.fullmatch(r"\d{5}", nis):
            bad("code_ins", f"code INS « {cell['code_ins']} » invalide : 5 chiffres (ex. 91030), format texte pour garder "
                "les zéros.", f"invalid NIS code '{cell['code_ins']}': 5 digits (e.g. 91030), as text to keep zeros.")
        people: list[tuple[str, str | None]] = []
        for i in range(1, 4):
            person, email = cell[f"participant_{i}"], cell[f"email_{i}"]
            if email and not EMAIL.match(email):
                bad(f"email_{i}", f"adresse « {email} » invalide (forme attendue : nom@domaine.be).",
                    f"invalid address '{email}' (expected: name@domain.be).")
            if email and not person:
                bad(f"participant_{i}", "une adresse sans nom de participant : ajoutez le nom.",
                    "an address without a participant's name: add the name.")
            if person:
                people.append((person, email or None))
        if not people:
            bad("participant_1", "aucun participant : la convention en demande au moins un.",
                "no participant: the convention needs at least one.")
        form = normalise_name(cell["formulaire_rempli"]) or ("oui" if stamped and cell[TIMESTAMP] else "")
        if form not in YES | NO:
            bad("formulaire_rempli", f"« {cell['formulaire_rempli']} » : écrivez oui ou non.",
                f"'{cell['formulaire_rempli']}': write oui or non.")
        dates: dict[str, date | None] = {}
        if cell[TIMESTAMP]:
            try:
                dates[TIMESTAMP] = parse_date(cell[TIMESTAMP])
            except ValueError:
                bad(TIMESTAMP, f"horodatage « {cell[TIMESTAMP]} » illisible.", f"unreadable timestamp '{cell[TIMESTAMP]}'.")
        for column in DATE_COLUMNS:
            dates[column] = None
            if cell[column]:
                try:
                    dates[column] = parse_date(cell[column])
                except ValueError:
                    bad(column, f"date « {cell[column]} » illisible : écrivez 2021-04-15 ou 15/04/2021.",
                        f"unreadable date '{cell[column]}': write 2021-04-15 or 15/04/2021.")
        order = [c for c in DATE_COLUMNS if cell[c]]
        for before, after in (("convention_signee", "facture"), ("facture", "paiement"), ("paiement", "confirmation")):
            if cell[after] and not cell[before]:
                bad(after, f"« {after} » est rempli mais pas « {before} » : l'article 4 suit l'ordre convention, facture, "
                    "paiement, confirmation.", f"'{after}' is filled but not '{before}': article 4 goes convention, "
                    "invoice, payment, confirmation.")
            elif dates.get(before) and dates.get(after) and dates[after] < dates[before]:  # type: ignore[operator]
                bad(after, f"la date « {after} » précède la date « {before} ».", f"date '{after}' is before '{before}'.")
        if order and form in NO:
            bad("formulaire_rempli", "l'inscription avance sans formulaire rempli : indiquez oui quand il l'est.",
                "the enrolment goes on without the form: write oui once it is filled.")
        if len(people) > edition.max_participants:  # pragma: no cover - three columns only
            bad("participant_1", "trop de participants.", "too many participants.")
        rows.append(ImportRow(number, name, kind, nis or None,
                              [p.strip() for p in cell["noms_editeur"].split(";") if p.strip()], people, form in YES, dates))
    return rows, findings


def map_columns(frame: pd.DataFrame, overrides: dict[str, str] | None = None) -> tuple[pd.DataFrame, list[MappedColumn]]:
    """The frame with the import's column names (ignored columns dropped), and the mapping used."""
    headers = list(frame.attrs.get("headers") or frame.columns)
    mapping = propose(headers, overrides)
    for item in mapping:  # columns written by ``programme export`` are read back without complaint
        if item.target is None and header_key(item.header) in EXPORT_ONLY:
            mapping[mapping.index(item)] = MappedColumn(item.header, IGNORE, "exact")
    renamed = frame.copy()
    renamed.columns = [m.target if m.target not in (None, IGNORE) else f"__{i}" for i, m in enumerate(mapping)]
    renamed = renamed[[c for c in renamed.columns if not str(c).startswith("__")]]
    renamed.attrs = dict(frame.attrs)
    return renamed, mapping


def window_findings(rows: list[ImportRow], edition: Edition) -> list[ImportFinding]:
    """Dates outside the edition: more than a year before its start, or after its end."""
    earliest = date(edition.start.year - 1, edition.start.month, min(edition.start.day, 28))
    found = []
    for row in rows:
        for column, day in row.dates.items():
            if day is not None and not earliest <= day <= edition.end:
                found.append(ImportFinding(row.row, column, Msg(
                    f"date {day.isoformat()} hors de l'édition {edition.id} ({earliest.isoformat()} → "
                    f"{edition.end.isoformat()}) : vérifiez l'année, ou confirmez avec --accept-dates.",
                    f"date {day.isoformat()} outside edition {edition.id} ({earliest.isoformat()} → "
                    f"{edition.end.isoformat()}): check the year, or confirm with --accept-dates.")))
    return found


def import_file(ledger: Ledger, edition: Edition, path: Path, *, sheet: str | None = None,
                frame: pd.DataFrame | None = None, overrides: dict[str, str] | None = None,
                accept_dates: bool = False, dry_run: bool = False) -> ImportResult:
    """Check the whole file; write nothing if any row is wrong; else write every row in one transaction.

    ``frame`` is the form already read with :func:`read_table` (the CLI reads it before it opens the
    register, so that an unreadable file never creates an empty register).
    """
    frame = read_table(path, sheet) if frame is None else frame
    frame, mapping = map_columns(frame, overrides)
    header_row = int(frame.attrs.get("header_row", 1))
    unknown = [ImportFinding(header_row, m.header, Msg(
        f"colonne non reconnue : indiquez ce qu'elle contient avec --map \"{m.header}=colonne\" (colonnes : "
        f"{', '.join(COLUMNS)}), ou --map \"{m.header}=-\" pour l'ignorer.",
        f"column not recognised: say what it holds with --map \"{m.header}=column\" (columns: {', '.join(COLUMNS)}), "
        f"or --map \"{m.header}=-\" to ignore it.")) for m in mapping if m.target is None]
    existing = {normalise_name(r["name"]) for r in ledger.rows("SELECT name FROM administrations")}
    skipped: list[str] = []
    rows, findings = check_rows(frame, edition, existing, skipped) if not any(
        c not in frame.columns for c in REQUIRED) or not unknown else ([], [])
    outside = window_findings(rows, edition)
    result = ImportResult(path, rows, unknown + findings + ([] if accept_dates else outside), mapping=mapping,
                          skipped=skipped, warnings=outside if accept_dates else [])
    if result.findings or dry_run:
        return result
    ordered = sorted(rows, key=lambda r: (r.dates.get("paiement") or date.max, r.row))
    with ledger.change("import", None, {"file": path.name, "rows": len(rows)}):
        for row in ordered:
            d = row.dates
            enrolment.enrol(ledger, edition, row.administration, type=row.type, nis_code=row.nis_code,
                            publishers=row.publishers, participants=row.participants, form_filled=row.form_filled,
                            requested_on=d.get(TIMESTAMP) or d.get("convention_signee") or date.today())
            if d.get("convention_signee"):
                enrolment.sign(ledger, edition, row.administration, d["convention_signee"])
            if d.get("facture"):
                enrolment.invoice(ledger, edition, row.administration, d["facture"])
            if d.get("paiement"):
                status = enrolment.pay(ledger, edition, row.administration, d["paiement"], confirmed_on=d.get("confirmation"))
                (result.confirmed if status.state == "confirmed" else result.waiting).append(row.administration)
            result.imported += 1
    return result
