"""``programme hackathon-pack --output DIR``: the challenge sheets of all confirmed administrations,
with links to their published datasets, as one HTML page and one Markdown file for the hackathon
« Citizens of Wallonia ». No personal data: administrations, themes, sheets and datasets only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape

if TYPE_CHECKING:
    from .verify_report import VerifyReport
    from .view import ProgrammeView


def dataset_url(portal: str, dataset_id: str) -> str:
    return f"{portal.rstrip('/')}/explore/dataset/{dataset_id}/"


def pack_entries(prog: ProgrammeView, *, report: VerifyReport | None = None, portal: str | None = None) -> list[dict[str, Any]]:
    base = (portal or (report.portal if report else "") or prog.edition.portal_url).rstrip("/")
    by_name = {e.administration: e for e in report.entries} if report else {}
    entries = []
    for s in prog.status():
        if s.state != "confirmed":
            continue
        datasets: dict[str, dict[str, Any]] = {}
        for pub in s.publications:
            datasets[pub["dataset_id"]] = {"dataset_id": pub["dataset_id"], "title": pub.get("title") or pub["dataset_id"],
                                           "url": dataset_url(pub.get("portal") or base, pub["dataset_id"])}
        entry = by_name.get(s.name)
        for d in (entry.datasets + entry.other_datasets) if entry else []:
            datasets.setdefault(d.dataset_id, {"dataset_id": d.dataset_id, "title": d.title or d.dataset_id,
                                               "url": dataset_url(base, d.dataset_id)})
        theme = s.challenges.get("thematique", {}).get("evidence")
        sheet = s.challenges.get("fiche-challenge", {}).get("evidence")
        entries.append({"name": s.name, "type": s.type, "theme": theme, "sheet": sheet,
                        "sheet_is_link": bool(sheet and sheet.startswith(("http://", "https://"))),
                        "sheet_done": "fiche-challenge" in s.challenges,
                        "datasets": sorted(datasets.values(), key=lambda d: d["title"])})
    return entries


def render_markdown(title: str, entries: list[dict[str, Any]]) -> str:
    intro = "Challenges des administrations du programme « Ouvrir ma ville », avec leurs données ouvertes."
    lines = [f"# {title}", "", intro, ""]
    for e in entries:
        lines += [f"## {e['name']}", ""]
        lines.append(f"- Thématique : {e['theme'] or 'à préciser'}")
        lines.append(f"- Fiche du challenge : {e['sheet'] or 'pas encore finalisée'}")
        if e["datasets"]:
            lines.append("- Jeux de données publiés :")
            lines += [f"  - [{d['title']}]({d['url']})" for d in e["datasets"]]
        else:
            lines.append("- Jeux de données publiés : aucun pour l'instant")
        lines.append("")
    return "\n".join(lines)


def write_pack(prog: ProgrammeView, output: Path, *, report: VerifyReport | None = None, portal: str | None = None) -> list[Path]:
    entries = pack_entries(prog, report=report, portal=portal)
    title = f"Hackathon Citizens of Wallonia — {prog.edition.title}"
    output.mkdir(parents=True, exist_ok=True)
    env = Environment(loader=PackageLoader("odwb_assist_programme", "templates"), autoescape=select_autoescape(["html", "j2"]))
    html = env.get_template("hackathon.html.j2").render(title=title, entries=entries)
    html_path, md_path = output / "challenges-hackathon.html", output / "challenges-hackathon.md"
    html_path.write_text(html, encoding="utf-8")
    md_path.write_text(render_markdown(title, entries), encoding="utf-8")
    return [html_path, md_path]
