"""``stretchcoach start``: the safety note and screen, a few questions, then the timed routine."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from stretchcoach.commands._options import (
    SPEED_RANGE,
    app_state,
    cue_options,
    finite_speed,
    now,
    routine_options,
    wall_clock,
)
from stretchcoach.commands._signals import (
    device_full,
    no_ctrl_c,
    signal_handlers,
    termination_signals,
)
from stretchcoach.ui.prompter import KeyPrompter

if TYPE_CHECKING:
    from pathlib import Path

    from stretchcoach.catalogue import Catalogue
    from stretchcoach.clock import RealClock
    from stretchcoach.commands._routine import RoutineRequest, Settings
    from stretchcoach.goals import WeekReview
    from stretchcoach.healthnotes import HealthNotes
    from stretchcoach.routine import Assessment, Plan, SessionRecord
    from stretchcoach.runner import SessionInterrupted
    from stretchcoach.safety.screen import Outcome

#: The file whose presence means the first-run safety note was read and confirmed.
DISCLAIMER_FILE = "disclaimer-acknowledged"
FLOOR_QUESTION = "Can you get down to the floor and back up again comfortably today?"
#: Asked at pain 7-8, when the routine stays in one position of the person's choosing.
POSITION_QUESTION = "Which position suits you best right now?"
BEGIN_QUESTION = "Begin?"
#: Asked before the plan unless --minutes (or the profile) says; Enter takes the default.
MINUTES_QUESTION = "How many minutes do you have?"


@dataclass(frozen=True)
class StartOptions:
    """How this ``start`` runs, settled once from the flags, the profile and config.yaml."""

    request: RoutineRequest  # the routine asked for (shared with 'plan')
    settings: Settings  # config.yaml's screen interval, motion and flare-up plan
    assume_yes: bool  # --yes: begin without asking to confirm
    plain: bool  # one line per step: --plain, 'plain: true', or output not a terminal
    still: bool  # reduced motion: --still or 'motion: reduced'
    speed: float  # the routine clock's speed; any other than 1 is a practice run
    interactive: bool  # stdin is a terminal, so questions can be asked
    ask_minutes: bool  # ask how many minutes (not given, not --yes, on a terminal)


@dataclass
class _SessionState:
    """What the session has reached so far, for the handlers that end it however it ends."""

    wall: Callable[[], datetime]  # this invocation's wall clock (see _options.wall_clock)
    signals: _Terminations | None = None
    started: bool = False  # the timed routine began: from then on everything is saved
    record: SessionRecord | None = None
    prompter: _Prompter | None = None
    storage_problem: str | None = None
    conditions: frozenset[str] = frozenset()
    worse_after_last: bool | None = None
    flare_shown: bool = False


@click.command()
@routine_options
@click.option("--yes", "-y", "assume_yes", is_flag=True, help="Begin without asking to confirm.")
@click.option(
    "--plain",
    is_flag=True,
    help="One line per step, no live redraw and no colour (automatic when not a terminal; "
    "'plain: true' in config.yaml or STRETCHCOACH_PLAIN=1 makes it permanent).",
)
@click.option(
    "--still",
    is_flag=True,
    help="Reduced motion: the live panel changes only when the phase changes (no ticking "
    "countdown); 'motion: reduced' in config.yaml makes it permanent.",
)
@click.option(
    "--speed",
    type=SPEED_RANGE,
    default=1.0,
    show_default=True,
    metavar="FACTOR",
    help=(
        "Run the clock this many times faster (for previews and demos). Any speed other "
        "than 1 is saved as a practice run, not counted in streaks, progress or reports."
    ),
    callback=finite_speed,
)
@cue_options()
@click.pass_context
def start(
    ctx: click.Context,
    cause: str | None,
    severity: int | None,
    minutes: int,
    seed: int | None,
    positions: str | None,
    at_desk: bool,
    screened: bool,
    conditions: tuple[str, ...],
    profile: str | None,
    assume_yes: bool,
    plain: bool,
    still: bool,
    speed: float,
    bell: bool | None,
    voice: str | None,
    voice_command: str | None,
) -> None:
    """Start a guided routine: answer a few questions, then stretch along.

    \b
    Examples:
      stretchcoach start
      stretchcoach start --cause posture --severity 2 --minutes 5
      stretchcoach start --at-desk --bell
      stretchcoach start --profile desk --voice
      stretchcoach start --cause unknown --severity 3 --condition none --screened --yes --plain
      stretchcoach start --cause posture --severity 2 --condition pregnant --screened --yes

    Your health notes (pregnancy, arthritis, osteoporosis...) are asked on first use and
    every 28 days, and shown for a one-key confirmation at each session; --condition gives
    them for this session only. Press Ctrl-C during the routine to pause (continue, skip or
    end). With input that is not a terminal every answer must be given as a flag (health
    notes saved, or --condition), and no check-ins are asked.
    """
    from stretchcoach import ui
    from stretchcoach.commands._routine import routine_request
    from stretchcoach.runner import SessionInterrupted

    request, settings = routine_request(ctx)
    interactive = ui.stdin_is_tty()
    opts = StartOptions(
        request=request,
        settings=settings,
        assume_yes=assume_yes,
        plain=request.plain or not ui.styled(sys.stdout),
        still=still or settings.motion == "reduced",
        speed=speed,
        interactive=interactive,
        ask_minutes=interactive and not assume_yes and not request.minutes_chosen,
    )
    if not interactive:
        _require_flags(
            cause=request.cause,
            severity=request.severity,
            screened=request.screened,
            assume_yes=assume_yes,
            conditions=request.conditions,
            profile=request.profile,
        )

    state = _SessionState(wall=wall_clock(ctx))
    with _termination_signals() as signals:
        state.signals = signals
        try:
            with signals.interruptible():
                code = _session(ctx, state, opts)
        except KeyboardInterrupt:
            _say("\nStopped." if state.started else "\nStopped. No routine was started.")
            code = 130
        except (EOFError, OSError) as exc:
            full = device_full(exc)
            if full:
                _say(f"Stopped: {full}. Nothing was saved.")
                code = 1
            else:
                _say("Stopped: the terminal closed before the routine started. Nothing was saved.")
                code = 129
        except SessionInterrupted as exc:
            started = "" if state.started else " No routine was started."
            _say(f"Stopped ({exc.reason}).{started}")
            code = exc.exit_code
    if code:
        ctx.exit(code)


def _require_flags(
    *,
    cause: str | None,
    severity: int | None,
    screened: bool,
    assume_yes: bool,
    conditions: tuple[str, ...],
    profile: str | None,
) -> None:
    """Without a terminal nobody can answer: name every missing flag at once (exit 2).

    Health notes are never guessed: without saved notes, --condition is required.
    """
    from stretchcoach import healthnotes
    from stretchcoach.commands._routine import profile_key
    from stretchcoach.errors import UsageError
    from stretchcoach.safety.conditions import parse_conditions

    no_notes = parse_conditions(conditions) is None and (
        healthnotes.load(profile_key(profile)) is None
    )
    missing = [
        flag
        for flag, absent in (
            ("--cause", cause is None),
            ("--severity", severity is None),
            ("--condition (for example --condition none)", no_notes),
            ("--screened", not screened),
            ("--yes", not assume_yes),
        )
        if absent
    ]
    if missing:
        names = ", ".join(missing[:-1]) + (" and " if len(missing) > 1 else "") + missing[-1]
        raise UsageError(
            f"Input is not a terminal, so questions cannot be asked: please give {names}."
        )


def _session(ctx: click.Context, state: _SessionState, opts: StartOptions) -> int:
    """The whole flow before, during and after the routine; returns the exit code."""
    from stretchcoach import history, paths, safety
    from stretchcoach import planner as planner_mod
    from stretchcoach.catalogue import DESK_POSITIONS
    from stretchcoach.commands._routine import (
        ask_next_day,
        last_cause,
        last_pain,
        recent_screens,
        recent_sessions,
        remember_minutes,
        remembered_minutes,
        todays_plan,
        week_review,
    )
    from stretchcoach.errors import SafetyStop
    from stretchcoach.routine import Assessment
    from stretchcoach.safety import conditions as health
    from stretchcoach.safety import policy
    from stretchcoach.ui import routine as view_mod

    request = opts.request
    plain, interactive = opts.plain, opts.interactive
    catalogue = app_state(ctx).catalogue()  # a broken catalogue fails before any question
    prompter = _Prompter()
    state.prompter = prompter
    say = _lines(plain)
    started = now(ctx)  # the invocation's one "now" (see _options.now)

    # Nothing the user does may be lost: say up front if this session cannot be saved.
    storage_problem = history.check_storage()
    if storage_problem:
        _say(f"Warning: {storage_problem}")
    sessions, _ = recent_sessions(started)
    screens = recent_screens(started)
    state.storage_problem = storage_problem
    # A safety stop earlier today (a warning sign, or pain of 9-10) holds for the day, with
    # or without --screened: say which it was, before asking anything.
    held = policy.stopped_today(sessions, started.date(), screens)
    if held:
        raise SafetyStop(held)

    # 1. The one-time safety note (or --screened standing in for it and the screen).
    screened_at: datetime | None = None
    if request.screened:
        say([safety.SCREENED_NOTE])
        screened_at = started
    else:
        marker = paths.state_path(DISCLAIMER_FILE)
        if not marker.exists():
            say(["Please read this first:", safety.DISCLAIMER])
            prompter.press_key(safety.DISCLAIMER_ACK_PROMPT)
            _remember(marker, started)

    # 2. Health notes: typed, saved and confirmed, or asked (first use, every 28 days).
    conditions, weeks, notes = _health_notes(
        prompter,
        say,
        flags=request.conditions,
        profile=request.profile,
        now=started,
        interactive=interactive,
    )

    # A health note that rules out any routine (supervised exercise only, recent back
    # surgery) is said now: no question about the cause first.
    stop = policy.conditions_stop(conditions)
    if stop:
        raise SafetyStop(stop)

    # 3. Cause: the flag or a numbered menu. Some causes imply a condition.
    cause = request.cause
    if cause is None:
        options = [
            (str(n), f"{info.label}: {info.description}")
            for n, info in enumerate(safety.CAUSE_INFO.values(), start=1)
        ]
        ids = list(safety.CAUSE_INFO)
        before = last_cause(sessions)  # last time's answer: Enter accepts it
        default = str(ids.index(before) + 1) if before in ids else None
        key = prompter.menu_default("What seems to be behind your back pain?", options, default)
        cause = ids[int(key) - 1]
    conditions = health.with_cause(conditions, cause)
    stop = policy.conditions_stop(conditions)
    if stop:
        raise SafetyStop(stop)

    # 4. Pain now: the flag, or the 0-10 scale with its descriptions.
    severity = request.severity
    if severity is None:
        say(["", "How strong is your pain right now?", *(f"  {s}" for s in safety.SEVERITY_SCALE)])
        severity = prompter.number("Pain now", low=0, high=10)

    # 5. The warning-sign screen: in full when due (see policy.screen_due_now), else only the
    #    every-session questions of the person's conditions (pregnancy, rheumatoid arthritis).
    gentle_only = False
    if not request.screened:
        outcome, full = _screen(
            prompter,
            say,
            state,
            sessions=sessions,
            screens=screens,
            conditions=conditions,
            notes=notes,
            profile=request.profile,
            severity=severity,
            now=started,
            every_days=opts.settings.screen_every_days,
        )
        if outcome is not None and outcome.stops:
            _save(_safety_stop_record(started, cause, severity, state.wall()), state)
            raise SafetyStop(outcome.advice)
        if outcome is not None:
            gentle_only = outcome.gentle_only
            if outcome.decision == "clear" and full:
                screened_at = started

    # 6. The pain band: no routine at 9-10; only breathing and easing positions at 7-8.
    too_high = policy.band_stop(severity)
    if too_high:
        _save(_safety_stop_record(started, cause, severity, state.wall()), state)
        raise SafetyStop(too_high)
    advice = safety.band_message(severity)
    if advice:
        say([advice])
    since = last_pain(sessions, started.date())
    _show_flare_plan(state, opts.settings.flare_plan, severity, since=since, plain=plain)
    state.conditions = conditions
    _last_week(
        prompter, say, week_review(started, sessions), interactive=interactive, now=state.wall
    )

    # 7. Where they can exercise. At pain 7-8 the routine stays in one position, of the
    #    person's choosing (without a terminal, the planner takes the most supported one).
    allowed = planner_mod.resolve_positions(request.positions, at_desk=request.at_desk)
    one = None
    if interactive:
        where = Assessment(cause, severity, allowed, conditions=conditions)
        one = _one_position(prompter, catalogue, where, minutes=request.minutes)
    if one is not None:
        allowed = one
    elif allowed is None and interactive and not prompter.yes_no(FLOOR_QUESTION):
        allowed = DESK_POSITIONS
    if one is None and allowed is not None and allowed <= DESK_POSITIONS:
        say([safety.AT_DESK_NOTE])

    # 7b. How long: last time's answer (or the config's minutes) is the default.
    minutes = request.minutes
    if opts.ask_minutes and safety.band_for(severity) in ("mild", "moderate"):
        from stretchcoach.config import MAX_MINUTES, MIN_MINUTES

        offered = remembered_minutes(request.profile) or minutes
        minutes = prompter.number(
            MINUTES_QUESTION, low=MIN_MINUTES, high=MAX_MINUTES, default=offered
        )
        remember_minutes(request.profile, minutes)

    # 8. How the last session sat the next day (progression steps back on a yes).
    worse_after_last: bool | None = None
    if interactive and ask_next_day(sessions, started.date()):
        from stretchcoach.progression import NEXT_DAY_QUESTION

        worse_after_last = prompter.yes_no(NEXT_DAY_QUESTION)

    # 9. The plan (as 'stretchcoach plan' would print it), the stop rules, and the go-ahead.
    assessment = Assessment(
        cause,
        severity,
        allowed,
        gentle_only=gentle_only,
        conditions=conditions,
        pregnancy_weeks=weeks,
    )
    plan = todays_plan(
        assessment,
        catalogue,
        minutes=minutes,
        seed=request.seed,
        sessions=sessions,
        today=started.date(),
        worse_after_last=worse_after_last,
    )
    state.worse_after_last = worse_after_last
    view_mod.plan_intro(plan, plain=plain)
    view_mod.safety_intro(stop_rules=safety.STOP_RULES, no_pain=safety.NO_PAIN_NO_GAIN, plain=plain)
    if not interactive:
        say([view_mod.NO_CHECKINS_NOTE])
    if not opts.assume_yes and not prompter.yes_no(BEGIN_QUESTION):
        say(["No problem. Come back whenever you are ready."])
        return 0
    return _run(ctx, state, opts, plan=plan, screened_at=screened_at, prompter=prompter)


def _health_notes(
    prompter: _Prompter,
    say: Callable[[list[str]], None],
    *,
    flags: tuple[str, ...],
    profile: str | None,
    now: datetime,
    interactive: bool,
) -> tuple[frozenset[str], int | None, HealthNotes | None]:
    """The conditions for this session, their pregnancy weeks, and the saved notes.

    ``--condition`` wins for this session only. Otherwise saved notes are shown for a
    one-key confirmation, and asked afresh when missing, 28 days old, or when asked to.
    """
    from stretchcoach import healthnotes
    from stretchcoach.commands._health import ask_and_save_health
    from stretchcoach.commands._routine import notes_line, resolve_conditions
    from stretchcoach.safety import conditions as health

    conditions, weeks, notes, typed = resolve_conditions(flags, profile=profile, today=now.date())
    if typed or not interactive:
        # Without a terminal and without conditions, _require_flags has already refused.
        return conditions or frozenset(), weeks, notes
    if conditions is not None and not healthnotes.due(notes, now):
        say(["", f"Your health notes: {notes_line(conditions, weeks)}."])
        if prompter.enter_or(health.HEALTH_CONFIRM, "c"):
            return conditions, weeks, notes
    notes = ask_and_save_health(prompter, say, profile=profile, now=now, previous=notes)
    conditions = frozenset(notes.conditions)
    return conditions, healthnotes.weeks_pregnant(notes, now.date()), notes


def _one_position(
    prompter: _Prompter, catalogue: Catalogue, assessment: Assessment, *, minutes: int
) -> frozenset[str] | None:
    """At pain 7-8: ask which one position suits the person, from those with something
    suitable today (most supported first). None when there is nothing to choose between."""
    from stretchcoach import planner
    from stretchcoach.ui.plan import position_label

    if assessment.band != "severe":
        return None
    if assessment.positions is not None and len(assessment.positions) == 1:
        return None
    choices = planner.one_position_choices(assessment, catalogue, minutes=minutes)
    if len(choices) < 2:
        return None
    options = [
        (str(n), position_label(position).capitalize())
        for n, position in enumerate(choices, start=1)
    ]
    key = prompter.menu(POSITION_QUESTION, options)
    return frozenset({choices[int(key) - 1]})


def _screen(
    prompter: _Prompter,
    say: Callable[[list[str]], None],
    state: _SessionState,
    *,
    sessions: list[SessionRecord],
    screens: list[tuple[datetime, str]],
    conditions: frozenset[str],
    notes: HealthNotes | None,
    profile: str | None,
    severity: int,
    now: datetime,
    every_days: int,
) -> tuple[Outcome | None, bool]:
    """Ask the screen (in full when due) and remember what is worth remembering.

    Returns the outcome (None when nothing was asked) and whether the full screen was asked.
    """
    from stretchcoach import safety
    from stretchcoach.commands._health import keep_remembered
    from stretchcoach.interview import ask_screen
    from stretchcoach.safety import policy
    from stretchcoach.safety import screen as screen_mod

    remembered = frozenset(notes.remembered) if notes is not None else frozenset()
    ctx = screen_mod.Context(conditions=conditions, remembered=remembered)
    due = policy.screen_due_now(
        sessions, now=now, severity=severity, every_days=every_days, screens=screens
    )
    if due.concern:
        say([due.concern])
    only = None if due.full else screen_mod.every_session(ctx)
    if only is not None and screen_mod.next_question({}, ctx, only=only) is None:
        say([safety.screen_not_due(policy.last_clear(sessions, screens), every_days)])
        return None, False
    say(["", screen_mod.intro(ctx, only=only)])
    outcome, answers = ask_screen(prompter, ctx, severity=severity, only=only)
    keep_remembered(notes, answers, ctx, profile=profile, today=now.date())
    _record_screen(outcome, full=due.full, severity=severity, now=now, state=state)
    if not outcome.stops:
        say([outcome.advice])
        if not due.full:
            say([safety.screen_not_due(policy.last_clear(sessions, screens), every_days)])
    return outcome, due.full


def _record_screen(
    outcome: Outcome, *, full: bool, severity: int, now: datetime, state: _SessionState
) -> None:
    """Record the screen's result as soon as it is answered, whether or not a routine
    follows (answering n to "Begin?" must not mean every question again next time).

    A full screen is recorded whatever it decided; a stopping answer to the every-session
    questions too (so a hold later today says why). An all-clear at pain 9-10 is not: the
    pain stop that follows must bring the whole screen back next time.
    """
    from stretchcoach import history
    from stretchcoach.safety import policy

    if not (full or outcome.stops):
        return
    if outcome.decision == "clear" and policy.band_stop(severity):
        return
    warning = history.save_screen(now, outcome.decision)
    if warning and not state.storage_problem:  # already said once, before the questions
        _say(f"Warning: {warning}")


def _run(
    ctx: click.Context,
    state: _SessionState,
    opts: StartOptions,
    *,
    plan: Plan,
    screened_at: datetime | None,
    prompter: _Prompter,
) -> int:
    """Run the timed routine, then show the summary and save it, however it ended."""
    from stretchcoach.clock import RealClock
    from stretchcoach.cues import build_sinks
    from stretchcoach.runner import run_routine
    from stretchcoach.ui import routine as view_mod

    plain = opts.plain
    request = opts.request
    sinks, warnings = build_sinks(
        voice=request.voice,
        voice_command=request.voice_command,
        bell=request.bell,
        stream=sys.stdout,
    )
    for warning in warnings:
        _say(f"Warning: {warning}")
    view = view_mod.RoutineView(plain=plain, still=opts.still)
    signals = state.signals or _Terminations()
    clock = RealClock(opts.speed)
    # SIGTERM/SIGHUP cut short only the routine and its last question (the runner marks
    # them); closing the record, saving it and the summary always finish first.
    with signals.interruptible(False), _stopped_time_left_out(clock):
        state.started = True  # from here on, whatever happens is saved
        try:
            result = run_routine(
                plan=plan,
                catalogue=app_state(ctx).catalogue(),
                clock=clock,
                view=view,
                prompter=prompter,
                cues=sinks,
                interactive=opts.interactive,
                wall=state.wall,
                screened_at=screened_at,
                practice=opts.speed != 1,  # sped up: practice, kept apart in the history
                interruptible=signals.interruptible,
            )
        finally:
            with suppress(OSError):
                view.close()
            for sink in sinks:
                sink.close()
        record = result.record
        record.worse_after_last = state.worse_after_last
        state.record = record
        saved = _save(record, state)  # first: a display problem must never lose the session
        with suppress(OSError, UnicodeError, KeyboardInterrupt):  # the terminal may be gone
            view_mod.summary(record, plain=plain)
            _after_routine(state, record, flare_plan=opts.settings.flare_plan, plain=plain)
    late = signals.pending()
    if late is not None and not result.exit_code:  # arrived while the record was saved
        kept = "the session was saved" if saved else "the session could not be saved"
        _say(f"Stopped ({late.reason}) as the routine ended; {kept}.")
        return late.exit_code
    if result.exit_code:
        kept = "what you did so far has been saved" if saved else "it could not be saved"
        full = device_full(result.error)
        if full:  # not a closed terminal: say what really happened, and fail plainly
            _say(f"The session was interrupted: {full}; {kept}.")
            return 1
        _say(f"The session was interrupted; {kept}.")
    return result.exit_code


# --------------------------------------------------------------------------- helpers


class _Prompter(KeyPrompter):
    """The terminal prompter, plus questions where Enter takes a remembered answer, and a
    note of whether a check-in said the pain rose by 2 or more (for the flare-up plan)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rise_reported = False

    def yes_no(self, question: str) -> bool:
        answer = super().yes_no(question)
        if answer and question.startswith(_worse_prefix()):
            self.rise_reported = True
        return answer

    def menu_default(
        self, question: str, options: Sequence[tuple[str, str]], default: str | None
    ) -> str:
        """A numbered menu; with a ``default`` key, Enter alone chooses it."""
        if default is None:
            return self.menu(question, options)
        self._ask(f"{question}\n")
        for k, label in options:
            if k == default:  # marked right after its name, before any description
                name, sep, rest = label.partition(": ")
                label = f"{name} (last time){sep}{rest}"
            self._write(self._wrap(f"  {k}  {label}", indent=" " * (len(k) + 4)) + "\n")
        keys = [k.lower() for k, _ in options]
        self._write(f"Press {keys[0]}-{keys[-1]}, or Enter for {default} as last time: ")
        while True:
            key = self._read(self._key).lower()
            if key in ("\r", "\n"):
                key = default
            if key in keys:
                self._write(f"{key}\n")
                return key


