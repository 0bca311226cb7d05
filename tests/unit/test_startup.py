"""Start-up stays light: building the CLI (with the entry-point plugins) and ``--version`` / ``--help`` import
none of the heavy libraries; they are imported by the commands that use them. Deterministic: no timing."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

HEAVY = ("pandas", "numpy", "matplotlib", "openpyxl", "frictionless", "flask", "waitress", "pyarrow", "jinja2",
         "requests", "requests_toolbelt")

# Runs in a fresh interpreter: the test process has imported everything already.
SCRIPT = """
import contextlib, io, json, sys
from odwb_assist.cli.main import main

runs = (["--version"], ["--help"], ["check", "--help"], ["document", "--help"], ["metadata", "--help"],
        ["publish", "--help"], ["inventory", "--help"], ["catalog", "--help"], ["challenge", "--help"],
        ["sandbox", "--help"], ["workshop", "--help"], ["programme", "--help"])
codes = {}
with contextlib.redirect_stdout(io.StringIO()) as out:
    for args in runs:
        codes[" ".join(args)] = main(args)
print(json.dumps({
    "codes": codes,
    "version": "odwb-assist " in out.getvalue(),
    "modules": sorted({name.split(".")[0] for name in sys.modules}),
}))
"""


def _start() -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_version_and_help_import_no_heavy_library() -> None:
    result = _start()
    assert result["version"]
    assert set(result["codes"].values()) == {0}, result["codes"]
    modules = set(result["modules"])
    # The entry-point plugins were loaded, as in the real CLI (their commands are in the --help above).
    assert {"odwb_assist_belgium", "odwb_assist_programme"} <= modules
    assert sorted(modules & set(HEAVY)) == []


def test_lazy_public_names_still_import() -> None:
    """In a fresh interpreter, where the submodules ``draft`` and ``score`` are imported before the names."""
    script = """
import odwb_assist.metadata.document, odwb_assist.metadata.draft, odwb_assist.metadata.score
from odwb_assist import metadata
from odwb_assist.metadata import Metadata, MetadataRule, draft, score
from odwb_assist.inventory import discover, draw_matrix
from odwb_assist.portal import PortalClient
assert draft.__name__ == "draft" and score.__name__ == "score" and callable(draft) and callable(score)
assert metadata.draft is draft and metadata.score is score
assert Metadata.__name__ == "Metadata" and MetadataRule.__name__ == "MetadataRule"
assert callable(discover) and callable(draw_matrix) and PortalClient.__name__ == "PortalClient"
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


# What ``odwb-assist check`` on a small CSV (text report) must not import: the other formats' readers and
# renderers, the web and portal libraries, Rich's Markdown (help only), the programme's register.
# pandas/numpy/pyarrow are the engine's own. (Frictionless joins this list once the engine imports it lazily.)
CHECK_CSV_NEVER = ("openpyxl", "python_calamine", "xlrd", "ezodf", "jinja2", "matplotlib", "flask", "werkzeug", "waitress",
                   "requests", "requests_toolbelt", "rdflib", "playwright", "markdown_it", "tomlkit")
CHECK_CSV_NEVER_MODULES = ("rich.markdown", "typer.rich_utils", "odwb_assist.quality.xlsx_report",
                           "odwb_assist.quality.html_report", "odwb_assist.portal", "odwb_assist.inventory.model",
                           "odwb_assist_programme.api", "odwb_assist_programme.listener", "odwb_assist.publish.source")

CHECK_SCRIPT = """
import contextlib, io, json, sys
from odwb_assist.cli.main import main

with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(["check", sys.argv[1]])
print(json.dumps({"code": code, "said": "Namur" in out.getvalue() or "ligne" in out.getvalue(),
                  "modules": sorted(sys.modules)}))
"""


def test_checking_a_small_csv_imports_only_what_the_check_needs(tmp_path: Any) -> None:
    path = tmp_path / "petit.csv"
    rows = ["code_ins;commune;population;date_maj"] + [f"9209{i};Namur;{110000 + i};0{i + 1}/02/2024" for i in range(9)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", CHECK_SCRIPT, str(path)], capture_output=True, text=True, timeout=180,
                          check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] in (0, 1)
    modules = set(result["modules"])
    assert {"odwb_assist.quality.engine", "odwb_assist_belgium"} <= modules  # the check ran, with the plugins
    assert sorted({name.split(".")[0] for name in modules} & set(CHECK_CSV_NEVER)) == []
    assert sorted(modules & set(CHECK_CSV_NEVER_MODULES)) == []
    # dates « 01/02/2024 » open as a phone number does (a 0, then 7 digits): they are not scored as phones, so that
    # phonenumbers' metadata is not loaded for a file without a phone (some 35 ms of the check)
    assert "phonenumbers" not in {name.split(".")[0] for name in modules}
