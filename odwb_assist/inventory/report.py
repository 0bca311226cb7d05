"""``inventory check``: read an inventory, report its problems by row and column, announce the event."""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from ..core.events import INVENTORY_CHECKED, Event
from ..core.findings import Finding, Severity
from ..core.i18n import normalise_lang
from ..core.plugins import announce
from .model import Inventory
from .reader import DEFAULT, read


@dataclass
class InventoryReport:
    """The result of checking an inventory: its entries and findings, in one language."""

    path: str
    inventory: Inventory
    lang: str = "fr"

    @property
    def findings(self) -> list[Finding]:
        return self.inventory.findings

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.WARNING]

    @property
    def valid(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path, "valid": self.valid, "entries": len(self.inventory.entries),
            "errors": len(self.errors), "warnings": len(self.warnings),
            "findings": [f.to_dict(self.lang) for f in self.findings],
        }

    def render_text(self) -> str:
        en = normalise_lang(self.lang) == "en"
        lines = [
            (f"Inventory {self.path}: {len(self.inventory.entries)} entries, {len(self.errors)} error(s), "
             f"{len(self.warnings)} warning(s).") if en else
            (f"Inventaire {self.path} : {len(self.inventory.entries)} ligne(s), {len(self.errors)} erreur(s), "
             f"{len(self.warnings)} avertissement(s)."),
        ]
        labels = {"error": ("ERREUR", "ERROR"), "warning": ("ATTENTION", "WARNING"), "info": ("INFO", "INFO")}
        for f in self.findings:
            label = labels[f.severity.value][1 if en else 0]
            lines.append(f"- [{label}] {f.message(self.lang)}")
            lines.append(f"  → {f.tip(self.lang)}")
        if self.valid:
            lines.append("No error: the inventory is ready." if en else "Aucune erreur : l'inventaire est prêt.")
        return "\n".join(lines)

    def __repr__(self) -> str:
        if normalise_lang(self.lang) == "en":
            return (f"<InventoryReport {Path(self.path).name}: {len(self.inventory.entries)} entries, "
                    f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)>")
        return (f"<InventoryReport {Path(self.path).name} : {len(self.inventory.entries)} ligne(s), "
                f"{len(self.errors)} erreur(s), {len(self.warnings)} avertissement(s)>")

    def to_frame(self) -> Any:
        """The entries as a pandas DataFrame (one row per inventory line)."""
        return self.inventory.to_frame()

    def _repr_html_(self) -> str:
        """A small HTML table for notebooks: one row per finding, with its row, column and advice."""
        en = normalise_lang(self.lang) == "en"
        head = ("<tr><th>Row</th><th>Column</th><th>Problem</th><th>How to fix</th></tr>" if en else
                "<tr><th>Ligne</th><th>Colonne</th><th>Problème</th><th>Comment corriger</th></tr>")
        rows = "".join(
            f"<tr><td>{f.row_number or ''}</td><td>{escape(f.field_name or '')}</td><td>{escape(f.message(self.lang))}</td>"
            f"<td>{escape(f.tip(self.lang))}</td></tr>" for f in self.findings)
        title = escape(self.render_text().splitlines()[0])
        return f"<p><strong>{title}</strong></p>" + (f"<table>{head}{rows}</table>" if rows else "")


def check(path: str | os.PathLike[str], lang: str = "fr", *, plugins: Any = None, engine: Any = DEFAULT,
          project: Any = None) -> InventoryReport:
    """Read and check an inventory; announce ``inventory-checked`` to the plugins."""
    inventory = read(path, engine=engine, plugins=plugins, lang=lang)
    report = InventoryReport(str(Path(path)), inventory, normalise_lang(lang))
    administration = getattr(getattr(project, "administration", None), "name", None) or None
    nis = getattr(getattr(project, "administration", None), "nis_code", None)
    root = getattr(project, "root", None) if getattr(project, "path", None) else None
    announce(plugins, Event(INVENTORY_CHECKED, {
        "path": str(Path(path).resolve()), "entries": len(inventory.entries), "errors": len(report.errors),
        "warnings": len(report.warnings), "valid": report.valid,
    }, administration=administration, nis_code=nis, project_dir=str(root) if root else None))
    return report
