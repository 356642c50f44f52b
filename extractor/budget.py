"""A per-document time budget for batch runs: one pathological article (a
pattern gone quadratic on text nobody foresaw) must not hold a batch for
hours.  ``time_budget(seconds)`` raises :class:`BudgetExceeded` in the code it
wraps once the time is up:

- in a process's main thread (the local engine's workers, ``--workers 1``)
  with ``SIGALRM``: the ``regex`` module checks for signals inside a match,
  so even one long-running match is interrupted;
- in another thread (a Dask worker runs tasks in threads) with an
  asynchronous exception, delivered at the next Python instruction: between
  two regex calls, not inside one.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_SECONDS = 60.0


class BudgetExceeded(Exception):
    """The document took longer than its time budget."""


def _raise(signum, frame):
    raise BudgetExceeded()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    if not seconds or seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        previous = signal.signal(signal.SIGALRM, _raise)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    tid = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(BudgetExceeded))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
        timer.cancel()
