"""Errors that stop the work. Findings (quality problems, metadata gaps) are data, never exceptions.

The tree::

    OdwbError                      root; carries a French and an English message and an exit code
    ├── ConfigError                odwb.toml missing, unreadable, malformed, unknown key, literal secret
    ├── PluginError                a plugin cannot be loaded or misbehaves
    ├── InputError                 a data file cannot be read (missing, empty, binary, not a table, encoding)
    │   └── EmptyTableError        the file (or the sheet) holds no value at all
    ├── FixError                   a fix cannot be written (output would overwrite the original, …)
    ├── MetadataError              metadata file unreadable or not valid JSON/TOML
    ├── InventoryError             inventory workbook cannot be read or written
    ├── PortalError                the portal answered with an error or could not be reached
    │   ├── PortalConnectionError  network error, timeout, retries exhausted
    │   ├── AuthenticationError    401/403: missing or wrong API key, or not allowed
    │   ├── NotFoundError          404: dataset, resource or field unknown
    │   ├── ValidationError        400: the portal refused the request body (its ``detail`` kept)
    │   ├── InvalidStatusError     400 InvalidDatasetStatus: the dataset is busy processing
    │   ├── QuotaError             429 after retries: the API quota is exhausted
    │   └── ODSQLError             400 ODSQLError: the Explore query is not understood
    ├── PublicationError           the publication workflow cannot go on (processing error, …)
    │   └── PublicationBlocked     a blocker (personal data, invalid file, missing licence) refused it
    └── SandboxError               the local sandbox portal cannot start or its store is unusable

Every error says what went wrong and how to fix it, in French (default) and English. Nothing in
this module may ever hold an API key: messages are built from names of variables, never values.
"""

from __future__ import annotations

from .i18n import Msg


class OdwbError(Exception):
    """Root of every error of odwb-assist; the CLI shows ``message(lang)`` and exits ``exit_code``."""

    exit_code: int = 2

    def __init__(self, fr: str | Msg, en: str | None = None, *, exit_code: int | None = None) -> None:
        if isinstance(fr, Msg):
            self.text = fr
        else:
            self.text = Msg(fr, en if en is not None else fr)
        if exit_code is not None:
            self.exit_code = exit_code
        super().__init__(self.text.fr)

    def message(self, lang: str | None = "fr") -> str:
        return self.text(lang)

    def __str__(self) -> str:
        return self.text.fr

    def _render_traceback_(self) -> list[str]:
        """In Jupyter/IPython: the French message only, no traceback (a user error, not a bug)."""
        return [f"{type(self).__name__} : {self.message('fr')}"]


class ConfigError(OdwbError):
    """The project file cannot be used."""


class PluginError(OdwbError):
    """A plugin cannot be loaded or broke a hook's contract."""


class InputError(OdwbError):
    """A data file cannot be read as a table."""


class EmptyTableError(InputError):
    """The file (or the sheet) holds no value at all."""


class FixError(OdwbError):
    """A fix cannot be applied or written."""


class MetadataError(OdwbError):
    """A metadata file cannot be read or written."""


class InventoryError(OdwbError):
    """An inventory file cannot be read or written."""


class PortalError(OdwbError):
    """The portal refused a request or could not be reached.

    ``status_code`` and ``error_code`` come from the portal's answer when there is one.
    """

    def __init__(
        self,
        fr: str | Msg,
        en: str | None = None,
        *,
        status_code: int | None = None,
        error_code: str | None = None,
        detail: object = None,
        exit_code: int | None = None,
    ) -> None:
        super().__init__(fr, en, exit_code=exit_code)
        self.status_code = status_code
        self.error_code = error_code
        self.detail = detail


class PortalConnectionError(PortalError):
    """The portal could not be reached (network, timeout) even after retries."""


class AuthenticationError(PortalError):
    """The API key is missing, wrong, or not allowed to do this."""


class NotFoundError(PortalError):
    """The dataset, resource or field does not exist on the portal."""


class ValidationError(PortalError):
    """The portal refused the request body; ``detail`` holds its explanation."""


class InvalidStatusError(PortalError):
    """The dataset is in a status that does not allow this action (e.g. still processing)."""


class QuotaError(PortalError):
    """The portal's API quota is exhausted; ``reset_time`` says when it comes back, if known."""

    reset_time: str | None = None


class ODSQLError(PortalError):
    """The Explore API did not understand the query (``where``, ``select``, …)."""


class PublicationError(OdwbError):
    """The publication cannot go on."""