def _last_week(
    prompter: _Prompter,
    say: Callable[[list[str]], None],
    review: WeekReview | None,
    *,
    interactive: bool,
    now: Callable[[], datetime],
) -> None:
    """The first routine of a week: one line of praise for a goal met last week, or, for a
    goal missed, what got in the way (asked once, on a terminal, and recorded)."""
    if review is None:
        return
    from stretchcoach import goals, history

    if review.kind == "praise":
        say(["", review.text])
        return
    if not interactive:
        return  # asked at the next session on a terminal
    say(["", review.text])
    key = prompter.choose(review.question, [(k, label) for k, _, label in review.choices])
    value = next(v for k, v, _ in review.choices if k == key)
    problem = history.record_goal_reason(review.week, value, now())
    if problem:
        _say(f"Warning: {problem}")
    say([goals.REPLIES[value]])


def _worse_prefix() -> str:
    """The fixed start of the check-in question "2 or more points worse than when you
    started?" (the rest names the person's own score)."""
    from stretchcoach import safety

    return safety.WORSE_CHECK_QUESTION.split("{", 1)[0]


def _show_flare_plan(
    state: _SessionState,
    plan: Mapping[str, Any] | None,
    pain: int | None,
    *,
    since: int | None,
    plain: bool,
    rose: bool = False,
) -> None:
    """Show the flare-up plan once a session, when a pain score calls for it (see
    flare.show_automatically), or when a check-in said the pain ``rose`` by 2 or more."""
    from stretchcoach import flare

    if state.flare_shown:
        return
    if rose and not flare.show_automatically(pain, since=since):
        reason = flare.ROSE_IN_CHECK_IN
    elif pain is not None and flare.show_automatically(pain, since=since):
        reason = flare.reason(pain, since=since)
    else:
        return
    state.flare_shown = True
    from stretchcoach.ui import flare as view

    view.show_during_session(
        flare.from_dict(plan),
        reason=reason,
        plain=plain,
        advice=flare.GENERAL_ADVICE,
    )


