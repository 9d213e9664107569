"""Where a scan's time goes, stage by stage, for the progress line and the benchmarks.

A :class:`Stopwatch` travels with the :class:`~scanner.model.Scan` (``scan.timings``) and sums
the seconds spent in each named stage. Stages that run in several pages or phases at once are
summed over all of them, so the figures are busy time per stage, not slices of the wall clock:
with concurrent phases their sum can exceed the wall time, and the difference is the
concurrency won. ``wall`` is the one wall-clock figure: from the call to ``scan`` until the
checks have run (report writing is timed by whoever writes the reports).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from time import perf_counter

#: The stages, in the order a page meets them; ``report`` is the reports' writing, timed by
#: the command line. Unknown names are allowed, so a new probe does not need an entry here.
STAGES = (
    "start-up",
    "page load",
    "quiet wait",
    "consent decision",
    "probes",
    "evidence",
    "policy fetch",
    "policy read",
    "checks",
    "report",
)


class Stopwatch:
    """Seconds per stage, rounded to milliseconds when read."""

    def __init__(self) -> None:
        self.started = perf_counter()
        self.seconds: dict[str, float] = {}

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + max(0.0, seconds)

    @contextmanager
    def stage(self, stage: str) -> Iterator[None]:
        """Time the ``with`` block as ``stage`` (also when it raises)."""
        began = perf_counter()
        try:
            yield
        finally:
            self.add(stage, perf_counter() - began)

    def since_start(self) -> float:
        return perf_counter() - self.started

    def as_dict(self) -> dict[str, float]:
        """Known stages first, in pipeline order, then any others, then ``wall``."""
        order = [s for s in STAGES if s in self.seconds]
        order += sorted(s for s in self.seconds if s not in STAGES and s != "wall")
        if "wall" in self.seconds:
            order.append("wall")
        return {stage: round(self.seconds[stage], 3) for stage in order}
