"""The timed routine as a plain state machine: phases against a clock, pauses, pain check-ins.

The runner walks ``Plan.items`` and each exercise's phases. Every phase ends at a deadline
on the routine clock computed from the *scheduled* end of the phase before, so a late
wake-up never pushes later phases back: error does not accumulate. Only a person's pause
or answer (time that is not routine time) moves the schedule on.

It draws nothing and reads no terminal: a ``View`` shows progress, ``CueSink`` objects
announce transitions (bell, voice) and a ``Prompter`` asks questions. Tests pass fakes.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from stretchcoach import safety
from stretchcoach.catalogue import Catalogue, Exercise
from stretchcoach.clock import Clock
from stretchcoach.routine import (
    Cue,
    CueSink,
    ExerciseOutcome,
    Phase,
    Plan,
    PlannedExercise,
    SessionRecord,
)
from stretchcoach.safety import (
    END_NOW_QUESTION,
    SAME_EXERCISE,
    SAME_KIND,
    PainChange,
    band_for,
    band_message,
    pain_change_text,
)

#: The pause menu offered on Ctrl-C: key and label.
PAUSE_OPTIONS: tuple[tuple[str, str], ...] = (
    ("c", "continue"),
    ("s", "skip this exercise"),
    ("e", "end the session"),
)
#: The pause menu offered on Ctrl-C while a question is showing: skip means "no answer".
QUESTION_PAUSE_OPTIONS: tuple[tuple[str, str], ...] = (
    ("c", "continue"),
    ("s", "skip this question"),
    ("e", "end the session"),
)
PAUSE_QUESTION = "Paused."
PAIN_AFTER_QUESTION = "How is your pain now, from 0 (none) to 10 (worst imaginable)?"
#: Exit code for a session cut short by a closed terminal (as for a hang-up).
EXIT_CLOSED_TERMINAL = 129
#: Count-down cues spoken in the last seconds of every hold.
COUNTS = (3, 2, 1)
#: How many points worse the check-in asks about ("2 or more points worse than when you
#: started"): a yes means the pain is now at least this much above the start.
RISE_POINTS = 2
#: Said when a check-in finds the pain 2 or more points worse and the routine goes on.
GENTLER_NOW = "Your pain has gone up by 2 points or more, so the rest of the routine is gentler now"
#: How the rest is gentler, by the band of the new pain score.
GENTLER_HOW = {
    "moderate": "shorter holds and 2-3 reps of each",
    "severe": "only slow breathing and resting positions",
}
#: Directions of movement and the catalogue's movement tags that go that way. After a pain
#: report, later exercises sharing a direction with the one that hurt are eased or left out.
DIRECTIONS: dict[str, frozenset[str]] = {
    "forward-bending": frozenset({"flexion", "loaded-flexion"}),
    "backward-bending": frozenset({"extension"}),
    "twisting": frozenset({"rotation", "loaded-rotation"}),
    "side-bending": frozenset({"side-bend"}),
}


def directions(exercise: Exercise) -> frozenset[str]:
    """The directions of movement an exercise goes in (none for breathing or resting)."""
    tags = set(exercise.movements)
    return frozenset(d for d, movements in DIRECTIONS.items() if movements & tags)


class SessionInterrupted(Exception):
    """Ends the session at once (raised by a SIGTERM/SIGHUP handler); saved as "interrupted"."""

    def __init__(self, exit_code: int = EXIT_CLOSED_TERMINAL, reason: str = "") -> None:
        super().__init__(reason or f"interrupted (exit {exit_code})")
        self.exit_code = exit_code
        self.reason = reason


class View(Protocol):
    """What the runner shows. Implementations must not block or sleep."""

    def exercise_started(
        self, *, index: int, total: int, item: PlannedExercise, routine_left: float
    ) -> None: ...

    def phase_started(
        self, *, phase: Phase, item: PlannedExercise, routine_left: float
    ) -> None: ...

    def tick(self, *, phase: Phase, remaining: float, elapsed: float, routine_left: float) -> None:
        """Routine time has moved on (about once a routine second)."""

    def note(self, lines: Sequence[str]) -> None:
        """A calm message between steps (reminders, advice)."""

    def suspend(self) -> None:
        """Stop any live drawing: a question is about to be asked."""

    def exercise_finished(self, *, item: PlannedExercise, outcome: str) -> None: ...


class Prompter(Protocol):
    """Questions to the person. May raise KeyboardInterrupt, EOFError or OSError."""

    def yes_no(self, question: str) -> bool: ...

    def choose(self, question: str, options: Sequence[tuple[str, str]]) -> str: ...

    def number(self, question: str, *, low: int, high: int) -> int: ...


@dataclass(frozen=True)
class RunResult:
    """The session record plus the process exit code it calls for (0, or 128+signal)."""

    record: SessionRecord
    exit_code: int = 0
    #: The output or input error that cut the session short, if one did (say, a full disk).
    error: OSError | None = None


class _End(Exception):
    """The person chose to end the session."""


class _Skip(Exception):
    """The person chose to skip the current exercise."""


def easier_variant(item: PlannedExercise, *, catalogue: Catalogue, plan: Plan) -> Exercise | None:
    """The catalogue's easier variant of this exercise, if it still suits this person today."""
    target = item.exercise.easier
    easier = catalogue.get(target) if target else None
    if easier is None or not plan.assessment.offers(easier):
        return None
    return easier


