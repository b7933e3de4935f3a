"""The routine's plain data: assessment, planned exercises, their timed phases, session records.

Shared by the planner (which builds a Plan), the runner (which walks its phases against a
clock) and the history store (which saves a SessionRecord). No I/O, no clock, no terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal, Protocol

from stretchcoach.catalogue import Exercise
from stretchcoach.exercise import BREATHE_ON_EFFORT, BREATHE_SLOWLY, BREATHE_WALKING

#: Seconds to get ready before an exercise in the same position as the one before.
PREPARE_SECONDS = 5
#: Seconds to get ready when the position changes (e.g. getting down to the floor).
POSITION_CHANGE_SECONDS = 15
#: Seconds to change sides between the two sides of a per-side rep.
SWITCH_SECONDS = 3
#: Seconds to change sides once, after every rep of the first side (in-turn work): turning
#: over, swapping the kneeling leg or turning round at the chair takes longer than a switch.
TURN_SECONDS = 10


PhaseKind = Literal["prepare", "hold", "switch", "rest"]
Side = Literal["left", "right"]

#: How a session ended (stored in history, shown by scripts).
ENDINGS: tuple[str, ...] = (
    "completed",
    "ended-by-user",
    "stopped-for-pain",
    "interrupted",
    "safety-stop",
)
#: What happened to one planned exercise: ``ended`` is the one under way when the session
#: ended (the person chose to end it, or the terminal closed): cut short, not skipped.
OUTCOMES: tuple[str, ...] = ("done", "skipped", "ended", "stopped-for-pain", "not-reached")


@dataclass(frozen=True)
class Assessment:
    """What the user told us: cause, pain now (0–10), where they can exercise, health notes."""

    cause: str
    severity: int
    positions: frozenset[str] | None = None  # None: every position
    gentle_only: bool = False  # a "see soon" screen answer: moderate band at most
    conditions: frozenset[str] = frozenset()  # health-notes condition ids (safety.conditions)
    pregnancy_weeks: int | None = None
    #: Exercises done before without trouble: preferred when pain is moderate (familiar is
    #: better than new on a bad day).
    familiar: frozenset[str] = frozenset()

    @property
    def band(self) -> str:
        """The severity band that decides what kind of routine is offered."""
        from stretchcoach.safety import band_for
        from stretchcoach.safety.conditions import gentle_only

        gentle = self.gentle_only or gentle_only(self.conditions)
        return band_for(self.severity, gentle_only=gentle)

    def offers(self, exercise: Exercise, *, with_conditions: bool = True) -> bool:
        """Whether ``exercise`` suits today: the cause, the pain, the positions and (unless
        ``with_conditions`` is False) the health conditions. Swaps and notes ask this."""
        from stretchcoach.safety.conditions import allows

        return (
            exercise.suits(self.cause)
            and exercise.max_severity >= self.severity
            and (self.positions is None or exercise.position in self.positions)
            and (not with_conditions or allows(exercise, self.conditions))
        )


@dataclass(frozen=True)
class Phase:
    """One timed step of an exercise: get ready, hold (one side of one rep), switch, rest.

    A hold (or switch) also carries what it is called, so the screen, the voice and the
    bell all say the same: the side in the catalogue's body words, whether it is a hold, a
    walk or a movement, and how it is breathed.
    """

    kind: PhaseKind
    seconds: int
    rep: int = 1  # 1-based
    side: Side | None = None
    #: The side in body words ("left knee to your chest"); "" means plainly "left side".
    side_words: str = ""
    action: str = "hold"  # catalogue.ACTIONS
    breathing: str = "steady"  # catalogue.BREATHING
    #: With-movement holds: the rep's two positions as (name, "in" | "out"), in order.
    moves: tuple[tuple[str, str], ...] = ()

    @property
    def side_label(self) -> str:
        """The side to show or say: body words, else "left side"; "" for no side."""
        if self.side is None:
            return ""
        return self.side_words or f"{self.side} side"

    @property
    def word(self) -> str:
        """What the person does in a hold: "Hold", "Walk" or (with-movement) "Move"."""
        if self.action == "walk":
            return "Walk"
        return "Move" if self.moves else "Hold"

    @property
    def half(self) -> int:
        """Seconds into a with-movement hold at which its second position begins."""
        return self.seconds - self.seconds // 2

    def move_at(self, elapsed: float) -> tuple[str, str] | None:
        """The (name, breath) position under way ``elapsed`` seconds into a with-movement hold."""
        if not self.moves:
            return None
        return (
            self.moves[1] if elapsed >= self.half - 1e-9 and len(self.moves) > 1 else self.moves[0]
        )

    def breath_at(self, elapsed: float) -> str:
        """The breathing line of a hold. Only a with-movement hold ever changes it: at its
        half, with the position (so nothing flips in the last second of a short hold)."""
        move = self.move_at(elapsed)
        if move is not None:
            return f"{move[0]} — breathe {move[1]}"
        if self.breathing == "out-on-effort":
            return BREATHE_ON_EFFORT
        return BREATHE_WALKING if self.action == "walk" else BREATHE_SLOWLY


@dataclass(frozen=True)
class PlannedExercise:
    """An exercise with the dose chosen for this routine (holds and reps may be reduced)."""

    exercise: Exercise
    hold_seconds: int
    reps: int
    rest_seconds: int
    prepare_seconds: int = PREPARE_SECONDS
    #: The exercise's notes for this person's health conditions (shown beside the steps).
    notes: tuple[str, ...] = ()

    @property
    def per_side(self) -> bool:
        return self.exercise.per_side

    def phases(self) -> list[Phase]:
        """Get ready; then the reps, with rests between the reps of a side.

        Per-side work either alternates (each rep holds the left side, switches, holds the
        right) or goes in turn (every rep of the left side, one longer turn, then every rep
        of the right), as the catalogue says. planner.exercise_seconds adds up the same.
        """
        out = [Phase("prepare", self.prepare_seconds)]
        if self.exercise.in_turn:
            for side in ("left", "right"):
                if side == "right":
                    out.append(self._phase("switch", TURN_SECONDS, 1, side))
                for rep in range(1, self.reps + 1):
                    out.append(self._phase("hold", self.hold_seconds, rep, side))
                    if rep < self.reps and self.rest_seconds:
                        out.append(Phase("rest", self.rest_seconds, rep))
            return out
        sides: tuple[Side | None, ...] = ("left", "right") if self.per_side else (None,)
        for rep in range(1, self.reps + 1):
            for i, one in enumerate(sides):
                if i:
                    out.append(self._phase("switch", SWITCH_SECONDS, rep, one))
                out.append(self._phase("hold", self.hold_seconds, rep, one))
            if rep < self.reps and self.rest_seconds:
                out.append(Phase("rest", self.rest_seconds, rep))
        return out

    def _phase(self, kind: PhaseKind, seconds: int, rep: int, side: Side | None) -> Phase:
        """A hold or switch with the words the catalogue gives for it."""
        ex = self.exercise
        return Phase(
            kind,
            seconds,
            rep,
            side,
            side_words=dict(ex.side_words).get(side, "") if side else "",
            action=ex.action,
            breathing=ex.breathing,
            moves=ex.phases if kind == "hold" and ex.breathing == "with-movement" else (),
        )

    @property
    def seconds(self) -> int:
        """This exercise's share of the routine: every second the runner waits for."""
        return sum(p.seconds for p in self.phases())

    def to_dict(self) -> dict[str, object]:
        ex = self.exercise
        return {
            "id": ex.id,
            "name": ex.name,
            "why": ex.why,
            "kind": ex.kind,
            "position": ex.position,
            "hold_seconds": self.hold_seconds,
            "reps": self.reps,
            "per_side": ex.per_side,
            "rest_seconds": self.rest_seconds,
            "seconds": self.seconds,
            "notes": list(self.notes),
        }


