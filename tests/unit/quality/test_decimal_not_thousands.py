"""« 0.856 » is a decimal number, not 856 thousandths written with a thousands separator."""

from __future__ import annotations

from odwb_assist.quality import check


def test_three_decimals_below_one_are_not_thousands(tmp_path) -> None:
    path = tmp_path / "mesures.csv"
    path.write_text("id,valeur\n" + "".join(f"{i},0.{100 + i:03d}\n" for i in range(50)), encoding="utf-8")
    assert "thousands-separator" not in check(path).stats


def test_real_thousands_are_still_found(tmp_path) -> None:
    path = tmp_path / "montants.csv"
    path.write_text("id,montant\n" + "".join(f"{i},{i + 1}.250\n" for i in range(50)), encoding="utf-8")
    assert check(path).stats.get("thousands-separator") == 1
