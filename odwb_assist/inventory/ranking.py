"""Which datasets to open first: a score from value, effort, personal data and legal constraints.

The score (0–100) rewards value for re-users (60 points) and low effort (40 points), then takes
away points for what slows an opening down (personal data, legal constraints) and adds a few for
EU high-value categories. Every ranking carries its reasons, in French and English, so that a
trainer can discuss them with the room. Already published entries come last.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..core.i18n import Msg
from .model import Inventory, InventoryEntry, fold

PERSONAL_PENALTY = {"oui": 25, "partiellement": 12}
LEGAL_PENALTY = 15
HVD_BONUS = 10
NO_CONSTRAINT = {"", "non", "aucune", "aucun", "neant", "none", "no", "-"}

QUADRANTS: dict[str, Msg] = {
    "quick-win": Msg("Gain rapide", "Quick win"),
    "major-project": Msg("Projet de fond", "Major project"),
    "easy-extra": Msg("Si le temps le permet", "If time allows"),
    "not-now": Msg("Pas maintenant", "Not now"),
}


@dataclass
class Ranked:
    """One inventory entry with its rank, score, quadrant of the value/effort matrix and reasons."""

    entry: InventoryEntry
    score: int
    rank: int = 0
    quadrant: str = "quick-win"
    reasons: list[Msg] = field(default_factory=list)

    def reasons_text(self, lang: str = "fr") -> str:
        return " ; ".join(r(lang) for r in self.reasons)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "rank": self.rank, "identifier": self.entry.identifier, "title": self.entry.title, "score": self.score,
            "value": self.entry.value, "effort": self.entry.effort, "quadrant": self.quadrant,
            "quadrant_label": QUADRANTS[self.quadrant](lang), "reasons": [r(lang) for r in self.reasons],
        }


def quadrant(value: int, effort: int) -> str:
    if value >= 3:
        return "quick-win" if effort <= 3 else "major-project"
    return "easy-extra" if effort <= 3 else "not-now"


def score_entry(entry: InventoryEntry) -> Ranked:
    """The score and reasons of one entry (rank 0 until :func:`prioritise` orders them)."""
    reasons: list[Msg] = []
    value, effort = entry.value, entry.effort
    if value is None:
        value = 3
        reasons.append(Msg("valeur non renseignée, comptée 3/5", "value not given, counted as 3/5"))
    else:
        reasons.append(Msg(f"valeur {value}/5 pour les réutilisateurs", f"value {value}/5 for re-users"))
    if effort is None:
        effort = 3
        reasons.append(Msg("effort non renseigné, compté 3/5", "effort not given, counted as 3/5"))
    else:
        reasons.append(Msg(f"effort {effort}/5 pour l'ouvrir", f"effort {effort}/5 to open it"))
    score = round((value - 1) / 4 * 60 + (5 - effort) / 4 * 40)
    penalty = PERSONAL_PENALTY.get(entry.personal_data, 0)
    if penalty:
        score -= penalty
        what = "contient" if entry.personal_data == "oui" else "contient en partie"
        what_en = "holds" if entry.personal_data == "oui" else "partly holds"
        reasons.append(Msg(f"{what} des données personnelles : à anonymiser ou retirer avant publication (−{penalty})",
                           f"{what_en} personal data: anonymise or remove it before publishing (−{penalty})"))
    elif not entry.personal_data:
        reasons.append(Msg("données personnelles non évaluées : à vérifier", "personal data not assessed: check it"))
    if fold(entry.legal_constraints) not in NO_CONSTRAINT:
        score -= LEGAL_PENALTY
        reasons.append(Msg(f"contrainte légale à lever : {entry.legal_constraints} (−{LEGAL_PENALTY})",
                           f"legal constraint to clear: {entry.legal_constraints} (−{LEGAL_PENALTY})"))
    if entry.hvd_category:
        score += HVD_BONUS
        reasons.append(Msg(f"catégorie de haute valeur UE « {entry.hvd_category} » (+{HVD_BONUS})",
                           f"EU high-value category '{entry.hvd_category}' (+{HVD_BONUS})"))
    ranked = Ranked(entry, max(0, min(100, score)), quadrant=quadrant(value, effort), reasons=reasons)
    ranked.reasons.insert(0, QUADRANTS[ranked.quadrant])
    return ranked


def prioritise(inventory: Inventory | Iterable[InventoryEntry]) -> list[Ranked]:
    """Rank the entries, best first; entries already published come last, with that reason."""
    entries = inventory.entries if isinstance(inventory, Inventory) else list(inventory)
    scored = [score_entry(e) for e in entries]
    for r in scored:
        if r.entry.status == "publié":
            r.reasons.insert(0, Msg("déjà publié sur ODWB", "already published on ODWB"))
    order = sorted(scored, key=lambda r: (r.entry.status == "publié", -r.score, r.entry.effort or 3,
                                          r.entry.identifier))
    for i, r in enumerate(order, start=1):
        r.rank = i
    return order
