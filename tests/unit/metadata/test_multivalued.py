"""A survey's multiple-choice column (« Bibliothèque;Piscine ») is drafted as multivalued, so that the portal splits
its cells and filters on each answer; free text, addresses and amounts with commas never are."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from odwb_assist.metadata.enrich_data import describe_fields, multivalued_separator
from odwb_assist.metadata.model import FieldInfo, Metadata
from odwb_assist.metadata.payload import ods_field_configuration
from odwb_assist.publish import fields
from odwb_assist.publish.fields import MARK

SERVICES = ["Bibliothèque", "Piscine", "Académie de musique", "Plaine de jeux", "Service population"]


def survey(separator: str, rows: int = 40, seed: int = 7) -> pd.DataFrame:
    """Answers as a form exports them: one to three services ticked, in the list's order."""
    rnd = random.Random(seed)
    ticked = [separator.join(sorted(rnd.sample(SERVICES, rnd.choice([1, 1, 2, 3])), key=SERVICES.index))
              for _ in range(rows)]
    communes = [rnd.choice(["Ciney", "Dinant", "Yvoir", "Hamois"]) for _ in range(rows)]
    remarks = [rnd.choice(["", "Plus de places de parking, svp", "Horaires le samedi, merci", "Rien à signaler",
                           f"Accueil, propreté et prix : {rnd.randint(1, 9)}/10"]) for _ in range(rows)]
    return pd.DataFrame({"Commune": communes, "Services utilisés": ticked, "Suggestions": remarks})


@pytest.mark.parametrize("separator", [";", ", "], ids=["ms-forms", "google-forms"])
def test_a_multiple_choice_question_is_multivalued_and_a_filter(separator: str) -> None:
    drafted = {f.name: f for f in describe_fields(survey(separator))}
    assert drafted["Services utilisés"].multivalued == separator.strip()
    assert drafted["Services utilisés"].facet
    assert drafted["Commune"].multivalued is None and drafted["Suggestions"].multivalued is None


@pytest.mark.parametrize("cells", [
    ["Rue Haute, 12", "Place d'Armes, 1", "Rue de Fer, 25", "Avenue Reine Astrid, 8", "Rue Grande, 3"],  # addresses
    ["12,5", "3,25", "100,0", "12,5", "7,75", "3,25"],  # decimal commas
    ["Namur; capitale wallonne", "Liège; cité ardente", "Mons; cité du doudou", "Tournai; cité des cinq clochers"],
    ["Bibliothèque;Piscine", "Piscine;Plaine de jeux", "Bibliothèque"],  # too few to be sure
])
def test_cells_with_commas_or_semicolons_that_are_no_list_of_answers(cells: list[str]) -> None:
    assert multivalued_separator(pd.Series(cells)) is None


def test_the_portal_is_told_to_split_them_and_the_project_file_may_say_otherwise() -> None:
    info = FieldInfo(name="Services utilisés", multivalued=";", facet=True)
    cols = fields.columns(["Services utilisés"], [info], {})
    assert {"type": "annotate", "label": f"Valeurs multiples de services_utilises {MARK}", "field": "services_utilises",
            "annotation": "multivalued", "args": [";"]} in fields.configurations(cols)
    single = fields.columns(["Services utilisés"], [info], {"Services utilisés": {"multivalued": ""}})
    assert not [c for c in fields.configurations(single) if c.get("annotation") == "multivalued"]
    metadata = Metadata()
    metadata.fields.append(info)
    assert {"type": "annotate", "label": f"Valeurs multiples de services_utilises {MARK}", "field": "services_utilises",
            "annotation": "multivalued", "args": [";"]} in ods_field_configuration(metadata)
    metadata.load_field_settings({"Services utilisés": {"multivalued": ""}})
    assert metadata.fields[0].multivalued is None
