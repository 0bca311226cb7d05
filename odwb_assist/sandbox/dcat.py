"""The catalogue as DCAT RDF, built with rdflib (no string pasting): ``rdf`` / ``dcat`` (RDF/XML),
``ttl`` (Turtle) and ``dcat_ap_benap``, the Belgian DCAT-AP profile through which data.gov.be
harvests ODWB.

Each published dataset is a ``dcat:Dataset`` (its landing page ``/explore/dataset/{id}/`` as URI)
with title, description, keywords and language tagged with the metadata language, ``dct:identifier``,
``dct:modified`` / ``dct:issued`` as ``xsd:dateTime``, a ``foaf:Agent`` publisher, a
``vcard:Organization`` contact point (``dcat.contact_name`` / ``dcat.contact_email``), the accrual
periodicity, themes from the EU data-theme vocabulary (mapped from the domain's theme labels), and
one ``dcat:Distribution`` per dataset export format (``include_exports`` narrows them) carrying the
licence, the EU file type and the IANA media type, as DCAT-AP asks. The generic profiles also keep the
domain's own theme labels as ``skos:Concept`` nodes.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote

from flask import request
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from .odsql_lexer import as_datetime, fold

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
FORMATS = {  # export format -> (EU file type, IANA media type)
    "csv": ("CSV", "text/csv"), "json": ("JSON", "application/json"), "geojson": ("GEOJSON", "application/geo+json"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "parquet": ("PARQUET", "application/vnd.apache.parquet"), "jsonl": ("JSON", "application/jsonl"),
}
LANGUAGES = {"fr": "FRA", "nl": "NLD", "de": "DEU", "en": "ENG", "it": "ITA", "es": "SPA", "pt": "POR"}
# words of a domain theme label (folded) -> EU data theme
THEMES = [
    (("administration", "service public", "services publics", "gouvern"), "GOVE"),
    (("mobilite", "transport"), "TRAN"), (("urbanisme", "amenagement", "territoire", "logement"), "REGI"),
    (("culture", "sport", "loisir", "education", "enseignement"), "EDUC"), (("environnement", "nature"), "ENVI"),
    (("agricult",), "AGRI"), (("economie", "emploi", "finance", "tourisme", "commerce"), "ECON"),
    (("energie",), "ENER"), (("sante",), "HEAL"), (("qualite de vie", "social", "population", "societe"), "SOCI"),
    (("securite", "justice"), "JUST"), (("science", "technolog", "numerique"), "TECH"),
]


def eu_themes(label: str) -> list[str]:
    """The EU data themes (``GOVE``, ``TRAN``…) a domain theme label maps to."""
    text = fold(label)
    return [code for words, code in THEMES if any(word in text for word in words)]


def _text(value: Any) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", str(value))).strip()


def _when(value: Any) -> Literal | None:
    moment = as_datetime(value)
    return None if moment is None else Literal(moment.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime)


def _wanted_formats() -> list[str]:
    raw = request.args.get("include_exports") if request else None
    wanted = [f.strip() for f in (raw or "").split(",") if f.strip()]
    return [f for f in FORMATS if f in wanted] if wanted else ["csv", "json", "geojson", "xlsx", "parquet"]


def _add_dataset(graph: Graph, item: dict[str, Any], base: str, profile: str, formats: list[str],
                 restricted: set[str]) -> URIRef:
    meta = item["metas"]["default"]
    dcat_meta = item["metas"].get("dcat") or {}
    dataset_id = item["dataset_id"]
    node = URIRef(f"{base}/explore/dataset/{quote(dataset_id)}/")
    lang = meta.get("language") or "fr"
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.identifier, Literal(dataset_id)))
    graph.add((node, DCAT.landingPage, node))
    graph.add((node, DCTERMS.title, Literal(meta.get("title") or dataset_id, lang=lang)))
    if meta.get("description"):
        graph.add((node, DCTERMS.description, Literal(_text(meta["description"]), lang=lang)))
    for keyword in meta.get("keyword") or []:
        graph.add((node, DCAT.keyword, Literal(keyword, lang=lang)))
    if lang in LANGUAGES:
        graph.add((node, DCTERMS.language, URIRef(f"{EU}language/{LANGUAGES[lang]}")))
    for predicate, value in ((DCTERMS.modified, meta.get("modified") or meta.get("data_processed")),
                             (DCTERMS.issued, dcat_meta.get("issued") or meta.get("data_processed")),
                             (DCTERMS.created, dcat_meta.get("created"))):
        literal = _when(value)
        if literal is not None:
            graph.add((node, predicate, literal))
    for label in meta.get("theme") or []:
        for code in eu_themes(label):
            graph.add((node, DCAT.theme, URIRef(f"{EU}data-theme/{code}")))
        if profile != "dcat_ap_benap":
            concept = URIRef(f"{base}/explore/?refine.theme={quote(label)}")
            graph.add((node, DCAT.theme, concept))
            graph.add((concept, RDF.type, SKOS.Concept))
            graph.add((concept, SKOS.prefLabel, Literal(label, lang=lang)))
    if meta.get("publisher"):
        agent = BNode()
        graph.add((node, DCTERMS.publisher, agent))
        graph.add((agent, RDF.type, FOAF.Agent))
        graph.add((agent, FOAF.name, Literal(meta["publisher"])))
    contact_name = dcat_meta.get("contact_name") or meta.get("publisher")
    if contact_name or dcat_meta.get("contact_email"):
        contact = BNode()
        graph.add((node, DCAT.contactPoint, contact))
        graph.add((contact, RDF.type, VCARD.Organization))
        graph.add((contact, VCARD.fn, Literal(contact_name or dcat_meta["contact_email"])))
        if dcat_meta.get("contact_email"):
            graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{dcat_meta['contact_email']}")))
    periodicity = dcat_meta.get("accrualperiodicity")
    if periodicity:
        graph.add((node, DCTERMS.accrualPeriodicity,
                   URIRef(periodicity) if str(periodicity).startswith("http") else Literal(periodicity, lang=lang)))
    if profile == "dcat_ap_benap":
        access = "RESTRICTED" if item["dataset_uid"] in restricted else "PUBLIC"
        graph.add((node, DCTERMS.accessRights, URIRef(f"{EU}access-right/{access}")))
    if str(meta.get("references") or "").startswith("http"):
        graph.add((node, DCTERMS.source, URIRef(meta["references"])))
    exports = f"{base}/api/explore/v2.1/catalog/datasets/{quote(dataset_id)}/exports"
    labels = "?use_labels=true" if (request.args.get("use_labels_in_exports") or "true").lower() != "false" else ""
    for fmt in formats:
        file_type, media_type = FORMATS[fmt]
        url = URIRef(f"{exports}/{fmt}{labels if fmt in ('csv', 'xlsx') else ''}")
        distribution = URIRef(f"{exports}/{fmt}")
        graph.add((node, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCTERMS.title, Literal(f"{meta.get('title') or dataset_id} ({fmt})", lang=lang)))
        graph.add((distribution, DCAT.accessURL, url))
        graph.add((distribution, DCAT.downloadURL, url))
        graph.add((distribution, DCTERMS["format"], URIRef(f"{EU}file-type/{file_type}")))
        graph.add((distribution, DCAT.mediaType, URIRef(IANA + media_type)))
        if meta.get("license_url"):
            graph.add((distribution, DCTERMS.license, URIRef(meta["license_url"])))
        elif meta.get("license"):
            graph.add((distribution, DCTERMS.rights, Literal(meta["license"])))
        modified = _when(meta.get("data_processed"))
        if modified is not None:
            graph.add((distribution, DCTERMS.modified, modified))
    return node


def catalog_graph(items: list[dict[str, Any]], base_url: str, profile: str = "dcat",
                  restricted: set[str] | None = None) -> Graph:
    """A ``dcat:Catalog`` holding every dataset of ``items`` (Explore dataset objects); ``restricted``: the uids of
    those only their owner may see (``dct:accessRights`` RESTRICTED in DCAT-AP BE, PUBLIC otherwise)."""
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)
    graph.bind("skos", SKOS)
    catalog = URIRef(f"{base_url}/")
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal("ODWB (bac à sable odwb-assist)", lang="fr")))
    graph.add((catalog, DCTERMS.description, Literal("Catalogue du portail local odwb-assist, au format DCAT.",
                                                     lang="fr")))
    graph.add((catalog, FOAF.homepage, catalog))
    graph.add((catalog, DCTERMS.language, URIRef(f"{EU}language/FRA")))
    publisher = BNode()
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal("Agence du Numérique (bac à sable)")))
    formats = _wanted_formats()
    latest = None
    for item in items:
        graph.add((catalog, DCAT.dataset, _add_dataset(graph, item, base_url, profile, formats, restricted or set())))
        processed = item["metas"]["default"].get("metadata_processed")
        latest = max(latest or processed, processed) if processed else latest
    if latest and _when(latest) is not None:
        graph.add((catalog, DCTERMS.modified, _when(latest)))  # type: ignore[arg-type]
    return graph


def serialize(graph: Graph, fmt: str) -> tuple[bytes, str]:
    """(body, content type): Turtle for ``ttl``, RDF/XML otherwise."""
    if fmt == "ttl":
        return graph.serialize(format="turtle", encoding="utf-8"), "text/turtle; charset=utf-8"
    return graph.serialize(format="pretty-xml", encoding="utf-8"), "application/rdf+xml; charset=utf-8"
