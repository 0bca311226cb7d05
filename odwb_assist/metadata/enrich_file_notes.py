"""Built-in plugin: what the data file says of itself, proposed as its metadata.

An administration's file often carries its own notice: a title line above the table (« Inventaire des arbres
remarquables — Ville de Ciney »), a workbook's first sheet « Notice » or « Lisez-moi » (« Source : Service
environnement », « Licence : CC BY 4.0 », « Mise à jour : chaque année », « Contact : environnement@ciney.be »),
notes beside or under the table (« Source : Registre national, 2024 »). The quality check asks to take them out of
the table and into the metadata; this plugin does the second half: the title line becomes the title, a licence
named in the notice the licence (still to confirm, as any licence the tool did not get from the publisher), an
update frequency the frequency, a service's address the contact when ``odwb.toml`` names none, and the other lines
the description's paragraphs, after one « À compléter » that only the publisher can write (what a row holds).

Never a person's contact: a line labelled as a contact, holding a person's e-mail address (read as the
``personal-email`` check reads them) or a phone number, goes neither to the contact nor to the description.
"""

from __future__ import annotations

import html
import re
from typing import Any

from ..checks.personal_email import is_persons_address
from ..checks.pivot_labels import names_pivot
from ..core.hookspecs import hookimpl
from .enrich_inventory import TODO
from .vocabularies import find_frequency, find_licence, fold, frequency_label

SOURCE = "metadata.enrich_file_notes"  # the plugin's name, as metadata.json's ``_sources`` records it
TITLE_LENGTH = (10, 150)  # a title line's shortest and longest length
NOTE_LINES = 12  # lines taken for the description at most

_LABELLED = re.compile(r"^\s*([^:：]{2,40}?)\s*[:：]\s*(.+)$")
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
LICENCE_LABELS = ("licence", "license", "licence d'utilisation", "licence de reutilisation", "conditions d'utilisation")
FREQUENCY_LABELS = ("mise a jour", "mises a jour", "frequence", "frequence de mise a jour", "periodicite",
                    "actualisation", "update", "update frequency")
CONTACT_LABELS = ("contact", "contacts", "e-mail", "email", "courriel", "adresse e-mail", "personne de contact",
                  "responsable")
# lines that say when or how the file was made, not what it holds (« Export du 12/03/2024 14:05 », « Page 1 »)
_NOT_TITLE = re.compile(r"^(export|extraction|extrait|genere|imprime|edite|date|page|tableau\s*\d|feuille|source|"
                        r"mise a jour|version)\b")
# a line naming the administration alone (« VILLE DE CINEY »): who, not what
_ADMINISTRATION = re.compile(r"^(ville|commune|cpas|province|administration communale)\s+(de|d'|du|des)?\s*[\w' -]+$")


def labelled(line: str) -> tuple[str, str] | None:
    """(the label folded, the value) of a line « Label : value », None for another line."""
    found = _LABELLED.match(line)
    return None if found is None else (fold(found.group(1)).strip(), found.group(2).strip())


# « Tableau 3 : Population par âge », « Annexe 2 - Subsides 2024 »: a numbered table's title, after its number
_NUMBERED = re.compile(r"^\s*(?:tableau|table|annexe|feuille|graphique)\s*[0-9]+[a-z]?\s*[:：.–—-]\s*", re.IGNORECASE)


def own_title(lines: list[str]) -> str | None:
    """The first line that reads as a title (:func:`title_line`), its number of table left out; None: none does."""
    for line in lines:
        text = _NUMBERED.sub("", line).strip()
        if title_line(text) and not personal(text):  # a title is published too
            return text.rstrip(".")
    return None


def title_line(line: str) -> bool:
    """Whether a line reads as the table's title: a few words, not a « Label : value » line, not a date of export
    or a page number, not the administration's name alone, not a pivot table's labels (« Somme de Montant »)."""
    folded = fold(line)
    words = re.findall(r"[^\W\d_]{2,}", line)
    return (TITLE_LENGTH[0] <= len(line) <= TITLE_LENGTH[1] and len(words) >= 2 and labelled(line) is None
            and not _NOT_TITLE.match(folded) and not _ADMINISTRATION.match(folded) and not names_pivot(line))


# a Belgian phone number (« 0476 11 22 33 », « +32 83 67 02 11 »): a person's as often as a service's
_PHONE = re.compile(r"(?<![\d+])(?:\+32|0032|0)[ ./-]?[1-9](?:[ ./-]?\d){7,8}(?!\d)")


def personal(line: str) -> bool:
    """Whether a line may hold a person's contact: a person's e-mail address, or a phone number (« Pour le président,
    appelez le 0476 11 22 33 »: the description is published; a service's number is dropped with it, no harm)."""
    return _PHONE.search(line) is not None or any(map(is_persons_address, _ADDRESS.findall(line)))


def read_notes(titles: list[str], lines: list[str], has_contact: bool) -> dict[str, Any]:
    """The proposals read from a file's title lines and notes (see the module's text)."""
    proposals: dict[str, Any] = {}
    title = own_title([*titles, *lines])
    if title is not None:
        proposals["default.title"] = title
    description: list[str] = []
    for line in [*titles, *lines]:
        if (title is not None and title in line) or personal(line) or _ADMINISTRATION.match(fold(line)) or \
                names_pivot(line):
            continue  # the title is said once; the administration is the publisher; a pivot's labels are no notes
        pair = labelled(line)
        if pair is not None:
            label, value = pair
            if label in LICENCE_LABELS:
                licence = find_licence(value)
                if licence is not None and licence.id:
                    proposals.setdefault("default.license", licence.label)
                    continue
            elif label in FREQUENCY_LABELS:
                code = find_frequency(value)
                if code is not None:
                    proposals.setdefault("dcat.accrualperiodicity", frequency_label(code))
                    continue
            if label in CONTACT_LABELS:  # never in the description: a contact line names a person as often
                address = next(iter(_ADDRESS.findall(value)), None)
                if address is not None and not has_contact and not is_persons_address(address):
                    proposals.setdefault("dcat.contact_email", address)
                continue
        if "@" not in line and len(description) < NOTE_LINES:
            description.append(line if line.endswith((".", "!", "?", "…", ":")) else line + ".")
    if description:  # the file's words, after what only the publisher can say (the score asks for it)
        paragraphs = [f"{TODO} : que contient ce jeu de données, ligne par ligne ?", *description]
        proposals["default.description"] = "\n".join(f"<p>{html.escape(text)}</p>" for text in paragraphs)
    return proposals


@hookimpl
def odwb_enrich_metadata(project: Any, metadata: Any) -> dict[str, Any]:
    source = getattr(getattr(metadata, "context", None), "source", None)
    titles = list(getattr(source, "titles", None) or [])
    lines = list(getattr(source, "notes", None) or [])
    if not titles and not lines:
        return {}
    has_contact = bool(project is not None and project.administration.contact_email)
    return read_notes(titles, lines, has_contact)
