"""Every field kind of the Belgian plugin, in one tuple."""

from __future__ import annotations

from odwb_assist.plugin import FieldKind

from . import commune, email, enterprise, establishment, iban, national_number, nis, phone, postal
from .coordinates import KINDS as COORDINATE_KINDS

KINDS: tuple[FieldKind, ...] = (
    nis.KIND,
    postal.KIND,
    commune.KIND,
    enterprise.KIND,
    establishment.KIND,
    iban.KIND,
    phone.KIND,
    email.KIND,
    national_number.KIND,
    *COORDINATE_KINDS,
)
