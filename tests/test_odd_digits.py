"""Digits that are not ASCII ("²", "١") are refused calmly wherever a number is read.

``str.isdigit`` accepts superscripts, which ``int`` then rejects: each place that reads a
whole number checks for ASCII digits first.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from click.testing import Result

from stretchcoach import ui
from stretchcoach.ui.prompter import KeyPrompter


@pytest.mark.parametrize("option", ["--sessions", "--walks"])
@pytest.mark.parametrize("value", ["¹", "3²", "١"])
def test_goal_counts_in_other_digits_are_a_usage_error(
    invoke: Callable[..., Result], option: str, value: str
) -> None:
    result = invoke(["goal", option, value])
    assert result.exit_code == 2, result.output
    assert "0 to 14" in result.stderr
    assert "unexpected" not in result.output


@pytest.mark.parametrize("value", ["²", "8²", "١٠٠"])
def test_columns_in_other_digits_count_as_unset(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("COLUMNS", value)
    assert ui._env_columns() is None


def test_the_number_prompt_asks_again_for_other_digits() -> None:
    answers = iter(["²", "3"])
    out = io.StringIO()
    prompter = KeyPrompter(out=out, line=lambda: next(answers))
    assert prompter.number("Pain now", low=0, high=10) == 3
    assert "Please type a whole number from 0 to 10." in out.getvalue()
