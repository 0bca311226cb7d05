"""Run two versions of ``fix`` on a corpus and compare what they write, byte for byte (issue 17).

Usage::

    python benchmarks/fix_diff.py --old 9effc12                    # the corpus of engine_diff.py
    python benchmarks/fix_diff.py --old 9effc12 --only /tmp/c1m.csv  # one (big) file

Per file, ``python -m odwb_assist fix F -o OUT/propre.csv --journal OUT/journal.csv`` runs with each
version (the old one exported from git, as :mod:`engine_diff` does) in its own folder; the exit codes, the
printed preview (folder names made equal) and every file written (the clean file, the journal, the side
files) must be the same bytes.
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import engine_diff  # noqa: E402 (sibling script, not a package)


def run_fix(tree: Path, path: Path, folder: Path) -> tuple[int, str]:
    folder.mkdir(parents=True)
    command = [sys.executable, "-m", "odwb_assist", "fix", str(path), "-o", str(folder / "propre.csv"),
               "--journal", str(folder / "journal.csv")]
    done = subprocess.run(command, env=engine_diff.environment(tree), capture_output=True, text=True, cwd=folder,
                          timeout=1800)
    return done.returncode, (done.stdout + done.stderr).replace(str(folder), "OUT")


def differences(old: Path, new: Path, old_run: tuple[int, str], new_run: tuple[int, str]) -> list[str]:
    diffs = []
    if old_run[0] != new_run[0]:
        diffs.append(f"exit code {old_run[0]} -> {new_run[0]}")
    if old_run[1] != new_run[1]:
        diffs.append(f"output differs:\n--- old\n{old_run[1][-600:]}\n--- new\n{new_run[1][-600:]}")
    names = {p.name for p in old.iterdir()} | {p.name for p in new.iterdir()}
    for name in sorted(names):
        a, b = old / name, new / name
        if not a.exists() or not b.exists():
            diffs.append(f"{name} written only by the {'new' if b.exists() else 'old'} version")
        elif not filecmp.cmp(a, b, shallow=False):
            diffs.append(f"{name} differs")
    return diffs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", default="9effc12", help="git ref of the old version (default: 9effc12)")
    parser.add_argument("--new", type=Path, default=engine_diff.ROOT, help="tree of the new version (default: this one)")
    parser.add_argument("--only", type=Path, nargs="*", help="these files instead of the corpus")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        old_tree = engine_diff.export_tree(args.old, Path(tmp) / "old")
        print(f"old ({args.old}): {engine_diff.verify_imports(old_tree)}")
        print(f"new: {engine_diff.verify_imports(args.new)}")
        generated = Path(tmp) / "corpus"
        corpus = args.only or engine_diff.static_corpus() + engine_diff.generated_corpus(generated)
        runs = Path(tmp) / "runs"

        def both(item: tuple[int, Path]) -> tuple[Path, list[str]]:
            index, path = item
            old, new = runs / f"{index}-old", runs / f"{index}-new"
            old_run, new_run = run_fix(old_tree, path, old), run_fix(args.new, path, new)
            return path, differences(old, new, old_run, new_run)

        results = []
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for path, diffs in pool.map(both, enumerate(corpus)):
                print(f"  {'same' if not diffs else 'DIFF'}  {engine_diff.label(path, generated)}", flush=True)
                for line in diffs:
                    print(f"      {line}")
                results.append((path, diffs))
    differing = [p for p, d in results if d]
    print(f"\n{len(results) - len(differing)} file(s) identical, {len(differing)} differing, on {len(results)} files")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
