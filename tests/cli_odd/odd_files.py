"""A corpus of odd inputs, written on the fly: what people really pass to a command by mistake or by malice."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

LOL_ENTITIES = '<!ENTITY l0 "lol">' + "".join(
    f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))


def _binary(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 40)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _bom(path: Path) -> None:
    path.write_bytes("\ufeffnom;valeur\nCiney;1\nDinant;2\n".encode())


def _utf16(path: Path) -> None:
    path.write_bytes("nom;valeur\nCiney;1\nDinant;2\n".encode("utf-16"))


def _cr_only(path: Path) -> None:
    path.write_bytes(b"nom;valeur\rCiney;1\rDinant;2\r")


def _huge_cell(path: Path) -> None:
    path.write_bytes(b"nom;remarque\nCiney;" + b"x" * 3_000_000 + b"\n")


def _ten_thousand_columns(path: Path) -> None:
    path.write_text(";".join(f"c{i}" for i in range(10_000)) + "\n" + ";".join("1" for _ in range(10_000)) + "\n",
                    encoding="utf-8")


def _directory(path: Path) -> None:
    path.mkdir()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _zip_bomb(path: Path) -> None:
    """A 200 KB workbook whose one sheet inflates to 200 MB of blanks."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"/>')
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (200 * 1024 * 1024) + b"</a>")


def _dtd_xlsx(path: Path) -> None:
    """A real workbook whose sheet declares a DTD with entities that expand a billion times (« billion laughs »)."""
    from openpyxl import Workbook

    plain = path.with_suffix(".plain.xlsx")
    book = Workbook()
    book.active.append(["nom", "valeur"])
    book.active.append(["Ciney", 1])
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = data.split(b"?>", 1)[-1]
                data = (f'<?xml version="1.0"?><!DOCTYPE worksheet [{LOL_ENTITIES}]>'.encode()
                        + body.replace(b"<v>1</v>", b"<v>&l9;</v>", 1))
            target.writestr(item, data)
    plain.unlink()


def _text_named_xlsx(path: Path) -> None:
    path.write_text("nom;valeur\nCiney;1\n", encoding="utf-8")


ODD_FILES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "binary": ("binary.csv", _binary),
    "empty": ("empty.csv", _empty),
    "bom": ("bom.csv", _bom),
    "utf16": ("utf16.csv", _utf16),
    "cr-only": ("cr-only.csv", _cr_only),
    "huge-cell": ("huge-cell.csv", _huge_cell),
    "10k-columns": ("wide.csv", _ten_thousand_columns),
    "directory": ("folder.csv", _directory),
    "fifo": ("pipe.csv", _fifo),
    "zip-bomb": ("bomb.xlsx", _zip_bomb),
    "dtd-xlsx": ("dtd.xlsx", _dtd_xlsx),
    "text-named-xlsx": ("text.xlsx", _text_named_xlsx),
}

READABLE = {"bom", "utf16", "cr-only", "huge-cell", "10k-columns"}  # real tables: they must be read


def make(kind: str, folder: Path) -> Path:
    name, build = ODD_FILES[kind]
    path = folder / name
    build(path)
    return path
