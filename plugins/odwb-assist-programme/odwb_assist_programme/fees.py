"""Fees of an edition (art. 3): one participant pays the single rate, from two each pays the
per-participant rate; VAT on top. Amounts are :class:`~decimal.Decimal` euros, rounded to the cent."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from odwb_assist.plugin import InputError

from .edition import Edition

CENT = Decimal("0.01")


@dataclass(frozen=True)
class FeeQuote:
    participants: int
    excl_vat: Decimal
    vat: Decimal
    incl_vat: Decimal
    programme_value: Decimal

    def to_dict(self) -> dict[str, object]:
        return {
            "participants": self.participants, "excl_vat": str(self.excl_vat), "vat": str(self.vat),
            "incl_vat": str(self.incl_vat), "programme_value": str(self.programme_value),
        }


def quote(edition: Edition, participants: int) -> FeeQuote:
    """The amount due for ``participants`` employees (1 → 250 € HTVA; 3 → 600 € HTVA, 726 € TVAC)."""
    if not 1 <= participants <= edition.max_participants:
        raise InputError(
            f"Nombre de participants {participants} impossible : entre 1 et {edition.max_participants}.",
            f"Impossible number of participants {participants}: between 1 and {edition.max_participants}.",
        )
    fees = edition.fees
    excl = fees.single if participants == 1 else fees.per_participant * participants
    excl = excl.quantize(CENT, ROUND_HALF_UP)
    vat = (excl * fees.vat_rate).quantize(CENT, ROUND_HALF_UP)
    return FeeQuote(participants, excl, vat, excl + vat, (fees.programme_value * participants).quantize(CENT))
