"""The walking plan (pure): baseline, at most a tenth more a week, holds and step-backs,
and the timed walk on a fake clock."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta, timezone

from hypothesis import example, given, settings
from hypothesis import strategies as st

from stretchcoach.clock import FakeClock
from stretchcoach.walking import (
    GOAL_DAYS,
    GOAL_MINUTES,
    GOAL_WEEKLY,
    MIN_WALK_SECONDS,
    REASONS,
    WalkRecord,
    WalkTimer,
    baseline,
    baseline_period,
    plan_weeks,
    walk_plan,
    walk_to_dict,
)

MON = date(2026, 11, 30)  # a Monday


def walk(day: date, minutes: float, pain: str | None = None, hour: int = 9) -> WalkRecord:
    return WalkRecord(
        datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc), minutes, pain_change=pain
    )


def baseline_week(minutes: list[float]) -> list[WalkRecord]:
    """One walk a day from Monday, as many days as minutes given."""
    return [walk(MON + timedelta(days=i), m) for i, m in enumerate(minutes)]


def follow(walks: list[WalkRecord], weeks: int, pain: str | None = None) -> list[WalkRecord]:
    """Walk each plan week's target exactly, for ``weeks`` weeks."""
    walks = list(walks)
    for n in range(weeks):
        today = MON + timedelta(days=7 * (n + 1))
        target = plan_weeks(walks, today)[-1]
        for d in range(target.days):
            walks.append(walk(today + timedelta(days=d), target.seconds / 60, pain))
    return walks


def test_no_walks_means_no_baseline_and_no_plan() -> None:
    plan = walk_plan([], MON)
    assert plan.phase == "no-walks"
    assert plan.baseline is None
    assert plan.this_week is None
    assert plan.to_dict()["this_week"] is None


def test_the_baseline_is_a_typical_day_bad_days_included_not_the_best() -> None:
    walks = baseline_week([20, 5, 20, 30, 8])  # two bad days among five walking days
    base = baseline(walks)
    assert base is not None
    assert base.minutes == 20  # the lower median, not 30 (the best) nor the mean of good days
    assert base.days == 5
    assert (base.start, base.end) == (MON, MON + timedelta(days=6))


def test_a_start_late_in_the_week_runs_the_baseline_through_the_next_week() -> None:
    friday = MON + timedelta(days=4)
    assert baseline_period(friday) == (friday, MON + timedelta(days=13))
    thursday = MON + timedelta(days=3)
    assert baseline_period(thursday) == (thursday, MON + timedelta(days=6))


def test_while_the_baseline_is_set_there_is_no_target_yet() -> None:
    walks = baseline_week([10, 12])
    plan = walk_plan(walks, MON + timedelta(days=3))
    assert plan.phase == "baseline"
    assert plan.plan_starts == MON + timedelta(days=7)
    assert plan.suggested_seconds == 600


def test_the_plan_starts_a_little_below_the_baseline() -> None:
    walks = baseline_week([10, 10, 10])  # 3 days a week, 30 minutes
    first = plan_weeks(walks, MON + timedelta(days=7))[-1]
    assert first.step == "start"
    assert first.weekly_minutes == 27  # 90% of the baseline week
    assert first.days * first.seconds <= 27 * 60


def test_it_grows_at_most_a_tenth_a_week_and_reaches_the_goal() -> None:
    walks = follow(baseline_week([10, 10, 10]), 40)
    weeks = plan_weeks(walks, MON + timedelta(days=7 * 41))
    for before, after in itertools.pairwise(weeks):
        assert after.weekly_minutes <= before.weekly_minutes * 1.1 + 1e-9
    last = weeks[-1]
    assert last.step == "goal"
    assert (last.days, last.seconds) == (GOAL_DAYS, GOAL_MINUTES * 60)
    # months, not weeks: 27 → 150 minutes a week at 10% takes about 18 weeks
    reached = next(i for i, w in enumerate(weeks) if w.weekly_minutes >= GOAL_WEEKLY)
    assert 15 <= reached <= 25


