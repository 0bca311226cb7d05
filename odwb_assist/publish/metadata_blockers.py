"""Built-in plugin: the publication refuses metadata without a description, a theme and a confirmed licence.

Each is a blocker that can be lifted with a written justification, kept in the publication record, like
the personal-data blocker (``publish --override missing-description --justification "…"``). A theme outside
the vocabulary cannot be lifted: the portal would refuse it. The licence's presence and openness are
checked by the core blockers (``publish_blockers``); here, only whether the publisher chose it.
"""

from __future__ import annotations

from typing import Any

from ..core.contract import Blocker
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..metadata.confirmation import toml_line
from ..metadata.payload import clean_description
from ..metadata.rules_odwb import plain_text
from ..metadata.vocabularies import DEFAULT_LICENCE, match_theme, project_themes, theme_vocabulary, unknown_value


def _value(template: dict[str, Any], name: str) -> Any:
    value = template.get(name)
    return value.get("value") if isinstance(value, dict) and "value" in value else value


def _override(code: str) -> tuple[str, str]:
    return (f" Si vous devez publier quand même, expliquez pourquoi : --override {code} --justification \"…\".",
            f" If you must publish anyway, explain why: --override {code} --justification \"…\".")


def _blocker(code: str, fr: str, en: str, advice_fr: str, advice_en: str, field: str, *,
             overridable: bool = True) -> Blocker:
    extra_fr, extra_en = _override(code) if overridable else ("", "")
    return Blocker(code, Msg(fr, en), Msg(advice_fr + extra_fr, advice_en + extra_en), field_name=field,
                   overridable=overridable, source="publish.metadata_blockers")


def metadata_blockers(project: Any, metadata: dict[str, Any]) -> list[Blocker]:
    """The blockers of a publication payload (``{"default": {…}, …}``, licence and themes as labels)."""
    default = metadata.get("default") or {}
    unconfirmed: frozenset[str] = getattr(default, "unconfirmed", frozenset())
    found: list[Blocker] = []
    description = _value(default, "description")
    if not plain_text(clean_description(str(description or ""))) or "default.description" in unconfirmed:
        found.append(_blocker(
            "missing-description", "Aucune description : personne ne saura ce que contiennent les données.",
            "No description: nobody will know what the data holds.",
            "Écrivez-la dans [datasets.metadata] de odwb.toml (description = \"…\" : contenu, source, méthode de "
            "collecte, fréquence de mise à jour, limites), ou « odwb-assist document --interactive ».",
            "Write it in [datasets.metadata] of odwb.toml (description = \"…\": content, source, collection method, "
            "update frequency, limits), or 'odwb-assist document --interactive'.", "description"))
    themes = _value(default, "theme") or _value(default, "theme_id")
    themes = [themes] if isinstance(themes, str) else list(themes or [])
    if not themes or "default.theme" in unconfirmed:
        guess = f" (l'outil propose « {', '.join(map(str, themes))} »)" if themes else ""
        guess_en = f" (the tool proposes '{', '.join(map(str, themes))}')" if themes else ""
        found.append(_blocker(
            "missing-theme", f"Aucun thème choisi{guess} : le jeu ne sera pas rangé dans le catalogue.",
            f"No theme chosen{guess_en}: the dataset will not be filed in the catalogue.",
            f"Choisissez un thème d'ODWB et écrivez-le dans [datasets.metadata] de odwb.toml "
            f"({toml_line('default.theme', themes[:1] or ['Mobilité'])}).",
            f"Choose an ODWB theme and write it in [datasets.metadata] of odwb.toml "
            f"({toml_line('default.theme', themes[:1] or ['Mobilité'])}).", "theme"))
    else:
        known = project_themes(project)
        vocabulary = theme_vocabulary(known)
        for theme in themes:
            if match_theme(str(theme), vocabulary) is None and str(theme) not in (known or {}).values():
                message, advice, _proposal = unknown_value("theme", str(theme), known)
                found.append(Blocker("theme-unknown", message, advice, field_name="theme", overridable=False,
                                     source="publish.metadata_blockers"))
    licence = _value(default, "license")
    if licence and "default.license" in unconfirmed:
        found.append(_blocker(
            "license-unconfirmed", f"La licence « {licence} » est seulement proposée par défaut : personne ne l'a "
            "choisie.", f"Licence '{licence}' is only proposed by default: nobody chose it.",
            f"Choisissez la licence et écrivez-la dans [datasets.metadata] de odwb.toml (license = \"{licence}\" ; "
            f"{DEFAULT_LICENCE.label} est recommandée en Wallonie, CC BY 4.0 acceptée).",
            f"Choose the licence and write it in [datasets.metadata] of odwb.toml (license = \"{licence}\"; "
            f"{DEFAULT_LICENCE.label} is the Walloon default, CC BY 4.0 is accepted).", "license"))
    return found


@hookimpl
def odwb_publication_blockers(project: Any, metadata: Any) -> list[Blocker]:
    return metadata_blockers(project, metadata) if isinstance(metadata, dict) else []
