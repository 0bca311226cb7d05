"""The ``be-iban`` kind: Belgian IBANs checked vectorised with the rules of ``stdnum.be.iban`` (ISO
13616 mod 97, the Belgian national check, a bank code known to stdnum's bank list); foreign IBANs go
to ``stdnum.iban`` on distinct values. A wrong check digit is an error (``be-iban-invalid``); an account whose
check digits are right but whose bank code stdnum's list lacks is a warning (``be-iban-unknown-bank``: the list,
from the National Bank's, lags behind new banks). In a table whose rows are people (a first-name or birth-date column, a survey
tool's export, a register's people: the core's ``rows_are_people``), each account is a person's: personal data
(``be-iban-personal``, an error that blocks publication; an association's or a commune's account elsewhere is not).
Unlike a phone, a public office holder's bank account is not the office's: no exception for them."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache

import pandas as pd

from odwb_assist.plugin import CheckContext, ColumnValues, FieldKind, Finding, Msg, rows_are_people

from .distinct import emit_values, encode, filled, stripped
from .findings import VALUE_CACHE, compact, share
from .messages import errors


@cache
def bank_codes() -> frozenset[str]:
    """The Belgian bank identifiers (first 3 digits of the account) known to stdnum's bank database."""
    from stdnum import numdb

    banks = numdb.get("be/banks")
    return frozenset(code for code in (f"{i:03d}" for i in range(1000)) if banks.info(code)[0][1])


@lru_cache(maxsize=VALUE_CACHE)
def _foreign_ok(value: str) -> bool:
    from stdnum import iban as std_iban

    return bool(std_iban.is_valid(value))


def valid_mask(values: pd.Series) -> pd.Series:
    """The valid IBANs: both check digits right and, for a Belgian one, a bank code of stdnum's list."""
    checked, banked = _verdicts(values)
    return checked & banked


def checked_mask(values: pd.Series) -> pd.Series:
    """The IBANs whose check digits are right, whatever their bank (an account typed in a text is one)."""
    return _verdicts(values)[0]


def _verdicts(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """For each value: whether its check digits are right (ISO 13616 mod 97 and, for a Belgian IBAN, the national
    check of the account), and whether its bank is known (a Belgian bank code of stdnum's list; True abroad)."""
    text = compact(values).str.removeprefix("IBAN")
    checked = pd.Series(False, index=values.index)
    banked = pd.Series(True, index=values.index)
    be = text.str.fullmatch(r"BE\d{14}")
    if be.any():
        c = text[be]
        # ISO 13616: move BE+kk to the end, B=11, E=14 → BBBAAAAAAACC 1114 kk, then mod 97 == 1
        account = c.str[4:].astype("int64")  # BBBAAAAAAACC, 12 digits
        check = c.str[2:4].astype("int64")
        iso = (account * 1_000_000 + 111_400 + check) % 97 == 1
        national = ((account // 100) % 97).replace(0, 97) == account % 100
        checked[c.index] = iso & national
        banked[c.index] = c.str[4:7].isin(bank_codes())
    other = ~be & text.str.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}")
    if other.any():
        ok = {v for v in text[other].unique() if _foreign_ok(v)}
        checked[text.index[other & text.isin(ok)]] = True
    return checked, banked


def detect(sample: pd.Series) -> float:
    return share(sample, valid_mask)


def validate_values(column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
    keep = filled(column)
    if keep.any():
        checked, banked = (verdict.to_numpy(dtype=bool) for verdict in _verdicts(stripped(column)))
        yield from emit_values("be-iban-invalid", column, keep & ~checked, context)
        # two check digits right, a bank code stdnum's list does not hold: a bank newer than the list, most likely
        # (a typo passing both checks is one in 9,409): said, never an error that blocks the publication
        yield from emit_values("be-iban-unknown-bank", column, keep & checked & ~banked, context)
        if rows_are_people(context):  # people's bank accounts (a survey's respondents too)
            yield from emit_values("be-iban-personal", column, keep & checked, context)


def validate(series: pd.Series, field_name: str, context: CheckContext) -> Iterator[Finding]:
    yield from validate_values(encode(series, field_name), context)


KIND = FieldKind(
    name="be-iban",
    identifier=True,  # each value belongs to its row (never a merged label)
    label=Msg("IBAN", "IBAN"),
    header_patterns=(r"iban", r"compte.?bancaire", r"rekeningnummer", r"bank.?account"),
    detect=detect,
    validate=validate,
    validate_values=validate_values,
    threshold=0.5,
    value_threshold=0.9,
    priority=15,
    prefilter=r"[A-Za-z][\W_]*[A-Za-z][\W_]*\d[\W_]*\d(?:[\W_]*[A-Za-z0-9]){10}",  # country, check, 10+ more
    types=("be-iban-invalid", "be-iban-unknown-bank", "be-iban-personal"),
    blocking=errors(("be-iban-invalid", "be-iban-personal")),
)
