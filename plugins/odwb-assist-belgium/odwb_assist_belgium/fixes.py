"""Safe, previewable fixes: re-pad enterprise numbers and phone numbers that lost their leading zero; put swapped
latitudes and longitudes back in place;
replace retired NIS codes (2019 re-coding, 2025 merger) and re-pad NIS codes that lost their zero; remove the « B- »
country prefix of postal codes. Each returns a
new table and one :class:`~odwb_assist.quality.fixing.Change` per changed cell; no file is touched."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from odwb_assist.plugin import Change, FieldKind, FixContext, FixPlan, Msg

from . import email, enterprise, nis, phone, postal
from .coordinates_pair import SwapCoordinates
from .detection import columns_of_kind
from .findings import non_empty
from .postal_locality import SplitPostalLocality

Verdicts = Callable[[pd.Series], tuple[pd.Series, pd.Series]]


def _repad_lost_zeros(
    fix_name: str, table: pd.DataFrame, columns: list[str], verdicts: Verdicts, repad: Callable[[str], str]
) -> tuple[pd.DataFrame, list[Change]]:
    """Rewrite with ``repad`` the cells of ``columns`` that ``verdicts`` (masks valid, lost zero) says lost a leading 0."""
    result = table.copy()
    changes: list[Change] = []
    for column in columns:
        raw = table[column].astype(str)
        values = non_empty(raw)
        if values.empty:
            continue
        _, lost = verdicts(values)
        for row in values.index[lost]:
            before = raw.loc[row]
            after = repad(before)
            result.loc[row, column] = after
            changes.append(Change(fix_name, int(row), str(column), before, after))
    return result, changes


class RepadEnterpriseNumbers:
    name = "be-enterprise-repad"
    reads = ("be-enterprise-lost-zero",)  # the finding types its plan reads
    label = Msg(
        "Remettre le 0 initial des numéros d'entreprise BCE à 9 chiffres (ex. 440966354 → 0440966354)",
        "Restore the leading 0 of 9-digit BCE enterprise numbers (e.g. 440966354 → 0440966354)",
    )

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        columns = columns_of_kind(table, enterprise.KIND, context.kinds)
        return _repad_lost_zeros(self.name, table, columns, enterprise.verdicts, enterprise.repad)

    def plan(self, context: FixContext) -> FixPlan | None:
        return _repad_plan(context, "be-enterprise-lost-zero", enterprise.verdicts, enterprise.repad)


class ReplaceRetiredNisCodes:
    name = "be-nis-replace-retired"
    reads = ("be-nis-retired", "be-nis-lost-zero")  # the finding types its plan reads
    label = Msg(
        "Remplacer les codes INS supprimés par les codes actuels (ex. Bastogne 82003 → 82039) et remettre le 0 perdu",
        "Replace retired NIS codes by current ones (e.g. Bastogne 82003 → 82039) and restore a lost leading 0",
    )

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        result = table.copy()
        changes: list[Change] = []
        for column in columns_of_kind(table, nis.KIND, context.kinds):
            raw = table[column].astype(str)
            stripped = raw.str.strip()
            replacements: dict[str, str] = {}
            for code in stripped[stripped != ""].unique():
                error_type, values = nis.classify(code)
                if error_type == "be-nis-retired":
                    replacements[code] = values["new"]
                elif error_type == "be-nis-lost-zero":
                    replacements[code] = values["fixed"]
            if not replacements:
                continue
            hit = stripped.isin(list(replacements))
            for row in table.index[hit]:
                before = raw.loc[row]
                after = replacements[before.strip()]
                result.loc[row, column] = after
                changes.append(Change(self.name, int(row), str(column), before, after))
        return result, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from odwb_assist.plugin import columns_of

        columns = columns_of(context, ["be-nis-retired", "be-nis-lost-zero"])
        return FixPlan(rewrites=dict.fromkeys(columns, _current_codes)) if columns else None


def _current_codes(raw: pd.Series) -> pd.Series:
    """Retired codes replaced and lost zeros restored, on a column's distinct cells."""
    replacements = {}
    for cell in raw.tolist():
        code = str(cell).strip()
        if not code:
            continue
        error_type, values = nis.classify(code)
        if error_type == "be-nis-retired":
            replacements[cell] = values["new"]
        elif error_type == "be-nis-lost-zero":
            replacements[cell] = values["fixed"]
    if not replacements:
        return raw
    hit = raw.isin(list(replacements))
    return raw.where(~hit, raw.map(replacements))


def _phone_or_lost_zero(sample: pd.Series) -> float:
    valid, lost = phone.verdicts(sample)
    return float((valid | lost).mean())


