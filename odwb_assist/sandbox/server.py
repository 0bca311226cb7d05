"""``SandboxServer``: the sandbox portal served by waitress (multi-threaded) in a background thread."""

from __future__ import annotations

import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from waitress import create_server, wasyncore

from ..core.errors import SandboxError, os_reason
from .app import create_app
from .faults import FaultInjector, validate_rules
from .limits import Limits
from .quota import DAY, CallQuota
from .store import Store
from .worker import Worker


class SandboxServer:
    """A local Opendatasoft-compatible portal on ``host:port`` (port 0 = a free port), state under ``data_dir``.

    >>> with SandboxServer(tmp_path, seed=True) as server:   # doctest: +SKIP
    ...     key = server.add_user("louise")
    ...     requests.get(server.url + "/api/explore/v2.1/catalog/datasets")
    """

    def __init__(self, data_dir: str | Path, host: str = "127.0.0.1", port: int = 0, *, seed: bool = False,
                 faults: list[dict[str, Any]] | None = None, threads: int = 8, processing_delay: float = 0.05,
                 licence_path: str | None = None, daily_quota: int | None = None, limits: Limits | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.host = host
        self.port = port
        self.threads = threads
        self.limits = limits or Limits(threads=threads)
        self.store = Store(self.data_dir)
        if licence_path is not None:
            self.set_licence_path(licence_path)
        if daily_quota is not None:
            self.store.set_setting("daily_quota", int(daily_quota))
        self.faults = FaultInjector(self.store)
        if faults is not None:
            self.faults.set_rules(validate_rules(faults))
        if seed:
            from .seed import seed_catalogue

            if self.store.datasets(limit=0)[0] == 0:
                seed_catalogue(self.store)
        self.worker = Worker(self.store, delay=processing_delay)
        self.app = create_app(self.store, self.worker, self.faults, limits=self.limits)
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    @property
    def port_number(self) -> int:
        """The port actually listened on (the free one chosen when ``port`` was 0)."""
        if self._server is None:
            raise SandboxError("Le bac à sable n'est pas démarré : appelez start().",
                               "The sandbox is not started: call start().")
        return int(self._server.effective_port)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port_number}"

    def add_user(self, name: str, admin: bool = False) -> str:
        """Create a user and return their API key (shown once; only its digest is stored)."""
        return self.store.add_user(name, admin=admin)

    def set_licence_path(self, path: str) -> None:
        """Where this sandbox takes the licence and themes: ``internal`` (the vendor's document) or ``default``
        (``internal.*`` read-only, silently ignored; see :mod:`odwb_assist.sandbox.metadata_values`)."""
        if path not in ("internal", "default"):
            raise SandboxError(f"Chemin de licence inconnu « {path} » (internal ou default).",
                               f"Unknown licence path '{path}' (internal or default).")
        self.store.set_setting("licence_path", path)

    def set_quota(self, limit: int | None, period: int = DAY) -> None:
        """Simulate a call quota of ``limit`` calls per key and per ``period`` seconds (a day by default; None: none).

        Every answer tells it in ``X-RateLimit-*`` headers; past the limit, a 429 with the vendor's body.
        """
        self.store.set_setting("daily_quota", int(limit or 0))
        self.app.config["SANDBOX_QUOTA"] = CallQuota(limit, period)

    def set_faults(self, rules: list[dict[str, Any]]) -> None:
        """Replace the fault-injection rules (see :mod:`odwb_assist.sandbox.faults`); ``[]`` clears them."""
        self.faults.set_rules(rules)

    def start(self) -> SandboxServer:
        if self._server is not None:
            return self
        try:
            self._server = create_server(self.app, host=self.host, port=self.port, ident="odwb-sandbox",
                                         clear_untrusted_proxy_headers=True, **self.limits.waitress_options())
        except OSError as exc:
            reason = os_reason(exc)
            raise SandboxError(f"Impossible d'écouter sur {self.host}:{self.port} ({reason.fr}). Choisissez un autre "
                               "--port.",
                               f"Cannot listen on {self.host}:{self.port} ({reason.en}). Choose another --port.") from exc
        self._stopping.clear()
        self.worker.start()
        self._thread = threading.Thread(target=self._serve, name="sandbox-http", daemon=True)
        self._thread.start()
        return self

    def _serve(self) -> None:
        server = self._server
        try:
            while not self._stopping.is_set():
                wasyncore.loop(timeout=0.2, map=server._map, count=1)
        finally:
            server.task_dispatcher.shutdown(timeout=5)
            wasyncore.close_all(server._map)

    def wait(self) -> None:
        """Block until the server stops (Ctrl+C stops it)."""
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(0.5)

    def stop(self) -> None:
        if self._server is None:
            return
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.worker.stop()
        self._server = None
        self._thread = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = self.url if self._server is not None else "stopped"
        return f"SandboxServer({str(self.data_dir)!r}, {state})"