def test_a_walking_day_is_added_as_soon_as_the_week_allows_one_more_usual_walk() -> None:
    walks = follow(baseline_week([10, 10]), 30)
    weeks = plan_weeks(walks, MON + timedelta(days=7 * 31))
    assert weeks[0].seconds == 9 * 60  # 90% of the baseline: 2 days of 9 minutes
    assert all(w.seconds >= weeks[0].seconds for w in weeks)
    for before, after in itertools.pairwise(weeks):
        allowed = before.weekly_minutes * 1.1  # what the week could have asked
        if after.days < GOAL_DAYS:  # not enough for one more 10-minute walk
            assert allowed < (after.days + 1) * 10
        if after.days > before.days:
            assert after.days == before.days + 1
            assert after.seconds >= 600  # an added day: walks of the baseline's length
            assert after.reason == REASONS["up-day"]
        elif after.step == "up":
            assert after.seconds > before.seconds  # otherwise the walks get longer
            assert after.reason == REASONS["up"]
    first_at_five = next(i for i, w in enumerate(weeks) if w.days == GOAL_DAYS)
    assert weeks[first_at_five].seconds < 20 * 60  # five days while walks are still short


def test_a_20_minute_baseline_on_2_days_lengthens_walks_then_adds_a_third_day() -> None:
    walks = follow(baseline_week([20, 20]), 8)
    weeks = plan_weeks(walks, MON + timedelta(days=7 * 9))
    third = next(i for i, w in enumerate(weeks) if w.days == 3)
    assert all(w.days == 2 for w in weeks[:third])
    assert weeks[third - 1].weekly_minutes * 1.1 >= 3 * 20  # the first week that allows it
    assert weeks[third - 2].weekly_minutes * 1.1 < 3 * 20
    assert weeks[third].seconds >= 20 * 60
    assert "one more walking day" in weeks[third].reason
    assert "longer" in weeks[third - 1].reason


def test_a_walk_much_worse_steps_back_and_a_little_worse_holds() -> None:
    walks = follow(baseline_week([10, 10, 10]), 3)
    today = MON + timedelta(days=7 * 4)
    before = plan_weeks(walks, today - timedelta(days=7))[-1]
    worse = [*walks[:-1], walk(today - timedelta(days=1), 10, "much-worse")]
    assert plan_weeks(worse, today)[-1].step == "back"
    assert plan_weeks(worse, today)[-1].weekly_minutes < before.weekly_minutes
    little = [*walks[:-1], walk(today - timedelta(days=1), 10, "worse")]
    held = plan_weeks(little, today)[-1]
    assert held.step == "hold"
    assert held.weekly_minutes == before.weekly_minutes
    assert plan_weeks(walks, today)[-1].step == "up"


def test_a_week_mostly_missed_holds_instead_of_building() -> None:
    walks = baseline_week([10, 10, 10])  # then nothing in the first plan week
    weeks = plan_weeks(walks, MON + timedelta(days=14))
    assert [w.step for w in weeks] == ["start", "hold"]
    assert weeks[1].weekly_minutes == weeks[0].weekly_minutes


def test_someone_already_past_the_goal_is_kept_there() -> None:
    walks = baseline_week([45] * 6)
    weeks = plan_weeks(follow(walks, 3), MON + timedelta(days=28))
    assert all(w.step == "goal" for w in weeks)
    assert all(w.weekly_minutes >= GOAL_WEEKLY for w in weeks)