class RepadPhoneNumbers:
    name = "be-phone-repad"
    reads = ("be-phone-lost-zero",)  # the finding types its plan reads
    label = Msg(
        "Remettre le 0 initial des numéros de téléphone belges (ex. 81246411 → 081246411)",
        "Restore the leading 0 of Belgian phone numbers (e.g. 81246411 → 081246411)",
    )

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        columns = columns_of_kind(table, phone.KIND, context.kinds, score=_phone_or_lost_zero)
        return _repad_lost_zeros(self.name, table, columns, phone.verdicts, _zero_first)

    def plan(self, context: FixContext) -> FixPlan | None:
        return _repad_plan(context, "be-phone-lost-zero", phone.verdicts, _zero_first)


def _zero_first(cell: str) -> str:
    return "0" + cell.strip()


def _repad_plan(context: FixContext, finding_type: str, verdicts: Verdicts, repad: Callable[[str], str]) -> FixPlan | None:
    """A streaming plan: in the columns where the check found lost zeros, re-pad the distinct cells that lost one."""
    from odwb_assist.plugin import columns_of

    def rewrite(raw: pd.Series) -> pd.Series:
        values = non_empty(raw)
        if values.empty:
            return raw
        _, lost = verdicts(values)
        rows = values.index[lost.to_numpy(dtype=bool)]
        if not len(rows):
            return raw
        result = raw.copy()
        result[rows] = raw[rows].map(repad)
        return result

    columns = columns_of(context, [finding_type])
    return FixPlan(rewrites=dict.fromkeys(columns, rewrite)) if columns else None


class StripPrefix:
    """A fix that removes from the cells of a kind's columns what is not part of the value before it (« B- » before a
    postal code, « mailto: » before an address): ``strip`` gives the value, or None to leave the cell as it is (a
    value not known after the prefix stays, and stays reported). Its plan reads the columns of ``finding``."""

    def __init__(self, name: str, finding: str, label: Msg, kind: FieldKind, strip: Callable[[str], str | None]) -> None:
        self.name = name
        self.reads = (finding,)  # the finding types its plan reads
        self.label = label
        self.kind = kind
        self.strip = strip

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        result = table.copy()
        changes: list[Change] = []
        for column in columns_of_kind(table, self.kind, context.kinds):
            raw = table[column].astype(str)
            fixed = self.cells(raw)
            for row in table.index[fixed != raw]:
                result.loc[row, column] = fixed[row]
                changes.append(Change(self.name, int(row), str(column), raw[row], fixed[row]))
        return result, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from odwb_assist.plugin import columns_of

        columns = columns_of(context, list(self.reads))
        return FixPlan(rewrites=dict.fromkeys(columns, self.cells)) if columns else None

    def cells(self, raw: pd.Series) -> pd.Series:
        """Each distinct cell that ``strip`` reads, replaced by its value; every other cell as it is."""
        found = {cell: value for cell in raw.unique().tolist() if (value := self.strip(str(cell)))}
        if not found:
            return raw
        return raw.where(~raw.isin(list(found)), raw.map(found))


STRIP_POSTAL_PREFIX = StripPrefix(
    "be-postal-strip-prefix", "be-postal-prefixed",
    Msg("Retirer le préfixe de pays des codes postaux (ex. B-5000 → 5000)",
        "Remove the country prefix of postal codes (e.g. B-5000 → 5000)"),
    postal.KIND, postal.unprefixed)
STRIP_MAILTO = StripPrefix(
    "email-strip-mailto", "email-mailto",
    Msg("Retirer « mailto: » des adresses e-mail", "Remove 'mailto:' from e-mail addresses"),
    email.KIND, email.unlinked)


STRIP_PHONE_LABEL = StripPrefix(
    "be-phone-strip-label", "be-phone-labelled",
    Msg("Retirer le mot devant les numéros de téléphone (« Tél. 081 24 64 11 » → « 081 24 64 11 »)",
        "Remove the word before phone numbers ('Tél. 081 24 64 11' → '081 24 64 11')"),
    phone.KIND, phone.unlabelled)
UNMASK_EMAIL = StripPrefix(
    "email-unmask", "email-masked",
    Msg("Adresses e-mail écrites avec leur arobase (« [at] » → « @ »)", "E-mail addresses written with their @ ('[at]' → '@')"),
    email.KIND, email.unmasked)


FIXES = (RepadEnterpriseNumbers(), ReplaceRetiredNisCodes(), RepadPhoneNumbers(), STRIP_POSTAL_PREFIX, STRIP_MAILTO,
         UNMASK_EMAIL, STRIP_PHONE_LABEL, SplitPostalLocality(), SwapCoordinates())
