"""What pyarrow holds of ours while it reads a CSV, counted until it has let go of all of it (:class:`Loans`).

pyarrow keeps the Python objects it is given (the file it reads, each block that file's ``read`` returned, the
``invalid_row_handler``) through references it lets go of taking the GIL, on whatever thread drops them
(``PyBuffer::~PyBuffer`` in pyarrow's ``arrow/python/common.cc``, ``OwnedRefNoGIL`` in ``arrow/python/common.h``):
when its read-ahead ends, that is one of its I/O threads. Should that thread let go of one once Python began to
finalize, taking the GIL ends the thread (``pthread_exit``) inside a C++ destructor, and the process aborts after
its work was done: « terminate called without an active exception », exit code 134 (gdb on the core: an I/O thread
freeing the CSV reader's boundary finder, which held the row handler, while the main thread was in
``Py_FinalizeEx``; 16 runs in 200 of a reading that met an undefined byte, two runs at a time). A reading waits
at its end until pyarrow has let go of everything it was lent (:meth:`Loans.wait`).
"""

from __future__ import annotations

import threading
import weakref
from typing import TypeVar

Lendable = TypeVar("Lendable")


class Loans:
    """Objects lent to pyarrow and not given back yet (freed by pyarrow: seen by a weak reference's callback)."""

    def __init__(self) -> None:
        self._out = 0
        self._changed = threading.Condition()

    def lend(self, thing: Lendable) -> Lendable:
        """``thing``, counted until the last reference to it goes: only pyarrow may keep one (a bound method or an
        object made for pyarrow; an object of ours that lives on would never be given back)."""
        with self._changed:
            self._out += 1
        weakref.finalize(thing, self._given_back)
        return thing

    def _given_back(self) -> None:
        with self._changed:
            self._out -= 1
            self._changed.notify_all()

    @property
    def out(self) -> int:
        """How many objects pyarrow still holds."""
        return self._out

    def wait(self, timeout: float) -> bool:
        """Wait until pyarrow holds nothing lent (at most ``timeout`` seconds); whether it is so."""
        with self._changed:
            return self._changed.wait_for(lambda: self._out == 0, timeout)
