"""One column per year (a statistics table laid out for reading): said once, as an information, with how to reshape
it; the table stays valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.checks.year_columns import year_runs
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

NUMBERS = dict.fromkeys(["2019", "2020", "2021", "2022", "2023", "Population 2019", "Population 2020",
                         "Population 2021", "Naissances 2020", "Naissances 2021", "Naissances 2022", "Décès 2020",
                         "Décès 2021", "Décès 2022"], "integer")


@pytest.mark.parametrize(("labels", "runs"), [
    (["Commune", "2019", "2020", "2021", "2022", "2023"], [["2019", "2020", "2021", "2022", "2023"]]),
    (["Commune", "Population 2019", "Population 2020", "Population 2021"],
     [["Population 2019", "Population 2020", "Population 2021"]]),
    (["Commune", "Naissances 2020", "Naissances 2021", "Naissances 2022", "Décès 2020", "Décès 2021", "Décès 2022"],
     [["Naissances 2020", "Naissances 2021", "Naissances 2022"], ["Décès 2020", "Décès 2021", "Décès 2022"]]),
    (["Commune", "2019", "2020"], []),  # two years: a comparison
    (["Commune", "2019", "Remarque", "2020", "2021"], []),  # not side by side
    (["Commune", "2021", "2020", "2019"], []),  # not rising: not a time series as written
    (["Commune", "Population 2019", "Naissances 2020", "Décès 2021"], []),  # three measures
    (["Code", "Année", "Valeur"], []),
])
def test_year_runs(labels: list[str], runs: list[list[str]]) -> None:
    types = {label: NUMBERS.get(label, "string") for label in labels}
    assert year_runs(labels, types) == runs


def test_text_columns_named_after_years_are_not_a_measure() -> None:
    assert year_runs(["Commune", "2019", "2020", "2021"], {"Commune": "string", "2019": "string", "2020": "string",
                                                           "2021": "string"}) == []


def test_a_wide_table_is_said_once_and_stays_valid(tmp_path: Path) -> None:
    source = tmp_path / "population.csv"
    source.write_text("Commune;2019;2020;2021;2022\nNamur;111000;111500;112000;112600\nAndenne;26900;27000;27100;27300\n"
                      "Gesves;7100;7150;7200;7250\n", encoding="utf-8")
    report = check(source, plugins=get_plugin_manager(load_entrypoints=False))
    [found] = report.findings
    assert (found.type, found.severity.value, found.extra) == ("year-columns", "info",
                                                               {"columns": ["2019", "2020", "2021", "2022"]})
    assert "Dépivoter les colonnes" in found.tip("fr") and report.valid
