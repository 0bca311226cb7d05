"""How a metadata rule words what it finds: :func:`finding`, :func:`proposed` (a value the tool proposed and
nobody confirmed), and the e-mail address pattern that both built-in rule sets (MQA and ODWB) check."""

from __future__ import annotations

import re

from ..core.i18n import Msg
from .confirmation import toml_line
from .score import MetadataFinding, ScoreContext

EMAIL = re.compile(r"^[\w.+'-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}$", re.I)


def finding(code: str, field: str | None, fr: str, en: str, advice_fr: str, advice_en: str, *,
            lost: int | None = None, severity: str = "warning", example: str | None = None) -> MetadataFinding:
    return MetadataFinding(code, field, Msg(fr, en), Msg(advice_fr, advice_en), lost, severity, example)


def proposed(ctx: ScoreContext, key: str, code: str, what_fr: str, what_en: str, *,
             severity: str = "warning") -> MetadataFinding:
    """A value the tool proposed and nobody confirmed: it earns no point until written in odwb.toml.

    ``what_fr`` says what was proposed, agreed in gender (« Thème proposé par l'outil, pas encore confirmé »).
    """
    value = ctx.metadata.get(key)
    shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    line = toml_line(key, value)
    return finding(code, key, f"{what_fr} : « {shown} ».", f"{what_en}: '{shown}'.",
                   f"Si la proposition convient, confirmez-la en l'écrivant dans [datasets.metadata] de odwb.toml "
                   f"({line}), ou répondez aux questions de « odwb-assist document --interactive ». Une proposition "
                   "ne compte qu'une fois confirmée.",
                   f"If the proposal is right, confirm it by writing it in [datasets.metadata] of odwb.toml ({line}), "
                   "or answer the questions of 'odwb-assist document --interactive'. A proposal counts only once "
                   "confirmed.", severity=severity)
