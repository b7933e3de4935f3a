"""Routine time: a monotonic clock the runner waits on, real (optionally sped up) or fake.

The runner never calls ``time`` itself; it asks a Clock for "now" and to sleep until a
deadline. ``RealClock(speed=100)`` runs a 10-minute routine in 6 seconds; ``FakeClock``
jumps instantly so tests of a 20-minute routine take milliseconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Protocol


class Clock(Protocol):
    """Monotonic routine time in seconds, and a way to wait for a moment in it."""

    def now(self) -> float: ...

    def sleep_until(self, deadline: float) -> None: ...


class RealClock:
    """``time.monotonic`` scaled by ``speed``: routine time = (monotonic - t0) * speed.

    ``sleep_until`` sleeps in slices of at most ``slice_seconds`` of real time, so signals
    (Ctrl-C) and redraws are handled promptly even during a long hold.

    ``pause`` and ``resume`` leave out time the process spends stopped (Ctrl-Z, then
    ``fg``): routine time stands still in between, so a hold goes on where it stopped.
    """

    def __init__(
        self,
        speed: float = 1.0,
        *,
        slice_seconds: float = 0.1,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not speed > 0:
            raise ValueError("speed must be greater than 0")
        self.speed = float(speed)
        self.slice_seconds = slice_seconds
        self._monotonic = monotonic
        self._sleep = sleep
        self._t0 = monotonic()
        self._paused_at: float | None = None  # real time at which routine time stood still
        self._slice_ends: float | None = None  # when the slice being slept should end

    def now(self) -> float:
        moment = self._monotonic() if self._paused_at is None else self._paused_at
        return (moment - self._t0) * self.speed

    def pause(self) -> None:
        """Routine time stands still from now (the process is about to stop: Ctrl-Z)."""
        if self._paused_at is None:
            self._paused_at = self._monotonic()

    def resume(self) -> None:
        """Routine time moves again from where it stood (``fg``; SIGCONT).

        After ``pause`` the time since it is left out. Without one (``kill -STOP`` cannot be
        caught), the time by which the slice being slept overran is left out instead: the
        process was stopped then. Calling it twice leaves nothing out twice.
        """
        real = self._monotonic()
        if self._paused_at is not None:
            self._t0 += real - self._paused_at
            self._paused_at = None
        elif self._slice_ends is not None and real > self._slice_ends:
            self._t0 += real - self._slice_ends
        if self._slice_ends is not None:
            self._slice_ends = max(self._slice_ends, real)

    def sleep_until(self, deadline: float) -> None:
        while True:
            left = (deadline - self.now()) / self.speed
            if left <= 0:
                return
            step = min(left, self.slice_seconds)
            self._slice_ends = self._monotonic() + step
            try:
                self._sleep(step)
            finally:
                self._slice_ends = None


class FakeClock:
    """A clock for tests: time moves only when slept (instantly), and every wait is recorded.

    ``oversleep`` returns extra seconds added to each wait (to model a late wake-up);
    ``interrupts`` are routine times at which a Ctrl-C (KeyboardInterrupt) arrives.
    """

    def __init__(
        self,
        start: float = 0.0,
        *,
        oversleep: Callable[[], float] | None = None,
        interrupts: Iterable[float] = (),
    ) -> None:
        self.t = float(start)
        self.oversleep = oversleep
        self.interrupts = sorted(interrupts)
        self.calls: list[float] = []
        self.last_overshoot = 0.0

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        """Let time pass outside a wait (e.g. a person thinking about a question)."""
        self.t += seconds

    def sleep_until(self, deadline: float) -> None:
        self.calls.append(deadline)
        if self.interrupts and self.interrupts[0] <= deadline:
            self.t = max(self.t, self.interrupts.pop(0))
            raise KeyboardInterrupt
        if deadline > self.t:
            self.last_overshoot = self.oversleep() if self.oversleep else 0.0
            self.t = deadline + self.last_overshoot