@settings(max_examples=60, deadline=None)
@example(minutes=[1], pains=["much-worse"], effort=[0.0] * 12)  # a step back from below the floor
@example(minutes=[1], pains=[], effort=[1.0] * 12)  # 150 s walks, then the next 10 s step
@example(minutes=[12] * 6, pains=[], effort=[1.0] * 12)  # six baseline days, five planned
@given(
    minutes=st.lists(st.integers(1, 120), min_size=1, max_size=7),
    pains=st.lists(st.sampled_from([None, "better", "same", "worse", "much-worse"]), max_size=60),
    effort=st.lists(st.floats(0, 2), min_size=12, max_size=12),
)
def test_no_week_ever_grows_by_more_than_a_tenth(
    minutes: list[int], pains: list[str | None], effort: list[float]
) -> None:
    pain = iter(pains)  # the baseline week's walks first, then the plan weeks'
    first_week = baseline_week([float(m) for m in minutes])
    walks = [walk(w.started_at.date(), w.minutes, next(pain, None)) for w in first_week]
    for n, share in enumerate(effort):
        today = MON + timedelta(days=7 * (n + 1))
        target = plan_weeks(walks, today)[-1]
        for d in range(target.days):
            walks.append(walk(today + timedelta(days=d), target.minutes * share, next(pain, None)))
    weeks = plan_weeks(walks, MON + timedelta(days=7 * 13))
    base = baseline(walks)
    assert base is not None
    first = weeks[0]
    assert first.seconds <= base.minutes * 60 or first.seconds == MIN_WALK_SECONDS
    for week in weeks:
        assert abs(week.weekly_minutes - week.days * week.seconds / 60) < 1e-9
        assert week.seconds >= MIN_WALK_SECONDS
        assert 1 <= week.days <= GOAL_DAYS
    for before, after in itertools.pairwise(weeks):
        assert after.weekly_minutes <= before.weekly_minutes * 1.1 + 1e-9
        assert after.days <= before.days + 1
        if after.days == before.days:
            assert after.seconds <= before.seconds * 1.1 + 1e-9


def test_baseline_walks_much_worse_make_the_first_week_a_step_back() -> None:
    walks = [walk(date(2026, 12, d), 20, "much-worse") for d in (7, 8, 9, 10)]
    first = plan_weeks(walks, date(2026, 12, 14))[-1]
    assert first.week == date(2026, 12, 14)
    assert first.step == "back"
    assert first.weekly_minutes <= 80 * 0.9 * 0.8  # a step back from where it would start
    assert first.days == 4
    assert first.seconds < 20 * 60
    assert "see a doctor or physiotherapist" in first.reason


def test_two_baseline_walks_worse_step_back_and_one_holds_at_the_start() -> None:
    calm = baseline_week([20, 20, 20, 20])
    start = plan_weeks(calm, MON + timedelta(days=7))[-1]
    two = [*calm[:2], *(walk(w.started_at.date(), 20, "worse") for w in calm[2:])]
    assert plan_weeks(two, MON + timedelta(days=7))[-1].step == "back"
    one = [*calm[:3], walk(calm[3].started_at.date(), 20, "worse")]
    held = plan_weeks(one, MON + timedelta(days=7))[-1]
    assert (held.step, held.days, held.seconds) == ("start", start.days, start.seconds)
    assert "a little worse" in held.reason
    assert "a little worse" not in start.reason


def test_the_first_week_never_asks_for_a_walk_longer_than_the_baseline() -> None:
    first = plan_weeks(baseline_week([12] * 6), MON + timedelta(days=7))[-1]
    assert (first.days, first.seconds, first.weekly_minutes) == (5, 720, 60.0)
    assert first.step == "start"


def test_a_baseline_at_or_above_the_goal_keeps_the_usual_walks() -> None:
    for minutes, days in ((40, 7), (30, 5)):
        first = plan_weeks(baseline_week([minutes] * days), MON + timedelta(days=7))[-1]
        assert (first.days, first.seconds) == (GOAL_DAYS, minutes * 60)
        assert first.step == "goal"
        assert first.reason == REASONS["start-goal"]
        assert "keep your usual walks" in first.reason
    spread = plan_weeks(baseline_week([60, 60, 60]), MON + timedelta(days=7))[-1]
    assert spread.days == GOAL_DAYS
    assert GOAL_MINUTES * 60 <= spread.seconds <= 60 * 60
    assert spread.reason == REASONS["start-spread"]


