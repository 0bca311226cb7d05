"""Examples in the advice that speak of the project's own administration and dataset (not of Ciney for everyone)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from ..checks.personal_email import WEBMAIL

PREFIX = re.compile(r"^(ville|commune|cpas|province|administration communale)\s+(de\s+|d'|du\s+|des\s+)?", re.I)


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


class LocalExamples:
    """Values shaped like the project's: ``name`` (Ville de Namur), ``place`` (Namur), ``domain`` (namur.be),
    ``nis`` (92094), ``title`` (the dataset's title or id)."""

    def __init__(self, project: Any = None, metadata: Any = None) -> None:
        adm = getattr(project, "administration", None)
        self.name = str(getattr(adm, "name", "") or "Commune de Votre-Commune")
        self.place = PREFIX.sub("", self.name).strip() or self.name
        self.nis = str(getattr(adm, "nis_code", "") or "")
        email = str(getattr(adm, "contact_email", "") or "")
        website = str(getattr(adm, "website", "") or "")
        host = email.rpartition("@")[2].lower() if "@" in email else ""
        if not host or host in WEBMAIL:  # a personal webmail is not the administration's domain
            host = urlsplit(website).netloc.removeprefix("www.")
        self.domain = host or f"{_ascii(self.place)}.be"
        self.website = website or f"https://www.{self.domain}"
        title = metadata.get("default.title") if metadata is not None else None
        self.title = str(title or getattr(metadata, "dataset_id", None) or f"Parkings vélos de {self.place}")

    @property
    def spatial(self) -> str:
        return f"{self.place} (code INS {self.nis})" if self.nis else self.place

    @property
    def keywords(self) -> str:
        """Three words of the title, as the keywords proposed from it (no « export » of « odwb_export.csv »)."""
        from .enrich_data import suggest_keywords

        words = suggest_keywords([self.title], limit=3)
        return ", ".join([*(words or ["thème", "objet"]), self.place])

    def email(self, service: str = "opendata") -> str:
        return f"{service}@{self.domain}"

    @property
    def description(self) -> str:
        return (f"{self.title} : ce que contient chaque ligne, la source (quel service, quel outil), la méthode de "
                f"collecte, la fréquence de mise à jour et les limites connues ({self.name}).")


def local(ctx: Any) -> LocalExamples:
    return LocalExamples(getattr(ctx, "project", None), getattr(ctx, "metadata", None))