def _after_routine(
    state: _SessionState,
    record: SessionRecord,
    *,
    flare_plan: Mapping[str, Any] | None,
    plain: bool,
) -> None:
    """After the summary: the flare-up plan if the pain rose, and one unread lesson."""
    prompter = state.prompter
    rose = prompter is not None and prompter.rise_reported
    _show_flare_plan(
        state,
        flare_plan,
        record.severity_after,
        since=record.severity_before,
        plain=plain,
        rose=rose,
    )
    if record.ending == "completed":
        from stretchcoach.commands._routine import lesson_offer

        line = lesson_offer(state.conditions)
        if line:
            _lines(plain)(["", line])


class _Terminations:
    """SIGTERM and SIGHUP during ``start``: the first one ends the session, once.

    Inside ``interruptible()`` (the questions, the routine) the first signal raises
    SessionInterrupted at once, so a hold or a blocked read ends. Inside
    ``interruptible(False)`` (closing the record, saving it, the summary) it is only
    remembered: that work finishes, then ``pending()`` hands it over for the exit code.
    Later signals (the SIGHUP a service manager sends after its SIGTERM) never interrupt
    again, so the session ends as one interrupted session, saved once.
    """

    def __init__(self) -> None:
        self.first: SessionInterrupted | None = None  # the one for the first signal
        self.raised = False
        self._allowed: list[bool] = [False]

    def handler(self, signum: int, frame: Any) -> None:
        from stretchcoach.runner import SessionInterrupted

        if self.first is not None:
            return  # already ending: one session, saved once
        self.first = SessionInterrupted(128 + signum, signal.Signals(signum).name)
        if self._allowed[-1]:
            self._raise()

    def _raise(self) -> None:
        assert self.first is not None
        self.raised = True
        raise self.first

    @contextmanager
    def interruptible(self, allowed: bool = True) -> Iterator[None]:
        """Let a signal interrupt what runs inside (or, with False, hold it until later)."""
        self._allowed.append(allowed)
        try:
            if allowed and self.first is not None and not self.raised:
                self._raise()  # one arrived while held: act on it now
            yield None
        finally:
            self._allowed.pop()

    def pending(self) -> SessionInterrupted | None:
        """The SessionInterrupted for a signal that was held and never raised (taken once)."""
        if self.first is None or self.raised:
            return None
        self.raised = True
        return self.first


