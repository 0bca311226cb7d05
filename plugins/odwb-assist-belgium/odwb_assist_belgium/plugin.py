"""Hook implementations of the Belgian plugin (registered as ``belgium``; ``--block belgium`` turns it all off)."""

from __future__ import annotations

from typing import Any

from odwb_assist.plugin import Blocker, CheckContext, FieldKind, hookimpl

__all__ = [
    "odwb_field_kinds",
    "odwb_checks",
    "odwb_fixes",
    "odwb_enrich_metadata",
    "odwb_publication_blockers",
]


@hookimpl
def odwb_field_kinds() -> list[FieldKind]:
    from .kinds import KINDS

    return list(KINDS)


@hookimpl
def odwb_checks(context: CheckContext) -> list[Any]:
    from .accounts_in_text import AccountsInTextCheck
    from .commune_columns import CommuneColumnsCheck
    from .commune_columns import applies as commune_columns_apply
    from .consistency import CommuneConsistencyCheck, commune_column
    from .contact_phones import ContactPhonesCheck
    from .contact_phones import applies as contact_phones_apply
    from .coordinates_pair import SwappedCoordinatesCheck
    from .mixed_levels import MixedLevelsCheck
    from .national_number_scan import NationalNumberScan
    from .phones_in_text import PhonesInTextCheck
    from .postal_locality import PostalLocalityCheck
    from .territory import KINDS as TERRITORY_KINDS
    from .territory import OutsideWalloniaCheck

    kinds = set(context.kinds.values())
    checks: list[Any] = [NationalNumberScan(), PhonesInTextCheck(), AccountsInTextCheck(), PostalLocalityCheck()]
    if "be-nis-code" in kinds or "be-postal-code" in kinds:
        checks.append(CommuneConsistencyCheck())
    if "be-nis-code" in kinds or commune_column(context):
        checks.append(MixedLevelsCheck())
    if kinds & set(TERRITORY_KINDS):
        checks.append(OutsideWalloniaCheck())
    if {"wgs84-latitude", "wgs84-longitude"} <= kinds:
        checks.append(SwappedCoordinatesCheck())
    if contact_phones_apply(context):
        checks.append(ContactPhonesCheck())
    if commune_columns_apply(context):
        checks.append(CommuneColumnsCheck())
    return checks


@hookimpl
def odwb_fixes() -> list[Any]:
    from .fixes import FIXES

    return list(FIXES)


@hookimpl
def odwb_enrich_metadata(project: Any, metadata: Any, source: Any) -> dict[str, Any] | None:
    from .enrich import enrich

    # the table the draft has already read (read again only when the draft has none)
    frame = getattr(getattr(getattr(metadata, "context", None), "source", None), "frame", None)
    return enrich(source, frame) or None


@hookimpl
def odwb_publication_blockers(project: Any, report: Any, metadata: Any) -> list[Blocker]:
    from .blockers import personal_data_blockers, report_fields, report_findings

    counts = getattr(report, "stats", None)
    kinds = getattr(report, "kinds", None)
    return personal_data_blockers(report_findings(report), report_fields(report),
                                  counts=counts if isinstance(counts, dict) else None,
                                  kinds=kinds if isinstance(kinds, dict) else None)
