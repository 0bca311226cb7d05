"""Totals rows decided once per distinct label: a place name over thousands of rows is never a candidate row,
while real totals (after the data, or a pivot subtotal in the third column) still are."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from odwb_assist.checks.total_markers import could_be_marker
from odwb_assist.checks.total_scan import TotalScanner
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

sys.path.insert(0, str(Path(__file__).parents[2] / "helpers"))
from real_shapes import pivot_rows, write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


def _commune_rows(count: int) -> list[list[str]]:
    communes = ["Somme-Leuze", "Sombreffe", "Ciney", "Somme-Leuze", "Sommière"]
    return [["91120", communes[i % len(communes)], "5377", f"Rue Haute {i % 300 + 1}", str(i % 7 + 1)]
            for i in range(count)]


def _frame(rows: list[list[str]], header: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=header, index=range(2, len(rows) + 2), dtype="str")


def test_a_place_name_or_a_word_holding_som_is_never_a_marker_but_a_total_word_is() -> None:
    assert not any(could_be_marker(label) for label in ("Somme-Leuze", "SOMME-LEUZE", "Sombreffe", "Rue Haute 3", ""))
    assert all(could_be_marker(label) for label in ("Total", "TOTAL :", "Sous-total Namur", "Total Namur",
                                                      "Namur Total", "Somme demandée", "Tôtal général"))


def test_thousands_of_somme_leuze_rows_are_not_candidates() -> None:
    header = ["NIS", "Commune", "Code postal", "Adresse", "Nombre"]
    chunk = _frame(_commune_rows(6000), header)
    scanner = TotalScanner()
    scanner._start(len(header))
    numbers, text = scanner._parse(chunk)
    from odwb_assist.checks.total_labels import LabelColumn

    scanner.labels = [LabelColumn(chunk.iloc[:, position]) for position in range(scanner.search)]
    prefiltered = text[:, 1] & scanner.labels[1].matches("(?i)tot|som|sum|gesamt")
    assert prefiltered.sum() == 4800  # Somme-Leuze (twice), Sombreffe, Sommière hold « som »
    assert not scanner._markers(prefiltered).any()
    assert TotalScanner().feed(chunk) == []


def test_a_total_after_many_place_rows_is_still_certain_whatever_the_chunks(tmp_path: Path) -> None:
    header = ["NIS", "Commune", "Code postal", "Adresse", "Nombre"]
    rows = _commune_rows(6000)
    total = sum(int(row[4]) for row in rows)
    rows.append(["", "Total", "", "", str(total)])
    rows.extend(_commune_rows(40))
    frame = _frame(rows, header)
    whole = TotalScanner().feed(frame)
    assert [(v.row, v.cell, v.certain, v.reason) for v in whole] == [(6002, "Total", True, "sum")]
    scanner = TotalScanner()
    pieces = [scanner.feed(frame.iloc[start:start + 2500]) for start in range(0, len(frame), 2500)]
    assert [verdict for piece in pieces for verdict in piece] == whole

    source = write_csv(tmp_path / "communes.csv", [header, *rows])
    report = check(source, plugins=PM, chunk_rows=2500)
    assert [(f.row_number, f.cell, f.field_number) for f in report.findings if f.type == "total-row"] == \
        [(6002, "Total", 2)]


def test_a_pivot_subtotal_in_the_third_column_among_somme_leuze_rows_is_found(tmp_path: Path) -> None:
    rows = pivot_rows(years=tuple(range(2000, 2030)))
    frame = _frame(rows[1:], rows[0])
    verdicts = TotalScanner().feed(frame)
    third = [v for v in verdicts if v.position == 2]
    assert len(third) == 3 * 30 and all(v.certain and v.cell.startswith("Total ") for v in third)
    assert len(verdicts) == 3 * 30 + 30 + 1 and all(v.certain for v in verdicts)
    communes = np.asarray([row[3] for row in rows[1:]])
    assert (communes == "Somme-Leuze").sum() == 30 and not any(v.cell == "Somme-Leuze" for v in verdicts)


def test_the_distinct_values_of_the_engine_give_the_same_verdicts_as_the_cells() -> None:
    from odwb_assist.core.contract import ColumnValues

    rows = pivot_rows(years=tuple(range(2000, 2030)))
    frame = _frame(rows[1:], rows[0])
    values = {position: ColumnValues.from_series(frame.iloc[:, position], position + 1)
              for position in range(len(frame.columns))}
    by_values = TotalScanner().feed(frame, values)
    assert by_values == TotalScanner().feed(frame) and len(by_values) == 3 * 30 + 30 + 1
    other = {position: ColumnValues.from_series(frame.iloc[:100, position], position + 1) for position in values}
    assert TotalScanner().feed(frame, other) == by_values  # values of other rows are not used


def test_chunks_of_data_alone_summed_from_their_distinct_values_verify_a_decimal_total(tmp_path: Path) -> None:
    """The engine's long chunks without a candidate row are summed from their distinct values (each amount times its
    rows), not row by row: a total of decimal amounts after four such chunks is verified to its cent, as the whole
    table's scan verifies it; a total five euros off is not taken for one."""
    header = ["Commune", "Catégorie", "Montant"]
    amounts = [f"{(i * 37) % 1000 / 100 + 0.05:.2f}" for i in range(10_000)]
    rows = [[("Ciney", "Namur", "Dinant")[i % 3], ("Voirie", "Écoles")[i % 2], amount.replace(".", ",")]
            for i, amount in enumerate(amounts)]
    total = sum(round(float(amount) * 100) for amount in amounts)
    for cents, certain in ((total, True), (total + 500, False)):
        table = [*rows, ["Total", "", f"{cents // 100},{cents % 100:02d}"]]
        whole = TotalScanner().feed(_frame(table, header))
        assert [(v.row, v.certain) for v in whole] == [(10_002, certain)]
        source = write_csv(tmp_path / f"montants{cents}.csv", [header, *table])
        report = check(source, plugins=PM, chunk_rows=2500)
        kinds = {f.type for f in report.findings if f.row_number == 10_002}
        assert ("total-row" in kinds) is certain and (kinds == {"total-row"} or not certain)


def test_a_subtotal_named_after_the_column_beside_it_is_certain_whatever_the_chunks() -> None:
    # a budget's subtotal per function (« Total Administration », the « Fonction » of the rows above): the groups of
    # the file cross the chunks' edges, the group label written once (pivot) or on every row
    header = ["Article", "Libellé", "Fonction", "Montant"]
    rows: list[list[str]] = []
    for group in range(12):
        name = f"Fonction {group}"
        size = 5 + group % 4
        amounts = [str(10 * group + row + 1) for row in range(size)]
        once = group % 2 == 0
        rows += [[f"{group}/{row}", f"Dépense {row}", name if row == 0 or not once else "", amount]
                 for row, amount in enumerate(amounts)]
        rows.append(["", f"Total {name}", "", str(sum(int(amount) for amount in amounts))])
    frame = _frame(rows, header)
    whole = TotalScanner().feed(frame)
    assert [(v.cell, v.certain) for v in whole] == [(f"Total Fonction {group}", True) for group in range(12)]
    for size in (1, 2, 3, 7, 11):
        scanner = TotalScanner()
        pieces = [scanner.feed(frame.iloc[start:start + size]) for start in range(0, len(frame), size)]
        assert [verdict for piece in pieces for verdict in piece] == whole, size
