"""Built-in plugin: the data dictionary, temporal coverage and keywords, from the data file itself.

Types come from Frictionless (``Resource.infer`` on a sample of the text cells); examples,
completeness and distinct counts from pandas; semantic kinds from the quality engine when present.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..core.hookspecs import hookimpl
from ..core.no_date import is_sentinel
from .enrich_fallback import title_from_file
from .model import FieldInfo
from .vocabularies import fold, project_themes, ranked_themes, theme_vocabulary

if TYPE_CHECKING:
    import pandas as pd

SAMPLE_ROWS = 2000
STOPWORDS = {
    "avec", "dans", "pour", "les", "des", "une", "sur", "par", "aux", "est", "code", "nom", "numero", "date",
    "type", "libelle", "valeur", "adresse", "rue", "commune", "id", "identifiant", "remarque", "remarques",
    "commentaire", "latitude", "longitude", "lat", "lon", "nombre", "total", "annee", "postal", "ville",
    "the", "and", "name", "value", "donnees", "fichier", "liste", "jeu",
    # words of column headers that name no subject (« Dernier contrôle », « Téléphone », « Statut »)
    "dernier", "derniere", "premier", "premiere", "nouveau", "nouvelle", "ancien", "ancienne", "debut", "mise",
    "jour", "localite", "telephone", "email", "courriel", "statut", "etat", "description", "intitule", "reference",
    "horaire", "horaires", "accessibilite", "lieu", "emplacement", "duree", "controle",
    # words of file names and technical headers that name no subject (« odwb_export_final.csv », « geo_shape »)
    "export", "exports", "extraction", "extract", "final", "finale", "version", "copie", "copy", "tableau",
    "feuille", "sheet", "data", "odwb", "opendata", "brut", "brute", "temp", "test", "sauvegarde", "backup",
    "geo", "shape", "point", "geom", "geometry", "geometrie", "coord", "coordonnees",
    # words of amounts' headers that name no subject (« Objet du marché », « Montant attribué (€ HTVA) »)
    "objet", "montant", "montants", "htva", "tvac", "tva", "hors", "euro", "euros", "eur", "unite", "unites",
    # words of a survey's questions and of the forms that collect them (« Dans quel village habitez-vous ? »,
    # « Horodateur », « enquete_google_forms.csv »)
    "quel", "quelle", "quels", "quelles", "vous", "votre", "nous", "notre", "leur", "leurs", "avez", "etes", "sont",
    "etre", "avoir", "fait", "faites", "combien", "comment", "pourquoi", "quand", "cette", "celui", "celle", "ceux",
    "tous", "toutes", "tout", "toute", "chaque", "plus", "moins", "tres", "trop", "aussi", "mais", "donc", "entre",
    "sans", "sous", "vers", "chez", "depuis", "pendant", "selon", "autre", "autres", "plusieurs", "possible",
    "possibles", "reponse", "reponses", "question", "questions", "merci", "horodateur", "horodatage", "timestamp",
    "mail", "google", "forms", "form", "formulaire", "formulaires", "microsoft", "typeform", "limesurvey", "survey",
    # words of the contact columns of a directory (« Site web », « Facebook », « Lien »): how to reach, not what
    "site", "sites", "web", "internet", "url", "lien", "liens", "link", "facebook", "instagram", "twitter", "linkedin",
    "youtube", "tiktok", "gsm", "fax", "mobile", "portable", "contact", "contacts", "whatsapp",
}
YEAR_HEADER = re.compile(r"\b(annee|an|year|exercice)\b")
# A column of the record's upkeep (« Dernier contrôle », « Date de mise à jour », « Modifié le »): when the register
# was looked after, not the period its data covers (a list of defibrillators checked in 2024 does not cover 2024).
UPKEEP_HEADER = re.compile(r"\b(dernier|derniere|controle|verification|inspection|entretien|revision|maj|"
                           r"mise a jour|modification|modifie|saisie|encodage|extraction|last|updated?|modified)\b")
# Descriptions proposed from a column's semantic kind (quality engine / Belgian plugin) or its header.
KIND_DESCRIPTIONS: dict[str, str] = {
    "be-nis-code": "Code INS (REFNIS) de la commune, 5 chiffres",
    "be-postal-code": "Code postal belge, 4 chiffres",
    "be-enterprise-number": "Numéro d'entreprise (BCE), 10 chiffres",
    "wgs84-latitude": "Latitude en degrés décimaux (WGS 84)",
    "wgs84-longitude": "Longitude en degrés décimaux (WGS 84)",
    "email": "Adresse e-mail",  # a contact's, or a survey respondent's: not said which
    "be-phone": "Numéro de téléphone",
    "be-iban": "Numéro de compte bancaire (IBAN)",
}
HEADER_DESCRIPTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(latitude|lat)$"), "Latitude en degrés décimaux (WGS 84)"),
    (re.compile(r"^(longitude|lon|lng)$"), "Longitude en degrés décimaux (WGS 84)"),
    (re.compile(r"code.?postal|^cp$"), "Code postal belge, 4 chiffres"),
    (re.compile(r"code.?(ins|nis|refnis)|^(ins|nis)$"), "Code INS (REFNIS) de la commune, 5 chiffres"),
    (re.compile(r"^(adresse|address)$"), "Adresse postale (rue et numéro)"),
    (re.compile(r"^(id|identifiant)$"), "Identifiant unique de la ligne"),
)


def propose_description(name: str, kind: str | None) -> str | None:
    if kind and kind in KIND_DESCRIPTIONS:
        return KIND_DESCRIPTIONS[kind]
    folded = fold(name)
    return next((text for pattern, text in HEADER_DESCRIPTIONS if pattern.search(folded)), None)


def infer_types(frame: pd.DataFrame) -> dict[str, str]:
    """Table Schema types of the columns (Frictionless inference on a sample of the text cells)."""
    import frictionless

    sample = frame.head(SAMPLE_ROWS)
    rows = [list(map(str, sample.columns))] + sample.astype(str).values.tolist()
    try:
        resource = frictionless.Resource(data=rows)
        resource.infer()
        return {f.name: f.type for f in resource.schema.fields}
    except Exception as exc:  # inference is best effort; text is always a safe type
        warnings.warn(f"type inference failed: {exc}", RuntimeWarning, stacklevel=2)
        return {}


def detect_kinds(frame: pd.DataFrame) -> dict[str, str]:
    try:
        from ..quality import detect_kinds as quality_detect
    except ImportError:
        return {}
    try:
        return dict(quality_detect(frame.head(SAMPLE_ROWS)))
    except Exception:  # kinds are optional information for the dictionary
        return {}


SEPARATORS = (";", "|", ",")  # of a cell listing several answers: MS Forms and LimeSurvey « ; », Google Forms « , »
MAX_CHOICES = 50  # distinct answers of a multiple-choice question (more: free text)


def multivalued_separator(filled: pd.Series) -> str | None:
    """The separator of a column whose cells list several answers of one short list (« Bibliothèque;Piscine »: a
    survey's « plusieurs réponses possibles »), None for any other column. The portal then splits them into values
    (the ``multivalued`` annotation) and each answer becomes a filter, where the whole cell would be one value.

    Taken only when the list is certain, from the first 2,000 cells: at least a fifth of them (three at least) hold
    the separator, every piece holds a letter and is short, the pieces are few and come back (each answer is chosen
    more than once, on average twice at least), and most of them are also the whole of some cell (someone ticked
    only that one): an address « Rue Haute, 12 », a remark or an amount « 12,5 » is none of that."""
    texts = [str(text) for text in filled.head(SAMPLE_ROWS).tolist()]  # a sample: the draft of a million rows stays quick
    for separator in SEPARATORS:
        listed = [text for text in texts if separator in text]
        if len(listed) < 3 or len(listed) < 0.2 * len(texts):
            continue
        pieces = [piece.strip() for text in listed for piece in text.split(separator)]
        if any(not piece or len(piece) > 60 or not any(c.isalpha() for c in piece) for piece in pieces):
            continue
        choices = set(pieces)
        if len(choices) > MAX_CHOICES or len(pieces) < 2 * len(choices):
            continue
        alone = {text.strip() for text in texts if separator not in text}
        if len(choices & alone) >= 0.5 * len(choices):
            return separator
    return None


EXAMPLES = 3  # values shown per column in the data dictionary
PERSONAL_KINDS = frozenset({"be-national-number", "be-bis-number"})  # whose every value is a person's
# a Belgian mobile number (« 0476 11 22 33 », « +32 476 11 22 33 »): a person's as often as not
_MOBILE = re.compile(r"(?:\+32|0032|0)[ ./-]?4\d{2}(?:[ ./-]?\d){6}")


def shown_examples(filled: pd.Series, kind: str | None) -> list[str]:
    """The first distinct values of a column that the data dictionary may show: never a person's e-mail address
    (read as the ``personal-email`` check reads them), a mobile number, a person's name (as ``person-names`` reads
    one) or a value of a personal kind. The dictionary is shared and published beside the data: a survey's first
    three respondents' addresses were its examples."""
    if kind in PERSONAL_KINDS:
        return []
    from ..checks.person_names import is_person_name
    from ..checks.personal_email import is_persons_address

    shown: list[str] = []
    for value in filled.drop_duplicates().head(50).astype(str).tolist():
        if (is_persons_address(value) or _MOBILE.fullmatch(value.strip())
                or is_person_name(value)):
            continue
        shown.append(value)
        if len(shown) == EXAMPLES:
            break
    return shown


