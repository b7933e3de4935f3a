"""Asking the health-notes and screen questions one at a time, with ``b`` to go back.

The questions and the decisions are in ``stretchcoach.safety``; this module only walks them
with something that can ask (a terminal prompter, or a fake in tests). No Click, no Rich.
"""

from __future__ import annotations

from typing import Protocol

from stretchcoach.safety import conditions as health
from stretchcoach.safety import screen

#: Said after a yes that ends the screen, so a slip of the finger can be put right.
CONFIRM_STOP: dict[str, str] = {
    "emergency": "That answer can be a sign of something that needs a doctor straight away. "
    "Press Enter to see what to do, or b if you pressed y by mistake.",
    "urgent": "That answer means no exercise today. Press Enter to see what to do, or b if you "
    "pressed y by mistake.",
}


class Asker(Protocol):
    """What the interview needs from a prompter."""

    def yes_no_back(self, question: str, *, back: bool) -> bool | None: ...

    def enter_or(self, text: str, key: str) -> bool: ...

    def number(self, question: str, *, low: int, high: int) -> int: ...


def ask_screen(
    asker: Asker,
    ctx: screen.Context,
    *,
    severity: int | None,
    only: frozenset[str] | None = None,
) -> tuple[screen.Outcome, dict[str, bool]]:
    """Ask the screen until it is decided; returns the outcome and the answers given.

    ``b`` takes back the previous answer. A yes that stops the routine is confirmed first.
    """
    answers: dict[str, bool] = {}
    order: list[str] = []
    while True:
        question = screen.next_question(answers, ctx, only=only)
        if question is None:
            outcome = screen.decide(answers, ctx, severity=severity, only=only)
            if outcome.stops and order and not asker.enter_or(CONFIRM_STOP[outcome.decision], "b"):
                answers.pop(order.pop())
                continue
            return outcome, answers
        reply = asker.yes_no_back(question.text, back=bool(order))
        if reply is None:
            answers.pop(order.pop())
            continue
        answers[question.id] = reply
        order.append(question.id)


def ask_health(asker: Asker) -> tuple[dict[str, bool], int | None]:
    """Ask the health-notes questions; returns the answers that apply and weeks pregnant."""
    answers: dict[str, bool] = {}
    order: list[str] = []
    weeks: int | None = None
    while True:
        due = health.health_questions_due(answers)
        question = next((q for q in due if q.id not in answers), None)
        if question is None:
            kept = {q.id for q in due}
            return {k: v for k, v in answers.items() if k in kept}, weeks
        reply = asker.yes_no_back(question.text, back=bool(order))
        if reply is None:
            answers.pop(order.pop())
            continue
        answers[question.id] = reply
        order.append(question.id)
        if question.weeks:
            weeks = None
            if reply:  # 0 means "not sure"
                weeks = asker.number(health.WEEKS_QUESTION, low=0, high=45) or None
