"""Background processing: datasets go ``queued`` -> ``processing`` -> ``idle`` (published) or ``error``.

The queue is the store itself (datasets whose status is ``queued``), so that a publication asked
just before a crash is processed after the restart; datasets left ``processing`` are re-queued.
"""

from __future__ import annotations

import logging
import threading
import time

from . import field_configs
from .processing import ProcessingFailed, extract
from .store import Store, now

log = logging.getLogger(__name__)


class Worker:
    """``threads`` processing threads polling the store; ``delay`` seconds of pretend work per dataset."""

    def __init__(self, store: Store, *, threads: int = 2, delay: float = 0.05) -> None:
        self.store = store
        self.threads = threads
        self.delay = delay
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        self.store.requeue_interrupted()
        self._stop.clear()
        for n in range(self.threads):
            thread = threading.Thread(target=self._loop, name=f"sandbox-worker-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout=10)
        self._threads.clear()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                uid = self.store.claim_queued()
            except Exception:  # a locked or vanished database must not kill the worker
                log.exception("sandbox worker: cannot read the queue")
                uid = None
            if uid is None:
                self._wake.wait(0.2)
                self._wake.clear()
                continue
            self.process(uid)
        self.store.close()

    def process(self, uid: str) -> None:
        """Process one dataset that is in ``processing`` state."""
        if self.delay:
            time.sleep(self.delay)
        dataset = self.store.dataset(uid)
        if dataset is None:
            return
        try:
            inputs = []
            for resource in self.store.resources(uid):
                datasource = resource.get("datasource") or {}
                file_uid = str((datasource.get("file") or {}).get("uid", ""))
                stored = self.store.file(uid, file_uid, content=True)
                if stored is None:
                    raise ProcessingFailed(f"Resource '{resource.get('title')}': uploaded file '{file_uid}' not found.")
                inputs.append((resource, bytes(stored["content"])))
            extraction = field_configs.apply(extract(inputs, self.store.configs(uid, "processor")),
                                             self.store.configs(uid, "field"))
        except ProcessingFailed as exc:
            self.store.set_status(uid, "error", expect=("processing",), message=exc.message,
                                  records_errors=exc.records_errors)
            return
        except Exception as exc:  # never let one dataset stop the worker
            log.exception("sandbox worker: processing %s failed", uid)
            self.store.set_status(uid, "error", expect=("processing",), message=f"Processing failed: {exc}")
            return
        metadata = dataset["metadata"]
        default = metadata.setdefault("default", {})
        if default.get("modified_updates_on_data_change") or not default.get("modified"):
            default["modified"] = now()
        current = self.store.dataset(uid)
        if current is None or current["status"] != "processing":  # aborted or deleted meanwhile
            return
        self.store.finish_processing(uid, extraction.fields, extraction.records, metadata)