def describe_fields(frame: pd.DataFrame) -> list[FieldInfo]:
    types = infer_types(frame)
    kinds = detect_kinds(frame)
    infos = []
    total = max(len(frame), 1)
    for name in frame.columns:
        column = frame[name].astype(str).str.strip()
        filled = column[column != ""]
        distinct = int(filled.nunique())
        kind = kinds.get(name)
        ftype = types.get(name, "string")
        facet = (ftype in ("string", "boolean") and 1 < distinct <= 50 and distinct <= 0.5 * max(len(filled), 1)
                 and kind is None) or ftype in ("date", "year")
        separator = multivalued_separator(filled) if ftype == "string" and kind is None else None
        infos.append(FieldInfo(
            name=str(name), type=ftype, examples=shown_examples(filled, kind),
            completeness=round(len(filled) / total, 4), distinct=distinct, facet=bool(facet or separator), kind=kind,
            description=propose_description(str(name), kind), multivalued=separator,
        ))
    return infos


def _dates(column: pd.Series) -> pd.Series:
    """Each cell read as a date (NaT when it is none): ISO 8601; then as ``fix`` reads dates written in words or year
    first (« 15 mars 2024 », Google Forms' « 2024/03/18 10:47:22 PM UTC+1 », which pandas, day first, read as
    18 March or 3 December alike); then day first (« 31/12/2024 »)."""
    import pandas as pd  # imported when enriching, not when the plugin is registered

    from ..checks.written_dates import written_cells, written_to_iso

    iso = column.str.match(r"^\d{4}-\d{2}-\d{2}")
    written = pd.Series(written_cells(column), index=column.index) & ~iso
    parsed = pd.to_datetime(column.where(iso), errors="coerce", format="ISO8601")
    words = pd.to_datetime(written_to_iso(column[written]).str.slice(0, 10), errors="coerce", format="%Y-%m-%d")
    other = pd.to_datetime(column.where(~iso & ~written), errors="coerce", dayfirst=True, format="mixed")
    return parsed.fillna(words.reindex(column.index)).fillna(other)