def test_one_long_walk_does_not_count_as_a_week_that_went_well() -> None:
    walks = baseline_week([20] * 5)
    first = plan_weeks(walks, MON + timedelta(days=7))[-1]
    assert (first.days, first.seconds) == (5, 18 * 60)
    boom = [*walks, walk(MON + timedelta(days=8), 100)]
    after = plan_weeks(boom, MON + timedelta(days=14))[-1]
    assert (after.step, after.reason) == ("hold", REASONS["hold-short"])
    assert after.weekly_minutes == first.weekly_minutes
    spread = [*walks, *(walk(MON + timedelta(days=7 + d), 18) for d in range(4))]
    assert plan_weeks(spread, MON + timedelta(days=14))[-1].step == "up"  # 4 of 5 days


def test_walks_grow_by_at_most_a_tenth_after_rounding() -> None:
    weeks = plan_weeks(follow(baseline_week([12] * 6), 6), MON + timedelta(days=7 * 7))
    for before, after in itertools.pairwise(weeks):
        assert after.weekly_minutes == after.days * after.seconds / 60
        if after.days == before.days:
            assert after.seconds <= before.seconds * 1.1


def test_walk_json_shape() -> None:
    data = walk_to_dict(walk(MON, 12.25, "same"))
    assert list(data) == [
        "kind",
        "started_at",
        "minutes",
        "planned_minutes",
        "timed",
        "ending",
        "pain_change",
    ]
    assert data["kind"] == "walk"
    assert data["minutes"] == 12.2 or data["minutes"] == 12.3


# --- the timed walk ---------------------------------------------------------------------------


class Seen:
    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.events: list[tuple[str, float]] = []

    def started(self, *, seconds: float) -> None:
        self.events.append(("started", self.clock.now()))

    def tick(self, *, elapsed: float, seconds: float) -> None:
        self.events.append(("tick", elapsed))

    def half_way(self) -> None:
        self.events.append(("half", self.clock.now()))

    def finished(self, *, elapsed: float, ending: str) -> None:
        self.events.append((ending, elapsed))


def test_a_timed_walk_turns_back_at_half_time_and_ends_on_time() -> None:
    clock = FakeClock(start=100)
    seen = Seen(clock)
    timer = WalkTimer(seconds=600, clock=clock)
    assert timer.run(seen) == "completed"
    halves = [t for e, t in seen.events if e == "half"]
    assert halves == [400.0]  # 100 + 300: exactly at half time, once
    assert seen.events[-1] == ("completed", 600.0)
    assert timer.elapsed == 600
    assert clock.now() == 700


def test_a_late_wake_up_still_says_turn_back_once_and_never_overcounts() -> None:
    clock = FakeClock(oversleep=lambda: 7.0)
    seen = Seen(clock)
    timer = WalkTimer(seconds=60, clock=clock)
    assert timer.run(seen) == "completed"
    assert sum(1 for e, _ in seen.events if e == "half") == 1
    assert timer.elapsed == 60


def test_ctrl_c_ends_the_walk_early_and_keeps_the_time_walked() -> None:
    clock = FakeClock(interrupts=[200])
    seen = Seen(clock)
    timer = WalkTimer(seconds=600, clock=clock)
    assert timer.run(seen) == "ended-early"
    assert timer.elapsed == 200
    assert seen.events[-1] == ("ended-early", 200)
    assert not any(e == "half" for e, _ in seen.events)


def test_a_baseline_below_the_shortest_walk_starts_at_one_short_walk() -> None:
    first = plan_weeks(baseline_week([1]), MON + timedelta(days=7))[0]
    assert (first.days, first.seconds, first.weekly_minutes) == (1, 120, 2.0)
    assert "one short walk" in first.reason
    assert "below your baseline" not in first.reason
