"""Child processes that never outlive the build: a killed build leaves no worker behind."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int | None = None) -> None:
    """Ask Linux to kill this process when its parent dies (even by SIGKILL); elsewhere, nothing.

    `parent` is the parent's pid as the parent saw it before forking: read here, after the fork, it
    would already be the reaper's if the parent died in between, and the child would live on."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid() if parent is None else parent
    if os.getppid() != parent:  # the parent died between the fork and this call
        os._exit(1)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


# The calls of the running fork_map, set before the workers fork so they inherit them (and the data
# they close over) instead of receiving them pickled; each task names one by its index.
_CALLS: list = []


def _call(index: int):
    return _CALLS[index]()


def fork_map(calls: list, jobs: int) -> list:
    """The results of `calls` (functions without arguments), made in up to `jobs` forked worker
    processes that die with this one; the first exception raised by a call is raised here."""
    if jobs <= 1 or len(calls) <= 1:
        return [call() for call in calls]
    _CALLS[:] = calls
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(calls), 32), mp_context=get_context("fork"),
                                 initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            return list(pool.map(_call, range(len(calls))))
    finally:
        _CALLS.clear()
