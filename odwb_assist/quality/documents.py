"""Files that are no table but are often given as one: a Word or Writer document holding a table, a PDF, a slide
deck, a picture of a table, a ZIP archive downloaded from a portal. Each is named for what it is, with what to do,
instead of « a damaged workbook » or « a binary file » (a Word document is a ZIP file, as a workbook is)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..core.errors import InputError
from ..core.i18n import Msg

TABLE_SUFFIXES = (".csv", ".txt", ".tsv", ".tab", ".xlsx", ".xlsm", ".xls", ".ods")
COPY_TABLE = Msg("Copiez le tableau dans Excel ou LibreOffice Calc, enregistrez-le en XLSX ou en CSV UTF-8, puis "
                 "relancez avec ce fichier.",
                 "Copy the table into Excel or LibreOffice Calc, save it as XLSX or CSV UTF-8, then run again with "
                 "that file.")
KINDS = {
    "word": (Msg("un document Word", "a Word document"), COPY_TABLE),
    "writer": (Msg("un document texte OpenDocument (Writer)", "an OpenDocument text (Writer)"), COPY_TABLE),
    "slides": (Msg("une présentation (PowerPoint ou Impress)", "a slide deck (PowerPoint or Impress)"), COPY_TABLE),
    "pdf": (Msg("un document PDF", "a PDF document"),
            Msg("Un tableau copié depuis un PDF perd ses colonnes : demandez le fichier d'origine (Excel, Calc ou un "
                "export CSV) au service qui l'a produit.",
                "A table copied from a PDF loses its columns: ask the service that made it for the original file "
                "(Excel, Calc or a CSV export).")),
    "image": (Msg("une image", "a picture"),
              Msg("Une photo ou une capture d'écran d'un tableau ne se publie pas : saisissez ou récupérez les données "
                  "dans un tableur, enregistrez-les en XLSX ou en CSV UTF-8, puis relancez.",
                  "A photo or a screenshot of a table cannot be published: type or fetch the data in a spreadsheet, "
                  "save it as XLSX or CSV UTF-8, then run again.")),
}
OLD_OFFICE = {".doc": "word", ".dot": "word", ".ppt": "slides", ".pps": "slides"}  # OLE2 files, as an XLS is
ODF_KINDS = {b"opendocument.text": "writer", b"opendocument.presentation": "slides"}
IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods")


EXPORT_CSV = Msg("Exportez les données en CSV UTF-8 (ou ouvrez-les dans votre tableur et enregistrez-les en XLSX), "
                 "puis relancez avec ce fichier.",
                 "Export the data as CSV UTF-8 (or open them in your spreadsheet and save them as XLSX), then run "
                 "again with that file.")
EXPORT_LAYER = Msg("Pour en vérifier les attributs, exportez la couche en CSV (QGIS : clic droit sur la couche > "
                   "Exporter > Sauvegarder les entités sous…, format CSV, géométrie en colonnes X et Y), puis relancez "
                   "avec ce fichier.",
                   "To check its attributes, export the layer as CSV (QGIS: right-click the layer > Export > Save "
                   "Features As…, CSV format, geometry as X and Y columns), then run again with that file.")
TEXT_KINDS = {
    "geojson": (Msg("un fichier GeoJSON (des objets géographiques et leurs attributs)",
                    "a GeoJSON file (geographic features and their attributes)"), EXPORT_LAYER),
    "json": (Msg("un fichier JSON", "a JSON file"), EXPORT_CSV),
    "kml": (Msg("un fichier KML (une carte Google Earth ou My Maps)", "a KML file (a Google Earth or My Maps map)"),
            EXPORT_LAYER),
    "xml": (Msg("un fichier XML", "an XML file"), EXPORT_CSV),
    "html": (Msg("une page web (HTML)", "a web page (HTML)"),
             Msg("Si c'est un tableau exporté d'une application web, ouvrez-le dans votre tableur et enregistrez-le "
                 "en XLSX ou en CSV UTF-8, puis relancez avec ce fichier.",
                 "If it is a table exported from a web application, open it in your spreadsheet and save it as XLSX "
                 "or CSV UTF-8, then run again with that file.")),
}
_JSON_NEXT = {b"{": b'"}', b"[": b'{["]-0123456789tfn'}  # what follows a JSON document's first bracket


def not_a_text_table(path: Path, head: bytes) -> InputError | None:
    """The error that names a text file that is no table (JSON, GeoJSON, KML, XML, a web page) read as a CSV, which
    would be read as a table of one row of odd titles (None: maybe a table). A CSV never starts like these: « { » is
    followed by a quoted name, « [ » by a value (« [Commune];[Population] » is a CSV), « < » by a markup tag."""
    kind = _text_kind(head)
    if kind is None:
        return None
    what, advice = TEXT_KINDS[kind]
    return InputError(f"{path.name} est {what.fr}, pas un tableau : odwb-assist vérifie les tableaux (CSV, XLSX, XLS, "
                      f"ODS). {advice.fr}",
                      f"{path.name} is {what.en}, not a table: odwb-assist checks tables (CSV, XLSX, XLS, ODS). "
                      f"{advice.en}")


_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
              (b"\xfe\xff", "utf-16-be"))


def _as_utf8(head: bytes) -> bytes:
    """The head of a text file in UTF-8: a UTF-16 or UTF-32 one (its byte order mark first, as Windows' Notepad or
    PowerShell writes it) decoded, a character cut at the end left out."""
    for bom, codec in _WIDE_BOMS:
        if head.startswith(bom):
            return head[len(bom):].decode(codec, errors="ignore").encode("utf-8")
    return head


def _text_kind(head: bytes) -> str | None:
    start = _as_utf8(head[:8192])[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = start.lower()
    first = start[:1]
    if first in _JSON_NEXT:
        following = start[1:].lstrip(b" \t\r\n")[:1]
        if following and following not in _JSON_NEXT[first]:
            return None
        if b'"featurecollection"' in lower or (b'"feature"' in lower and b'"geometry"' in lower):
            return "geojson"
        return "json"
    if lower.startswith((b"<!doctype html", b"<html")):
        return "html"
    if lower.startswith((b"<?xml", b"<kml")):
        return "kml" if b"<kml" in lower else "xml"
    return None


def not_a_table(path: Path, head: bytes) -> InputError | None:
    """The error that names what ``path`` is when it is a document, a picture or an archive (None: maybe a table)."""
    kind = _kind(path, head)
    if kind == "zip":
        return _archive(path)
    if kind == "damaged-zip":
        return InputError(f"{path.name} est une archive ZIP endommagée ou incomplète : téléchargez-la ou copiez-la à "
                          "nouveau, puis décompressez-la et vérifiez chacun de ses tableaux.",
                          f"{path.name} is a damaged or incomplete ZIP archive: download or copy it again, then "
                          "unzip it and check each of its tables.")
    if kind is None:
        return None
    what, advice = KINDS[kind]
    return InputError(f"{path.name} est {what.fr}, pas un tableau. {advice.fr}",
                      f"{path.name} is {what.en}, not a table. {advice.en}")


def _kind(path: Path, head: bytes) -> str | None:
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(IMAGES):
        return "image"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return OLD_OFFICE.get(path.suffix.lower())
    if not head.startswith(b"PK\x03\x04"):
        return None
    if b"mimetypeapplication/vnd.oasis." in head[:200]:
        return next((kind for marker, kind in ODF_KINDS.items() if marker in head[:200]), None)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:  # a workbook is opened once, by its reader (issue 17): not listed here
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (OSError, zipfile.BadZipFile):
        # a damaged workbook: the workbook readers say so; a damaged archive is said here
        return "damaged-zip" if path.suffix.lower() == ".zip" else None
    if any(name.startswith("xl/") for name in names):
        return None
    if any(name.startswith("word/") for name in names):
        return "word"
    if any(name.startswith("ppt/") for name in names):
        return "slides"
    return "zip"


def _archive(path: Path) -> InputError:
    """A ZIP archive (a portal's download, files sent together): the tables it holds, to check one by one."""
    with zipfile.ZipFile(path) as archive:
        tables = [name for name in archive.namelist() if name.lower().endswith(TABLE_SUFFIXES)]
    if not tables:
        return InputError(f"{path.name} est une archive ZIP qui ne contient aucun tableau (CSV, XLSX, XLS ou ODS).",
                          f"{path.name} is a ZIP archive that holds no table (CSV, XLSX, XLS or ODS).")
    shown = ", ".join(tables[:5]) + (f" et {len(tables) - 5} autre(s)" if len(tables) > 5 else "")
    shown_en = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
    return InputError(
        f"{path.name} est une archive ZIP, pas un tableau. Décompressez-la (clic droit > Extraire tout) et vérifiez "
        f"chacun des tableaux qu'elle contient : {shown}.",
        f"{path.name} is a ZIP archive, not a table. Unzip it (right click > Extract all) and check each table it "
        f"holds: {shown_en}.")
