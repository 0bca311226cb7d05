"""The challenge documents of the programme, from the ``[challenge]`` table of ``odwb.toml``.

Three documents, in French, as Markdown or HTML (Jinja2 templates ``templates/challenge_*.md|html``):

* ``canvas``  — the project canvas (day 4): theme, problem, users, data, service idea, partners,
  indicators;
* ``roadmap`` — the strategic roadmap (day 5): the actions with owners, due dates and status;
* ``sheet``   — the challenge sheet for the Citizens of Wallonia hackathon (challenge 10), with
  links to the datasets already published, and the hackathon feedback (challenge 11).

A field left empty in ``odwb.toml`` is shown as « à compléter » with the key to fill, so that the
document itself tells what is missing.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.config_model import ProjectConfig
from ..core.errors import ConfigError, OdwbError, os_reason
from ..core.events import CHALLENGE_DOCUMENT, Event
from ..core.plugins import announce

if TYPE_CHECKING:
    from jinja2 import Environment

KINDS: dict[str, tuple[str, str]] = {
    "canvas": ("Canevas de projet", "canevas-projet"),
    "roadmap": ("Feuille de route stratégique", "feuille-de-route"),
    "sheet": ("Fiche challenge — hackathon Citizens of Wallonia", "fiche-challenge"),
}
FORMATS = ("md", "html")
FIELDS: dict[str, str] = {
    "theme": "Thématique", "problem": "Problème à résoudre", "users": "Usagers concernés",
    "datasets": "Données nécessaires", "service_idea": "Idée de service", "partners": "Partenaires",
    "indicators": "Indicateurs de réussite", "roadmap": "Actions de la feuille de route",
    "feedback": "Retours du hackathon",
}
NEEDED: dict[str, tuple[str, ...]] = {
    "canvas": ("theme", "problem", "users", "datasets", "service_idea", "partners", "indicators"),
    "roadmap": ("theme", "roadmap"),
    "sheet": ("theme", "problem", "users", "datasets", "service_idea"),
}
TEMPLATES = Path(__file__).parent.parent / "templates"


class ChallengeError(OdwbError):
    """A challenge document cannot be produced (unknown kind or format, file exists)."""


def _listify(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [line.strip(" -•\t") for line in value.splitlines() if line.strip(" -•\t")] or [value]
    return [str(v) for v in value]


def _french_date(value: Any) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value or "")
    try:
        return date.fromisoformat(text[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return text


def _sort_key(step: dict[str, Any]) -> tuple[int, str]:
    due = step.get("due")
    if isinstance(due, (date, datetime)):
        return 0, due.isoformat()
    return (0, str(due)) if due else (1, "")


def published_datasets(project: ProjectConfig) -> list[dict[str, Any]]:
    """The datasets published with odwb-assist (``.odwb/publications.jsonl``), last publication each."""
    from ..inventory.status import read_records

    latest: dict[str, dict[str, Any]] = {}
    for record in read_records(project):
        latest[str(record["dataset_id"])] = record
    return list(latest.values())


def _links(published: list[dict[str, Any]], project: ProjectConfig) -> list[dict[str, Any]]:
    out = []
    for record in published:
        portal = str(record.get("portal") or project.portal.url).rstrip("/")
        dataset_id = str(record["dataset_id"])
        out.append({"dataset_id": dataset_id, "title": str(record.get("title") or dataset_id),
                    "url": f"{portal}/explore/dataset/{dataset_id}/", "when": _french_date(record.get("when"))})
    return out


def _needed(challenge: dict[str, Any], links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each needed dataset with the link of the matching publication (by id or title), if any."""
    by_key = {}
    for link in links:
        by_key[link["dataset_id"].lower()] = link
        by_key[link["title"].lower()] = link
    return [{"name": name, "link": by_key.get(name.lower())} for name in _listify(challenge.get("datasets"))]


