"""The ``document`` workflow: draft, ask what cannot be derived (optional), score, write the documentation folder."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from ..core.config_model import DatasetConfig, ProjectConfig
from ..core.errors import MetadataError, OdwbError
from ..core.i18n import Msg
from .confirmation import is_confirmed
from .draft import draft, resolve_dataset
from .export import slug, write_documentation
from .model import Metadata
from .project_file import store_metadata
from .rules_odwb import FALLBACK_TITLE_SOURCE
from .score import MetadataReport, score
from .vocabularies import (
    FREQUENCIES,
    canonical,
    closest,
    find_frequency,
    find_licence,
    match_theme,
    project_themes,
    theme_vocabulary,
    unknown_value,
)

FIELD_PREFIX = "fields."  # question keys for column descriptions: "fields.<column>"
Ask = Callable[[str, str | None], str]  # (question, default) -> answer ("" = skip)


@dataclass
class Question:
    key: str
    text: Msg
    default: str | None = None
    choices: list[str] = field(default_factory=list)


@dataclass
class DocumentResult:
    """What ``document`` produced: the metadata, its score, the files written and the answers stored."""

    metadata: Metadata
    report: MetadataReport
    files: dict[str, Path]
    answers: dict[str, Any] = field(default_factory=dict)
    project_file: Path | None = None

    def __repr__(self) -> str:
        folder = next(iter(self.files.values())).parent if self.files else None
        return (f"<DocumentResult {self.metadata.dataset_id or ''} : {self.report.score}/{self.report.max} "
                f"{self.report.band_label()}, {len(self.files)} fichier(s) dans {folder}>")

    def _repr_html_(self) -> str:
        return self.report._repr_html_()


def questions(metadata: Metadata, project: ProjectConfig | None) -> list[Question]:
    """Only what the project, the inventory and the data could not give."""
    md, asked = metadata, []
    if not md.has("default.title") or md.sources.get("default.title") == FALLBACK_TITLE_SOURCE:
        asked.append(Question("default.title", Msg("Titre du jeu de données (quoi, où)", "Dataset title (what, where)"),
                              str(md.get("default.title") or "") or None))
    if not md.has("default.description"):
        asked.append(Question("default.description", Msg(
            "Description en français (contenu, source, méthode de collecte, limites)",
            "Description in French (content, source, collection method, limits)")))
    vocabulary = theme_vocabulary(project_themes(project))
    themes = md.get("default.theme") or []
    if not themes or any(match_theme(str(t), vocabulary) is None for t in themes) or not is_confirmed(md, "default.theme"):
        proposal = str(themes[0]) if themes and match_theme(str(themes[0]), vocabulary) else None
        asked.append(Question("default.theme", Msg("Thème (numéro ou libellé)", "Theme (number or label)"), proposal,
                              choices=vocabulary))
    if md.sources.get("default.license") == "metadata.enrich_project":
        asked.append(Question("default.license", Msg("Licence (CC0 1.0 recommandée, CC BY 4.0 acceptée)",
                                                     "Licence (CC0 1.0 recommended, CC BY 4.0 accepted)"), "CC0 1.0"))
    if not md.has("dcat.accrualperiodicity"):
        asked.append(Question("dcat.accrualperiodicity", Msg("Fréquence de mise à jour", "Update frequency"),
                              choices=[fr for fr, _en, _h in FREQUENCIES.values()]))
    if not md.has("dcat.contact_email"):
        asked.append(Question("dcat.contact_email", Msg("Adresse e-mail d'un service (contact)",
                                                        "Contact e-mail of a service")))
    for info in md.fields:
        if not info.description:
            example = f" (ex. {', '.join(info.examples)})" if info.examples else ""
            asked.append(Question(f"{FIELD_PREFIX}{info.name}", Msg(
                f"Description de la colonne « {info.name} »{example}", f"Description of column '{info.name}'{example}")))
    return asked


def interpret(question: Question, answer: str) -> Any:
    """Turn a typed answer into the stored value (a number picks a choice); "" means skip."""
    answer = answer.strip()
    if not answer:
        return None
    if question.choices and answer.isdigit() and 1 <= int(answer) <= len(question.choices):
        answer = question.choices[int(answer) - 1]
    if question.key == "default.theme":
        return [match_theme(answer, question.choices) or answer]
    if question.key == "default.license":
        licence = find_licence(answer)
        return licence.label if licence else answer
    if question.key == "dcat.accrualperiodicity":
        code = find_frequency(answer)
        return FREQUENCIES[code][0] if code else answer
    return answer


VOCABULARY_QUESTIONS = {"default.theme": "theme", "default.license": "licence", "dcat.accrualperiodicity": "frequency"}
MAX_TRIES = 3


def outside_vocabulary(question: Question, value: Any, project: ProjectConfig | None, lang: str) -> str | None:
    """Why a typed answer is not in the vocabulary (with the closest valid value), or None when it is."""
    kind = VOCABULARY_QUESTIONS.get(question.key)
    if kind is None or value is None:
        return None
    text = str(value[0] if isinstance(value, list) else value)
    if canonical(kind, text, project_themes(project) if kind == "theme" else None) is not None:
        return None
    message, advice, _proposal = unknown_value(kind, text, project_themes(project) if kind == "theme" else None)
    return f"{message(lang)} {advice(lang)}"


def ask_questions(metadata: Metadata, project: ProjectConfig | None, ask: Ask, lang: str = "fr") -> dict[str, Any]:
    """Ask each question; a theme, licence or frequency outside the vocabulary is refused where it is typed, with
    the closest valid value proposed as the next default (three tries, then the question is skipped)."""
    answers: dict[str, Any] = {}
    for question in questions(metadata, project):
        text = question.text(lang)
        if question.choices:
            text += "\n" + "\n".join(f"  {i}. {c}" for i, c in enumerate(question.choices, 1)) + "\n"
        default = question.default
        for _ in range(MAX_TRIES):
            value = interpret(question, ask(text, default))
            problem = outside_vocabulary(question, value, project, lang)
            if problem is None:
                if value is not None:
                    answers[question.key] = value
                break
            kind = VOCABULARY_QUESTIONS[question.key]
            typed = str(value[0] if isinstance(value, list) else value)
            default = closest(kind, typed, project_themes(project) if kind == "theme" else None)
            text = f"{problem}\n{question.text(lang)}"
    return answers


def split_answers(answers: dict[str, Any]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(metadata answers, column answers) from the answers keyed by question."""
    columns = {k[len(FIELD_PREFIX):]: {"description": v} for k, v in answers.items() if k.startswith(FIELD_PREFIX)}
    return {k: v for k, v in answers.items() if not k.startswith(FIELD_PREFIX)}, columns


