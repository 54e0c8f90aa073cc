"""Waiting on events, not on wall-clock budgets: a test waits until something happens.

`wait_for` polls a condition; its bound only stops a hung test, and is far above how
long the event takes on a loaded machine (`TEST_WAIT_SECONDS`, default 300).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pytest

HANG_BOUND = float(os.environ.get("TEST_WAIT_SECONDS", "300"))


def wait_for(condition: Callable[[], object], what: str, *, poll: float = 0.05) -> None:
    deadline = time.monotonic() + HANG_BOUND
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up after {HANG_BOUND:.0f}s waiting for {what}", pytrace=False)
        time.sleep(poll)
