"""Built-in plugin: the core publication blockers (invalid file, missing licence, licence not open).

Block it with ``--block publish.core_blockers`` (for a training portal, say); each blocker can also be
lifted one by one with ``publish --override CODE --justification TEXT`` when it is overridable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..core.contract import Blocker
from ..core.findings import PERSONAL_DATA_TYPES
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg, sentence

# Words that make a licence label "not open data" (non-commercial, no derivatives, all rights reserved).
CLOSED_MARKERS = re.compile(
    r"(\bnc\b|\bnd\b|non[- ]?commercial|pas d'utilisation commerciale|no ?derivs?|sans modification|"
    r"pas de modification|tous droits r[ée]serv[ée]s|all rights reserved|propri[ée]taire|proprietary)",
    re.I,
)


def _value(template: dict[str, Any], name: str) -> Any:
    value = template.get(name)
    return value.get("value") if isinstance(value, dict) and "value" in value else value


def licence_of(metadata: Any) -> str | None:
    """The licence label (``default.license``) or id (``internal.license_id``) of a payload, if any."""
    if not isinstance(metadata, dict):
        return None
    for template, name in (("default", "license"), ("internal", "license_id"), ("default", "license_id")):
        value = _value(metadata.get(template) or {}, name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def is_closed_licence(label: str) -> bool:
    """True for a licence that is not open data (NC, ND, all rights reserved…)."""
    try:
        from ..metadata.vocabularies import find_licence
    except ImportError:  # the metadata vocabularies are optional here
        find_licence = None  # type: ignore[assignment]
    if find_licence is not None:
        known = find_licence(label)
        if known is not None:
            return not known.is_open
    return bool(CLOSED_MARKERS.search(label.replace("-", " ")))




def _invalid_file(report: Any, skip: Callable[[Any], bool] | None = None) -> list[Blocker]:
    if report is None:
        return []
    errors = [f for f in (getattr(report, "errors", None) or []) if str(getattr(f, "severity", "error")) == "error"
              and not (skip is not None and skip(f))]
    if not errors:
        return []
    first = errors[0]
    row, field = getattr(first, "row_number", None), getattr(first, "field_name", None)
    # where it is, before its message (a sentence of its own: « … (ligne 2). (ligne 1). » read after it)
    where_fr = ", ".join([*([f"ligne {row}"] if row else []), *([f"colonne « {field} »"] if field else [])])
    where_en = ", ".join([*([f"row {row}"] if row else []), *([f"column '{field}'"] if field else [])])
    message = getattr(first, "message", None)
    first_fr = sentence(message("fr") if callable(message) else str(message or ""))
    first_en = sentence(message("en") if callable(message) else str(message or ""))
    return [Blocker(
        code="invalid-file",
        message=Msg(
            f"Le fichier contient {len(errors)} erreur(s) de qualité. Première{f' ({where_fr})' if where_fr else ''} : "
            f"{first_fr}",
            f"The file has {len(errors)} quality error(s). First{f' ({where_en})' if where_en else ''}: {first_en}",
        ),
        advice=FIXABLE_ADVICE if _fixable(errors) else BY_HAND_ADVICE,
    )]


FIXABLE_ADVICE = Msg("Lancez « odwb-assist check » pour voir chaque erreur et sa correction, corrigez le fichier (ou "
                     "« odwb-assist fix »), puis relancez la publication.",
                     "Run 'odwb-assist check' to see each error and its fix, correct the file (or 'odwb-assist fix'), "
                     "then publish again.")
BY_HAND_ADVICE = Msg("Lancez « odwb-assist check » pour voir chaque erreur et sa correction, corrigez le fichier à la main "
                     "(« odwb-assist fix » ne corrige pas ces erreurs-là), puis relancez la publication.",
                     "Run 'odwb-assist check' to see each error and its fix, correct the file by hand ('odwb-assist fix' "
                     "does not correct those errors), then publish again.")


def _fixable(errors: list[Any]) -> bool:
    """Whether a fix may take one of ``errors`` out (one of the types a registered fix resolves): else « odwb-assist
    fix » is not advised (it would write a copy with the same errors)."""
    from ..core.fix_contract import resolved_by
    from ..quality.fix_engine import available_fixes

    types = {kind for item in available_fixes() for kind in resolved_by(item)}
    return any(getattr(error, "type", None) in types for error in errors)


def without_double_counts(blockers: list[Blocker], report: Any) -> list[Blocker]:
    """Personal data already stopped by a ``personal-data`` blocker of its column is not counted again as a quality
    error by ``invalid-file`` (else lifting ``personal-data`` with a justification could never let the file through)."""
    covered = {b.field_name for b in blockers if b.code == "personal-data" and b.field_name}
    if not covered or not any(b.code == "invalid-file" for b in blockers):
        return blockers
    rest = _invalid_file(report, skip=lambda f: getattr(f, "type", None) in PERSONAL_DATA_TYPES
                         and getattr(f, "field_name", None) in covered)
    out: list[Blocker] = []
    for blocker in blockers:
        if blocker.code != "invalid-file":
            out.append(blocker)
        elif rest:
            out.append(rest.pop())
    return out


@hookimpl
def odwb_publication_blockers(report: Any, metadata: Any) -> list[Blocker]:
    blockers = _invalid_file(report)
    licence = licence_of(metadata)
    if licence is None:
        blockers.append(Blocker(
            code="missing-license",
            message=Msg("Aucune licence n'est indiquée : sans licence, personne ne peut réutiliser les données.",
                        "No licence is given: without one, nobody may reuse the data."),
            advice=Msg("Indiquez la licence dans les métadonnées (license = \"CC0 1.0\", la licence recommandée en "
                       "Wallonie, ou \"CC BY 4.0\"), puis relancez.",
                       "Set the licence in the metadata (license = \"CC0 1.0\", the Walloon default, or \"CC BY 4.0\"), "
                       "then run again."),
            field_name="license", overridable=False,
        ))
    elif is_closed_licence(licence):
        blockers.append(Blocker(
            code="license-not-open",
            message=Msg(f"La licence « {licence} » n'est pas une licence ouverte (usage commercial ou modification "
                        "interdits) : ce ne sont pas des données ouvertes.",
                        f"Licence '{licence}' is not an open licence (no commercial use or no derivatives): this is "
                        "not open data."),
            advice=Msg("Choisissez CC0 1.0 (recommandée) ou CC BY 4.0. Si une licence fermée est imposée, expliquez-le "
                       "avec --override license-not-open --justification \"…\".",
                       "Choose CC0 1.0 (recommended) or CC BY 4.0. If a closed licence is required, explain why with "
                       "--override license-not-open --justification \"…\"."),
            field_name="license",
        ))
    return blockers
