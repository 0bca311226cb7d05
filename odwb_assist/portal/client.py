"""The HTTP client of an Opendatasoft portal (ODWB): one session, the key, timeouts, retries, errors.

Every request goes through :meth:`PortalClient.request`:

* ``Authorization: Apikey <key>`` is added per request (never stored in the injected session, never
  sent to another host than the portal's, never in a query string);
* a timeout on every call;
* retries with exponential back-off on 429/502/503/504 and on connection errors, honouring
  ``Retry-After`` and the Explore quota body's ``reset_time`` (a wait longer than ``max_wait`` is not
  slept through: the :class:`~odwb_assist.core.errors.QuotaError` says when the quota comes back);
* the ``X-RateLimit-*`` headers of every answer (:mod:`.quota`): calls slow down when few are left
  and wait for the reset when none is, saying until when through ``notice(fr, en)``;
* a ``POST`` is retried only when it is declared idempotent, when the portal refused it before doing
  anything (429), or after a ``check`` callable has confirmed that the first try did not take effect;
* error answers become :class:`~odwb_assist.core.errors.PortalError` subclasses (see ``errors.py``).

The key never appears in a repr, a log line or an exception text: messages name the environment
variable that holds it, and any text echoed by the portal is scrubbed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import requests

from ..core import notices
from ..core.config_model import DEFAULT_API_KEY_ENV, DEFAULT_PORTAL_URL
from ..core.errors import PortalConnectionError, PortalError, QuotaError, network_reason
from .errors import map_error, response_json
from .quota import QuotaGuard, reset_of_429, until
from .target import TargetWatch
from .transport import BodyFactory

if TYPE_CHECKING:
    from pathlib import Path

    from ..core.config_model import ProjectConfig
    from .automation import AutomationAPI
    from .explore import ExploreAPI

log = logging.getLogger("odwb_assist.portal")

AUTOMATION_PREFIX = "/api/automation/v1.0"
EXPLORE_PREFIX = "/api/explore/v2.1"
RETRY_STATUSES = frozenset({429, 502, 503, 504})
CONNECT_TIMEOUT = 3.05  # an unreachable portal fails within seconds (connection retries stop after OFFLINE_BUDGET)
OFFLINE_BUDGET = 4.0
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})

# A dropped connection, a timeout, a body cut mid-way (chunked transfer) or one that cannot be
# decompressed: all say nothing about the request's effect, and are retried alike.
TRANSPORT_ERRORS = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError,
                    requests.exceptions.ContentDecodingError)


class PortalClient:
    """A client of one portal; ``client.explore`` reads, ``client.automation`` writes.

    ``api_key`` defaults to the environment variable named ``api_key_env`` (then the keyring when
    installed). ``sleep`` is injectable so that tests of retries do not wait.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_PORTAL_URL,
        api_key: str | None = None,
        *,
        session: requests.Session | None = None,
        timeout: float = 30.0,
        max_retries: int = 5,
        backoff: float = 0.5,
        api_key_env: str = DEFAULT_API_KEY_ENV,
        sleep: Callable[[float], None] = time.sleep,
        max_wait: float = 120.0,
        state_dir: Path | None = None,
        licenses: dict[str, str] | None = None,
        themes: dict[str, str] | None = None,
        poll_interval: float = 2.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key_env = api_key_env
        self._api_key = api_key if api_key is not None else _key_from_environment(api_key_env, self.base_url)
        self.session = session if session is not None else requests.Session()
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.sleep = sleep
        self.max_wait = max_wait
        self.state_dir = state_dir
        self.licenses = dict(licenses or {})
        self.themes = dict(themes or {})
        self.poll_interval = poll_interval
        self._host = urlsplit(self.base_url).netloc
        self.quota = QuotaGuard()
        self.notice: Callable[[str, str], None] = notices.say  # (fr, en): to the listeners (the CLI prints them)
        self._explore: ExploreAPI | None = None
        self._automation: AutomationAPI | None = None
        self.target = TargetWatch(self.base_url)  # sandbox or real portal, learnt from the first answer

    @classmethod
    def from_config(cls, project: ProjectConfig, **kwargs: Any) -> PortalClient:
        """A client for the portal of ``odwb.toml`` (url, key variable, timeout, licence/theme overrides)."""
        portal = project.portal
        options: dict[str, Any] = {
            "timeout": portal.timeout, "api_key_env": portal.api_key_env, "state_dir": project.state_dir,
            "licenses": portal.licenses, "themes": portal.themes,
        }
        options.update(kwargs)
        key = options.pop("api_key", None)
        return cls(portal.url, key if key is not None else portal.api_key(), **options)

    def __repr__(self) -> str:
        return (f"PortalClient(base_url={self.base_url!r}, api_key_env={self.api_key_env!r}, "
                f"has_key={self.has_key})")

    @property
    def has_key(self) -> bool:
        return bool(self._api_key)

    @property
    def explore(self) -> ExploreAPI:
        if self._explore is None:
            from .explore import ExploreAPI

            self._explore = ExploreAPI(self)
        return self._explore

    @property
    def automation(self) -> AutomationAPI:
        if self._automation is None:
            from .automation import AutomationAPI

            self._automation = AutomationAPI(self)
        return self._automation

    # --- helpers ------------------------------------------------------------------------------

    def scrub(self, text: str) -> str:
        """``text`` with the API key masked (for anything the portal echoes back)."""
        if self._api_key and self._api_key in text:
            return text.replace(self._api_key, "***")
        return text

    def url(self, path: str, api: str | None = None) -> str:
        """The absolute URL of ``path`` under an API (``"automation"``, ``"explore"``) or the portal root.

        An absolute URL on the portal's host (a ``next`` link) is kept; one on another host is brought
        back to the portal so that the key is never sent elsewhere.
        """
        if path.startswith(("http://", "https://")):
            parts = urlsplit(path)
            if parts.netloc == self._host:
                return path
            return self.base_url + parts.path + (f"?{parts.query}" if parts.query else "")
        prefix = {"automation": AUTOMATION_PREFIX, "explore": EXPLORE_PREFIX}.get(api or "", "")
        return self.base_url + prefix + (path if path.startswith("/") else "/" + path)

    def _headers(self, extra: dict[str, str] | None) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self._api_key:
            headers["Authorization"] = f"Apikey {self._api_key}"
        if extra:
            headers.update(extra)
        return headers

    def _wait_for(self, response: requests.Response, attempt: int) -> float:
        """Seconds to wait before retrying after ``response`` (Retry-After, quota reset, back-off)."""
        header = response.headers.get("Retry-After")
        if header:
            header = header.strip()
            if header.isdigit():
                return float(header)
            try:
                when = parsedate_to_datetime(header)
                return max(0.0, (when - datetime.now(UTC)).total_seconds())
            except (TypeError, ValueError):
                pass
        if response.status_code == 429:
            reset, _fr, _en = reset_of_429(response_json(response), response.headers)
            if reset is not None:
                return max(0.0, reset - time.time())
        return float(self.backoff * (2 ** attempt))

    def _quota_pause(self, what: str) -> None:
        """Before a call: space calls out when few are left; when none is, wait for the reset (or say until when)."""
        wait, reached = self.quota.before_call()
        if not wait:
            return
        if not reached:
            log.debug("%s: few calls left in the quota, waiting %.1fs", what, wait)
            self.sleep(wait)
            return
        reset = time.time() + wait
        when_fr, when_en = until(reset)
        if wait > self.max_wait:
            raise self._quota_error(what, reset, "le quota d'appels du portail", "the portal's call quota")
        self.notice(f"Quota d'appels du portail atteint : attente jusqu'à {when_fr}, puis la commande reprend.",
                    f"The portal's call quota is reached: waiting until {when_en}, then the command goes on.")
        self.sleep(wait)
        self.quota.remaining = None

    def _quota_error(self, what: str, reset: float | None, which_fr: str, which_en: str) -> QuotaError:
        when_fr, when_en = until(reset) if reset is not None else ("plus tard", "later")
        iso = datetime.fromtimestamp(reset, UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if reset is not None else None
        if iso:
            when_fr, when_en = f"{when_fr}, {iso}", f"{when_en}, {iso}"
        error = QuotaError(
            f"{which_fr[0].upper()}{which_fr[1:]} est épuisé ({what}) : il revient le {when_fr}. Relancez la commande "
            "après cette heure : elle reprendra où elle s'est arrêtée.",
            f"{which_en[0].upper()}{which_en[1:]} is spent ({what}): it comes back on {when_en}. Run the command again "
            "after that time: it resumes where it stopped.",
            status_code=429, error_code="10002",
        )
        error.reset_time = iso
        return error

    # --- requests -----------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        api: str | None = "automation",
        params: dict[str, Any] | list[tuple[str, Any]] | None = None,
        json: Any = None,
        body: BodyFactory | None = None,
        headers: dict[str, str] | None = None,
        stream: bool = False,
        idempotent: bool | None = None,
        check: Callable[[], Any] | None = None,
        timeout: float | None = None,
    ) -> requests.Response | Any:
        """Send one request with retries; the successful :class:`requests.Response`.

        ``body`` builds a fresh ``(data, headers)`` for each attempt (streamed uploads). For a POST
        that is not ``idempotent``, ``check`` is called after a failed attempt whose effect is
        unknown: a non-``None`` result means the first try took effect and is returned instead of a
        response; without ``check`` such a POST is not retried.
        """
        method = method.upper()
        url = self.url(path, api)
        what = f"{method} {urlsplit(url).path}"
        safe = idempotent if idempotent is not None else method in IDEMPOTENT_METHODS
        limit = timeout if timeout is not None else self.timeout
        attempt = 0
        reset: float | None = None
        which_fr, which_en = "le quota d'appels du portail", "the portal's call quota"
        started = time.monotonic()
        self.target.guard(self.session, self._api_key, self.api_key_env, min(CONNECT_TIMEOUT, limit))
        while True:
            self._quota_pause(what)
            data, extra = body() if body is not None else (None, {})
            try:
                log.debug("%s (attempt %d)", what, attempt + 1)
                response = self.session.request(
                    method, url, params=params, json=json, data=data, headers=self._headers({**(headers or {}), **extra}),
                    timeout=(min(CONNECT_TIMEOUT, limit), limit), stream=stream, allow_redirects=True,
                )
                self.target.seen(response)
            except TRANSPORT_ERRORS as exc:
                if self.target.sandbox is None and time.monotonic() - started + self.backoff * (2 ** attempt) > OFFLINE_BUDGET:
                    raise self._connection_error(what, exc, attempt + 1) from None  # never answered: offline
                if not safe and check is not None:
                    done = check()  # did the lost request take effect?
                    if done is not None:
                        return done
                if attempt < self.max_retries and (safe or check is not None):
                    self.sleep(self.backoff * (2 ** attempt))
                    attempt += 1
                    continue
                raise self._connection_error(what, exc, attempt + 1) from None
            self.quota.update(response.headers)
            if response.status_code < 400:
                return response
            if response.status_code == 429:
                reset, which_fr, which_en = reset_of_429(response_json(response), response.headers)
                self.quota.spent(reset)
            if response.status_code in RETRY_STATUSES:
                refused = response.status_code == 429  # refused before doing anything: safe to resend
                if not (safe or refused) and check is not None:
                    done = check()
                    if done is not None:
                        return done
                wait = self._wait_for(response, attempt)
                if attempt < self.max_retries and wait <= self.max_wait and (safe or refused or check is not None):
                    response.close()
                    log.debug("%s answered %d, retrying in %.1fs", what, response.status_code, wait)
                    if refused and wait >= 1 and "Retry-After" not in response.headers:  # a quota: wait for its reset
                        when_fr, when_en = until(time.time() + wait)
                        self.notice(f"Quota d'appels atteint ({which_fr}) : attente jusqu'à {when_fr}.",
                                    f"Call quota reached ({which_en}): waiting until {when_en}.")
                    else:
                        notices.retrying(response.status_code, wait)
                    self.sleep(wait)
                    self.quota.remaining = None
                    attempt += 1
                    continue
                if refused and wait > self.max_wait:
                    body = response_json(response)
                    error = self._quota_error(what, reset, which_fr, which_en)
                    error.error_code = str((body or {}).get("errorcode") or (body or {}).get("error_code") or "429") \
                        if isinstance(body, dict) else "429"
                    raise error
            raise map_error(response, what=what, key_env=self.api_key_env, has_key=self.has_key, scrub=self.scrub)

    def _connection_error(self, what: str, exc: Exception, attempts: int) -> PortalConnectionError:
        reason = network_reason(exc)
        return PortalConnectionError(
            f"Impossible de joindre le portail {self.base_url} pour {what} ({reason.fr}, {attempts} tentative(s)). "
            "Vérifiez la connexion réseau et l'adresse du portail (--portal, ODWB_PORTAL_URL ou [portal] url "
            "dans odwb.toml), puis relancez : la commande reprend où elle s'est arrêtée.",
            f"Cannot reach the portal {self.base_url} for {what} ({reason.en}, {attempts} attempt(s)). Check the "
            "network and the portal address (--portal, ODWB_PORTAL_URL or [portal] url in odwb.toml), then run "
            "again: the command resumes where it stopped.",
        )

    def get_json(self, path: str, *, api: str = "automation", params: Any = None) -> Any:
        """GET and decode JSON (a clear error when the portal answers something else)."""
        response = self.request("GET", path, api=api, params=params)
        return self.decode(response, f"GET {urlsplit(self.url(path, api)).path}")

    def send_json(self, method: str, path: str, payload: Any = None, *, check: Callable[[], Any] | None = None,
                  idempotent: bool | None = None) -> Any:
        """Send a JSON body (or none) and decode the JSON answer (``None`` for 204)."""
        result = self.request(method, path, api="automation", json=payload, check=check, idempotent=idempotent)
        if not isinstance(result, requests.Response):
            return result
        return self.decode(result, f"{method.upper()} {urlsplit(self.url(path, 'automation')).path}")

    def decode(self, response: requests.Response, what: str) -> Any:
        if response.status_code == 204 or not response.content:
            return None
        data = response_json(response)
        if data is None:
            raise PortalError(
                f"Réponse inattendue du portail pour {what} : ce n'est pas du JSON. Vérifiez l'adresse du portail "
                "(elle doit être celle du site, par ex. https://www.odwb.be).",
                f"Unexpected answer from the portal for {what}: not JSON. Check the portal address (the site's "
                "address, e.g. https://www.odwb.be).",
                status_code=response.status_code,
            )
        return data


def _key_from_environment(env: str, url: str) -> str | None:
    import os

    key = os.environ.get(env)
    if key:
        return key
    try:
        import keyring  # optional dependency

        return keyring.get_password("odwb-assist", url) or None
    except Exception:
        return None

