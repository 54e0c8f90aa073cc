"""Timing side by side: interleaved runs, medians, ratios, and verdicts against a target."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Contender:
    """One thing to time; `before` runs untimed ahead of every run (and of the warm-up)."""

    label: str
    run: Callable[[], object]
    before: Callable[[], object] | None = None


@dataclass(frozen=True)
class Sample:
    label: str
    seconds: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def describe(self) -> str:
        return (
            f"{self.label}: median {self.median:.3f}s of {len(self.seconds)} runs "
            f"(min {min(self.seconds):.3f}s, max {max(self.seconds):.3f}s)"
        )


@dataclass(frozen=True)
class Verdict:
    """One row of the summary: a ratio (or other figure) against its target."""

    benchmark: str
    measured: str
    value: str
    target: str
    met: bool

    def line(self) -> str:
        return f"target: {self.target} ({self.measured}) — {'met' if self.met else 'not met'}: {self.value}"


def interleaved(
    contenders: Sequence[Contender], repetitions: int, say: Callable[[str], None], *, indent: str = "    "
) -> dict[str, Sample]:
    """Time each contender `repetitions` times, taking turns (order reversed every other round).

    One untimed warm-up run each comes first, so imports and cold caches count for nobody;
    the garbage collector runs (untimed) before every run, so no one pays for another's garbage.
    """
    for contender in contenders:
        _run_once(contender)
    times: dict[str, list[float]] = {contender.label: [] for contender in contenders}
    for round_ in range(repetitions):
        order = contenders if round_ % 2 == 0 else list(reversed(contenders))
        for contender in order:
            times[contender.label].append(_run_once(contender))
        figures = ", ".join(f"{label} {runs[-1]:.3f}s" for label, runs in times.items())
        say(f"{indent}run {round_ + 1}/{repetitions}: {figures}")
    return {label: Sample(label, tuple(runs)) for label, runs in times.items()}


def _run_once(contender: Contender) -> float:
    if contender.before is not None:
        contender.before()
    gc.collect()
    started = time.perf_counter()
    contender.run()
    return time.perf_counter() - started


def times(ratio: float) -> str:
    return f"{ratio:.2f}×"


def table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]], indent: str) -> list[str]:
    """Rows as aligned text lines, under the header and a rule."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    return [
        indent + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (header, tuple("-" * width for width in widths), *rows)
    ]
