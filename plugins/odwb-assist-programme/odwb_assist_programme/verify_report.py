"""What the obligation check found: per administration (:class:`VerifyEntry`), the datasets attributed to it
(:class:`VerifiedDataset`, with the reason and the dates), and the whole :class:`VerifyReport` (JSON, Jupyter).
:mod:`.verify` builds it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from odwb_assist.plugin import PublisherMatch


@dataclass
class VerifiedDataset:
    dataset_id: str
    title: str | None
    publisher: str | None
    published: str | None
    in_window: bool
    recorded: bool = False
    when: str = "in"  # "in" the window, "after" its end, "before" its start, "unknown" (no date)
    reason: str = ""  # why it belongs to the administration (French)
    claimed: str | None = None  # ``modified``: the date its owner wrote, shown as evidence only
    decision: str = ""  # "recorded", "confirmed" (by staff), "pending" (à confirmer), "rejected"

    def to_dict(self) -> dict[str, Any]:
        return {"dataset_id": self.dataset_id, "title": self.title, "publisher": self.publisher,
                "published": self.published, "in_window": self.in_window, "recorded": self.recorded,
                "when": self.when, "reason": self.reason, "claimed": self.claimed, "decision": self.decision}

    def evidence(self, lang: str = "fr") -> str:
        """« éditeur « Ville de Namur », date du portail 2021-06-15 (déclarée 2021-06-15) »; the reason of the
        match is printed with the publisher names."""
        fr = (f"éditeur « {(self.publisher or '?').strip()} », date du portail {(self.published or '?')[:10]} "
              f"(déclarée {(self.claimed or '?')[:10]})")
        en = (f"publisher '{(self.publisher or '?').strip()}', portal date {(self.published or '?')[:10]} "
              f"(claimed {(self.claimed or '?')[:10]})")
        return en if lang == "en" else fr

    def outside_text(self, lang: str = "fr") -> str:
        """« publié après la fin du programme, le 2021-12-02 » (and the other cases)."""
        day = (self.published or "")[:10]
        fr, en = {"after": ("publié après la fin du programme, le {d}", "published after the end of the programme, on {d}"),
                  "before": ("publié avant le début du programme, le {d}", "published before the programme started, on {d}"),
                  "unknown": ("date de publication inconnue", "publication date unknown")}.get(
                      self.when, ("publié pendant le programme, le {d}", "published during the programme, on {d}"))
        return (en if lang == "en" else fr).format(d=day)


@dataclass
class VerifyEntry:
    administration: str
    nis_code: str | None
    state: str
    names: list[str]
    datasets: list[VerifiedDataset] = field(default_factory=list)
    other_datasets: list[VerifiedDataset] = field(default_factory=list)
    matches: list[PublisherMatch] = field(default_factory=list)
    late_count: int = 0  # datasets published after the window under a matched publisher name (facet counts)
    pending: list[VerifiedDataset] = field(default_factory=list)  # « à confirmer » by staff

    @property
    def obligation_met(self) -> bool:
        return bool(self.datasets)

    @property
    def found(self) -> bool:
        """A dataset in the window: counted, or « à confirmer » by staff."""
        return bool(self.datasets or self.pending)

    def to_dict(self) -> dict[str, Any]:
        return {
            "administration": self.administration, "nis_code": self.nis_code, "state": self.state, "names": self.names,
            "datasets": [d.to_dict() for d in self.datasets],
            "other_datasets": [d.to_dict() for d in self.other_datasets],
            "publishers_matched": [m.to_dict() for m in self.matches], "late_count": self.late_count,
            "to_confirm": [d.to_dict() for d in self.pending],
            "obligation_met": self.obligation_met,
        }


@dataclass
class VerifyReport:
    edition: str
    portal: str
    start: date
    end: date
    entries: list[VerifyEntry]
    requests: int
    strategy: str
    checked_at: str = ""

    @property
    def all_met(self) -> bool:
        return all(e.obligation_met for e in self.entries)

    @property
    def missing(self) -> list[str]:
        return [e.administration for e in self.entries if not e.obligation_met]

    @property
    def unfound(self) -> list[str]:
        """Administrations with no dataset in the window at all, not even one to confirm."""
        return [e.administration for e in self.entries if not e.found]

    def to_dict(self) -> dict[str, Any]:
        return {"edition": self.edition, "portal": self.portal, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "checked_at": self.checked_at, "requests": self.requests, "strategy": self.strategy, "all_met": self.all_met,
                "administrations": [e.to_dict() for e in self.entries]}

    def _repr_html_(self) -> str:
        """A self-contained fragment for Jupyter (inline styles, no script, no external resource)."""
        rows = []
        for e in self.entries:
            mark = "✔ oui" if e.obligation_met else "✘ non"
            color = "#1a7f37" if e.obligation_met else "#b42318"
            datasets = ", ".join(escape(d.dataset_id) for d in e.datasets) or "—"
            rows.append(f'<tr><td style="padding:2px 8px">{escape(e.administration)}</td>'
                        f'<td style="padding:2px 8px">{escape(e.nis_code or "")}</td>'
                        f'<td style="padding:2px 8px;color:{color};font-weight:bold">{mark}</td>'
                        f'<td style="padding:2px 8px">{datasets}</td></tr>')
        summary = (f"{sum(e.obligation_met for e in self.entries)} / {len(self.entries)} administration(s) "
                   f"ont publié entre le {self.start.isoformat()} et le {self.end.isoformat()}")
        return (f'<div class="odwb-verify"><h3>Vérification « {escape(self.edition)} » — {escape(self.portal)}</h3>'
                f"<p>{summary} ({self.requests} requête(s)).</p>"
                '<table style="border-collapse:collapse"><thead><tr><th style="text-align:left;padding:2px 8px">'
                'Administration</th><th style="text-align:left;padding:2px 8px">INS</th><th style="text-align:left;'
                'padding:2px 8px">Obligation remplie</th><th style="text-align:left;padding:2px 8px">Jeux publiés'
                f'</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