@contextmanager
def _termination_signals() -> Iterator[_Terminations]:
    """Catch SIGTERM/SIGHUP (see _Terminations), so the session ends cleanly and is saved."""
    signals = _Terminations()
    with signal_handlers(dict.fromkeys(termination_signals(), signals.handler)):
        yield signals


@contextmanager
def _stopped_time_left_out(clock: RealClock) -> Iterator[None]:
    """Ctrl-Z (SIGTSTP) pauses the routine clock and ``fg`` (SIGCONT) resumes it, so time
    spent stopped is not counted as exercise and the hold goes on where it stopped."""
    import os

    tstp, cont = getattr(signal, "SIGTSTP", None), getattr(signal, "SIGCONT", None)
    if tstp is None or cont is None:  # Windows: no job control
        yield None
        return

    def on_stop(signum: int, frame: Any) -> None:
        clock.pause()
        signal.signal(tstp, signal.SIG_DFL)
        try:
            os.kill(os.getpid(), tstp)  # stop for real, as the default action would
        finally:
            signal.signal(tstp, on_stop)
            clock.resume()

    def on_continue(signum: int, frame: Any) -> None:
        clock.resume()  # also after a 'kill -STOP', which cannot be caught

    with signal_handlers({tstp: on_stop, cont: on_continue}):
        yield None


