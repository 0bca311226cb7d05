"""The room's progress as a Rich table (``odwb-assist workshop summary``)."""

from __future__ import annotations

from datetime import datetime

from rich.table import Table

from ..core.i18n import Msg
from .summary import Progress, RoomSummary

DONE = "✓"
NOT_YET = "—"


def clock(stamp: str | None) -> str:
    """``HH:MM`` local time of an ISO timestamp (the date too when it is not today)."""
    if not stamp:
        return ""
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%H:%M") if when.date() == datetime.now().date() else when.strftime("%d/%m %H:%M")


def _checked(row: Progress, lang: str) -> str:
    if not row.checked:
        return NOT_YET
    if row.valid:
        state = Msg("valide", "valid")(lang)
    elif row.errors is not None:
        state = Msg(f"{row.errors} erreur(s)", f"{row.errors} error(s)")(lang)
    else:
        state = Msg("erreurs", "errors")(lang)
    return f"{DONE} {clock(row.checked_at)} ({state})"


def _fixed(row: Progress) -> str:
    return f"{DONE} {clock(row.fixed_at)}" if row.fixed else NOT_YET


def _documented(row: Progress) -> str:
    if not row.documented:
        return NOT_YET
    return f"{DONE} {clock(row.documented_at)}" + (f" ({row.score})" if row.score else "")


def _published(row: Progress, lang: str) -> str:
    if not row.published:
        return NOT_YET
    rows = Msg(f"{row.published_records} lignes", f"{row.published_records} rows")(lang)
    return f"{DONE} {clock(row.published_at)}" + (f" ({rows})" if row.published_records is not None else "")


def _online(row: Progress, lang: str) -> str:
    if row.online is None:
        return "?"
    if not row.online:
        return NOT_YET
    return f"{DONE}" + (Msg(f" ({row.online_records} lignes)", f" ({row.online_records} rows)")(lang)
                        if row.online_records is not None else "")


def room_table(summary: RoomSummary, lang: str = "fr") -> Table:
    """One line per participant: checked, fixed, documented, published, online."""
    counts = summary.counts()
    total = counts["participants"]
    title = Msg(f"Salle « {summary.room} » — {total} participant(s)", f"Room '{summary.room}' — {total} participant(s)")
    table = Table(title=title(lang), title_justify="left")
    headers = [("N°", "No."), ("Participant", "Participant"), ("Dossier", "Folder"),
               (f"Vérifié {counts['checked']}/{total}", f"Checked {counts['checked']}/{total}"),
               (f"Corrigé {counts['fixed']}/{total}", f"Fixed {counts['fixed']}/{total}"),
               (f"Documenté {counts['documented']}/{total}", f"Documented {counts['documented']}/{total}"),
               (f"Publié {counts['published']}/{total}", f"Published {counts['published']}/{total}"),
               (f"En ligne {counts['online']}/{total}", f"Online {counts['online']}/{total}")]
    for fr, en in headers:
        table.add_column(Msg(fr, en)(lang))
    for row in summary.participants:
        folder = row.folder + (Msg(" (dossier absent)", " (folder missing)")(lang) if row.problem else "")
        table.add_row(str(row.number), row.name, folder, _checked(row, lang), _fixed(row), _documented(row),
                      _published(row, lang), _online(row, lang))
    return table


def problem_lines(summary: RoomSummary, lang: str = "fr") -> list[str]:
    """One line per participant with a problem (printed under the wide table)."""
    return [f"  {row.number:>3}  {row.name} — {text}" for row in summary.participants if (text := _problem(row, lang))]


STEPS = {"none": ("pas commencé", "not started"), "checked": ("vérifié", "checked"), "fixed": ("corrigé", "fixed"),
         "documented": ("documenté", "documented"), "published": ("publié", "published"),
         "online": ("en ligne", "online")}


def _problem(row: Progress, lang: str) -> str:
    if row.problem == "missing-folder":
        return Msg("dossier absent", "folder missing")(lang)
    if row.failure:
        return f"✗ {clock(row.failed_at)} {row.failure}"
    if row.checked and row.valid is False and not row.fixed:
        return Msg("fichier à corriger", "file to fix")(lang)
    return ""


def _step(row: Progress, lang: str) -> str:
    fr, en = STEPS[row.last_step]
    stamp = {"online": row.published_at, "published": row.published_at, "documented": row.documented_at,
             "fixed": row.fixed_at, "checked": row.checked_at}.get(row.last_step)
    extra = f" ({row.score})" if row.last_step == "documented" and row.score else ""
    return f"{Msg(fr, en)(lang)}{extra} {clock(stamp)}".strip()


def compact_table(summary: RoomSummary, lang: str = "fr") -> Table:
    """The projector view (``summary --watch``): one short line per participant, 30 rows on one screen."""
    counts = summary.counts()
    total = counts["participants"]
    title = Msg(f"Salle « {summary.room} » — vérifié {counts['checked']}, corrigé {counts['fixed']}, documenté "
                f"{counts['documented']}, publié {counts['published']}, en ligne {counts['online']} / {total}",
                f"Room '{summary.room}' — checked {counts['checked']}, fixed {counts['fixed']}, documented "
                f"{counts['documented']}, published {counts['published']}, online {counts['online']} / {total}")
    table = Table(title=title(lang), title_justify="left", box=None, pad_edge=False, show_edge=False)
    for (fr, en), width in ((("N°", "No."), 3), (("Participant", "Participant"), 16), (("Étape", "Step"), 26),
                            (("Problème", "Problem"), 10)):
        # one line each, so that 30 rows fit on one screen; the problem is cut last
        table.add_column(Msg(fr, en)(lang), no_wrap=True, overflow="ellipsis", min_width=width)
    for row in summary.participants:
        table.add_row(str(row.number), row.name[:24], _step(row, lang), _problem(row, lang))
    return table
