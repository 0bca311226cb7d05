"""A minimal Excel 95 (BIFF5/BIFF7) workbook writer, for tests only (no library writes this old format).

The workbook stream (« Book ») follows the BIFF5 record layout documented in Microsoft's [MS-XLS] and
OpenOffice's « Excel File Format » notes: globals (BOF, CODEPAGE, FONT, XF, BOUNDSHEET, EOF), then one
substream per sheet (BOF, DIMENSIONS, LABEL/NUMBER cells, EOF). Strings are 8-bit in the workbook's code
page. The stream is wrapped in a small OLE2 compound file (512-byte sectors, no mini stream).
"""

from __future__ import annotations

import struct
from pathlib import Path

ENDOFCHAIN, FREESECT, FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHH", 0x0500, kind, 0x0DBB, 0x07CC))


def _font(name: str, codepage: str) -> bytes:
    encoded = name.encode(codepage)
    return _record(0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0)
                   + bytes([len(encoded)]) + encoded)


def _xf(format_key: int, style: bool) -> bytes:
    type_prot = 0xFFF5 if style else 0x0001  # style XF (parent 0xFFF) or cell XF (parent 0)
    return _record(0x00E0, struct.pack("<HHHBBIi", 0, format_key, type_prot, 0x20, 0, 0x20C0, 0))


def _sheet(rows: list[list[object]], codepage: str, date_xf: int, blanks: tuple[int, int],
           hidden: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())) -> bytes:
    height = max(len(rows), blanks[0])
    width = max([len(r) for r in rows] + [blanks[1]])
    hidden_rows, hidden_columns = hidden
    out = [_bof(0x0010)]
    for column in hidden_columns:  # COLINFO: first, last (0-based), width, XF, options (bit 0: hidden), reserved
        out.append(_record(0x007D, struct.pack("<HHHHHB", column - 1, column - 1, 0, 15, 0x0001, 0)))
    out.append(_record(0x0200, struct.pack("<HHHHH", 0, height, 0, width, 0)))
    for row in hidden_rows:  # ROW: row (0-based), first and last column, height, 2 reserved, options (0x20: hidden)
        out.append(_record(0x0208, struct.pack("<HHHHHHHH", row - 1, 0, width, 255, 0, 0, 0x0120, 15)))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                text = value.encode(codepage)
                out.append(_record(0x0204, struct.pack("<HHHH", r, c, 15, len(text)) + text))
            elif isinstance(value, tuple):  # ("date", serial)
                out.append(_record(0x0203, struct.pack("<HHHd", r, c, date_xf, float(value[1]))))
            else:
                out.append(_record(0x0203, struct.pack("<HHHd", r, c, 15, float(value))))
    # Formatted but empty cells (BLANK records), as a formatted range in a real workbook.
    for r in range(blanks[0]):
        for c in range(blanks[1]):
            inside = r < len(rows) and c < len(rows[r]) and rows[r][c] not in (None, "")
            if not inside:
                out.append(_record(0x0201, struct.pack("<HHH", r, c, 15)))
    out.append(_record(0x000A, b""))
    return b"".join(out)


def book_stream(sheets: dict[str, list[list[object]]], codepage: int = 1252,
                blanks: tuple[int, int] = (0, 0), hidden: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())) -> bytes:
    """The BIFF5 « Book » stream: one sheet per item, cells as str, numbers or ("date", Excel serial); ``hidden``:
    the (rows, columns) hidden in every sheet, 1-based as a spreadsheet numbers them."""
    python_codepage = f"cp{codepage}"
    head = [_bof(0x0005), _record(0x0042, struct.pack("<H", codepage))]
    head += [_font("Arial", python_codepage)] * 4 + [_font("Arial", python_codepage)]
    head += [_xf(0, style=True)] * 15 + [_xf(0, style=False), _xf(14, style=False)]  # 15 general, 16 date
    date_xf = 16
    bodies = [_sheet(rows, python_codepage, date_xf, blanks, hidden) for rows in sheets.values()]
    names = [name.encode(python_codepage) for name in sheets]
    bound_sizes = [4 + 6 + len(name) + 1 for name in names]
    offset = sum(map(len, head)) + sum(bound_sizes) + 4  # + the globals' EOF
    bounds = []
    for name, body in zip(names, bodies, strict=True):
        bounds.append(_record(0x0085, struct.pack("<IBBB", offset, 0, 0, len(name)) + name))
        offset += len(body)
    return b"".join(head + bounds + [_record(0x000A, b"")] + bodies)


def compound_file(stream: bytes, name: str = "Book") -> bytes:
    """An OLE2 compound file holding one stream (padded to 4096 bytes so that no mini stream is needed)."""
    stream = stream + b"\x00" * max(0, 4096 - len(stream))
    stream += b"\x00" * (-len(stream) % 512)
    data_sectors = len(stream) // 512
    dir_sector = data_sectors
    fat_count = (data_sectors + 1) // 127 + 1  # each FAT sector maps 128 sectors, its own included
    fat_sectors = list(range(data_sectors + 1, data_sectors + 1 + fat_count))
    fat = [ENDOFCHAIN if i == data_sectors - 1 else i + 1 for i in range(data_sectors)]
    fat += [ENDOFCHAIN] + [FATSECT] * fat_count
    fat += [FREESECT] * (-len(fat) % 128)
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
    header += struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + b"\x00" * 6
    header += struct.pack("<IIIIIIIII", 0, fat_count, dir_sector, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
    header += b"".join(struct.pack("<I", n) for n in fat_sectors) + struct.pack("<I", FREESECT) * (109 - fat_count)

    def entry(label: str, kind: int, start: int, size: int, child: int) -> bytes:
        encoded = (label + "\x00").encode("utf-16-le")
        return (encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", FREESECT, FREESECT, child) + b"\x00" * 16 + b"\x00" * 4
                + b"\x00" * 16 + struct.pack("<III", start, size, 0))

    directory = entry("Root Entry", 5, ENDOFCHAIN, 0, 1) + entry(name, 2, 0, len(stream), FREESECT)
    directory += b"\x00" * (512 - len(directory))
    return header + stream + directory + b"".join(struct.pack("<I", v) for v in fat)


def write_excel95(path: Path, sheets: dict[str, list[list[object]]], codepage: int = 1252,
                  blanks: tuple[int, int] = (0, 0), hidden: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())) -> Path:
    """Write an Excel 95 workbook; ``blanks`` = (rows, columns) of formatted empty cells to add; ``hidden`` = the
    (rows, columns) to hide, 1-based."""
    path.write_bytes(compound_file(book_stream(sheets, codepage, blanks, hidden)))
    return path