def eased(
    item: PlannedExercise, easier: Exercise, conditions: frozenset[str] = frozenset()
) -> PlannedExercise:
    """The easier exercise in this slot, never held longer or repeated more than planned."""
    return PlannedExercise(
        exercise=easier,
        hold_seconds=min(item.hold_seconds, easier.hold_seconds),
        reps=min(item.reps, easier.reps),
        rest_seconds=min(item.rest_seconds, easier.rest_seconds),
        prepare_seconds=item.prepare_seconds,
        notes=tuple(easier.note_for(conditions)),
    )


def phase_cue(phase: Phase) -> Cue:
    """The announcement that opens a phase: what to do, on which side, and how to breathe."""
    if phase.kind == "prepare":
        return Cue("prepare", "Get ready")
    if phase.kind == "switch":
        return Cue("switch", "Switch sides", f"Now {phase.side_label}" if phase.side else "")
    if phase.kind == "rest":
        return Cue("rest", "Rest", f"{phase.seconds} seconds")
    side = f", {phase.side_label}" if phase.side else ""
    return Cue("hold", f"{phase.word}{side}", phase.breath_at(0))


def move_cue(phase: Phase, elapsed: float) -> Cue | None:
    """The cue for a with-movement hold reaching its second position, once ``elapsed`` has."""
    if not phase.moves or len(phase.moves) < 2 or elapsed < phase.half - 1e-9:
        return None
    return Cue("move", phase.breath_at(elapsed))


def run_routine(
    *,
    plan: Plan,
    catalogue: Catalogue,
    clock: Clock,
    view: View,
    prompter: Prompter,
    cues: Sequence[CueSink] = (),
    interactive: bool = True,
    wall: Callable[[], datetime],
    screened_at: datetime | None = None,
    practice: bool = False,
    interruptible: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext,
) -> RunResult:
    """Coach the person through ``plan`` and return what happened.

    ``interactive`` is whether questions can be asked (stdin is a terminal): without it
    there are no pain check-ins, no final pain question, and Ctrl-C ends the session.
    ``wall`` gives the wall-clock time for the record (never used for timing).
    ``practice`` marks a sped-up run, which the history keeps apart from real sessions.
    ``interruptible`` wraps the parts a SessionInterrupted may cut short (the routine and
    the last question); closing the record is outside it, so the caller can hold signals
    there and the record is always complete.
    """
    return _Run(
        plan=plan,
        catalogue=catalogue,
        clock=clock,
        view=view,
        prompter=prompter,
        cues=cues,
        interactive=interactive,
        wall=wall,
        screened_at=screened_at,
        practice=practice,
        interruptible=interruptible,
    ).run()


