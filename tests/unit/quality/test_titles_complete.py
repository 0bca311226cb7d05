"""Every kind of finding has a heading in words, in French and in English (issue 13, « French all the way »).

The finding types are gathered from the code itself: the ``types`` every check class declares (built-in and
Belgian plugin), the Frictionless types the engine translates, the engine's own findings, and every literal
type given to ``Finding(…)`` and its helpers in the source (so that a new finding type without a title, or
a check that forgets to declare it, fails here). Then a corpus of real-looking files is checked, and no French
report (text, HTML, XLSX) shows a bare code where the heading should be.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import io
import pkgutil
import re
import warnings
from pathlib import Path

import odwb_assist_belgium
import openpyxl
import pytest
from odwb_assist_belgium.messages import MESSAGES as BELGIAN_MESSAGES
from odwb_assist_belgium.titles import EXTRA as BELGIAN_EXTRA
from rich.console import Console

import odwb_assist.checks
from odwb_assist.core.errors import InputError
from odwb_assist.core.findings import Finding, Severity
from odwb_assist.core.i18n import Msg
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, render_html, render_text
from odwb_assist.quality.check_run import check_failed
from odwb_assist.quality.engine import NO_DATA_FINDING
from odwb_assist.quality.messages import TITLES as FRICTIONLESS_OTHERS
from odwb_assist.quality.messages import TRANSLATIONS
from odwb_assist.quality.titles import TITLES, title
from odwb_assist.quality.typecheck import TypeTally
from odwb_assist.quality.xlsx_report import write_xlsx

ROOT = Path(__file__).resolve().parents[3]
SOURCES = [ROOT / "odwb_assist" / "quality", ROOT / "odwb_assist" / "checks",
           ROOT / "plugins" / "odwb-assist-belgium" / "odwb_assist_belgium"]
EMITTERS = {"Finding", "RawError", "findings", "emit", "emit_values", "one"}  # callables taking the type first
# The calls whose type is a variable, and where that variable comes from (checked below): a new one must be
# added here, with the set of types it can carry.
VARIABLE_TYPES = {
    ("messages.py", "error_type"): "Frictionless types (TRANSLATIONS, messages.TITLES)",
    ("aggregate.py", "type_"): "Frictionless types grouped",
    ("tally.py", "type_"): "the literal first argument of each .findings(…) call",
    ("cell_rules.py", "kind"): "title_finding(…): a declared type of the check that calls it (CellCheck.types)",
    ("phones_in_text.py", "kind"): "emit_found_in_text(…): the declared types of the checks that call it "
                                   "(PhonesInTextCheck.types, AccountsInTextCheck.types)",
    ("personal_email.py", "kind"): "PERSONAL, POSSIBLE (PersonalEmailCheck.types)",
    ("findings.py", "error_type"): "the Belgian MESSAGES",
    ("territory.py", "summary_type"): "TerritoryCheck.types",
    ("territory.py", "row_type"): "TerritoryCheck.types",
    ("distinct.py", "error_type"): "the Belgian MESSAGES",
    ("consistency.py", "error_type"): "ConsistencyCheck.types",
}


def declared_types() -> set[str]:
    """The ``types`` of every check class of the built-in checks and of the Belgian plugin."""
    found: set[str] = set()
    for package in (odwb_assist.checks, odwb_assist_belgium):
        for info in pkgutil.iter_modules(package.__path__):
            with warnings.catch_warnings():  # the deprecated paths kept for a release
                warnings.simplefilter("ignore", DeprecationWarning)
                module = importlib.import_module(f"{package.__name__}.{info.name}")
            for _, cls in inspect.getmembers(module, inspect.isclass):
                types = cls.__dict__.get("types")
                if isinstance(types, tuple) and all(isinstance(t, str) for t in types):
                    found.update(types)
    return found


def literal_types() -> tuple[set[str], set[tuple[str, str]]]:
    """The literal types given to ``Finding`` and its helpers in the source, and the (file, variable) of the others."""
    literals: set[str] = set()
    variables: set[tuple[str, str]] = set()
    for folder in SOURCES:
        for path in folder.rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            constants = {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                         and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                         for target in node.targets if isinstance(target, ast.Name)}  # TYPE = "mixed-encoding"
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
                if name not in EMITTERS:
                    continue
                arg = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "type"), None)
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    literals.add(arg.value)
                elif isinstance(arg, ast.Name) and arg.id in constants:
                    literals.add(constants[arg.id])
                elif isinstance(arg, ast.Name) and name in {"Finding", "emit", "emit_values"}:
                    variables.add((path.name, arg.id))
    return literals, variables


def every_type() -> set[str]:
    engine = {NO_DATA_FINDING.type, check_failed("x", ValueError()).type, *TypeTally.types_reported}
    return declared_types() | set(TRANSLATIONS) | set(FRICTIONLESS_OTHERS) | engine | set(BELGIAN_MESSAGES)


def a_finding(type_: str) -> Finding:
    """A finding of ``type_`` as its emitter makes it (the Belgian plugin's carry their title in ``extra``)."""
    extra = {"title": BELGIAN_EXTRA[type_]} if type_ in BELGIAN_EXTRA else {}
    return Finding(type_, Severity.WARNING, Msg("m", "m"), Msg("t", "t"), extra=extra)


def test_the_scan_finds_the_known_types() -> None:
    """The gathering itself works (a broken scan would make the next test pass on nothing)."""
    literals, variables = literal_types()
    assert {"placeholder-value", "no-header", "possible-total", "check-failed", "blank-row", "date-format",
            "coordinates-swapped", "mixed-encoding"} <= literals
    assert {"personal-email", "possible-personal-email", "be-nis-mostly-outside-wallonia", "other-sheets"} <= declared_types()
    assert ("personal_email.py", "kind") in variables


def test_every_literal_type_is_declared_and_every_variable_one_is_known() -> None:
    literals, variables = literal_types()
    assert literals <= every_type(), f"finding types emitted but not declared by a check: {literals - every_type()}"
    assert variables <= set(VARIABLE_TYPES), f"new finding(s) with a computed type: {variables - set(VARIABLE_TYPES)}"


@pytest.mark.parametrize("type_", sorted(every_type()))
def test_every_finding_type_has_a_french_and_an_english_title(type_: str) -> None:
    finding = a_finding(type_)
    french, english = title(type_, "fr", finding), title(type_, "en", finding)
    assert french != type_ and english != type_, f"no title for {type_}"
    assert french and english and "{" not in french + english
    assert type_ in BELGIAN_EXTRA or type_ in TITLES  # the core titles its own types, the plugin its own


def test_the_belgian_plugin_titles_exactly_its_types() -> None:
    assert set(BELGIAN_EXTRA) == set(BELGIAN_MESSAGES)
    assert not set(BELGIAN_EXTRA) & set(TITLES)  # a plugin's title is its own, not in the core's table


# --- a corpus of real-looking files: no bare code as heading ------------------------------------------------

COMMUNES = [("Andenne", "5300", "92003", 27000, "12,5"), ("Assesse", "5330", "92006", 7100, "3,2"),
            ("Namur", "5000", "92094", 111000, "40,1"), ("Ciney", "5590", "91030", 16500, "8,4"),
            ("Gesves", "5340", "92054", 7300, "2,9"), ("Dinant", "5500", "91034", 13400, "9,9"),
            ("Rochefort", "5580", "91114", 12600, "6,6"), ("Havelange", "5370", "91059", 5100, "1,2")]
HEADER = ["commune", "code_postal", "code_ins", "population", "superficie"]


def _csv(folder: Path, name: str, rows: list[list[object]]) -> Path:
    path = folder / name
    path.write_text("\n".join(";".join(str(c) for c in row) for row in rows) + "\n", encoding="utf-8")
    return path


def _xlsx(folder: Path, name: str, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet_name, rows in sheets.items():
        sheet = book.create_sheet(sheet_name)
        for row in rows:
            sheet.append(row)
    path = folder / name
    book.save(path)
    return path


def corpus(folder: Path) -> list[Path]:
    data = [list(c) for c in COMMUNES]
    messy = [HEADER, *data[:4], HEADER, *data[4:]]
    messy += [["Emines", "5080", "92142", "-", "n.d."], ["Total", "", "", "n.d.", "-"],
              ["Somme", "", "", 27000 + 7100, ""], ["", "", "", "", ""],
              ["Source : Statbel, registre national au 1er janvier 2024", "", "", "", ""]]
    belgian = [HEADER + ["courriel", "telephone"]] + [
        [c[0], c[1] if i != 2 else "9999", c[2] if i != 3 else "1234", c[3], c[4],
         "jean.dupont@gmail.com" if i == 1 else "=HYPERLINK(\"x\")" if i == 2 else f"info@{c[0].lower()}.be",
         "081 22 33 44"] for i, c in enumerate(COMMUNES)]
    sections = [HEADER] + [row for year in (2021, 2022) for row in ([year, "", "", "", ""], *data)]
    merged = [["province", "commune", "population"], ["Namur", "Andenne", 27000], ["", "Assesse", 7100],
              ["", "Namur", 111000], ["Liège", "Huy", 21000], ["", "Liège", 195000], ["", "Seraing", 64000],
              ["Luxembourg", "Arlon", 30000], ["", "Bastogne", 16000]]
    form = [["Nom de l'association :", "Les Amis de la Meuse"], ["Adresse :", "Rue de Fer 25, 5000 Namur"],
            ["Téléphone :", "081 22 33 44"], ["Courriel :", "info@amis-meuse.be"],
            ["Date de création :", "12/03/1998"], ["Nombre de membres :", 85]]
    return [
        _csv(folder, "pages.csv", messy),
        _csv(folder, "sans_entete.csv", data),
        _csv(folder, "belge.csv", belgian),
        _csv(folder, "entete_seule.csv", [HEADER]),
        _xlsx(folder, "une_colonne.xlsx", {"donnees": [[";".join(HEADER)]] + [[";".join(map(str, c))] for c in COMMUNES]}),
        _xlsx(folder, "sections.xlsx", {"par annee": sections, "notes": [["a"]]}),
        _xlsx(folder, "fusion.xlsx", {"provinces": merged}),
        _xlsx(folder, "fiche.xlsx", {"fiche": form}),
        _xlsx(folder, "notes.xlsx", {"communes": [HEADER, *data, ["", "", "", "", ""],
                                                   ["Source : Statbel, registre national au 1er janvier 2024", "", "", "", ""],
                                                   ["* chiffres provisoires", "", "", "", ""]]}),
    ]


HEADING = re.compile(r"^─*\s*(.+?) — (?:erreur|avertissement|info) × ", re.M)


def test_no_french_report_shows_a_bare_code_as_heading(tmp_path: Path) -> None:
    plugins = get_plugin_manager()  # the installed Belgian plugin too
    seen: set[str] = set()
    for path in corpus(tmp_path):
        report = check(path, plugins=plugins)
        out = io.StringIO()
        render_text(report, Console(file=out, width=400, color_system=None), lang="fr")
        headings = HEADING.findall(out.getvalue())
        html = render_html(report, lang="fr", fragment=True)
        comments = _xlsx_comments(report, path, tmp_path)
        types = report.by_type()
        assert len(headings) == len(types), (path.name, headings)
        for type_, findings in types.items():
            words = title(type_, "fr", findings[0])
            assert words != type_ and words in headings, (path.name, type_, headings)
            assert f">{words}<" in html.replace("&#x27;", "'").replace("&#39;", "'"), (path.name, type_)
            for comment in comments.get(type_, []):  # the XLSX report's cell notes begin with the same title
                assert comment.startswith(words + " : "), (path.name, comment)
        assert not set(types) & {h.strip() for h in headings}
        seen |= set(types)
    expected = {"repeated-header", "placeholder-value", "total-row", "notes-below-table", "no-header",
                "single-column-table", "section-row", "other-sheets", "merged-label-cells", "form-layout", "no-data",
                "be-postal-unknown", "be-nis-invalid", "formula-injection"}
    assert expected <= seen, expected - seen


def _xlsx_comments(report, source: Path, folder: Path) -> dict[str, list[str]]:  # noqa: ANN001
    """The notes of the coloured cells of the French XLSX report, by finding type (the type of the worst one)."""
    try:
        book = openpyxl.load_workbook(write_xlsx(report, source, folder / f"{source.stem}-rapport.xlsx", lang="fr"))
    except InputError:  # a file whose data cannot be copied again: no cell notes to compare
        return {}
    by_title = {title(t, "fr", f[0]): t for t, f in report.by_type().items()}
    found: dict[str, list[str]] = {}
    for row in book.worksheets[0].iter_rows():
        for cell in row:
            if cell.comment:
                text = cell.comment.text
                type_ = next((t for words, t in by_title.items() if text.startswith(words + " : ")), "?")
                found.setdefault(type_, []).append(text)
    assert "?" not in found, found.get("?")
    return found