class PublicationBlocked(PublicationError):
    """A publication blocker refused the dataset; ``blockers`` lists the reasons."""

    exit_code = 1

    def __init__(self, fr: str | Msg, en: str | None = None, *, blockers: list | None = None) -> None:
        super().__init__(fr, en)
        self.blockers = list(blockers or [])


class SandboxError(OdwbError):
    """The sandbox portal cannot start or its store cannot be used."""


# The system's reasons for a failed read or write, in words (its own text is English: « Is a directory »).
_OS_REASONS = {
    "EACCES": ("accès refusé (le fichier est-il ouvert dans Excel ?)", "access denied (is the file open in Excel?)"),
    "EPERM": ("opération non permise", "operation not permitted"),
    "EISDIR": ("c'est un dossier, pas un fichier", "it is a folder, not a file"),
    "ENOTDIR": ("une partie du chemin n'est pas un dossier", "part of the path is not a folder"),
    "ENOENT": ("fichier ou dossier introuvable", "no such file or folder"),
    "ENOSPC": ("le disque est plein", "the disk is full"),
    "EDQUOT": ("le quota de disque est atteint", "the disk quota is reached"),
    "EROFS": ("le support est en lecture seule", "the medium is read-only"),
    "ENAMETOOLONG": ("le nom est trop long", "the name is too long"),
    "EBUSY": ("le fichier est utilisé par un autre programme", "the file is used by another program"),
    "EEXIST": ("le fichier existe déjà", "the file already exists"),
    "EIO": ("erreur de lecture ou d'écriture sur le support", "input/output error on the medium"),
    "ELOOP": ("trop de liens symboliques dans le chemin", "too many symbolic links in the path"),
    "EADDRINUSE": ("le port est déjà utilisé par un autre programme", "the port is already used by another program"),
    "EADDRNOTAVAIL": ("cette adresse n'existe pas sur cette machine", "this address does not exist on this machine"),
}


def os_reason(exc: OSError) -> Msg:
    """Why the system refused a read or a write, in French and English (its errno's name when it is not known)."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_REASONS:
        return Msg(*_OS_REASONS[name])
    if isinstance(exc, PermissionError):
        return Msg(*_OS_REASONS["EACCES"])
    code = name or type(exc).__name__
    return Msg(f"erreur du système ({code})", f"system error ({code})")


def network_reason(exc: Exception) -> Msg:
    """What went wrong on the way to a server, in French and English (the name of a library's exception, such as
    ``ConnectTimeout``, is no word of the user's language)."""
    import requests

    failures = requests.exceptions
    if isinstance(exc, failures.SSLError):
        return Msg("certificat SSL du serveur refusé", "the server's SSL certificate refused")
    if isinstance(exc, failures.ProxyError):
        return Msg("le proxy ne répond pas", "the proxy does not answer")
    if isinstance(exc, failures.ConnectTimeout):
        return Msg("pas de réponse à temps pour se connecter", "no answer in time to connect")
    if isinstance(exc, failures.Timeout):
        return Msg("pas de réponse à temps", "no answer in time")
    if isinstance(exc, failures.ChunkedEncodingError | failures.ContentDecodingError):
        return Msg("réponse interrompue", "answer cut short")
    if isinstance(exc, failures.TooManyRedirects):
        return Msg("trop de redirections", "too many redirects")
    if isinstance(exc, failures.InvalidURL | failures.MissingSchema | failures.InvalidSchema):
        return Msg("adresse invalide", "invalid address")
    return Msg("aucune connexion", "no connection")


def data_reason(exc: Exception) -> Msg:
    """Why a file the tool wrote or ships (JSON, TOML) cannot be read back, in French and English: a missing field, a
    syntax error and where, a value of another type (the library's own message is English)."""
    import json
    import re
    import tomllib

    if isinstance(exc, KeyError):
        key = str(exc.args[0]) if exc.args else "?"
        return Msg(f"champ manquant « {key} »", f"missing field '{key}'")
    if isinstance(exc, json.JSONDecodeError):
        return Msg(f"syntaxe JSON invalide, ligne {exc.lineno}, colonne {exc.colno}",
                   f"invalid JSON syntax, line {exc.lineno}, column {exc.colno}")
    if isinstance(exc, tomllib.TOMLDecodeError):
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = where.groups() if where else ("?", "?")
        return Msg(f"syntaxe TOML invalide, ligne {line}, colonne {column}",
                   f"invalid TOML syntax, line {line}, column {column}")
    return Msg("une valeur n'a pas le type attendu", "a value is not of the expected type")
