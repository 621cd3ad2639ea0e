"""Child processes that never outlive the build: a killed build leaves no worker behind."""

from __future__ import annotations

import ctypes
import os
import signal
import sys

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
