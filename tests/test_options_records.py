"""The command layer's frozen records: flags, profile and config.yaml combined once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from stretchcoach.commands._routine import RoutineRequest, Settings, routine_request
from stretchcoach.commands.plan import plan
from stretchcoach.commands.start import start

CONFIG = """\
screen_every_days: 3
motion: reduced
flare_plan:
  helps: [lying on my side]
profiles:
  desk:
    minutes: 5
    at_desk: true
    bell: true
"""


def request_for(command, args: list[str]) -> tuple[RoutineRequest, Settings]:  # type: ignore[no-untyped-def]
    ctx = command.make_context(command.name, args)
    with ctx:
        return routine_request(ctx)


@pytest.fixture
def config(isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text(CONFIG)


@pytest.mark.usefixtures("config")
def test_the_profile_fills_in_what_was_not_typed() -> None:
    request, settings = request_for(start, ["--profile", "desk", "--cause", "posture"])
    assert (request.cause, request.minutes, request.at_desk, request.bell) == (
        "posture",
        5,
        True,
        True,
    )
    assert request.minutes_chosen  # the profile chose: 'start' does not ask
    assert (settings.screen_every_days, settings.motion) == (3, "reduced")
    assert settings.flare_plan is not None
    assert settings.flare_plan["helps"] == ["lying on my side"]


@pytest.mark.usefixtures("config")
def test_typed_flags_win_over_the_profile() -> None:
    request, _ = request_for(
        start, ["--profile", "desk", "--minutes", "12", "--no-bell", "--positions", "supine"]
    )
    assert (request.minutes, request.bell, request.positions) == (12, False, "supine")
    assert request.at_desk is False  # where to exercise was typed: the profile's is left out


def test_without_config_the_defaults_apply_and_minutes_are_asked() -> None:
    request, settings = request_for(plan, ["--cause", "posture", "--severity", "2"])
    assert (request.minutes, request.minutes_chosen, request.plain) == (10, False, False)
    assert settings == Settings()


def test_the_records_are_frozen() -> None:
    request, settings = request_for(plan, [])
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.minutes = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.motion = "full"  # type: ignore[misc]
