"""``workshop bundle DIR``: every wheel a room needs to install odwb-assist without internet.

For each target platform (Windows, macOS, Linux, or this computer), one folder holds the wheels of
odwb-assist, its plugins (built from the source tree when odwb-assist runs from one, else
downloaded) and every dependency, fetched with ``pip download --only-binary=:all: --platform …
--python-version …``. On the participant's PC::

    pip install --no-index --find-links <dossier> odwb-assist odwb-assist-belgium odwb-assist-programme

Nothing here is POSIX-only: paths are :mod:`pathlib`, pip runs as ``python -m pip``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import InputError

PACKAGES = ("odwb-assist", "odwb-assist-belgium", "odwb-assist-programme")
PLUGIN_FOLDERS = ("odwb-assist-belgium", "odwb-assist-programme")
# pip's --platform tags per target (several per target: pip takes the first wheel that fits one of them)
PLATFORMS: dict[str, tuple[str, ...]] = {
    "windows": ("win_amd64",),
    "macos-arm64": ("macosx_14_0_arm64", "macosx_13_0_arm64", "macosx_12_0_arm64", "macosx_11_0_arm64"),
    "macos-intel": ("macosx_13_0_x86_64", "macosx_12_0_x86_64", "macosx_11_0_x86_64", "macosx_10_15_x86_64",
                    "macosx_10_9_x86_64"),
    "linux": ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"),
    "current": (),  # this computer: pip's own tags
}
ALIASES = {"win_amd64": "windows", "win": "windows", "macos": "macos", "mac": "macos", "manylinux": "linux"}


@dataclass
class PlatformBundle:
    name: str
    folder: Path
    files: list[str] = field(default_factory=list)


@dataclass
class BundleResult:
    directory: Path
    bundles: list[PlatformBundle] = field(default_factory=list)
    built_from: Path | None = None


def targets(names: list[str]) -> list[str]:
    """``["windows", "macos", "linux"]`` → the platform keys (``macos`` is both Apple and Intel Macs)."""
    found: list[str] = []
    for raw in names or ["current"]:
        name = ALIASES.get(raw.lower(), raw.lower())
        keys = ["macos-arm64", "macos-intel"] if name == "macos" else [name]
        for key in keys:
            if key not in PLATFORMS:
                raise InputError(f"Plateforme « {raw} » inconnue : choisissez windows, macos, linux ou current.",
                                 f"Unknown platform '{raw}': choose windows, macos, linux or current.")
            if key not in found:
                found.append(key)
    return found


def source_tree() -> Path | None:
    """The source tree odwb-assist runs from (an editable install), if any."""
    root = Path(__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file() and all((root / "plugins" / p / "pyproject.toml").is_file() for p in PLUGIN_FOLDERS):
        return root
    return None


def _pip(args: list[str], what: str) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
        raise InputError(f"pip n'a pas pu {what} (code {done.returncode}) ; sa dernière ligne : « {last[0]} ». "
                         "Vérifiez la connexion à Internet (ou à l'index de paquets configuré), puis relancez.",
                         f"pip could not {what} (code {done.returncode}); its last line: '{last[0]}'. Check the "
                         "connection to the internet (or to the configured package index), then run again.")


def wheels_here(tree: Path | None, into: Path) -> list[Path]:
    """Every wheel for this computer, odwb-assist and its plugins included (built from ``tree`` when
    given), dependencies published only as source (``ezodf``, ``stringcase``…) built into wheels too."""
    into.mkdir(parents=True, exist_ok=True)
    wanted = [str(tree), *[str(tree / "plugins" / p) for p in PLUGIN_FOLDERS]] if tree is not None else list(PACKAGES)
    _pip(["wheel", "--quiet", "--wheel-dir", str(into), "--find-links", str(into), *wanted],
         "construire les paquets d'odwb-assist et de ses dépendances")
    return sorted(into.glob("*.whl"))


def _pure(wheel: Path) -> bool:
    """A wheel that installs on every system (``…-py3-none-any.whl``)."""
    return wheel.name.endswith("-none-any.whl")


def bundle(directory: str | Path, platforms: list[str] | None = None, *, python: str = "3.11") -> BundleResult:
    """Fill ``directory/<platform>/`` with every wheel needed to install odwb-assist there, offline."""
    root = Path(directory).expanduser().resolve()
    version = python.replace(".", "")
    if not version.isdigit() or len(version) < 2:
        raise InputError(f"--python « {python} » : écrivez une version comme 3.11.", f"--python '{python}': write e.g. 3.11.")
    keys = targets(platforms or [])
    tree = source_tree()
    result = BundleResult(root, built_from=tree)
    with tempfile.TemporaryDirectory(prefix="odwb-bundle-") as scratch:
        here = wheels_here(tree, Path(scratch))
        for key in keys:
            folder = root / key
            folder.mkdir(parents=True, exist_ok=True)
            for wheel in here:
                if key == "current" or _pure(wheel):  # pure wheels serve every platform
                    shutil.copy2(wheel, folder / wheel.name)
            if PLATFORMS[key]:
                args = ["download", "--quiet", "--dest", str(folder), "--find-links", str(folder), "--only-binary=:all:",
                        *[f"--platform={tag}" for tag in PLATFORMS[key]], "--python-version", python,
                        "--implementation", "cp"]
                _pip([*args, *PACKAGES], f"rassembler les paquets pour {key}")
            result.bundles.append(PlatformBundle(key, folder, sorted(p.name for p in folder.iterdir() if p.is_file())))
    (root / "LISEZMOI.txt").write_text(readme(result), encoding="utf-8")
    return result


def readme(result: BundleResult) -> str:
    """``LISEZMOI.txt``: the three commands per system, with this bundle's folder names."""
    lines = ["Installer odwb-assist sans Internet (le guide complet : docs/fr/installation.md)", "",
             "Python 3.11 doit être installé. Ouvrez un terminal, puis (E:\\odwb ou /Volumes/CLE/odwb : ce dossier) :", ""]
    for item in result.bundles:
        if item.name == "windows":
            lines += ["  Windows (PowerShell) :", "    py -3.11 -m venv $HOME\\odwb-assist",
                      "    & $HOME\\odwb-assist\\Scripts\\Activate.ps1",
                      f"    python -m pip install --no-index --find-links E:\\odwb\\{item.name} " + " ".join(PACKAGES), ""]
        else:
            place = "/Volumes/CLE/odwb" if item.name.startswith("macos") else "/media/cle/odwb"
            lines += [f"  {item.name} (Terminal) :", "    python3.11 -m venv ~/odwb-assist",
                      "    source ~/odwb-assist/bin/activate",
                      f"    python -m pip install --no-index --find-links {place}/{item.name} " + " ".join(PACKAGES), ""]
    lines += ["Vérifiez ensuite : odwb-assist --version"]
    return "\n".join(lines) + "\n"
