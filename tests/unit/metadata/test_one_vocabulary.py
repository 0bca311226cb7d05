"""One vocabulary for themes, licences, frequencies and places: the inventory, the metadata, the sandbox share it,
and a value outside it is caught where it is typed, with the closest valid value proposed."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest

from odwb_assist.core.errors import MetadataError
from odwb_assist.inventory import read, write_template
from odwb_assist.inventory.model import COLUMNS, FREQUENCIES, LICENCES, THEMES
from odwb_assist.metadata import vocabularies as vocab
from odwb_assist.metadata.document import Question, ask_questions
from odwb_assist.metadata.model import Metadata
from odwb_assist.metadata.mqa_access_checks import check_dcat_ap
from odwb_assist.metadata.mqa_description_checks import check_theme
from odwb_assist.metadata.score import ScoreContext
from odwb_assist.sandbox import domain

VENDOR_SAMPLE_IDS = {"5sylls5", "7b5b405", "06af88d", "4bj8ceb"}  # ids of the vendor's documents (another portal)


def test_theme_list_is_odwbs() -> None:
    labels = vocab.theme_vocabulary()
    assert {"Actualités", "Statistiques", "Mobilité", "Santé"} <= set(labels)
    assert not {"Urbanisme", "Éducation", "Culture, sport et loisirs"} & set(labels)


def test_sandbox_offers_the_same_values_under_its_own_ids() -> None:
    assert sorted(t["label"] for t in domain.DEFAULT_THEMES) == sorted(vocab.theme_vocabulary())
    assert [lic["label"] for lic in domain.DEFAULT_LICENSES] == vocab.choices("licence")
    ids = [item["id"] for item in domain.DEFAULT_THEMES + domain.DEFAULT_LICENSES]
    assert len(set(ids)) == len(ids) and not set(ids) & VENDOR_SAMPLE_IDS
    assert all(len(i) == 7 for i in ids)


def test_inventory_drop_downs_come_from_the_vocabulary(tmp_path: Path) -> None:
    assert list(THEMES) == vocab.theme_vocabulary()
    assert list(FREQUENCIES) == vocab.choices("frequency")
    assert set(vocab.choices("licence")) <= set(LICENCES)
    path = write_template(tmp_path / "inventaire.xlsx")
    lists = openpyxl.load_workbook(path)["Listes"]
    columns = {lists.cell(row=1, column=c).value: [lists.cell(row=r, column=c).value for r in range(2, lists.max_row + 1)]
               for c in range(1, lists.max_column + 1)}
    assert [v for v in columns["Thème ODWB"] if v] == vocab.theme_vocabulary()


def _write_row(path: Path, **cells: Any) -> Path:
    wb = openpyxl.load_workbook(path)
    ws = wb["Inventaire"]
    for index, col in enumerate(COLUMNS, start=1):
        if col.key in cells:
            ws.cell(row=3, column=index, value=cells[col.key])
    wb.save(path)
    return path


@pytest.mark.parametrize(("typed", "proposal"), [("Santé publique", "Santé"), ("Mobilte", "Mobilité"),
                                                 ("Statistique", "Statistiques")])
def test_inventory_check_catches_a_theme_typed_wrong(tmp_path: Path, typed: str, proposal: str) -> None:
    path = _write_row(write_template(tmp_path / "inv.xlsx"), identifier="INV-1", title="Données", theme=typed)
    inventory = read(path, engine=None)
    found = [f for f in inventory.findings if f.type == "inventory-unknown-code"]
    assert len(found) == 1
    assert f"« {typed} » n'est pas un thème de la liste d'ODWB" in found[0].message.fr
    assert f"Vouliez-vous dire « {proposal} » ?" in found[0].tip.fr


def test_inventory_maps_other_wordings_without_complaint(tmp_path: Path) -> None:
    path = _write_row(write_template(tmp_path / "inv.xlsx"), identifier="INV-1", title="Données", theme="Urbanisme",
                      update_frequency="temps réel", licence="cc-by")
    inventory = read(path, engine=None)
    entry = inventory.entries[0]
    assert not [f for f in inventory.findings if f.type == "inventory-unknown-code"]
    assert entry.theme == "Aménagement du territoire, Urbanisme, Bâtiments, Équipements, Logement"
    assert (entry.update_frequency, entry.licence) == ("En continu", "CC BY 4.0")


def test_document_refuses_a_wrong_theme_where_it_is_typed_and_proposes_the_closest() -> None:
    asked: list[tuple[str, str | None]] = []
    answers = iter(["Santé publique", ""])  # the second answer accepts the proposed default

    def ask(text: str, default: str | None) -> str:
        asked.append((text, default))
        answer = next(answers)
        return answer or (default or "")

    question = Question("default.theme", vocab.Msg("Thème", "Theme"), choices=vocab.theme_vocabulary())
    from odwb_assist.metadata import document

    original = document.questions
    document.questions = lambda md, project: [question]  # type: ignore[assignment]
    try:
        result = ask_questions(Metadata(), None, ask)
    finally:
        document.questions = original  # type: ignore[assignment]
    assert result == {"default.theme": ["Santé"]}
    assert "« Santé publique » n'est pas un thème de la liste d'ODWB" in asked[1][0] and asked[1][1] == "Santé"


def test_score_proposes_the_closest_value() -> None:
    md = Metadata()
    md.set("default.theme", ["Sante publique"])
    md.set("dcat.accrualperiodicity", "mensuel tous les mois?")
    md.set("default.language", "français")
    md.set("default.geographic_reference", ["Belgique"])
    (theme,) = check_theme(ScoreContext(md))
    assert theme.example == "Santé" and "le thème" in theme.advice.fr and "la thème" not in theme.advice.fr
    codes = {f.code: f for f in check_dcat_ap(ScoreContext(md))}
    assert codes["language-unknown"].example == "fr"
    assert codes["geographic-reference-unknown"].example == "world_be"
    assert "frequency-unknown" not in codes  # « mensuel » is recognised


def test_portal_refusal_speaks_correct_french() -> None:
    from odwb_assist.portal.vocabulary import Vocabulary

    client = SimpleNamespace(state_dir=None, base_url="http://127.0.0.1:1", licenses={}, themes={})
    vocabulary = Vocabulary(client)  # type: ignore[arg-type]
    vocabulary._choices = {"license_id": {"a": "CC0 1.0"}, "theme_id": {"b": "Mobilité"}}
    with pytest.raises(MetadataError) as caught:
        vocabulary._unknown("theme_id", "Sécurité")
    assert "ne connaît pas le thème « Sécurité »" in caught.value.message("fr")
    with pytest.raises(MetadataError) as caught:
        vocabulary._unknown("license_id", "Maison")
    assert "ne connaît pas la licence « Maison »" in caught.value.message("fr")


def test_document_command_catches_a_theme_typed_wrong_in_odwb_toml(cli: Any, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data.csv").write_text("nom,places\nGare,12\n", encoding="utf-8")
    (tmp_path / "odwb.toml").write_text('[administration]\nname = "Ville de Namur"\n[[datasets]]\nid = "namur-x"\n'
                                        'file = "data.csv"\n[datasets.metadata]\ntheme = ["Santé publique"]\n',
                                        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _code, out, _err = cli("document", "data.csv", "--output-dir", tmp_path / "doc")
    assert "« Santé publique » n'est pas un thème de la liste d'ODWB" in out and "Vouliez-vous dire « Santé » ?" in out
