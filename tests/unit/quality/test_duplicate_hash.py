"""duplicate-row across chunks: the two row hashes (SipHash of each distinct value, then that hash mixed again)
flag exact repeats only, not rows whose cells are swapped between columns or differ in one cell."""

from __future__ import annotations

from pathlib import Path

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check


def test_repeats_across_chunks_only_exact(tmp_path: Path) -> None:
    lines = [f"{i},v{i},{i % 7}" for i in range(1, 301)]
    lines += ["5,v5,5", "v5,5,5", "5,v5,6", "12,v12,5", "300,v300,6"]  # row 302 on: exact, swapped, one off, exact, exact
    path = tmp_path / "rows.csv"
    path.write_text("a,b,c\n" + "\n".join(lines) + "\n")
    report = check(path, plugins=get_plugin_manager(load_entrypoints=False), chunk_rows=40)
    found = [f.row_number for f in report.findings if f.type == "duplicate-row"]
    assert found == [302, 305, 306]