def context(kind: str, project: ProjectConfig, published: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The values the templates show (also handy for other renderers)."""
    challenge = dict(project.challenge)
    links = _links(published if published is not None else published_datasets(project), project)
    roadmap = [dict(step) for step in challenge.get("roadmap") or []]
    roadmap.sort(key=_sort_key)
    for step in roadmap:
        step["due_text"] = _french_date(step.get("due"))
    adm = project.administration
    return {
        "kind": kind, "document_title": KINDS[kind][0],
        "title": challenge.get("title") or challenge.get("theme") or "Projet open data",
        "administration": adm.name or "(administration à préciser dans [administration] name)",
        "administration_type": adm.type or "", "nis_code": adm.nis_code or "",
        "contact_name": adm.contact_name or "", "contact_email": adm.contact_email or "",
        "website": adm.website or "", "portal_url": project.portal.url,
        "theme": challenge.get("theme") or "", "problem": challenge.get("problem") or "",
        "users": _listify(challenge.get("users")), "datasets": _needed(challenge, links),
        "service_idea": challenge.get("service_idea") or "", "partners": _listify(challenge.get("partners")),
        "indicators": _listify(challenge.get("indicators")), "roadmap": roadmap,
        "feedback": _listify(challenge.get("feedback")), "published": links,
        "missing": [(key, FIELDS[key]) for key in NEEDED[kind] if not challenge.get(key)],
        "generated_on": date.today().strftime("%d/%m/%Y"),
    }


def _environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, select_autoescape  # imported when rendering only

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals["todo"] = lambda key: f"à compléter : [challenge] {key} dans odwb.toml"
    return env


def _check_kind(kind: str, fmt: str) -> None:
    if kind not in KINDS:
        raise ChallengeError(
            f"Document « {kind} » inconnu : choisissez canvas (canevas), roadmap (feuille de route) ou sheet (fiche "
            "challenge).",
            f"Unknown document '{kind}': choose canvas, roadmap or sheet.",
        )
    if fmt not in FORMATS:
        raise ChallengeError(f"Format « {fmt} » inconnu : choisissez md ou html.",
                             f"Unknown format '{fmt}': choose md or html.")


def render(kind: str, project: ProjectConfig, *, fmt: str = "md", published: list[dict[str, Any]] | None = None) -> str:
    """The document ``kind`` (canvas, roadmap, sheet) as Markdown (``fmt="md"``) or HTML text.

    ``published`` lists publication records (dicts with dataset_id, title, portal, when); by default
    they are read from the project's ``.odwb/publications.jsonl``.
    """
    _check_kind(kind, fmt)
    if not project.challenge:
        raise ConfigError(
            f"{project.path or 'odwb.toml'} n'a pas de table [challenge] : ajoutez-la avec au moins theme et problem "
            "(voir « odwb-assist init » pour un exemple).",
            f"{project.path or 'odwb.toml'} has no [challenge] table: add it with at least theme and problem.",
        )
    template = _environment().get_template(f"challenge_{kind}.{fmt}")
    return template.render(**context(kind, project, published))


def write(kind: str, project: ProjectConfig, *, fmt: str = "md", output_dir: str | os.PathLike[str] | None = None,
          published: list[dict[str, Any]] | None = None, overwrite: bool = False, plugins: Any = None) -> Path:
    """Render ``kind`` and write it to ``output_dir`` (default: the project folder) as
    ``canevas-projet``, ``feuille-de-route`` or ``fiche-challenge`` + ``.md``/``.html``; announce
    ``challenge-document-produced``. An existing file is only replaced with ``overwrite``."""
    text = render(kind, project, fmt=fmt, published=published)
    folder = Path(output_dir) if output_dir is not None else project.root
    path = folder / f"{KINDS[kind][1]}.{fmt}"
    if path.exists() and not overwrite:
        raise ChallengeError(
            f"{path} existe déjà et n'est pas remplacé (vous l'avez peut-être retouché). Relancez avec --force pour "
            "le régénérer, ou choisissez un autre dossier avec --output-dir.",
            f"{path} already exists and is not replaced (you may have edited it). Run again with --force to "
            "regenerate it, or choose another folder with --output-dir.",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        reason = os_reason(exc)
        raise ChallengeError(f"Impossible d'écrire {path} ({reason.fr}) : choisissez un dossier accessible.",
                             f"Cannot write {path} ({reason.en}): choose a writable folder.") from exc
    adm = project.administration
    announce(plugins, Event(CHALLENGE_DOCUMENT, {"kind": kind, "format": fmt, "path": str(path.resolve())},
                            administration=adm.name or None, nis_code=adm.nis_code,
                            project_dir=str(project.root) if project.path else None))
    return path
