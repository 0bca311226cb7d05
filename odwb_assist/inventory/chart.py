"""The value/effort matrix, as PNG and SVG, readable on a projector (matplotlib, Agg, no pyplot)."""

from __future__ import annotations

import math
import os
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..core.errors import InventoryError, os_reason
from ..core.i18n import normalise_lang
from .ranking import QUADRANTS, Ranked

COLOURS = {"oui": "#c0392b", "partiellement": "#e67e22", "non": "#27ae60", "": "#7f8c8d"}
LEGEND = {
    "oui": ("Données personnelles", "Personal data"),
    "partiellement": ("En partie personnelles", "Partly personal"),
    "non": ("Pas de données personnelles", "No personal data"),
    "": ("Non évalué", "Not assessed"),
}
SHADES = {"quick-win": "#d5f5e3", "major-project": "#fdebd0", "easy-extra": "#eaf2f8", "not-now": "#f2f3f4"}


def _positions(ranked: Sequence[Ranked]) -> list[tuple[float, float]]:
    """Effort (x) and value (y) of each entry, spread around the cell when several share it."""
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, r in enumerate(ranked):
        groups[(r.entry.effort or 3, r.entry.value or 3)].append(i)
    points: list[tuple[float, float]] = [(0.0, 0.0)] * len(ranked)
    for (x, y), members in groups.items():
        n = len(members)
        for k, i in enumerate(members):
            if n == 1:
                points[i] = (float(x), float(y))
            else:
                angle = 2 * math.pi * k / n
                radius = 0.28 if n <= 6 else 0.38
                points[i] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
    return points


def build_figure(ranked: Sequence[Ranked], lang: str = "fr", title: str | None = None) -> Figure:
    en = normalise_lang(lang) == "en"
    fig = Figure(figsize=(11, 7.5), dpi=120)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    for name, (x0, x1, y0, y1) in {"quick-win": (0.5, 3.5, 2.5, 5.5), "major-project": (3.5, 5.5, 2.5, 5.5),
                                   "easy-extra": (0.5, 3.5, 0.5, 2.5), "not-now": (3.5, 5.5, 0.5, 2.5)}.items():
        ax.axvspan(x0, x1, ymin=(y0 - 0.5) / 5, ymax=(y1 - 0.5) / 5, color=SHADES[name], zorder=0)
        ax.text(x0 + 0.08, y1 - 0.12, QUADRANTS[name]("en" if en else "fr"), fontsize=13, fontweight="bold",
                va="top", ha="left", color="#34495e", zorder=1)
    for r, (x, y) in zip(ranked, _positions(ranked), strict=True):
        colour = COLOURS.get(r.entry.personal_data, COLOURS[""])
        ax.scatter([x], [y], s=260, color=colour, edgecolors="white", linewidths=1.5, zorder=3)
        ax.annotate(str(r.rank), (x, y), ha="center", va="center", fontsize=9, color="white", fontweight="bold", zorder=4)
        label = r.entry.identifier + ("?" if r.entry.value is None or r.entry.effort is None else "")
        ax.annotate(label, (x, y), xytext=(9, 7), textcoords="offset points", fontsize=10, zorder=4)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel("Effort to open (1 = very easy, 5 = very heavy)" if en else
                  "Effort pour ouvrir (1 = très facile, 5 = très lourd)", fontsize=13)
    ax.set_ylabel("Value for re-users (1 = low, 5 = very high)" if en else
                  "Valeur pour les réutilisateurs (1 = faible, 5 = très forte)", fontsize=13)
    ax.set_title(title or ("Which data to open first?" if en else "Quelles données ouvrir d'abord ?"), fontsize=16)
    handles = [Line2D([0], [0], marker="o", linestyle="", markersize=11, color=COLOURS[k],
                      label=LEGEND[k][1 if en else 0]) for k in ("non", "partiellement", "oui", "")]
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, -0.2), ncol=4, frameon=False, fontsize=11)
    fig.subplots_adjust(bottom=0.2)
    return fig


def draw_matrix(ranked: Sequence[Ranked], out_dir: str | os.PathLike[str], *, lang: str = "fr",
                basename: str = "matrice-valeur-effort", title: str | None = None) -> tuple[Path, Path]:
    """Draw the value/effort matrix of ``ranked`` into ``out_dir``; return the PNG and SVG paths."""
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fig = build_figure(ranked, lang, title)
        png, svg = folder / f"{basename}.png", folder / f"{basename}.svg"
        fig.savefig(png, format="png")
        fig.savefig(svg, format="svg")
    except OSError as exc:
        reason = os_reason(exc)
        raise InventoryError(
            f"Impossible d'écrire le graphique dans {folder} ({reason.fr}) : choisissez un dossier où vous "
            "pouvez écrire (--chart-dir).",
            f"Cannot write the chart into {folder} ({reason.en}): choose a writable folder (--chart-dir).",
        ) from exc
    return png, svg