class _Run:
    """One session's mutable state; ``run`` drives it from start to record."""

    def __init__(
        self,
        *,
        plan: Plan,
        catalogue: Catalogue,
        clock: Clock,
        view: View,
        prompter: Prompter,
        cues: Sequence[CueSink],
        interactive: bool,
        wall: Callable[[], datetime],
        screened_at: datetime | None,
        practice: bool = False,
        interruptible: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext,
    ) -> None:
        self.plan = plan
        self.catalogue = catalogue
        self.clock = clock
        self.view = view
        self.prompter = prompter
        self.cues = list(cues)
        self.interactive = interactive
        self.wall = wall
        self.interruptible = interruptible
        self.items: list[PlannedExercise] = list(plan.items)
        self.dropped: set[int] = set()
        self.outcomes: dict[int, ExerciseOutcome] = {}
        self.pain_reports: list[str] = []
        self.hurt: set[str] = set()  # ids of exercises that hurt: they never come back today
        #: The pain a reported rise reached (start + RISE_POINTS): later check-ins ask about
        #: a further rise from it, so pain that stays there is not a second report.
        self.risen_to: int | None = None
        self.seconds_done = 0.0
        self.partial = 0.0  # routine seconds of the phase cut short by a skip or end
        self.pending_pause = False  # Ctrl-C arrived while drawing: pause at the next wait
        self.anchor = 0.0  # scheduled routine time at which the next phase begins
        self.record = SessionRecord(
            started_at=wall(),
            cause=plan.assessment.cause,
            severity_before=plan.assessment.severity,
            minutes_planned=round(plan.total_seconds / 60, 1),
            checkins_asked=interactive,
            screened_at=screened_at,
            practice=practice,
        )

    # ------------------------------------------------------------------ the session

    def run(self) -> RunResult:
        ending = "completed"
        exit_code = 0
        error: OSError | None = None
        index = 0
        try:
            with self.interruptible():
                self.anchor = self.clock.now()
                while index < len(self.items):
                    if index in self.dropped:
                        index += 1
                        continue
                    try:
                        with contextlib.suppress(_Skip):
                            self.exercise(index)
                        # A check-in only after an exercise that was done (not a skipped one).
                        done = self.outcomes[index].outcome == "done"
                        if self.interactive and done and self.check_in(index):
                            ending = "stopped-for-pain"
                            break
                    except _End:
                        ending = "ended-by-user"
                        break
                    index += 1
        except KeyboardInterrupt:
            ending = "ended-by-user"  # a Ctrl-C between steps that nothing else caught
        except SessionInterrupted as exc:
            ending, exit_code = "interrupted", exc.exit_code
        except (EOFError, OSError) as exc:
            ending, exit_code = "interrupted", EXIT_CLOSED_TERMINAL
            error = exc if isinstance(exc, OSError) else None
        self.finish(ending)
        if self.interactive and ending != "interrupted":
            try:
                with self.interruptible():
                    self.view.suspend()
                    self.record.severity_after = self.prompter.number(
                        PAIN_AFTER_QUESTION, low=0, high=10
                    )
            except KeyboardInterrupt:
                pass  # they would rather not say: keep the record without it
            except SessionInterrupted as exc:
                exit_code = exc.exit_code
            except (EOFError, OSError):
                exit_code = EXIT_CLOSED_TERMINAL
        self.record.ended_at = self.wall()
        return RunResult(self.record, exit_code, error)

    def finish(self, ending: str) -> None:
        """Fill the record: every planned exercise gets an outcome, in plan order."""
        outcomes = []
        for i, item in enumerate(self.items):
            outcomes.append(
                self.outcomes.get(i) or ExerciseOutcome(item.exercise.id, "not-reached")
            )
        self.record.exercises = outcomes
        self.record.ending = ending
        self.record.pain_reports = list(self.pain_reports)
        self.record.seconds_done = round(self.seconds_done, 3)
        text = "Session complete" if ending == "completed" else "Session ended"
        with contextlib.suppress(OSError, EOFError):
            self.show(self.view.suspend)
        self.announce(Cue("end", text, ending))

    def show(self, draw: Callable[..., None], /, **kwargs: Any) -> None:
        """Call the view; a Ctrl-C while it draws becomes a pause at the next wait."""
        try:
            draw(**kwargs)
        except KeyboardInterrupt:
            self.pending_pause = True

    def announce(self, cue: Cue) -> None:
        """Tell every cue sink; a failing sink (no speaker, closed pipe) never stops the routine."""
        for sink in self.cues:
            try:
                sink.cue(cue)
            except KeyboardInterrupt:
                self.pending_pause = True
            except Exception:  # a bell or voice must never break a session
                continue

    # ------------------------------------------------------------------ one exercise

    def left_after(self, index: int) -> float:
        """Routine seconds planned after exercise ``index`` (dropped ones excluded)."""
        return float(
            sum(
                item.seconds
                for j, item in enumerate(self.items)
                if j > index and j not in self.dropped
            )
        )

    def exercise(self, index: int) -> None:
        item = self.items[index]
        ex = item.exercise
        phases = item.phases()
        after = self.left_after(index)
        done = 0.0
        # Numbered among the exercises still in the routine (left-out ones do not count).
        self.show(
            self.view.exercise_started,
            index=index + 1 - sum(1 for j in self.dropped if j < index),
            total=len(self.items) - len(self.dropped),
            item=item,
            routine_left=item.seconds + after,
        )
        self.announce(Cue("exercise", f"{ex.name}, {ex.position}", " ".join(ex.steps)))
        if ex.kind == "strength":
            self.show(self.view.note, lines=[safety.STRENGTH_REMINDER])
        try:
            for k, phase in enumerate(phases):
                later = after + sum(p.seconds for p in phases[k + 1 :])
                self.announce(phase_cue(phase))
                self.show(
                    self.view.phase_started,
                    phase=phase,
                    item=item,
                    routine_left=phase.seconds + later,
                )
                done += self.wait(phase, later)
        except (_Skip, _End) as exc:
            # Ending the session cuts this exercise short: "ended", not "skipped".
            outcome = "skipped" if isinstance(exc, _Skip) else "ended"
            done += self.partial
            self.outcomes[index] = ExerciseOutcome(ex.id, outcome, round(done, 3))
            self.show(self.view.exercise_finished, item=item, outcome=outcome)
            raise
        except (KeyboardInterrupt, SessionInterrupted, EOFError, OSError):
            self.outcomes[index] = ExerciseOutcome(ex.id, "ended", round(done, 3))
            raise
        self.outcomes[index] = ExerciseOutcome(ex.id, "done", round(done, 3))
        self.show(self.view.exercise_finished, item=item, outcome="done")

    def wait(self, phase: Phase, later: float) -> float:
        """Wait out one phase (ticking the view, counting down holds); routine seconds spent.

        Raises _Skip or _End when the person pauses and chooses so.
        """
        deadline = self.anchor + phase.seconds
        counted: set[int] = set()
        moved = False  # a with-movement hold's second position was announced
        while True:
            try:
                if self.pending_pause:
                    self.pending_pause = False
                    raise KeyboardInterrupt
                remaining = deadline - self.clock.now()
                if remaining <= 0:
                    break
                self.view.tick(
                    phase=phase,
                    remaining=remaining,
                    elapsed=phase.seconds - remaining,
                    routine_left=remaining + later,
                )
                if phase.kind == "hold" and phase.moves:
                    # A with-movement hold names its second position at its half; the
                    # positions pace it, so it has no countdown to talk over them.
                    move = move_cue(phase, phase.seconds - remaining)
                    if move is not None and not moved:
                        moved = True
                        self.announce(move)
                elif phase.kind == "hold":
                    for n in COUNTS:
                        if n < phase.seconds and remaining <= n + 1e-9 and n not in counted:
                            counted.add(n)
                            self.announce(Cue("count", str(n)))
                # Wake at the next whole second of the countdown, or at the deadline.
                step = math.ceil(remaining - 1e-9) - 1
                self.clock.sleep_until(deadline - max(step, 0))
            except KeyboardInterrupt:
                left = min(max(deadline - self.clock.now(), 0.0), float(phase.seconds))
                choice = self.pause()
                if choice == "c":
                    deadline = self.clock.now() + left  # the pause is not routine time
                    continue
                spent = phase.seconds - left
                self.seconds_done += spent
                self.partial = spent
                self.anchor = self.clock.now()
                if choice == "s":
                    raise _Skip() from None
                raise _End() from None
        self.anchor = deadline
        self.seconds_done += phase.seconds
        return float(phase.seconds)

    def pause(self, options: Sequence[tuple[str, str]] = PAUSE_OPTIONS) -> str:
        """Offer continue / skip / end; a second Ctrl-C (or no way to ask) ends the session."""
        if not self.interactive:
            return "e"
        try:
            self.view.suspend()
            return self.prompter.choose(PAUSE_QUESTION, options)
        except KeyboardInterrupt:
            return "e"

    def ask_yes_no(self, question: str) -> bool | None:
        """A yes/no question between steps; None when skipped. Raises _End.

        Ctrl-C at the question offers the pause menu: continue asks it again, skip
        leaves it unanswered, end (or a second Ctrl-C) ends the session.
        """
        while True:
            try:
                self.view.suspend()
                return self.prompter.yes_no(question)
            except KeyboardInterrupt:
                choice = self.pause(QUESTION_PAUSE_OPTIONS)
                if choice == "c":
                    continue
                if choice == "s":
                    return None
                raise _End() from None

    # ------------------------------------------------------------------ check-ins

    def check_in(self, index: int) -> bool:
        """Ask about the exercise just done; True when the session must end.

        In turn: sharp pain? pain or tingling spreading down a leg? pain 2 or more points
        worse than at the start (after a reported rise: than the pain it rose to)? Spreading
        leg symptoms end the routine at once with advice; sharp or worse pain is a pain
        report (the first eases the rest, a second ends).
        """
        item = self.items[index]
        before = self.plan.assessment.severity
        if self.risen_to is None:
            worse_question = safety.worse_check_question(before)
        else:
            worse_question = safety.worse_again_question(self.risen_to)
        try:
            sharp = self.ask_yes_no(safety.PAIN_CHECK_QUESTION)
            leg = self.ask_yes_no(safety.LEG_CHECK_QUESTION)
            worse = None
            if not sharp and not leg:
                worse = self.ask_yes_no(worse_question)
        finally:
            self.anchor = self.clock.now()  # answering is not routine time
        if leg:
            self.report_pain(index)
            self.stopped_for_pain(index)
            self.show(self.view.note, lines=[safety.LEG_SYMPTOMS_END_MESSAGE])
            return True
        if not (sharp or worse):
            return False
        self.report_pain(index)
        if len(self.pain_reports) >= 2:
            self.stopped_for_pain(index)
            self.show(self.view.note, lines=[safety.SECOND_PAIN_END_MESSAGE])
            return True
        changes = self.ease_later(index)
        gentler = None
        if worse:
            # The pain is now at least 2 points above the start: what is still to come takes
            # the dose of that pain band, or, at 9-10, the routine ends.
            pain = min(10, before + RISE_POINTS)
            self.risen_to = pain
            if band_for(pain) == "too-severe":
                self.stopped_for_pain(index)
                self.show(self.view.note, lines=[band_message(pain) or ""])
                return True
            gentler = self.regrade(index, pain)
        remaining = sum(1 for j in range(index + 1, len(self.items)) if j not in self.dropped)
        text = pain_change_text(
            changes=changes,
            remaining=remaining,
            directions=sorted(directions(item.exercise)),
            dose_changed=gentler is not None,
        )
        self.show(self.view.note, lines=[text])
        if gentler:
            self.show(self.view.note, lines=[gentler])
        self.show(self.view.note, lines=list(safety.NO_PAIN_NO_GAIN))
        if not remaining:
            return False
        try:
            end = self.ask_yes_no(END_NOW_QUESTION)
        finally:
            self.anchor = self.clock.now()
        if end:
            self.stopped_for_pain(index)
            return True
        return False

    def regrade(self, index: int, pain: int) -> str | None:
        """Give what is still to come after exercise ``index`` the dose of pain ``pain`` (the
        planner's band dose, never more than planned); leave out what that pain does not
        allow, including strengthening beyond the one light exercise the gentle band keeps
        (the first still to come). Returns the one line saying the rest is gentler now
        (None: nothing changed)."""
        from stretchcoach import planner

        assessment = replace(self.plan.assessment, severity=pain)
        band = assessment.band
        kinds = planner.band_kinds(assessment, band)
        most_strength = planner.LIGHT_STRENGTH_MAX_EXERCISES if band == "moderate" else None
        strength = 0
        left: list[str] = []
        changed = 0
        for j in range(index + 1, len(self.items)):
            if j in self.dropped:
                continue
            item = self.items[j]
            ex = item.exercise
            too_much = (
                ex.kind == "strength" and most_strength is not None and strength >= most_strength
            )
            if too_much or ex.kind not in kinds or not assessment.offers(ex):
                self.leave_out(j)
                left.append(ex.name)
                continue
            if ex.kind == "strength":
                strength += 1
            hold, reps = planner.band_dose(ex, band)
            gentle = replace(
                item, hold_seconds=min(item.hold_seconds, hold), reps=min(item.reps, reps)
            )
            if gentle != item:
                self.items[j] = gentle
                changed += 1
        if not changed and not left:
            return None
        how = GENTLER_HOW.get(band)
        line = f"{GENTLER_NOW}: {how}, as for pain of {pain}/10." if how else f"{GENTLER_NOW}."
        if left:
            line += f" Left out for now: {', '.join(left)}."
        return line

    def leave_out(self, j: int) -> None:
        """Drop exercise ``j`` from what is still to come, remembering it was left out."""
        ex = self.items[j].exercise
        self.dropped.add(j)
        self.outcomes[j] = ExerciseOutcome(ex.id, "not-reached")
        self.record.left_out.append(ex.id)

    def report_pain(self, index: int) -> None:
        """Record that this exercise hurt: it is reported, and never comes back today."""
        ex = self.items[index].exercise
        self.pain_reports.append(ex.id)
        self.hurt.add(ex.id)

    def stopped_for_pain(self, index: int) -> None:
        """Mark the exercise that hurt as the one the session stopped for."""
        item = self.items[index]
        previous = self.outcomes.get(index)
        seconds = previous.seconds_done if previous else 0.0
        self.outcomes[index] = ExerciseOutcome(item.exercise.id, "stopped-for-pain", seconds)

    def ease_later(self, index: int) -> list[PainChange]:
        """Ease what is still to come after a pain report on exercise ``index``.

        A later exercise that moves in a direction the one that hurt moved in (forward or
        backward bending, twisting, side bending) is swapped for its easier variant when that
        still suits and does not go that way, else left out; other directions stay as planned.
        When the one that hurt has no direction (breathing, resting), exercises of its kind
        are eased instead. The exercise that hurt never comes back, not even as a variant.
        A left-out exercise is recorded as "not-reached" and named in ``record.left_out``
        (the history saves it as "left-out"): the person did not skip it.
        """
        hurt_ex = self.items[index].exercise
        ways = directions(hurt_ex)
        changes: list[PainChange] = []
        for j in range(index + 1, len(self.items)):
            item = self.items[j]
            if j in self.dropped:
                continue
            ex = item.exercise
            if ex.id in self.hurt:
                reasons: tuple[str, ...] = (SAME_EXERCISE,)
            elif ways:
                reasons = tuple(d for d in DIRECTIONS if d in ways & directions(ex))
            else:
                reasons = (SAME_KIND,) if ex.kind == hurt_ex.kind else ()
            if not reasons:
                continue
            easier = easier_variant(item, catalogue=self.catalogue, plan=self.plan)
            if easier is not None and (easier.id in self.hurt or ways & directions(easier)):
                easier = None  # it would bring back the exercise, or the movement, that hurt
            if easier is None:
                self.leave_out(j)
                changes.append(PainChange(ex.name, reasons))
            else:
                self.items[j] = eased(item, easier, self.plan.assessment.conditions)
                changes.append(PainChange(ex.name, reasons, eased_to=easier.name))
        return changes