def apply_answers(metadata: Metadata, answers: dict[str, Any]) -> None:
    values, columns = split_answers(answers)
    for key, value in values.items():
        metadata.set(key, value, source="user")
    metadata.load_field_settings(columns)


def _store(project: ProjectConfig, dataset_id: str, path: Path, answers: dict[str, Any]) -> Path:
    """Store the answers in odwb.toml; if that fails, keep them in .odwb/ and say where."""
    assert project.path is not None
    try:
        relative = path.relative_to(project.root).as_posix()
    except ValueError:
        relative = str(path)
    values, columns = split_answers(answers)
    try:
        return store_metadata(project.path, dataset_id, values, file=relative, fields=columns)
    except (OdwbError, OSError) as exc:
        backup = project.state_dir / f"answers-{dataset_id}.json"
        backup.parent.mkdir(parents=True, exist_ok=True)
        backup.write_text(json.dumps(answers, ensure_ascii=False, indent=2), encoding="utf-8")
        reason = exc.message("fr") if isinstance(exc, OdwbError) else str(exc)
        reason_en = exc.message("en") if isinstance(exc, OdwbError) else str(exc)
        raise MetadataError(
            f"Vos réponses n'ont pas pu être écrites dans {project.path} ({reason}). Elles sont gardées dans "
            f"{backup} : recopiez-les dans [datasets.metadata].",
            f"Your answers could not be written to {project.path} ({reason_en}). They are kept in {backup}: "
            "copy them into [datasets.metadata].",
        ) from exc


def document(
    project: ProjectConfig | None,
    source: str | Path,
    *,
    dataset: DatasetConfig | str | None = None,
    output_dir: str | Path | None = None,
    ask: Ask | None = None,
    plugins: pluggy.PluginManager | None = None,
    report: Any = None,
    lang: str = "fr",
) -> DocumentResult:
    """Draft, optionally ask (``ask`` given: answers stored in odwb.toml first), score, write the files."""
    path = Path(source).resolve()
    dataset_config = resolve_dataset(project, dataset, path)
    metadata = draft(project, path, dataset=dataset_config, plugins=plugins, lang=lang)
    metadata.dataset_id = metadata.dataset_id or slug(path.stem)
    answers: dict[str, Any] = {}
    stored: Path | None = None
    if ask is not None:
        answers = ask_questions(metadata, project, ask, lang)
        if answers and project is not None and project.path is not None:
            stored = _store(project, dataset_config.id if dataset_config else slug(path.stem), path, answers)
        apply_answers(metadata, answers)
    result_report = score(metadata, report, plugins=plugins, lang=lang, project=project)
    if output_dir is None:
        base = project.root if project is not None and project.path is not None else path.parent
        output_dir = base / "documentation" / (dataset_config.id if dataset_config else slug(path.stem))
    settings = dict(getattr(dataset_config, "fields", None) or {}) if dataset_config is not None else None
    files = write_documentation(metadata, output_dir, report=result_report, project=project, lang=lang,
                                field_settings=settings)
    return DocumentResult(metadata, result_report, files, answers, stored)