DISTINCT_DATES = 200_000  # distinct cells of a column read for its dates at most


def _text_dates(column: pd.Series) -> bool:
    """Whether most of the first 50 filled cells of a column are dates written as text: day first (« 31/12/2024 »),
    in words or year first (« 15 mars 2024 », a survey's « 2024/03/18 10:47:22 PM UTC+1 »), as ``fix`` reads them."""
    from ..checks.written_dates import written_cells

    head = column.head(500).astype(str).str.strip()
    head = head[head != ""].head(50)
    if head.empty:
        return False
    day_first = head.str.match(r"^\d{1,2}/\d{1,2}/\d{4}$").to_numpy(dtype=bool)
    return bool((day_first | written_cells(head)).mean() > 0.8)


def temporal_coverage(frame: pd.DataFrame, fields: list[FieldInfo]) -> str | None:
    """``start/end`` (ISO 8601 interval) from date columns, or from a year column. The dates software writes for
    « no date » (« 31/12/9999 » for a contract without end, « 30/12/1899 »: :mod:`..core.no_date`) are not dates of
    the data: left out. Each distinct cell is read once, weighted by the rows that hold it: the whole column counts
    (a file sorted by date ends with its last dates), and a column of neither dates nor years is not read at all."""
    import pandas as pd

    starts, ends = [], []
    for info in fields:
        if UPKEEP_HEADER.search(fold(info.name)):
            continue
        dated = info.type in ("date", "datetime") or _text_dates(frame[info.name])
        if not dated and YEAR_HEADER.search(fold(info.name)) is None:
            continue
        counts = frame[info.name].astype(str).str.strip().value_counts()  # each distinct cell, with its rows
        counts = counts.iloc[:DISTINCT_DATES]  # the most frequent (timestamps to the second: as many as rows)
        kept = [bool(value) and not is_sentinel(value) for value in counts.index.tolist()]
        counts = counts[kept]
        if counts.empty:
            continue
        values, weights = pd.Series(counts.index.tolist(), dtype=object), counts.to_numpy()
        if dated:
            dates = _dates(values)
            read = dates.notna().to_numpy()
            if weights[read].sum() >= 0.8 * weights.sum():
                starts.append(dates.min().date().isoformat())
                ends.append(dates.max().date().isoformat())
            continue
        years = values.str.fullmatch(r"(19|20)\d{2}").to_numpy(dtype=bool)
        if weights[years].sum() > 0.9 * weights.sum():
            starts.append(min(values[years]))
            ends.append(max(values[years]))
    if not starts:
        return None
    start, end = min(starts), max(ends)
    return start if start == end else f"{start}/{end}"


