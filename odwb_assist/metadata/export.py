"""Exports: a Frictionless Data Package, the data dictionary (Markdown and HTML) and the documentation folder.

The data package describes the CSV actually published: the source when it is already a UTF-8 CSV
inside the output folder, otherwise a clean UTF-8 comma CSV copy written beside ``datapackage.json``
(the original file is never touched). Its Table Schema is inferred by Frictionless from that CSV,
then completed with the column titles, descriptions and units of the metadata, so that
``frictionless validate datapackage.json`` passes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..core import slugs
from ..core.errors import MetadataError
from .model import Metadata
from .payload import clean_description, facets, ods_field_configuration, payload_from_metadata
from .render import render_dictionary_html, render_score_html, type_label
from .vocabularies import find_licence

DATAPACKAGE = "datapackage.json"


def slug(text: str) -> str:
    """A dataset's identifier from its name (« dataset » when nothing is left: :func:`..core.slugs.slug`)."""
    return slugs.slug(text, "dataset")


def _write_text(path: Path, text: str) -> Path:
    """Write atomically: a failure never leaves a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def _data_file(metadata: Metadata, output_dir: Path, frame: Any) -> str:
    """The path (relative to ``output_dir``) of the CSV the package describes; writes a copy when needed."""
    source = Path(str(metadata.resource.get("path") or ""))
    info = metadata.resource
    if (source.is_file() and info.get("format") == "csv" and info.get("encoding", "utf-8") in ("utf-8", "utf-8-sig")
            and info.get("delimiter", ",") == ","):
        try:
            return source.resolve().relative_to(output_dir.resolve()).as_posix()
        except ValueError:
            pass
    if frame is None:
        raise MetadataError(
            "Le fichier de données n'a pas pu être lu : impossible d'écrire datapackage.json. Lancez "
            "« odwb-assist check » sur le fichier pour voir pourquoi.",
            "The data file could not be read: datapackage.json cannot be written. Run 'odwb-assist check' "
            "on the file to see why.",
        )
    name = f"{slug(metadata.dataset_id or source.stem or 'donnees')}.csv"
    target = output_dir / name
    if source.is_file() and target.resolve() == source.resolve():
        name = f"{slug(metadata.dataset_id or source.stem)}-utf8.csv"
        target = output_dir / name
    output_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    write_csv(frame, tmp)
    os.replace(tmp, target)
    return name


COPY_ROWS = 100_000  # rows of the copy written at once


def write_csv(frame: Any, path: Path) -> None:
    """``frame`` as UTF-8 CSV, as ``DataFrame.to_csv`` writes it (minimal quoting, « \\n » line ends), built by
    pyarrow a block of rows at a time as ``fix`` writes its clean file: ten times faster than ``to_csv`` (3 s for a
    million rows of 13 columns)."""
    from ..quality.fix_stream import write_block

    with open(path, "wb") as handle:
        write_block(frame.iloc[:0], handle, header=True)
        for start in range(0, len(frame), COPY_ROWS):
            write_block(frame.iloc[start:start + COPY_ROWS], handle, header=False)


def _schema(output_dir: Path, data_path: str, metadata: Metadata) -> dict[str, Any]:
    import frictionless

    resource = frictionless.Resource(path=data_path, basepath=str(output_dir))
    resource.infer()
    schema = resource.schema.to_descriptor()
    for field in schema.get("fields", []):
        info = metadata.column(field["name"])
        if info is None:
            continue
        if info.label:
            field["title"] = info.label
        description = info.description or ""
        if info.unit:
            description = (description + f" (unité : {info.unit})").strip()
        if description:
            field["description"] = description
    return schema


def datapackage_descriptor(metadata: Metadata, output_dir: Path, data_path: str) -> dict[str, Any]:
    """The ``datapackage.json`` content for ``data_path`` (relative to ``output_dir``)."""
    md = metadata
    name = slug(md.dataset_id or str(md.get("default.title") or Path(data_path).stem))
    descriptor: dict[str, Any] = {"name": name, "title": str(md.get("default.title") or name)}
    description = md.get("default.description")
    if description:
        from .rules_odwb import plain_text

        descriptor["description"] = plain_text(clean_description(str(description)))
    licence = find_licence(str(md.get("default.license") or ""))
    if licence is not None and licence.url:
        descriptor["licenses"] = [{"name": licence.id, "path": licence.url, "title": licence.label}]
    elif md.get("default.license"):
        descriptor["licenses"] = [{"name": slug(str(md.get("default.license"))), "title": str(md.get("default.license"))}]
    if md.get("default.keyword"):
        descriptor["keywords"] = [str(k) for k in md.get("default.keyword")]
    publisher = md.get("default.publisher")
    source: dict[str, Any] = {"title": str(publisher or md.get("dcat.creator") or name)}
    if md.get("default.references"):
        source["path"] = str(md.get("default.references"))
    descriptor["sources"] = [source]
    contributors = []
    if publisher:
        contributor = {"title": str(publisher), "roles": ["publisher"]}
        if md.get("dcat.contact_email"):
            contributor["email"] = str(md.get("dcat.contact_email"))
        contributors.append(contributor)
    if md.get("dcat.contributor"):
        contributors.append({"title": str(md.get("dcat.contributor")), "roles": ["contributor"]})
    if contributors:
        descriptor["contributors"] = contributors
    if md.get("default.modified"):
        descriptor["created"] = str(md.get("default.modified"))
    descriptor["resources"] = [{
        "name": name, "path": data_path, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "schema": _schema(output_dir, data_path, md),
    }]
    return descriptor


def write_datapackage(metadata: Metadata, output_dir: str | Path, *, frame: Any = None) -> Path:
    """Write ``datapackage.json`` (and the CSV it describes when the source is not a UTF-8 CSV there)."""
    out = Path(output_dir)
    if frame is None and metadata.context is not None:
        frame = getattr(metadata.context.source, "frame", None)
    data_path = _data_file(metadata, out, frame)
    descriptor = datapackage_descriptor(metadata, out, data_path)
    return _write_text(out / DATAPACKAGE, json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n")


def render_dictionary_markdown(metadata: Metadata, lang: str = "fr") -> str:
    """The data dictionary as Markdown: one row per column."""
    en = lang == "en"
    title = str(metadata.get("default.title") or metadata.dataset_id or "")
    lines = [f"# Data dictionary: {title}" if en else f"# Dictionnaire des données : {title}", ""]
    rows = metadata.resource.get("rows")
    if rows is not None:
        lines += [f"{'Rows' if en else 'Lignes'} : {rows} · {'Columns' if en else 'Colonnes'} : {len(metadata.fields)}", ""]
    header = ("Column", "Type", "Description", "Unit", "Examples", "Completeness") if en else (
        "Colonne", "Type", "Description", "Unité", "Exemples", "Complétude")
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]

    def cell(value: Any) -> str:
        return str(value or "").replace("|", "\\|").replace("\n", " ")

    for f in metadata.fields:
        examples = ", ".join(f"`{cell(e)}`" for e in f.examples)
        lines.append("| " + " | ".join([
            f"**{cell(f.label or f.name)}**" + (f" (`{cell(f.name)}`)" if f.label and f.label != f.name else ""),
            cell(type_label(f.type, lang)), cell(f.description), cell(f.unit), examples, f"{round(100 * f.completeness)} %",
        ]) + " |")
    return "\n".join(lines) + "\n"


def write_documentation(metadata: Metadata, output_dir: str | Path, *, report: Any = None, project: Any = None,
                        lang: str = "fr", field_settings: dict[str, Any] | None = None) -> dict[str, Path]:
    """Write the whole documentation folder; returns ``{kind: path}``.

    Files: ``metadata.json`` (the draft), ``datapackage.json`` (when the data could be read),
    ``dictionnaire.md``, ``dictionnaire.html``, ``payload.json`` (what the publication sends,
    with the ODS field configurations and facets as the publication builds them, from the dataset's
    ``[datasets.fields]``: ``field_settings``) and, with ``report``, ``score.html``.
    """
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {"metadata": metadata.save_json(out / "metadata.json")}
    payload = payload_from_metadata(metadata, project)
    payload_doc = {"metadata": payload, "fields": ods_field_configuration(metadata, field_settings),
                   "facets": facets(metadata, field_settings)}
    written["payload"] = _write_text(out / "payload.json", json.dumps(payload_doc, ensure_ascii=False, indent=2) + "\n")
    written["dictionary_md"] = _write_text(out / "dictionnaire.md", render_dictionary_markdown(metadata, lang))
    written["dictionary_html"] = _write_text(out / "dictionnaire.html", render_dictionary_html(metadata, lang))
    if report is not None:
        written["score_html"] = _write_text(out / "score.html", render_score_html(report, lang))
    if metadata.resource.get("readable"):
        written["datapackage"] = write_datapackage(metadata, out)
    return written
