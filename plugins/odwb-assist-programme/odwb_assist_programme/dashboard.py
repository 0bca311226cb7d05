"""``programme dashboard --output DIR``: one self-contained HTML page (inline CSS and SVG charts):
one row per administration (enrolment, payment, attendance %, challenges n/10, datasets published,
obligation met), a chart of challenge progress and one of obligations met. Participants' names and
e-mails are left out unless ``include_personal``."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape

from .charts import hbar_chart, met_chart
from .records import STATE_LABELS

if TYPE_CHECKING:
    from .verify_report import VerifyReport
    from .view import ProgrammeView

TEXT = {
    "fr": {"title": "Tableau de bord", "window": "Programme du", "generated": "généré le",
           "source": "obligation de publication :",
           "confirmed": "administrations confirmées", "waiting": "en liste d'attente", "met": "obligation de publication remplie",
           "paid": "encaissés et gardés (TVAC)", "refunds": "remboursements dus (TVAC)",
           "administration": "Administration", "state": "Inscription", "payment": "Paiement",
           "attendance": "Présence", "challenges": "Défis", "datasets": "Jeux publiés", "obligation": "Obligation remplie",
           "participants": "Participants", "notice": "mise en demeure le", "refund": "remboursement dû le", "yes": "oui",
           "no": "non", "chart_challenges": "Défis réalisés (administrations confirmées)",
           "portal": "vérifiée sur le portail", "ledger": "publications enregistrées (lancez programme verify pour le portail)",
           "verdict": "dernière vérification sur le portail (programme verify) le", "outside": "hors période :",
           "footer": "Données personnelles des participants exclues." , "footer_personal":
           "Contient des données personnelles : ne pas diffuser."},
    "en": {"title": "Dashboard", "window": "Programme from", "generated": "generated on", "source": "publication obligation:",
           "confirmed": "confirmed administrations", "waiting": "on the waiting list", "met": "publication obligation met",
           "paid": "received and kept (incl. VAT)", "refunds": "refunds due (incl. VAT)",
           "administration": "Administration", "state": "Enrolment", "payment": "Payment",
           "attendance": "Attendance", "challenges": "Challenges", "datasets": "Datasets published",
           "obligation": "Obligation met",
           "participants": "Participants", "notice": "formal notice on", "refund": "refund due on", "yes": "yes", "no": "no",
           "chart_challenges": "Challenges done (confirmed administrations)",
           "portal": "checked on the portal", "ledger": "recorded publications (run programme verify for the portal)",
           "verdict": "last check on the portal (programme verify) on", "outside": "outside the period:",
           "footer": "Participants' personal data left out.", "footer_personal": "Contains personal data: do not share."},
}


def dashboard_context(prog: ProgrammeView, *, include_personal: bool = False, report: VerifyReport | None = None,
                      lang: str = "fr") -> dict[str, Any]:
    t = dict(TEXT["en" if lang == "en" else "fr"])
    edition = prog.edition
    statuses = prog.status()
    confirmed = [s for s in statuses if s.state == "confirmed"]
    by_name = {e.administration: e for e in report.entries} if report else {}
    rows = []
    for s in statuses:
        entry = by_name.get(s.name)
        if entry:
            datasets = [d.dataset_id for d in entry.datasets]
            outside = [f"{d.dataset_id} ({d.outside_text(lang)})" for d in entry.other_datasets]
        else:  # offline: the register's publications and the last verdict
            datasets = [p["dataset_id"] for p in s.published_in_window(edition)]
            datasets += [d["dataset_id"] for d in (s.verdict.datasets if s.verdict else []) if d["dataset_id"] not in datasets]
            outside = [f"{d['dataset_id']} ({_outside(d, lang)})" for d in (s.verdict.other_datasets if s.verdict else [])]
        met = entry.obligation_met if entry else s.publication_obligation_met(edition)
        checked = "" if entry or s.verdict is None else s.verdict.day
        label = STATE_LABELS.get(s.state, (s.state, s.state))[1 if lang == "en" else 0]
        payment = f"{s.paid} € / {s.invoiced_incl_vat} €" if s.invoiced_incl_vat else "—"
        rows.append({
            "name": s.name, "nis_code": s.nis_code, "state": label, "notice": s.notice_date, "refund_due": s.refund_due,
            "payment": payment, "attendance": round(100 * s.attendance_ratio(edition)), "challenges": len(s.challenges),
            "datasets": datasets, "outside": outside, "checked": checked, "met": met, "confirmed": s.state == "confirmed",
            "participants": [f"{p.name} <{p.email}>" if p.email else p.name for p in s.active_participants]
            if include_personal else [],
        })
    total = len(confirmed)
    challenge_items = [(f"{c.after_session}. {c.title}", float(sum(1 for s in confirmed if c.id in s.challenges)), float(total))
                       for c in edition.challenges]
    met_count = sum(1 for r in rows if r["confirmed"] and r["met"])
    publication_title = edition.obligation("publication").title if edition.obligations else t["met"]
    obligation_charts = [met_chart(publication_title, met_count, total)]
    for obligation in edition.obligations:
        if obligation.id == "publication":
            continue
        done = sum(1 for s in confirmed if obligation.id in s.obligations)
        obligation_charts.append(met_chart(obligation.title, done, total))
    t["footer"] = t["footer_personal"] if include_personal else t["footer"]
    days = sorted(s.verdict.day for s in statuses if s.verdict is not None)
    source = t["portal"] if report else (f"{t['verdict']} {days[-1]}" if days else t["ledger"])
    return {
        "lang": lang, "t": t, "edition": edition, "rows": rows, "include_personal": include_personal,
        "generated": datetime.now().strftime("%Y-%m-%d %H:%M"), "source": source,
        "confirmed": total, "waiting": sum(1 for s in statuses if s.state == "waiting_list"), "met": met_count,
        "total_paid": str(sum((Decimal(s.paid) for s in statuses if not s.refund_due), Decimal("0.00"))),
        "total_refunds": str(sum((Decimal(s.paid) for s in statuses if s.refund_due), Decimal("0.00"))),
        "challenges_total": len(edition.challenges),
        "challenge_chart": hbar_chart(t["chart_challenges"], challenge_items),
        "obligation_charts": obligation_charts,
    }


def _outside(dataset: dict[str, Any], lang: str) -> str:
    from .verify_report import VerifiedDataset

    item = VerifiedDataset(dataset["dataset_id"], dataset.get("title"), dataset.get("publisher"), dataset.get("published"),
                           False, when=dataset.get("when", "unknown"))
    return item.outside_text(lang)


def render_dashboard(prog: ProgrammeView, *, include_personal: bool = False, report: VerifyReport | None = None,
                     lang: str = "fr") -> str:
    env = Environment(loader=PackageLoader("odwb_assist_programme", "templates"), autoescape=select_autoescape(["html", "j2"]))
    return env.get_template("dashboard.html.j2").render(
        **dashboard_context(prog, include_personal=include_personal, report=report, lang=lang))


def write_dashboard(prog: ProgrammeView, output: Path, *, include_personal: bool = False, report: VerifyReport | None = None,
                    lang: str = "fr") -> Path:
    output.mkdir(parents=True, exist_ok=True)
    path = output / "tableau-de-bord.html"
    path.write_text(render_dashboard(prog, include_personal=include_personal, report=report, lang=lang), encoding="utf-8")
    return path
