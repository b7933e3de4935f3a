"""``stretchcoach screen``: the warning-sign questions, asked, listed, or checked for a script."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import click

from stretchcoach.commands._options import condition_option, format_option, now, profile_option

if TYPE_CHECKING:
    from stretchcoach.safety.screen import Outcome

_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})


@click.command()
@click.option("--list", "show_list", is_flag=True, help="List every question (for a clinician).")
@click.option(
    "--answers",
    metavar="ID=yes|no,...",
    help="Print the decision for these answers without recording anything.",
)
@condition_option(
    help="Health conditions for these answers (repeat, or comma-separate; 'none' for none). "
    "Asking in a terminal uses your saved health notes when this is not given."
)
@profile_option("Whose health notes to use: a profile from config.yaml.")
@format_option("text", "json", default="text")
@click.pass_context
def screen(
    ctx: click.Context,
    show_list: bool,
    answers: str | None,
    conditions: tuple[str, ...],
    profile: str | None,
    fmt: str,
) -> None:
    """Ask, list or check the safety questions (warning signs that rule out exercise).

    \b
    Examples:
      stretchcoach screen
      stretchcoach screen --list
      stretchcoach screen --list --format json
      stretchcoach screen --answers saddle=no,bladder-start=yes --format json

    Plain 'screen' asks the questions in a terminal and records the result as 'start'
    would. With --answers every question that would be asked needs an answer; the decision
    is clear, gentle, urgent or emergency, and nothing is recorded. Exits 3 when the
    answers rule out exercise today (urgent or emergency; with --answers the decision is
    still printed), and 2 for an unknown or missing answer.
    """
    from stretchcoach.errors import UsageError
    from stretchcoach.safety import screen as screen_mod

    if show_list and answers is not None:
        raise UsageError("Choose one of --list and --answers.")
    if show_list:
        from stretchcoach.ui import safety as view
        from stretchcoach.ui.emit import emit

        rows = screen_mod.listing()
        emit(fmt, lambda: rows, human=lambda: view.questions(rows))
        return
    if answers is not None:
        from stretchcoach.errors import EXIT_SAFETY

        outcome = check_answers(answers, conditions)
        _show(outcome, fmt)
        if outcome.stops:  # as the exit-code table says: answers that rule out a routine
            raise SystemExit(EXIT_SAFETY)
        return
    _ask(conditions, profile, fmt, now(ctx))


def parse_answers(text: str) -> dict[str, bool]:
    """``saddle=no,bladder-start=yes`` → answers; unknown ids or values are usage errors."""
    import difflib

    from stretchcoach.errors import UsageError
    from stretchcoach.safety.screen import BY_ID

    answers: dict[str, bool] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        qid, sep, value = (x.strip().lower() for x in part.partition("="))
        if not sep or value not in _YES | _NO:
            raise UsageError(f"--answers: {part!r} should be ID=yes or ID=no.")
        if qid not in BY_ID:
            close = difflib.get_close_matches(qid, list(BY_ID), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise UsageError(
                f"--answers: there is no question {qid!r}.{hint} "
                "'stretchcoach screen --list' lists them."
            )
        answers[qid] = value in _YES
    return answers


def check_answers(text: str, flags: tuple[str, ...]) -> Outcome:
    """The decision for scripted answers; exit 2 naming a question that needs an answer."""
    from stretchcoach.errors import UsageError
    from stretchcoach.safety import conditions as health
    from stretchcoach.safety import screen as screen_mod

    given = parse_answers(text)
    ctx = screen_mod.Context(conditions=health.parse_conditions(flags) or frozenset())
    missing = screen_mod.next_question(given, ctx)
    if missing is not None:
        raise UsageError(
            f"--answers: question {missing.id!r} would be asked but has no answer ({missing.text})"
        )
    return screen_mod.decide(given, ctx)


def _show(outcome: Outcome, fmt: str) -> None:
    from stretchcoach.ui import safety as view
    from stretchcoach.ui.emit import emit

    emit(
        fmt,
        outcome.to_dict,
        human=lambda: view.outcome(outcome.decision, outcome.because, outcome.advice),
    )


def _ask(flags: tuple[str, ...], profile: str | None, fmt: str, now: datetime) -> None:
    """Ask the full screen in a terminal, record the result (at ``now``), and exit 3 when
    it stops."""
    from stretchcoach import history, ui
    from stretchcoach.commands._health import ask_and_save_health, keep_remembered
    from stretchcoach.commands._routine import checked_profile, resolve_conditions
    from stretchcoach.errors import SafetyStop, UsageError
    from stretchcoach.interview import ask_screen
    from stretchcoach.safety import screen as screen_mod
    from stretchcoach.ui import routine as view_mod
    from stretchcoach.ui.prompter import KeyPrompter

    if not ui.stdin_is_tty():
        raise UsageError(
            "Input is not a terminal, so the questions cannot be asked. Use --answers to "
            "check answers from a script, or --list to read them."
        )
    checked_profile(profile)
    plain = not ui.styled()

    def say(lines: list[str]) -> None:
        if fmt == "json":  # stdout is for the document only
            for line in lines:
                ui.message(line)
        else:
            view_mod.lines(lines, plain=plain)

    prompter = KeyPrompter()
    conditions, _, notes, _ = resolve_conditions(flags, profile=profile, today=now.date())
    if conditions is None:
        notes = ask_and_save_health(prompter, say, profile=profile, now=now, previous=None)
        conditions = frozenset(notes.conditions)
    remembered = frozenset(notes.remembered) if notes is not None else frozenset()
    ctx = screen_mod.Context(conditions=conditions, remembered=remembered)
    say(["", screen_mod.intro(ctx)])
    outcome, answers = ask_screen(prompter, ctx, severity=None)
    keep_remembered(notes, answers, ctx, profile=profile, today=now.date())
    warning = history.save_screen(now, outcome.decision)
    if warning:
        ui.message(f"Warning: {warning}")
    if outcome.stops:
        raise SafetyStop(outcome.advice)
    _show(outcome, fmt)