def suggest_keywords(texts: list[str], limit: int = 8) -> list[str]:
    """Distinct words of 4 letters or more, in the order of ``texts`` (put the best sources first); in a question
    (« Quels services utilisez-vous ? »), not its verbs said to « vous »."""
    words: list[str] = []
    seen: set[str] = set()
    for text in texts:
        question = "?" in str(text)
        for word in re.findall(r"[a-zà-ÿ]{4,}", str(text).lower()):
            key = fold(word).rstrip("s")
            if question and fold(word).endswith("ez"):
                continue
            if fold(word) not in STOPWORDS and key not in seen:
                seen.add(key)
                words.append(word)
    return words[:limit]


# Columns that identify, reach or place what a row lists (its enterprise number, phone, address): not its subject. A
# directory of sports clubs was offered « Économie » from « Numéro d'entreprise ».
IDENTITY_HEADER = re.compile(r"\b(?:(?:numero|n°|no|num)\W*(?:d\W?)?(?:entreprise|bce|tva)|bce|tva|code postal|"
                             r"telephone|tel|gsm|e ?mail|courriel|adresse|site (?:web|internet)|latitude|longitude|"
                             r"iban|compte bancaire)\b")
CATEGORY_VALUES = 12  # distinct values of a column of categories whose words tell the subject (« Football », « Judo »)
CATEGORY_LENGTH = 40  # characters of such a value at most
TITLE_WEIGHT, COLUMNS_WEIGHT, VALUES_WEIGHT = 3, 2, 1  # what a hint word found in each weighs


def topic_columns(frame: pd.DataFrame) -> list[str]:
    """The columns' titles but those that identify, reach or place the rows (:data:`IDENTITY_HEADER`)."""
    return [str(column) for column in frame.columns if not IDENTITY_HEADER.search(fold(str(column)))]


def subject_parts(title: str, frame: pd.DataFrame) -> list[tuple[str, int]]:
    """The words the theme is suggested from, each with its weight: the title, the columns' titles but those that
    identify or place the rows (:data:`IDENTITY_HEADER`), and the values of the columns of a few categories (a sports
    clubs' « Discipline »: « Football », « Tennis »: what the rows are about), which weigh least (a budget's
    « Subside au Royal Football Club » is one line of a budget)."""
    columns = topic_columns(frame)
    values: list[str] = []
    sample = frame.head(SAMPLE_ROWS)
    for position, column in enumerate(sample.columns):
        if IDENTITY_HEADER.search(fold(str(column))):
            continue
        cells = sample.iloc[:, position].dropna().astype(str).str.strip()
        distinct = [str(text) for text in cells[cells != ""].unique()]
        if 1 < len(distinct) <= CATEGORY_VALUES and all(_category(text) for text in distinct):
            values.extend(distinct)
    return [(title, TITLE_WEIGHT), (" ".join(columns), COLUMNS_WEIGHT), (" ".join(values), VALUES_WEIGHT)]


def _category(text: str) -> bool:
    """A short value that is no number: a category's name (« Football »), not a count nor an amount."""
    return len(text) <= CATEGORY_LENGTH and not re.fullmatch(r"[\d\s.,+-]+", text)


@hookimpl
def odwb_enrich_metadata(project: Any, metadata: Any) -> dict[str, Any]:
    context = getattr(metadata, "context", None)
    frame = getattr(getattr(context, "source", None), "frame", None)
    if frame is None or frame.empty and not len(frame.columns):
        return {}
    proposals: dict[str, Any] = {}
    fields = describe_fields(frame)
    proposals["fields"] = fields
    path = getattr(getattr(context, "source", None), "path", None)
    if path is not None and path.is_file():
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(microsecond=0)
        proposals["default.modified"] = modified.isoformat().replace("+00:00", "Z")
    temporal = temporal_coverage(frame, fields)
    if temporal:
        proposals["dcat.temporal"] = temporal
    vocabulary = theme_vocabulary(project_themes(project))
    # the file's name when no title is known yet (« dea.csv », « arbres_remarquables.xlsx »: the subject)
    title = str(metadata.get("default.title") or (title_from_file(path) if path is not None else ""))
    themes = ranked_themes(subject_parts(title, frame), vocabulary)
    if themes:
        proposals["default.theme"] = themes[:1]
    theme_words = [str(t).split(",")[0] for t in (metadata.get("default.theme") or themes[:1])]
    place = ""
    if project is not None and project.administration.name:
        place = re.sub(r"^(ville|commune|cpas|province)\s+(de\s+|d'|du\s+)?", "", project.administration.name, flags=re.I)
    keywords = suggest_keywords([*theme_words, title, place])
    if len(keywords) < 3:  # column names are often unaccented abbreviations: only when little else is known
        keywords = suggest_keywords([*theme_words, title, place, *topic_columns(frame)])
    if keywords:
        proposals["default.keyword"] = keywords
    return proposals
