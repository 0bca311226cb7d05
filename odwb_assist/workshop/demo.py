"""``odwb-assist demo``: the whole lifecycle on the embedded sample files, offline, with no key.

A local sandbox portal is started on a free loopback port with a seeded catalogue; the demo then
inventories the sample files, checks and fixes a messy file, documents it, publishes it (dry run,
then for real) and verifies it through Explore, records it in a sample programme register (through
the programme plugin's own commands, when that plugin is installed), writes the dashboard, takes
screenshots of the HTML outputs in a headless browser when one is available, stops the sandbox and
returns the list of outputs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..core.i18n import Msg
from .demo_setup import (
    DATASET_ID,
    KEY_ENV,
    MESSY_SAMPLE,
    copy_samples,
    demo_edition,
    enrolment_form,
    prepare_output,
    project_file,
)
from .demo_setup import sample_path as sample_path  # its documented path (README)


@dataclass
class Output:
    label: Msg
    path: Path


@dataclass
class DemoResult:
    """What the demo produced: the outputs in order, the facts worth a sentence, the time it took."""

    output_dir: Path
    outputs: list[Output] = field(default_factory=list)
    facts: list[Msg] = field(default_factory=list)
    notes: list[Msg] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, fr: str, en: str, path: Path) -> Path:
        self.outputs.append(Output(Msg(fr, en), path))
        return path

    def summary(self, lang: str = "fr") -> str:
        fr = lang != "en"
        lines = [("Démo terminée en " if fr else "Demo finished in ") + f"{self.seconds:.0f} s."]
        lines += [f"  • {fact(lang)}" for fact in self.facts]
        lines.append("Fichiers produits :" if fr else "Outputs:")
        lines += [f"  - {out.label(lang)} : {out.path}" for out in self.outputs]
        lines += [f"  ! {note(lang)}" for note in self.notes]
        return "\n".join(lines)


def _cli(args: list[str], log: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run an ``odwb-assist`` command in a child process (plugin commands), its output kept in a log."""
    done = subprocess.run([sys.executable, "-m", "odwb_assist", *args], capture_output=True, text=True, env=env,
                          timeout=120, check=False)
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"$ odwb-assist {' '.join(args)}\n{done.stdout}{done.stderr}(exit {done.returncode})\n\n")
    return done


