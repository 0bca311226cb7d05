"""The temporal coverage the metadata proposes comes from the data's dates: not from the dates software writes for
« no date » (a contract without end « 31/12/9999 », Excel's day zero « 30/12/1899 »), which would make a dataset
of contracts run to the year 9999."""

from __future__ import annotations

import pandas as pd
import pytest

from odwb_assist.core.no_date import is_sentinel
from odwb_assist.metadata.enrich_data import describe_fields, temporal_coverage


def coverage(columns: dict[str, list[str]]) -> str | None:
    frame = pd.DataFrame(columns, dtype=str)
    return temporal_coverage(frame, describe_fields(frame))


def test_a_contract_without_end_does_not_stretch_the_coverage() -> None:
    starts = ["12/03/2019", "01/09/2020", "15/01/2021", "03/05/2022", "30/06/2023", "01/02/2024"]
    ends = ["31/12/9999", "31/08/2025", "31/12/9999", "02/05/2026", "30/12/1899", "31/12/9999"]
    assert coverage({"Contrat": [f"C{n}" for n in range(6)], "Début": starts, "Fin": ends}) == "2019-03-12/2026-05-02"


def test_iso_sentinels_are_left_out_too() -> None:
    dates = ["2021-04-01", "2022-11-30", "9999-12-31", "2023-06-15", "1899-12-30"]
    assert coverage({"Date": dates}) == "2021-04-01/2023-06-15"


@pytest.mark.parametrize(("text", "sentinel"), [("31/12/9999", True), ("9999-12-31", True), ("01.01.3000", True),
                                                ("30/12/1899", True), ("1899-12-31", True), ("01/01/1900", False),
                                                ("31/12/2899", False), ("31/12/2024", False), ("9999", False)])
def test_what_is_a_date_for_no_date(text: str, sentinel: bool) -> None:
    assert is_sentinel(text) is sentinel


def test_a_file_sorted_by_date_is_covered_to_its_last_date() -> None:
    """The coverage was computed from the first 100,000 rows: a register sorted by date, longer than that, lost its
    last years. Each distinct date is now read once, whatever the row it is on."""
    days = pd.date_range("2015-01-01", "2024-12-31", freq="D")
    dates = [day.strftime("%d/%m/%Y") for day in days for _ in range(40)]  # 146,120 rows, in order
    assert coverage({"Date": dates}) == "2015-01-01/2024-12-31"


def test_a_year_column_is_covered_by_its_years_only() -> None:
    years = ["2019", "2020", "2021", "2022", "2023"] * 4 + ["n.c."]  # « n.c. » sorts after the digits
    assert coverage({"Année": years}) == "2019/2023"


def test_a_surveys_timestamps_and_year_first_dates_are_read_as_fix_reads_them() -> None:
    """Google Forms writes « 2024/03/18 10:47:22 PM UTC+1 »: no coverage was proposed for a survey; and a year-first
    « 2024/03/12 » was read day first by pandas, as 3 December (a survey of March ran to December)."""
    stamps = ["2024/03/10 9:02:11 AM UTC+1", "2024/03/12 10:47:22 PM UTC+1", "2024/03/28 3:24:53 PM UTC+1"]
    assert coverage({"Horodateur": stamps, "Village": ["Ciney", "Leignon", "Achêne"]}) == "2024-03-10/2024-03-28"
    assert coverage({"Date": ["2024/03/12", "2024/01/05", "2024/02/11"]}) == "2024-01-05/2024-03-12"
    assert coverage({"Date": ["15 mars 2024", "2 janvier 2024", "12/02/2024"]}) == "2024-01-02/2024-03-15"
