"""``fix`` runs only the checks whose findings its plans read (``Fix.reads``): the same clean file, side files,
change log and counts as after the whole check, for less work; a fix that does not say has the whole check."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odwb_assist.core.contract import Change, FixContext, FixPlan
from odwb_assist.core.events import DATASET_CHECKED
from odwb_assist.core.hookspecs import hookimpl
from odwb_assist.core.i18n import Msg
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, check_run, engine, fix, fix_engine
from odwb_assist.quality.fix_engine import _read_types, available_fixes

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager()  # with the Belgian plugin: its fixes read the findings of its field kinds
LABELS = ["commune", "montant", "date", "categorie", "telephone", "numero_bce", "code_ins", "remarque", ""]
CELLS = ["", "Namur", "Somme-Leuze", " Ciney ", "12,5", "1 250,75", "-", "n.d.", "31/01/2024", "=SUM(A1)",
         "Voirie", "voirie", "Éclairage", "Total", "12 places", "81246411", "081246411", "440966354",
         "0440966354", "82003", "92094", "2094", "jean.dupont@gmail.com"]


_csv = write_csv  # the name the property tests call: Hypothesis draws their examples from a hash of their source


def _outcome(source: Path, out: Path, **options: Any) -> dict[str, Any]:
    out.parent.mkdir(parents=True, exist_ok=True)
    result = fix(source, out, plugins=PM, changes_file=out.parent / "journal.csv", **options)
    data = result.to_dict()
    del data["remaining"], data["checkedAll"]  # the whole check finds more errors left (test_fix_remaining.py)
    for key in ("output", "removedRowsFile", "removedColumnsFile", "changesFile"):
        data[key] = Path(data[key]).name if data[key] else None
    return {"result": data, "files": {p.name: p.read_bytes() for p in out.parent.iterdir()}}


def _both(source: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, **options: Any) -> tuple[dict, dict, list]:
    """(after the checks the fixes read, after the whole check, the checks the first run left out)."""
    ran: dict[bool, set[str]] = defaultdict(set)
    original = check_run.CheckRun.__init__

    def spy(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        ran[whole].update(getattr(c, "name", "?") for c in self.table_checks)
        ran[whole].update(f"kind {k.name}" for k in self.kinds.values())

    monkeypatch.setattr(check_run.CheckRun, "__init__", spy)
    outcomes = []
    for whole in (False, True):
        with monkeypatch.context() as patch:
            if whole:
                patch.setattr(fix_engine, "_read_types", lambda chosen, *available: None)
            outcomes.append(_outcome(source, folder / ("whole" if whole else "partial") / "propre.csv", **options))
    return outcomes[0], outcomes[1], sorted(ran[True] - ran[False])


def test_every_fix_says_what_it_reads() -> None:
    wanted = _read_types(available_fixes(PM))
    assert wanted is not None  # built-in and Belgian fixes: the fix runs a partial check
    assert {"blank-row", "total-row", "placeholder-value", "repeated-header", "notes-below-table", "form-layout",
            "be-phone-lost-zero", "be-nis-retired", "be-enterprise-lost-zero"} <= wanted
    assert not wanted & {"duplicate-row", "email-invalid", "be-phone-invalid", "personal-email"}
    # the date fix reads the columns with values of the wrong type: the type check runs in every check, fix's too
    assert "type-error" in wanted


def test_the_realistic_export_gives_the_same_files_with_fewer_checks(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [["Liste des subsides 2024", "", "", "", "", "", ""],
            ["commune", "code_ins", "montant", "date", "telephone", "numero_bce", "categorie"]]
    for n in range(400):
        rows.append(["Somme-Leuze" if n % 7 == 0 else "Namur", "82003" if n % 50 == 0 else "92094",
                     f"{n},5" if n % 9 else "n.d.", f"{1 + n % 28:02d}/01/2024", "81246411" if n % 3 == 0 else
                     "081246411", "440966354" if n % 11 == 0 else "0440966354", "voirie" if n % 5 else "Voirie"])
    rows.insert(150, ["", "", "", "", "", "", ""])
    total = sum(n + 0.5 for n in range(400) if n % 9)
    rows += [["Total", "", f"{total:.1f}".replace(".", ","), "", "", "", ""],
             ["Source : service des finances", "", "", "", "", "", ""]]
    partial, whole, skipped = _both(_csv(tmp_path / "subsides.csv", rows), tmp_path, monkeypatch)
    assert partial == whole
    counts = partial["result"]["counts"]
    assert {"be-phone-repad", "be-enterprise-repad", "be-nis-replace-retired", "drop-notes-below-table",
            "drop-blank-rows", "decimal-comma", "placeholder-value"} <= set(counts)
    assert {"duplicate-row", "belgium.commune-consistency"} <= set(skipped)  # warnings no fix reads
    assert "kind be-phone" not in skipped and "total-row" not in skipped
    assert "personal-email" not in skipped  # it may report an error: the fix says the errors left


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_fewer_checks_give_the_same_fix(monkeypatch: pytest.MonkeyPatch, data: st.DataObject) -> None:
    import tempfile

    width = data.draw(st.integers(2, 5))
    header = data.draw(st.lists(st.sampled_from(LABELS), min_size=width, max_size=width, unique=True))
    body = data.draw(st.lists(st.lists(st.sampled_from(CELLS), min_size=width, max_size=width), min_size=1,
                              max_size=14))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        partial, whole, _ = _both(_csv(root / "t.csv", [header, *body]), root, monkeypatch)
        assert partial == whole


def test_a_layout_fix_reads_its_trigger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A form (one label and one value per row): the form-layout check still runs, the table is turned."""
    lines = ["Nom de l'association :;Les Amis de la Meuse", "Adresse :;Rue de Fer 25, 5000 Namur",
             "Téléphone :;081 22 33 44", "Date de création :;12/03/1998", "Nombre de membres :;85"]
    source = tmp_path / "fiches.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    partial, whole, _ = _both(source, tmp_path, monkeypatch)
    assert partial == whole
    assert partial["result"]["counts"].get("form-to-row")