def run_demo(output: Path, *, lang: str = "fr", browser: bool = True, progress: Callable[[str], None] | None = None,
             plugins: Any = None) -> DemoResult:
    """Run the whole lifecycle into ``output``; see the module docstring."""
    from .. import inventory
    from ..core.config import load
    from ..core.plugins import default_plugin_manager
    from ..metadata.document import document
    from ..publish import plan
    from ..quality import check, fix, render_html, write_xlsx
    from ..sandbox import SandboxServer

    say = progress or (lambda text: None)
    started = time.monotonic()
    out = prepare_output(Path(output).resolve())
    result = DemoResult(out)
    pm = plugins if plugins is not None else default_plugin_manager()
    programme_plugin = pm.get_plugin("programme")
    today = date.today()

    say("Démarrage du portail bac à sable (catalogue de démonstration)…" if lang == "fr"
        else "Starting the sandbox portal (demo catalogue)…")
    server = SandboxServer(out / "sandbox", seed=True).start()
    env = {**os.environ, KEY_ENV: server.add_user("ville-de-ciney")}
    try:
        # 1. Inventory of the sample files
        say("Inventaire des fichiers d'exemple…" if lang == "fr" else "Inventory of the sample files…")
        samples = copy_samples(out / "echantillons")
        entries = inventory.discover(samples, pm)
        for entry in entries:
            if entry.identifier.startswith("parkings-velos"):
                entry.identifier, entry.dataset_id = DATASET_ID, ""
                entry.title, entry.theme, entry.licence = "Parkings vélos de Ciney", "Mobilité", "CC BY 4.0"
                entry.value, entry.effort, entry.update_frequency = 5, 2, "annuelle"
                entry.service, entry.source_system = "Service Mobilité", "Tableur Excel"
        inv_dir = out / "inventaire"
        inv_dir.mkdir()
        inv_path = result.add("Inventaire des données (Excel)", "Data inventory (Excel)",
                              inventory.write_inventory(entries, inv_dir / "inventaire.xlsx"))
        png, svg = inventory.draw_matrix(inventory.prioritise(entries), inv_dir, lang=lang)
        result.add("Matrice valeur / effort", "Value / effort matrix", png)
        personal = [e.identifier for e in entries if (e.personal_data or "") in ("oui", "partiellement")]
        result.facts.append(Msg(f"{len(entries)} fichiers inventoriés ; données personnelles signalées dans : "
                                f"{', '.join(personal) or 'aucun'}.",
                                f"{len(entries)} files inventoried; personal data flagged in: {', '.join(personal) or 'none'}."))

        # 2. Quality: check the messy file, reports, fix, check again
        say("Contrôle qualité du fichier brut…" if lang == "fr" else "Quality check of the raw file…")
        quality_dir = out / "qualite"
        quality_dir.mkdir()
        messy = samples / MESSY_SAMPLE
        report = check(messy, lang=lang, plugins=pm)
        html_report = quality_dir / "rapport-qualite.html"
        html_report.write_text(render_html(report, lang), encoding="utf-8")
        result.add("Rapport qualité (HTML)", "Quality report (HTML)", html_report)
        result.add("Rapport qualité (Excel, cellules surlignées)", "Quality report (Excel, cells highlighted)",
                   write_xlsx(report, report.source, quality_dir / "rapport-qualite.xlsx", lang))
        (quality_dir / "rapport-qualite.json").write_text(report.to_json(lang), encoding="utf-8")
        clean = quality_dir / "parkings-velos-ciney-propre.csv"
        fixed = fix(messy, clean, plugins=pm, lang=lang)
        (quality_dir / "corrections.txt").write_text(fixed.preview(lang) + "\n", encoding="utf-8")
        result.add("Fichier corrigé (CSV UTF-8)", "Fixed file (UTF-8 CSV)", clean)
        after = check(clean, lang=lang, plugins=pm)
        result.facts.append(Msg(
            f"Fichier brut : {report.error_count} erreur(s), {report.warning_count} avertissement(s) ; "
            f"{sum(fixed.counts.values())} correction(s) ; fichier corrigé : "
            f"{'valide' if after.valid else 'encore des erreurs'} ({after.error_count} erreur(s)).",
            f"Raw file: {report.error_count} error(s), {report.warning_count} warning(s); "
            f"{sum(fixed.counts.values())} fix(es); fixed file: {'valid' if after.valid else 'still has errors'} "
            f"({after.error_count} error(s))."))

        # 3. Project file, programme register (before publishing, so the event is recorded)
        project_dir = out / "projet"
        project_dir.mkdir()
        edition = demo_edition(project_dir / "edition-demo.toml", today, programme_plugin) if programme_plugin else None
        project_path = project_file(project_dir, clean, server.url, edition)
        log = out / "programme" / "commandes.log"
        if edition is not None:
            log.parent.mkdir()
            form = enrolment_form(out / "programme" / "inscriptions.csv", today)
            ledger = project_dir / "programme.sqlite"
            done = _cli(["programme", "import", str(form), "--ledger", str(ledger), "--edition", str(edition)], log, env)
            if done.returncode != 0:
                result.notes.append(Msg(f"Import du registre en échec (voir {log}).",
                                        f"Register import failed (see {log})."))
        config = load(project_path)

        # 4. Metadata: draft, score, data dictionary, datapackage
        say("Documentation (métadonnées, dictionnaire)…" if lang == "fr" else "Documentation (metadata, dictionary)…")
        doc = document(config, clean, dataset=config.dataset(), output_dir=out / "documentation", plugins=pm,
                       report=after, lang=lang)
        for kind, path in doc.files.items():
            if kind in ("dictionary_html", "score_html", "datapackage"):
                label = {"dictionary_html": ("Dictionnaire des données (HTML)", "Data dictionary (HTML)"),
                         "score_html": ("Score des métadonnées (HTML)", "Metadata score (HTML)"),
                         "datapackage": ("Data Package (datapackage.json)", "Data Package (datapackage.json)")}[kind]
                result.add(label[0], label[1], path)
        result.facts.append(Msg(f"Métadonnées : {doc.report.score}/{doc.report.max} ({doc.report.band}).",
                                f"Metadata: {doc.report.score}/{doc.report.max} ({doc.report.band})."))

        # 5. Publish: dry run, then for real, then verify through Explore
        say("Publication sur le bac à sable (simulation puis réelle)…" if lang == "fr"
            else "Publishing on the sandbox (dry run, then for real)…")
        os.environ[KEY_ENV] = env[KEY_ENV]
        try:
            from ..portal import PortalClient

            client = PortalClient.from_config(config, poll_interval=0.1)
            publish_dir = out / "publication"
            publish_dir.mkdir()
            dry = plan(config, client, plugins=pm)
            (publish_dir / "plan-simulation.txt").write_text(dry.describe(lang) + "\n", encoding="utf-8")
            result.add("Plan de publication (simulation)", "Publication plan (dry run)", publish_dir / "plan-simulation.txt")
            publication = dry.apply()
            verification = publication.verify()
            (publish_dir / "verification.txt").write_text(verification.describe(lang) + "\n", encoding="utf-8")
            again = plan(config, client, plugins=pm)
            result.facts.append(Msg(
                f"Publié : {server.url}/explore/dataset/{DATASET_ID}/ ({len(dry.steps)} étapes) ; vérification "
                f"{'réussie' if verification.ok else 'en échec'} ; seconde publication : {len(again.steps)} envoi(s).",
                f"Published: {server.url}/explore/dataset/{DATASET_ID}/ ({len(dry.steps)} steps); verification "
                f"{'passed' if verification.ok else 'failed'}; second run: {len(again.steps)} write(s)."))
        finally:
            os.environ.pop(KEY_ENV, None)
        result.add("Registre local des publications", "Local publication record",
                   project_dir / ".odwb" / "publications.jsonl")

        # 6. Challenge documents (canvas, roadmap, hackathon sheet with the published dataset) and the
        #    inventory check: their events mark the matching challenges in the programme register.
        say("Documents du défi…" if lang == "fr" else "Challenge documents…")
        from . import challenge

        inventory.check(inv_path, lang, plugins=pm, project=config)
        for kind, fr_label, en_label in (("canvas", "Canevas de projet", "Project canvas"),
                                         ("roadmap", "Feuille de route", "Roadmap"),
                                         ("sheet", "Fiche challenge du hackathon", "Hackathon challenge sheet")):
            result.add(fr_label, en_label, challenge.write(kind, config, fmt="html", output_dir=out / "defi", plugins=pm))

        # 7. Programme: obligation check against the sandbox and dashboard (programme plugin commands)
        if edition is not None:
            say("Programme : vérification des obligations et tableau de bord…" if lang == "fr"
                else "Programme: obligation check and dashboard…")
            common = ["--ledger", str(project_dir / "programme.sqlite"), "--edition", str(edition)]
            verified = _cli(["programme", "verify", "--portal", server.url, "--format", "json", *common], log, env)
            try:
                entries_json = json.loads(verified.stdout)
                rows = entries_json if isinstance(entries_json, list) else entries_json.get("administrations", [])
                met = [row["administration"] for row in rows if row.get("obligation_met")]
                (out / "programme" / "verification.json").write_text(verified.stdout, encoding="utf-8")
                result.facts.append(Msg(f"Obligation « au moins un jeu publié sur ODWB » remplie par : "
                                        f"{', '.join(met) or 'personne'} ({len(met)}/{len(rows)}).",
                                        f"Obligation 'at least one dataset on ODWB' met by: {', '.join(met) or 'nobody'} "
                                        f"({len(met)}/{len(rows)})."))
            except (ValueError, KeyError, TypeError, AttributeError):
                result.notes.append(Msg(f"Vérification du programme illisible (voir {log}).",
                                        f"Programme verification unreadable (see {log})."))
            dash_dir = out / "programme" / "tableau-de-bord"
            _cli(["programme", "dashboard", "--output", str(dash_dir), *common], log, env)
            dashboard = next(iter(sorted(dash_dir.glob("*.html"))), None)
            if dashboard is not None:
                result.add("Tableau de bord du programme", "Programme dashboard", dashboard)
            else:
                result.notes.append(Msg(f"Tableau de bord non produit (voir {log}).", f"No dashboard (see {log})."))
        else:
            result.notes.append(Msg("Plugin « programme » absent ou bloqué : registre et tableau de bord omis.",
                                    "Programme plugin missing or blocked: register and dashboard left out."))

        # 8. Screenshots of the HTML outputs and the sandbox catalogue in a real browser
        if browser:
            _screenshots(result, server.url, lang)
    finally:
        server.stop()
    del inv_path, svg
    result.seconds = time.monotonic() - started
    (out / "resume.txt").write_text(result.summary(lang) + "\n", encoding="utf-8")
    return result


def _screenshots(result: DemoResult, portal_url: str, lang: str) -> None:
    from .browser import browser_available, check_pages

    if not browser_available():
        result.notes.append(Msg("Pas de navigateur headless (chromium) : captures d'écran omises.",
                                "No headless browser (chromium): screenshots left out."))
        return
    wanted: list[tuple[str | Path, list[str]]] = []
    for out in list(result.outputs):
        if out.path.suffix == ".html":
            wanted.append((out.path, []))
    wanted.append((f"{portal_url}/", ["Parkings vélos de Ciney"]))
    wanted.append((f"{portal_url}/explore/dataset/{DATASET_ID}/", ["Parkings vélos de Ciney"]))
    checks = check_pages(wanted, result.output_dir / "captures")
    bad = [c for c in checks if not c.ok]
    for check in checks:
        if check.screenshot is not None:
            result.add(f"Capture d'écran de {check.url}", f"Screenshot of {check.url}", check.screenshot)
    if bad:
        result.notes.append(Msg(
            "Pages avec des erreurs dans le navigateur : " + ", ".join(c.url for c in bad),
            "Pages with browser errors: " + ", ".join(c.url for c in bad)))