def reprepared(items: Sequence[PlannedExercise]) -> tuple[PlannedExercise, ...]:
    """Get-ready times again after items changed (left out, swapped, reordered): longer
    wherever the position changes. Shared by the planner and progression."""
    out: list[PlannedExercise] = []
    previous: str | None = None
    for item in items:
        position = item.exercise.position
        prepare = PREPARE_SECONDS if position == previous else POSITION_CHANGE_SECONDS
        out.append(replace(item, prepare_seconds=prepare))
        previous = position
    return tuple(out)


@dataclass(frozen=True)
class Plan:
    """An ordered routine plus how it was made (for JSON output and reproducibility)."""

    assessment: Assessment
    minutes: int
    seed: int
    items: tuple[PlannedExercise, ...]
    notes: tuple[str, ...] = ()  # e.g. why it is shorter than asked, or how it adapted

    @property
    def total_seconds(self) -> int:
        return sum(item.seconds for item in self.items)

    def to_dict(self) -> dict[str, object]:
        """The documented JSON document of ``stretchcoach plan --format json``."""
        from stretchcoach.safety.conditions import ordered

        return {
            "cause": self.assessment.cause,
            "severity": self.assessment.severity,
            "conditions": ordered(self.assessment.conditions),
            "minutes": self.minutes,
            "seed": self.seed,
            "total_seconds": self.total_seconds,
            "exercises": [item.to_dict() for item in self.items],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class ExerciseOutcome:
    """What became of one planned exercise in a session."""

    id: str
    outcome: str  # one of OUTCOMES
    seconds_done: float = 0.0


@dataclass
class SessionRecord:
    """Everything a finished (or interrupted) session leaves for the history."""

    started_at: datetime
    cause: str
    severity_before: int
    minutes_planned: float
    ended_at: datetime | None = None
    severity_after: int | None = None
    seconds_done: float = 0.0
    exercises: list[ExerciseOutcome] = field(default_factory=list)
    checkins_asked: bool = True
    ending: str = "interrupted"
    pain_reports: list[str] = field(default_factory=list)  # ids of exercises that hurt
    left_out: list[str] = field(default_factory=list)  # ids the coach dropped after pain
    screened_at: datetime | None = None  # when an all-clear safety screen began this session
    #: A sped-up run (``--speed`` other than 1): kept, but left out of streaks, adherence,
    #: progression, "done today" and the report.
    practice: bool = False
    #: The 24-hour answer given at the start of this session about the one before: was the
    #: back worse the next morning, or for more than 2 hours after it? None: not asked.
    worse_after_last: bool | None = None

    @property
    def minutes_done(self) -> float:
        return round(self.seconds_done / 60, 1)


CueKind = Literal["exercise", "prepare", "hold", "switch", "move", "rest", "count", "end"]


@dataclass(frozen=True)
class Cue:
    """A moment in the routine worth announcing (voice, bell): short text, optional detail.

    ``exercise``: an exercise begins (text: name and position; detail: its steps).
    ``prepare``/``hold``/``switch``/``rest``: a phase begins (a hold's detail: how to
    breathe; a switch's: the side now). ``move``: a with-movement hold reaches its second
    position (text: "Let it dip — breathe in"). ``count``: "3", "2", "1" at the end of a
    steady hold. ``end``: the session is over.
    """

    kind: CueKind
    text: str
    detail: str = ""


class CueSink(Protocol):
    """Something that announces cues without ever delaying the routine's clock."""

    def cue(self, cue: Cue) -> None: ...

    def close(self) -> None: ...
