"""The physiotherapist's report: the numbers, and Markdown/HTML/JSON renderings."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from stretchcoach import history, stats
from stretchcoach.routine import ExerciseOutcome, SessionRecord
from stretchcoach.ui import history as view

TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 3, 14)


def rec(
    day: int,
    *,
    ending: str = "completed",
    before: int = 5,
    after: int | None = 4,
    outcomes: tuple[tuple[str, str], ...] = (("cat-cow", "done"), ("bridge", "done")),
    pains: tuple[str, ...] = (),
    hour: int = 8,
    practice: bool = False,
) -> SessionRecord:
    start = datetime(2026, 3, day, hour, 0, tzinfo=TZ)
    return SessionRecord(
        started_at=start,
        ended_at=start + timedelta(minutes=10),
        cause="posture",
        severity_before=before,
        severity_after=after,
        minutes_planned=10,
        seconds_done=600 if ending == "completed" else 120,
        exercises=[ExerciseOutcome(i, o) for i, o in outcomes],
        ending=ending,
        pain_reports=list(pains),
        practice=practice,
    )


SESSIONS = [
    rec(14, before=3, after=2),
    rec(
        13,
        hour=18,
        ending="stopped-for-pain",
        after=6,
        outcomes=(("cat-cow", "done"), ("bridge", "stopped-for-pain")),
        pains=("bridge",),
    ),
    rec(13, before=4, after=3),
    rec(
        10,
        outcomes=(("cat-cow", "skipped"), ("bridge", "not-reached")),
        ending="ended-by-user",
        after=None,
    ),
    rec(2, before=7, after=5),
]


def build() -> dict:
    return stats.build_report(
        SESSIONS,
        today=TODAY,
        days=14,
        generated_at=datetime(2026, 3, 14, 20, 0, tzinfo=TZ),
        names={"cat-cow": "Cat-cow", "bridge": "Glute bridge"},
    )


def test_report_numbers() -> None:
    data = build()
    assert (data["from"], data["to"], data["days"]) == ("2026-03-01", "2026-03-14", 14)
    adh = data["adherence"]
    assert adh["days_with_completed_session"] == 3  # the 2nd, 13th and 14th
    assert adh["sessions"] == 5
    assert adh["completed_sessions"] == 3
    assert adh["endings"]["stopped-for-pain"] == 1
    assert adh["endings"]["ended-by-user"] == 1
    assert data["minutes"] == {"planned": 50.0, "done": 34.0}
    assert data["exercises"] == [
        {
            "id": "bridge",
            "name": "Glute bridge",
            "done": 3,
            "skipped": 0,
            "ended": 0,
            "stopped_for_pain": 1,
            "not_reached": 1,
        },
        {
            "id": "cat-cow",
            "name": "Cat-cow",
            "done": 4,
            "skipped": 1,
            "ended": 0,
            "stopped_for_pain": 0,
            "not_reached": 0,
        },
    ]
    # Oldest first, over time.
    assert [(p["before"], p["after"]) for p in data["pain"]] == [
        (7, 5),
        (5, None),
        (4, 3),
        (5, 6),
        (3, 2),
    ]
    assert data["pain_reports"] == [
        {"started_at": "2026-03-13T18:00:00+01:00", "exercise": "bridge", "name": "Glute bridge"}
    ]
    assert data["average_pain_before"] == 4.8  # (7+4+5+3)/4 → 4.75
    assert data["average_pain_after"] == 4.0


def test_markdown_has_every_section() -> None:
    text = view.report_markdown(build())
    assert text.startswith("# stretchcoach report: 2026-03-01 to 2026-03-14\n")
    assert "- **Adherence:** a completed session on 3 of 14 days" in text
    assert "| exercise | done | skipped | ended part-way | stopped for pain | not reached |" in text
    assert "| Glute bridge (bridge) | 3 | 0 | 0 | 1 | 1 |" in text
    assert "Practice runs" not in text  # none in this period
    assert "| Fri 13 Mar 2026 18:00 | posture | 5 | 6 | 2 | stopped because of pain |" in text
    assert "| Fri 13 Mar 2026 18:00 | Glute bridge (bridge) |" in text
    assert "| Tue 10 Mar 2026 08:00 | posture | 5 | – |" in text
    assert "not a clinical assessment" in text


def test_practice_runs_are_left_out_of_the_report_and_only_counted() -> None:
    demos = [
        rec(14, hour=20, practice=True, before=9, after=0, pains=("cat-cow",)),
        rec(12, practice=True, outcomes=(("cat-cow", "ended"),), ending="ended-by-user"),
    ]
    with_demos = stats.build_report(
        [*SESSIONS, *demos],
        today=TODAY,
        days=14,
        generated_at=datetime(2026, 3, 14, 20, 0, tzinfo=TZ),
        names={"cat-cow": "Cat-cow", "bridge": "Glute bridge"},
    )
    plain = build()
    assert with_demos["practice_runs_left_out"] == 2
    assert plain["practice_runs_left_out"] == 0
    # Everything else is exactly as without them: adherence, minutes, pain, reports.
    assert {k: v for k, v in with_demos.items() if k != "practice_runs_left_out"} == {
        k: v for k, v in plain.items() if k != "practice_runs_left_out"
    }
    assert "- **Practice runs:** 2 sped-up runs, not counted in this report" in (
        view.report_markdown(with_demos)
    )


def test_an_ended_exercise_has_its_own_column_in_the_report() -> None:
    data = stats.build_report(
        [rec(14, outcomes=(("cat-cow", "done"), ("bridge", "ended")), ending="ended-by-user")],
        today=TODAY,
        days=14,
        generated_at=datetime(2026, 3, 14, 20, 0, tzinfo=TZ),
    )
    bridge = next(e for e in data["exercises"] if e["id"] == "bridge")
    assert (bridge["ended"], bridge["skipped"], bridge["not_reached"]) == (1, 0, 0)
    assert "| bridge | 0 | 0 | 1 | 0 | 0 |" in view.report_markdown(data)


def test_html_is_self_contained_escaped_and_printable() -> None:
    sessions = [
        rec(
            14,
            outcomes=(("<script>alert(1)</script>", "done"),),
            pains=("<script>alert(1)</script>",),
        )
    ]
    data = stats.build_report(
        sessions, today=TODAY, days=14, generated_at=datetime(2026, 3, 14, tzinfo=TZ)
    )
    page = view.report_html(data)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "@media print" in page
    assert "http" not in page  # nothing fetched from elsewhere
    assert "src=" not in page
    assert page.count("<table>") == page.count("</table>") == 3


def test_empty_period() -> None:
    data = stats.build_report(
        [], today=TODAY, days=7, generated_at=datetime(2026, 3, 14, tzinfo=TZ)
    )
    assert data["adherence"]["days_with_completed_session"] == 0
    assert data["average_pain_before"] is None
    text = view.report_markdown(data)
    assert "No sessions in this period." in text
    assert "No pain reports in this period." in text
    assert "<p>No exercises recorded in this period.</p>" in view.report_html(data)


def test_report_command_formats(invoke) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now().astimezone()
    old = rec(1)
    old.started_at = now - timedelta(days=20)
    recent = rec(1, pains=("bridge",))
    recent.started_at = now - timedelta(minutes=30)
    for r in (old, recent):
        assert history.save_session(r) is None
    data = json.loads(invoke(["report", "--format", "json"]).stdout)
    assert data["days"] == 14
    assert data["adherence"]["sessions"] == 1
    assert data["pain_reports"][0]["exercise"] == "bridge"
    assert (
        json.loads(invoke(["report", "--days", "30", "--format", "json"]).stdout)["adherence"][
            "sessions"
        ]
        == 2
    )
    md = invoke(["report"])
    assert md.exit_code == 0
    assert md.stdout.startswith("# stretchcoach report")
    html = invoke(["report", "--format", "html"])
    assert html.stdout.startswith("<!DOCTYPE html>")
    assert invoke(["report", "--days", "0"]).exit_code == 2


def test_report_with_no_sessions_says_so(invoke) -> None:  # type: ignore[no-untyped-def]
    result = invoke(["report"])
    assert result.exit_code == 0
    assert "No sessions saved in the last 14 days." in result.stderr


@pytest.mark.parametrize("width", [40, 60, 80])
def test_markdown_on_a_narrow_terminal_fits_and_keeps_every_value(width: int) -> None:
    data = build()
    wide = view.report_markdown(data)
    narrow = view.report_markdown(data, width=width)
    too_wide = [
        line for line in narrow.splitlines() if len(line) > width and not line.startswith("#")
    ]
    assert not too_wide, too_wide
    # Every table's rows are still there, one block per row when the table did not fit.
    for row_name in ("Cat-cow", "exercise that caused it"):
        assert (row_name in wide) == (row_name in narrow)
    if any(len(line) > width for line in wide.splitlines() if line.startswith("|")):
        assert "- **" in narrow.split("## Exercises", 1)[1]
    assert " ".join(narrow.split()).count("stopped for pain") >= 1


def test_markdown_for_a_file_keeps_its_tables() -> None:
    text = view.report_markdown(build())
    assert "| exercise | done | skipped |" in text
    assert view.report_markdown(build(), width=None) == text


def _at(day: int, hour: int = 10) -> dict[str, str]:
    return {"STRETCHCOACH_NOW": f"2026-11-{day:02d}T{hour:02d}:00:00+00:00"}


def test_the_first_week_of_the_report_is_counted_whole(invoke) -> None:  # type: ignore[no-untyped-def]
    """--days 10 from Mon 30 Nov starts on Sat 21 Nov: the week of 16 Nov still counts all
    five walks of the 16th-20th (goal met), while the period's walks stay on the period."""
    for day in (16, 17, 18, 19, 20):
        assert invoke(["walk", "--minutes", "15", "--pain", "same"], env=_at(day)).exit_code == 0
    assert invoke(["goal", "--sessions", "0", "--walks", "4"], env=_at(16, 11)).exit_code == 0
    by_days = {}
    for days in (10, 20):
        result = invoke(["report", "--days", str(days), "--format", "json"], env=_at(30, 8))
        assert result.exit_code == 0, result.stderr
        by_days[days] = json.loads(result.stdout)
    weeks = {days: {w["week_of"]: w for w in data["weeks"]} for days, data in by_days.items()}
    assert list(weeks[10]) == ["2026-11-16", "2026-11-23", "2026-11-30"]
    week = weeks[10]["2026-11-16"]
    assert (week["walks"], week["walk_minutes"], week["goal_met"]) == (5, 75.0, True)
    assert week == weeks[20]["2026-11-16"]  # the same week, however long the report
    assert by_days[10]["from"] == "2026-11-21"
    assert by_days[10]["walking"]["walks"] == 0  # the walks were before the period
    assert by_days[20]["walking"]["walks"] == 5
    text = invoke(["report", "--days", "10"], env=_at(30, 8))
    assert "No sessions saved in the last 10 days." in text.stderr
    row = next(line for line in text.stdout.splitlines() if "2026-11-16" in line)
    assert [cell.strip() for cell in row.strip("|").split("|")] == [
        "2026-11-16",
        "4 walks",
        "0",
        "5",
        "yes",
        "–",
    ]


def test_sessions_before_the_period_count_only_for_their_week() -> None:
    from stretchcoach.goals import Goal

    early = rec(2)  # Monday 2 March, outside a 10-day period ending Saturday 14 March
    early.started_at = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
    inside = rec(13)
    practice = rec(3, practice=True)
    data = stats.build_report(
        [early, inside, practice],
        today=TODAY,
        days=10,
        generated_at=datetime(2026, 3, 14, 20, 0, tzinfo=TZ),
        goals=[Goal(datetime(2026, 2, 1, tzinfo=timezone.utc), 1, 0)],
    )
    assert stats.weeks_first_day(TODAY, 10) == date(2026, 3, 2)
    assert data["from"] == "2026-03-05"
    assert data["adherence"]["sessions"] == 1
    assert data["practice_runs_left_out"] == 0
    assert [p["started_at"][:10] for p in data["pain"]] == ["2026-03-13"]
    weeks = {w["week_of"]: w for w in data["weeks"]}
    assert (weeks["2026-03-02"]["sessions"], weeks["2026-03-02"]["goal_met"]) == (1, True)
    assert weeks["2026-03-09"]["sessions"] == 1