class _Greedy:
    """A plugin fix that reads a type it does not declare (duplicate rows), or says nothing at all."""

    label = Msg("Doublons", "Duplicates")

    def __init__(self, name: str, declared: bool) -> None:
        self.name = name
        if declared:
            self.reads = ()

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        duplicated = table.duplicated()
        changes = [Change(self.name, int(row), None, "", None) for row in table.index[duplicated]]
        return table[~duplicated], changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from odwb_assist.quality.fix_plans import rows_of

        rows = rows_of(context, ["duplicate-row"])
        return FixPlan(rows=dict.fromkeys(rows, "")) if rows else None


class _Plugin:
    def __init__(self, item: _Greedy) -> None:
        self.item = item

    @hookimpl
    def odwb_fixes(self) -> list[Any]:
        return [self.item]


@pytest.mark.parametrize("declared", [False, True])
def test_a_plugin_fix_that_does_not_say_or_says_wrong_still_removes_its_rows(tmp_path: Path, declared: bool) -> None:
    """Not declared: the whole check runs and the plan streams. Declared wrong (``reads = ()`` but it reads
    duplicate rows): its plan is incomplete and the table is read whole; either way the duplicate goes."""
    pm = get_plugin_manager(load_entrypoints=False)
    pm.register(_Plugin(_Greedy("drop-duplicates", declared)))
    source = tmp_path / "t.csv"
    source.write_text("a,b\n1,2\n3,4\n1,2\n5,6\n", encoding="utf-8")
    assert (_read_types(available_fixes(pm)) is None) is not declared
    result = fix(source, tmp_path / "propre.csv", plugins=pm)
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8") == "a,b\n1,2\n3,4\n5,6\n"
    assert result.counts["drop-duplicates"] == 1


def test_a_partial_check_announces_nothing(tmp_path: Path) -> None:
    seen: list[str] = []

    class Listener:
        @hookimpl
        def odwb_track_event(self, event: Any) -> None:
            seen.append(event.type)

    pm = get_plugin_manager(load_entrypoints=False)
    pm.register(Listener())
    source = tmp_path / "t.csv"
    source.write_text("a,b\n1,2\n1,2\n", encoding="utf-8")
    report = check(source, plugins=pm, types={"blank-row"})
    assert seen == [] and "duplicate-row" not in report.stats
    report = check(source, plugins=pm)
    assert seen == [DATASET_CHECKED] and report.stats.get("duplicate-row")


def test_checks_and_field_kinds_report_only_the_types_they_declare(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """What a partial check leaves out is decided by the types each check and field kind declares: every finding
    of a full check on files of every kind of column comes from one that declares its type."""
    from odwb_assist.quality.kinds import field_kinds

    found: dict[str, set[str]] = defaultdict(set)
    original_add_all, original_collect = check_run.CheckRun.add_all, check_run.CheckRun.collect

    def add_all(self: Any, origin: str, produce: Any) -> None:
        made = list(produce() or ())
        found[origin].update(f.type for f in made)
        original_add_all(self, origin, lambda: made)

    def collect(self: Any, job: Any) -> None:
        found[job.origin].update(f.type for f in job.found)
        original_collect(self, job)

    monkeypatch.setattr(check_run.CheckRun, "add_all", add_all)
    monkeypatch.setattr(check_run.CheckRun, "collect", collect)
    header = ["commune", "code_postal", "code_ins", "telephone", "courriel", "numero_bce", "iban", "registre_national",
              "latitude", "longitude", "x_lambert", "y_lambert", "montant", "date", "remarque"]
    bad = ["Namur", "9999", "2094", "81246411", "jean@@x", "440966354", "BE00 0000 0000 0000", "85.07.30-033.61",
           "4.86", "50.46", "4.5", "50.2", "1.250,5", "31/01/2024", "=SUM(A1)"]
    good = ["Namur", "5000", "92094", "081 24 64 11", "info@namur.be", "0207.373.429", "BE68 5390 0754 7034", "",
            "50.4669", "4.8675", "185000", "128000", "12", "2024-01-31", "n.d."]
    rows = [header] + [good] * 30 + [bad] * 3 + [good] * 5 + [["Total", "", "", "", "", "", "", "", "", "", "", "",
                                                             "36", "", ""]]
    source = _csv(tmp_path / "tout.csv", rows)
    report = check(source, plugins=PM)
    assert len(report.stats) >= 8
    kinds = {f"kind {kind.name}": kind.types for kind in field_kinds(PM).values()}
    declared = {getattr(c, "name", "?"): tuple(getattr(c, "types", ()))
                for c in engine._split_checks(list(_checks(source)))[0]}
    declared.update(kinds)
    declared["type"] = engine.TypeTally.types_reported
    for origin, types in found.items():
        if origin in declared and declared[origin]:
            assert types <= set(declared[origin]), (origin, types - set(declared[origin]))


def _checks(source: Path) -> list[Any]:
    from odwb_assist.core.contract import CheckContext
    from odwb_assist.core.plugins import collect

    return collect(PM.hook.odwb_checks(context=CheckContext(source=str(source), fields=[])))
