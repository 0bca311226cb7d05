"""Publication blockers for personal data: national register numbers, phone numbers in a table that describes people
(in a phone column or typed into a text), their bank accounts, the core's dates of birth (``birth-dates``) and home
addresses (``home-addresses``), and e-mail addresses with evidence of a person (the core ``personal-email`` errors;
its ``possible-personal-email`` warnings never block). Each blocker names the column and the fix; it can be lifted
only explicitly, with a written justification kept in the publication record."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from odwb_assist.plugin import Blocker, Msg

from .findings import SOURCE

_WHAT = {
    "be-national-number": Msg("numéro(s) de registre national ou BIS", "national register or BIS number(s)"),
    "be-phone-personal": Msg("numéro(s) de téléphone de personnes", "phone number(s) of people"),
    "be-phone-in-text-personal": Msg("numéro(s) de GSM de personnes dans un texte", "mobile number(s) of people inside a "
                                     "text"),
    "personal-email": Msg("adresse(s) e-mail personnelle(s)", "personal e-mail address(es)"),
    "birth-dates": Msg("date(s) de naissance de personnes", "date(s) of birth of people"),
    "be-iban-personal": Msg("compte(s) bancaire(s) de personnes", "bank account(s) of people"),
    "home-addresses": Msg("adresse(s) de personnes", "address(es) of people"),
    "be-iban-in-text-personal": Msg("compte(s) bancaire(s) de personnes dans un texte", "bank account(s) of people "
                                    "inside a text"),
}
# be-phone-personal and be-phone-in-text-personal are only emitted in people tables; personal-email only with evidence
# of a person; the core's birth-dates (full dates of birth of people of today) always
ALWAYS = ("be-national-number", "be-phone-personal", "be-phone-in-text-personal", "be-iban-personal",
          "be-iban-in-text-personal", "personal-email", "birth-dates", "home-addresses")

_MESSAGE = Msg(
    "Données personnelles : la colonne « {field} » contient {count} {what} (lignes {rows}). "
    "Elles ne peuvent pas être publiées en open data (RGPD).",
    "Personal data: column '{field}' holds {count} {what} (rows {rows}). They cannot be published as open data (GDPR).",
)
_ADVICE = Msg(
    "Supprimez la colonne « {field} » du fichier à publier (ou remplacez ses valeurs par un numéro d'ordre ou le "
    "contact d'un service), relancez « odwb-assist check », puis publiez. Si une base légale autorise cette publication, "
    "levez ce blocage explicitement avec une justification écrite, conservée avec la publication.",
    "Delete column '{field}' from the file to publish (or replace its values with a sequence number or a service's "
    "contact), run 'odwb-assist check' again, then publish. If a legal basis allows this publication, lift this "
    "blocker explicitly with a written justification, kept with the publication record.",
)


def _get(finding: Any, name: str) -> Any:
    if isinstance(finding, dict):
        return finding.get({"field_name": "fieldName", "row_number": "rowNumber"}.get(name, name))
    return getattr(finding, name, None)


def _rows_text(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in sorted(rows)[:5])
    return shown + ("…" if len(rows) > 5 else "")


_KIND_OF = {"be-national-number": "be-national-number", "be-phone-personal": "be-phone", "personal-email": "email",
            "be-phone-in-text-personal": None, "birth-dates": None, "home-addresses": None,  # no kind of their own
            "be-iban-personal": "be-iban", "be-iban-in-text-personal": None}


def personal_data_blockers(
    findings: Iterable[Any],
    fields: Sequence[str] | None = None,
    *,
    counts: dict[str, int] | None = None,
    kinds: dict[str, str] | None = None,
) -> list[Blocker]:
    """One ``personal-data`` blocker per column and kind of personal data found in ``findings``.

    ``fields`` are the table's column labels (kept for callers; the findings already carry the
    evidence). ``counts`` (findings per type, all counted) and
    ``kinds`` (column → kind) cover reports that kept only some of their findings.
    """
    wanted = set(ALWAYS)
    groups: dict[tuple[str, str], list[int]] = {}
    found: dict[tuple[str, str], int] = {}  # cells found per group (a whole column's finding counts its cells)
    for finding in findings:
        error_type = _get(finding, "type")
        if error_type not in wanted or str(_get(finding, "severity") or "error") in ("warning", "info"):
            continue
        field = _get(finding, "field_name") or "?"
        row = _get(finding, "row_number")
        rows = [int(r) for r in (_get(finding, "rows") or [])]  # a finding for a whole column: each of its rows
        groups.setdefault((error_type, field), []).extend(rows or [int(row) if row is not None else 0])
        found[(error_type, field)] = found.get((error_type, field), 0) + max(1, int(_get(finding, "count") or 1), len(rows))
    kept = {t for t, _ in groups}
    for error_type, total in (counts or {}).items():
        if error_type in wanted and total and error_type not in kept:  # all dropped by an error limit
            columns = [c for c, k in (kinds or {}).items() if k == _KIND_OF[error_type]] or ["?"]
            for column in columns:
                groups[(error_type, column)] = []
    blockers = []
    for (error_type, field), rows in groups.items():
        total = (counts or {}).get(error_type, 0)
        same_type = sum(1 for t, _ in groups if t == error_type)
        cells = found.get((error_type, field), 0)
        count = total if same_type == 1 and total > cells else cells or total
        values = {"field": field, "count": count, "what": "", "rows": _rows_text([r for r in rows if r]) or "?"}
        what = _WHAT[error_type]
        message = Msg(_MESSAGE.fr.format(**{**values, "what": what.fr}), _MESSAGE.en.format(**{**values, "what": what.en}))
        blockers.append(Blocker("personal-data", message, _ADVICE.format(field=field), field_name=field, overridable=True,
                                source=SOURCE))
    return blockers


def report_fields(report: Any) -> list[str] | None:
    """The column labels of a quality report, whatever its shape (names, field objects or dicts)."""
    fields = getattr(report, "fields", None)
    if fields is None and isinstance(report, dict):
        fields = report.get("fields")
    if not fields:
        return None
    labels = []
    for f in fields:
        if isinstance(f, str):
            labels.append(f)
        elif isinstance(f, dict):
            labels.append(str(f.get("name", "")))
        else:
            labels.append(str(getattr(f, "name", f)))
    return labels


def report_findings(report: Any) -> list[Any]:
    if report is None:
        return []
    found = getattr(report, "errors", None)
    if found is None and isinstance(report, dict):
        found = report.get("errors")
    return list(found or [])