def _safety_stop_record(
    started: datetime, cause: str, severity: int, ended_at: datetime
) -> SessionRecord:
    """What a safety stop leaves in the history: only the fact, not which answer."""
    from stretchcoach.routine import SessionRecord

    return SessionRecord(
        started,
        cause,
        severity,
        0.0,
        ended_at=ended_at,
        checkins_asked=False,
        ending="safety-stop",
    )


def _lines(plain: bool) -> Callable[[list[str]], None]:
    from stretchcoach.ui import routine as view_mod

    def say(text_lines: list[str]) -> None:
        view_mod.lines(text_lines, plain=plain)

    return say


def _say(text: str) -> None:
    """One line on stderr that never fails (the terminal may already be gone)."""
    with suppress(OSError, ValueError):
        click.echo(text, err=True)


def _remember(marker: Path, moment: datetime) -> None:
    """Remember the safety note was confirmed; if that fails, it is simply shown again."""
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(f"confirmed {moment.isoformat()}\n", encoding="utf-8")
    except OSError:
        _say("Note: could not remember that you read the safety note; it will be shown again.")


def _save(record: SessionRecord, state: _SessionState) -> bool:
    """Save the session to the history; a problem there is a warning, never a crash."""
    from stretchcoach.history import save_session

    signals = state.signals
    with signals.interruptible(False) if signals is not None else nullcontext(), no_ctrl_c():
        warning = save_session(record)  # a SIGTERM or SIGHUP now waits until it is saved
    if warning and not state.storage_problem:  # already said once, before the routine
        _say(f"Warning: {warning}")
    elif not warning and state.storage_problem:
        _say("The history file could be used after all: this session was saved.")
    return warning is None
