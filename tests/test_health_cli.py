"""Health notes on the command line: `health`, and `--condition` with `list`, `plan` and `start`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import Result

from stretchcoach import healthnotes
from stretchcoach.healthnotes import HealthNotes
from stretchcoach.safety import CAUSE_INFO
from stretchcoach.safety import conditions as health
from stretchcoach.safety.conditions import CONDITIONS, RULES
from stretchcoach.ui.plan import POSITION_LABELS

Invoke = Callable[..., Result]

LYING = frozenset({"supine", "prone"})
LYING_WORDS = frozenset({POSITION_LABELS["supine"], POSITION_LABELS["prone"]})
HEALTH_JSON_KEYS = {
    "profile",
    "saved",
    "conditions",
    "pregnancy_weeks",
    "asked_at",
    "next_due",
    "answers",
    "remembered",
}
FAST = ["--yes", "--plain", "--speed", "1000"]


def save_notes(
    conditions: Iterable[str],
    *,
    weeks: int | None = None,
    weeks_on: date | None = None,
    profile: str | None = None,
    asked_at: datetime | None = None,
) -> HealthNotes:
    chosen = frozenset(conditions)
    notes = HealthNotes(
        conditions=chosen,
        answers=dict.fromkeys(sorted(chosen), True),
        asked_at=asked_at or datetime.now().astimezone(),
        pregnancy_weeks=weeks,
        weeks_on=(weeks_on or date.today()) if weeks is not None else None,
    )
    healthnotes.save(notes, profile)
    return notes


def health_keys(yes_to: dict[str, str] | None = None) -> list[str]:
    """Typed lines for the health questions: "y" (and any follow-up line) only for ``yes_to``.

    ``yes_to`` maps a question id to the extra line typed after its yes ("" for none), such
    as the weeks after the pregnancy question.
    """
    yes_to = yes_to or {}
    answers: dict[str, bool] = {}
    keys: list[str] = []
    while True:
        due = health.health_questions_due(answers)
        question = next((q for q in due if q.id not in answers), None)
        if question is None:
            return keys
        answers[question.id] = question.id in yes_to
        keys.append("y" if answers[question.id] else "n")
        if answers[question.id] and yes_to[question.id]:
            keys.append(yes_to[question.id])


def typed(keys: Iterable[str]) -> str:
    return "\n".join(keys) + "\n"


def flat(text: str) -> str:
    """Text with its wrapping undone, to compare whole sentences."""
    return " ".join(text.split())


def as_json(result: Result) -> object:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def shown_positions(stdout: str) -> list[str]:
    """The position words of every "Exercise N of M: Name (position, dose)" line."""
    found = re.findall(r"^Exercise \d+ of \d+: .+ \(([^,()]+), ", stdout, flags=re.M)
    assert set(found) <= set(POSITION_LABELS.values()), found
    return found


def table_positions(stdout: str) -> list[str]:
    """The position column of the plan table that start shows before the routine."""
    rows = [line.split("│") for line in stdout.splitlines() if line.startswith("│")]
    found = [row[3].strip() for row in rows if len(row) == 7]
    assert set(found) <= set(POSITION_LABELS.values()), found
    return found


@pytest.fixture
def as_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from stretchcoach import ui

    monkeypatch.setattr(ui, "stdin_is_tty", lambda: True)


# ----------------------------------------------------------------------------- health: showing


def test_health_with_nothing_saved_says_so(invoke: Invoke) -> None:
    result = invoke(["health"])
    assert result.exit_code == 0
    assert "No health notes are saved yet" in result.stderr
    assert "health --ask" in result.stderr
    assert result.stdout == ""


def test_health_json_with_nothing_saved(invoke: Invoke) -> None:
    assert as_json(invoke(["health", "--format", "json"])) == {
        "profile": "default",
        "saved": False,
    }


def test_health_text_shows_the_saved_conditions_and_the_weeks(invoke: Invoke) -> None:
    save_notes({"pregnant", "osteoporosis"}, weeks=20)
    result = invoke(["health"])
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "Health notes (default)" in out
    assert "Pregnant (about 20 weeks)" in out
    assert CONDITIONS["osteoporosis"].label in out
    assert flat(RULES["pregnant"].advice) in out  # what the notes change
    assert flat(RULES["osteoporosis"].advice) in out
    assert "Asked again from" in out


def test_health_json_has_every_documented_key(invoke: Invoke) -> None:
    asked = datetime.now().astimezone().replace(microsecond=0)
    save_notes({"pregnant", "osteoporosis"}, weeks=20, asked_at=asked)
    body = as_json(invoke(["health", "--format", "json"]))
    assert isinstance(body, dict)
    assert set(body) == HEALTH_JSON_KEYS
    assert body["profile"] == "default"
    assert body["saved"] is True
    assert body["conditions"] == ["osteoporosis", "pregnant"]
    assert body["pregnancy_weeks"] == 20
    assert datetime.fromisoformat(body["asked_at"]) == asked
    expected_due = (asked + timedelta(days=healthnotes.ASK_EVERY_DAYS)).astimezone().date()
    assert body["next_due"] == expected_due.isoformat()
    assert body["answers"] == {"osteoporosis": True, "pregnant": True}
    assert body["remembered"] == {}


def test_health_json_next_due_comes_sooner_near_the_end_of_a_pregnancy(invoke: Invoke) -> None:
    save_notes({"pregnant"}, weeks=40)
    body = as_json(invoke(["health", "--format", "json"]))
    assert isinstance(body, dict)
    weeks_left = healthnotes.MAX_PREGNANCY_WEEKS + 1 - 40
    assert body["next_due"] == (date.today() + timedelta(weeks=weeks_left)).isoformat()


def test_health_json_pregnancy_weeks_are_weeks_now(invoke: Invoke) -> None:
    save_notes({"pregnant"}, weeks=20, weeks_on=date.today() - timedelta(days=15))
    body = as_json(invoke(["health", "--format", "json"]))
    assert isinstance(body, dict)
    assert body["pregnancy_weeks"] == 22


def test_profile_notes_are_kept_apart(invoke: Invoke, isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text("profiles:\n  desk:\n    minutes: 5\n")
    save_notes({"pregnant"}, weeks=12)
    desk = as_json(invoke(["health", "--profile", "desk", "--format", "json"]))
    assert desk == {"profile": "desk", "saved": False}
    save_notes({"osteoporosis"}, profile="desk")
    desk = as_json(invoke(["health", "--profile", "desk", "--format", "json"]))
    default = as_json(invoke(["health", "--format", "json"]))
    assert isinstance(desk, dict)
    assert isinstance(default, dict)
    assert (desk["profile"], desk["conditions"]) == ("desk", ["osteoporosis"])
    assert (default["profile"], default["conditions"]) == ("default", ["pregnant"])
    text = invoke(["health", "--profile", "desk"]).stdout
    assert "Health notes (desk)" in text
    assert CONDITIONS["osteoporosis"].label in text
    assert "Pregnant" not in text
    # A profile config.yaml does not name is refused, as 'plan --profile' refuses it.
    unknown = invoke(["health", "--profile", "nosuch"])
    assert unknown.exit_code == 2
    assert "no profile named 'nosuch'" in unknown.stderr


def test_a_profile_name_that_cannot_be_one_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["health", "--profile", "Bad Name"])
    assert result.exit_code == 2
    assert "Bad Name" in result.stderr
    assert "unexpected" not in result.stderr


# ----------------------------------------------------------------------------- health --ask


def test_ask_without_a_terminal_is_a_usage_error(invoke: Invoke, isolated_home: Path) -> None:
    result = invoke(["health", "--ask"], input="y\n20\n")
    assert result.exit_code == 2
    assert "not a terminal" in result.stderr
    assert "Traceback" not in result.output
    assert not (isolated_home / "health.json").exists()


@pytest.mark.usefixtures("as_terminal")
def test_ask_in_a_terminal_saves_the_answers(invoke: Invoke) -> None:
    keys = health_keys({"pregnant": "20"})
    assert keys[:3] == ["y", "20", "n"]
    assert set(keys[2:]) == {"n"}
    result = invoke(["health", "--ask"], input=typed(keys))
    assert result.exit_code == 0, result.output
    assert "Health notes: Pregnant (about 20 weeks)." in result.stdout
    notes = healthnotes.load()
    assert notes is not None
    assert notes.conditions == frozenset({"pregnant"})
    assert notes.pregnancy_weeks == 20
    assert notes.weeks_on == date.today()
    assert notes.answers["pregnant"] is True
    assert notes.answers["osteoporosis"] is False
    body = as_json(invoke(["health", "--format", "json"]))
    assert isinstance(body, dict)
    assert (body["conditions"], body["pregnancy_weeks"]) == (["pregnant"], 20)


@pytest.mark.usefixtures("as_terminal")
def test_ask_again_keeps_what_the_screen_remembered(invoke: Invoke) -> None:
    healthnotes.save(
        HealthNotes(
            conditions=frozenset({"osteoporosis"}),
            answers={"osteoporosis": True},
            asked_at=datetime.now().astimezone(),
            remembered={"cancer-checked": date(2026, 1, 5)},
        )
    )
    result = invoke(["health", "--ask"], input=typed(health_keys()))
    assert result.exit_code == 0, result.output
    notes = healthnotes.load()
    assert notes is not None
    assert notes.conditions == frozenset()
    assert notes.remembered == {"cancer-checked": date(2026, 1, 5)}


def damage(home: Path) -> tuple[Path, bytes]:
    home.mkdir(parents=True, exist_ok=True)
    target = home / "health.json"
    garbage = b"{ this is not json \x00\xff"
    target.write_bytes(garbage)
    return target, garbage


def test_a_damaged_file_is_one_line_naming_it_and_left_alone(
    invoke: Invoke, isolated_home: Path
) -> None:
    target, garbage = damage(isolated_home)
    for args in (["health"], ["health", "--format", "json"]):
        result = invoke(args)
        assert result.exit_code == 1
        assert "Traceback" not in result.output
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert str(target) in lines[0]
        assert "damaged" in lines[0]
    assert target.read_bytes() == garbage
    assert sorted(p.name for p in isolated_home.iterdir()) == ["health.json"]


@pytest.mark.usefixtures("as_terminal")
def test_ask_replaces_a_damaged_file_after_saying_so_and_keeps_a_copy(
    invoke: Invoke, isolated_home: Path
) -> None:
    target, garbage = damage(isolated_home)
    result = invoke(["health", "--ask"], input=typed(health_keys({"osteoporosis": ""})))
    assert result.exit_code == 0, result.output
    assert str(target) in result.stderr
    assert "will replace it" in result.stderr
    notes = healthnotes.load()
    assert notes is not None
    assert notes.conditions == frozenset({"osteoporosis"})
    (kept,) = isolated_home.glob("health.json.damaged-*")
    assert kept.read_bytes() == garbage
    assert invoke(["health"]).exit_code == 0


# ----------------------------------------------------------------------------- --clear and --rules


def test_clear_forgets_the_notes(invoke: Invoke, isolated_home: Path) -> None:
    save_notes({"pregnant"}, weeks=10)
    save_notes({"osteoporosis"}, profile="desk")
    result = invoke(["health", "--clear"])
    assert result.exit_code == 0
    assert "forgotten" in result.stderr
    assert as_json(invoke(["health", "--format", "json"])) == {
        "profile": "default",
        "saved": False,
    }
    assert healthnotes.load("desk") is not None  # another profile's notes stay
    again = invoke(["health", "--clear"])
    assert again.exit_code == 0
    assert "No health notes to forget" in again.stderr


def test_clear_with_json_says_what_it_did_and_ask_has_no_format(
    invoke: Invoke, isolated_home: Path
) -> None:
    save_notes({"pregnant"}, weeks=10)
    first = invoke(["health", "--clear", "--format", "json"])
    assert first.exit_code == 0
    assert as_json(first) == {"profile": "default", "cleared": True}
    assert as_json(invoke(["health", "--clear", "--format", "json"]))["cleared"] is False
    asked = invoke(["health", "--ask", "--format", "json"])
    assert asked.exit_code == 2
    assert "--ask" in asked.stderr


def test_rules_text_names_every_condition(invoke: Invoke) -> None:
    result = invoke(["health", "--rules"])
    assert result.exit_code == 0, result.output
    for cid, condition in CONDITIONS.items():
        assert f"{condition.label} ({cid})" in result.stdout


def test_rules_json_rows(invoke: Invoke) -> None:
    rows = as_json(invoke(["health", "--rules", "--format", "json"]))
    assert isinstance(rows, list)
    assert [row["condition"] for row in rows] == list(CONDITIONS)
    for row in rows:
        assert set(row) == {
            "condition",
            "label",
            "covers",
            "routine",
            "positions_left_out",
            "movements_left_out",
            "advice",
        }
        assert row["routine"] in {"any", "gentle", "none"}
        assert isinstance(row["positions_left_out"], list)
        assert isinstance(row["movements_left_out"], list)
        assert row["label"] == CONDITIONS[row["condition"]].label
        assert row["advice"]
    by_id = {row["condition"]: row for row in rows}
    assert by_id["pregnant"]["positions_left_out"] == ["prone", "supine"]
    assert "loaded-flexion" in by_id["osteoporosis"]["movements_left_out"]
    assert by_id["recent-back-surgery"]["routine"] == "none"
    assert by_id["supervised-only"]["routine"] == "none"
    assert by_id["par-q"]["routine"] == "gentle"


@pytest.mark.parametrize(
    "flags", [["--ask", "--clear"], ["--ask", "--rules"], ["--clear", "--rules"]]
)
def test_two_actions_together_are_a_usage_error(
    invoke: Invoke, flags: list[str], isolated_home: Path
) -> None:
    save_notes({"pregnant"}, weeks=10)
    result = invoke(["health", *flags])
    assert result.exit_code == 2
    assert "Choose one of --ask, --clear and --rules" in result.stderr
    assert healthnotes.load() is not None  # --clear did nothing


# ----------------------------------------------------------------------------- list --condition


def listed(invoke: Invoke, *args: str) -> list[dict]:
    body = as_json(invoke(["list", *args, "--format", "json"]))
    assert isinstance(body, list)
    return body


def test_list_for_pregnancy_has_nothing_lying_on_the_back_or_front(invoke: Invoke) -> None:
    everything = listed(invoke)
    assert {e["position"] for e in everything} & LYING  # there is something to leave out
    found = listed(invoke, "--condition", "pregnant")
    assert found
    assert not {e["position"] for e in found} & LYING
    assert not any({"loaded-flexion", "single-leg"} & set(e["movements"]) for e in found)
    assert len(found) < len(everything)


def test_list_for_osteoporosis_leaves_out_curl_ups(invoke: Invoke) -> None:
    assert "partial-curl-up" in {e["id"] for e in listed(invoke)}
    found = listed(invoke, "--condition", "osteoporosis")
    ids = {e["id"] for e in found}
    assert "partial-curl-up" not in ids
    assert not any({"loaded-flexion", "loaded-rotation"} & set(e["movements"]) for e in found)
    assert {e["position"] for e in found} & LYING  # lying down is fine with osteoporosis


def test_list_json_entries_have_movements_and_notes(invoke: Invoke) -> None:
    entries = listed(invoke)
    assert entries
    for entry in entries:
        assert isinstance(entry["movements"], list)
        assert isinstance(entry["notes"], dict)
    assert any(entry["notes"] for entry in entries)


def test_list_conditions_combine_from_commas_and_repeats(invoke: Invoke) -> None:
    pregnant = {e["id"] for e in listed(invoke, "--condition", "pregnant")}
    hip = {e["id"] for e in listed(invoke, "--condition", "hip-replacement")}
    both = pregnant & hip
    assert both != pregnant
    assert both != hip
    commas = {e["id"] for e in listed(invoke, "--condition", "pregnant,hip-replacement")}
    repeated = {
        e["id"] for e in listed(invoke, "--condition", "pregnant", "--condition", "hip-replacement")
    }
    assert commas == repeated == both


def test_list_condition_none_with_another_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["list", "--condition", "none,pregnant"])
    assert result.exit_code == 2
    assert "--condition none" in result.stderr
    assert "pregnant" in result.stderr
    assert result.stdout == ""


def test_list_unknown_condition_lists_the_valid_ids_and_suggests(invoke: Invoke) -> None:
    result = invoke(["list", "--condition", "pregant"])
    assert result.exit_code == 2
    assert "'pregant'" in result.stderr
    assert "Did you mean 'pregnant'?" in result.stderr
    for cid in [*CONDITIONS, "none"]:
        assert cid in result.stderr
    assert "Traceback" not in result.output


# ----------------------------------------------------------------------------- plan and conditions

PLAN = ["plan", "--cause", "posture", "--severity", "3"]


def planned(invoke: Invoke, *args: str) -> tuple[dict, Result]:
    result = invoke([*args, "--format", "json"])
    body = as_json(result)
    assert isinstance(body, dict)
    return body, result


def test_plan_for_pregnancy_leaves_out_lying_and_says_so(invoke: Invoke) -> None:
    body, _ = planned(invoke, *PLAN, "--condition", "pregnant")
    assert body["conditions"] == ["pregnant"]
    assert body["exercises"]
    assert not {e["position"] for e in body["exercises"]} & LYING
    left_out = [n for n in body["notes"] if n.startswith("Pregnant:")]
    assert len(left_out) == 1
    assert "left out" in left_out[0]
    assert POSITION_LABELS["supine"] in left_out[0]


def test_plan_uses_saved_notes_and_says_so(invoke: Invoke) -> None:
    save_notes({"pregnant"}, weeks=24)
    body, result = planned(invoke, *PLAN)
    assert "Using your saved health notes: Pregnant (about 24 weeks)." in result.stderr
    assert body["conditions"] == ["pregnant"]
    assert not {e["position"] for e in body["exercises"]} & LYING


def test_plan_condition_flag_wins_over_saved_notes(invoke: Invoke) -> None:
    save_notes({"pregnant"}, weeks=24)
    body, result = planned(invoke, *PLAN, "--condition", "none")
    assert body["conditions"] == []
    assert "saved health notes" not in result.stderr


def test_plan_without_notes_says_none_are_saved(invoke: Invoke) -> None:
    body, result = planned(invoke, *PLAN)
    assert "No health notes are saved" in result.stderr
    assert body["conditions"] == []


@pytest.mark.parametrize("condition", ["recent-back-surgery", "supervised-only"])
def test_plan_conditions_that_rule_out_a_routine_exit_3(invoke: Invoke, condition: str) -> None:
    result = invoke([*PLAN, "--condition", condition])
    assert result.exit_code == 3
    assert RULES[condition].advice in result.stderr
    assert result.stdout == ""


def test_plan_after_recent_back_surgery_points_to_the_surgical_team(invoke: Invoke) -> None:
    result = invoke([*PLAN, "--condition", "recent-back-surgery"])
    assert result.exit_code == 3
    assert "surgical team" in result.stderr


def test_saved_notes_that_rule_out_a_routine_also_exit_3(invoke: Invoke) -> None:
    save_notes({"supervised-only"})
    result = invoke([*PLAN, "--format", "json"])
    assert result.exit_code == 3
    assert RULES["supervised-only"].advice in result.stderr


def test_plan_par_q_keeps_to_the_gentle_routine(invoke: Invoke) -> None:
    args = ["plan", "--cause", "weak-muscles", "--severity", "2"]
    ordinary, _ = planned(invoke, *args, "--condition", "none")
    assert "strength" in {e["kind"] for e in ordinary["exercises"]}  # something to leave out
    body, _ = planned(invoke, *args, "--condition", "par-q")
    assert body["conditions"] == ["par-q"]
    assert body["exercises"]
    assert "strength" not in {e["kind"] for e in body["exercises"]}
    assert any("general health questions" in n and "gentle" in n for n in body["notes"])


def test_the_cause_pregnancy_implies_the_condition(invoke: Invoke) -> None:
    body, _ = planned(invoke, "plan", "--cause", "pregnancy", "--severity", "3")
    assert body["conditions"] == ["pregnant"]
    assert not {e["position"] for e in body["exercises"]} & LYING
    body, _ = planned(
        invoke, "plan", "--cause", "pregnancy", "--severity", "3", "--condition", "none"
    )
    assert body["conditions"] == ["pregnant"]


# ----------------------------------------------------------------------------- start, no terminal

START = ["start", "--cause", "unknown", "--severity", "2", "--minutes", "10", "--seed", "1"]
START += ["--screened"]


def test_start_without_notes_or_condition_needs_the_flag(invoke: Invoke) -> None:
    result = invoke([*START, *FAST])
    assert result.exit_code == 2
    assert "--condition" in result.stderr
    assert "Exercise 1" not in result.stdout


def test_start_applies_saved_notes_without_a_terminal(invoke: Invoke) -> None:
    ordinary = invoke([*START, *FAST, "--condition", "none"])
    assert ordinary.exit_code == 0, ordinary.output
    assert set(shown_positions(ordinary.stdout)) & LYING_WORDS  # lying is there without notes

    save_notes({"pregnant"}, weeks=20)
    result = invoke([*START, *FAST])
    assert result.exit_code == 0, result.output
    positions = shown_positions(result.stdout)
    assert positions
    assert not set(positions) & LYING_WORDS
    assert "Session summary" in result.stdout


def test_start_recent_back_surgery_is_a_safety_stop(invoke: Invoke) -> None:
    result = invoke([*START, *FAST, "--condition", "recent-back-surgery"])
    assert result.exit_code == 3
    assert "surgical team" in result.stderr
    assert "Exercise 1" not in result.stdout


# ----------------------------------------------------------------------------- start, in a terminal


def screen_no(conditions: frozenset[str] = frozenset()) -> list[str]:
    """A "no" to every screen question asked with these conditions."""
    from stretchcoach.safety import screen

    ctx = screen.Context(conditions=conditions)
    answers: dict[str, bool] = {}
    while (question := screen.next_question(answers, ctx)) is not None:
        answers[question.id] = False
    return ["n"] * len(answers)


PLAN_UNKNOWN = ["plan", "--cause", "unknown", "--severity", "2", "--minutes", "10", "--seed", "1"]
UNKNOWN_KEY = str(list(CAUSE_INFO).index("unknown") + 1)


@pytest.mark.usefixtures("as_terminal")
def test_start_shows_saved_notes_and_enter_keeps_them(invoke: Invoke) -> None:
    ordinary = invoke([*PLAN_UNKNOWN, "--condition", "none", "--format", "json"])
    assert {e["position"] for e in json.loads(ordinary.stdout)["exercises"]} & LYING
    save_notes({"pregnant"}, weeks=20)
    before = healthnotes.load()
    # Safety note, Enter to keep the notes, cause "not sure", pain 2, the screen, floor yes,
    # then no to Begin.
    keys = ["", "", UNKNOWN_KEY, "2", *screen_no(frozenset({"pregnant"})), "y", "n"]
    result = invoke(["start", "--seed", "1", "--minutes", "10"], input=typed(keys))
    assert result.exit_code == 0, result.output
    assert "Your health notes: Pregnant (about 20 weeks)." in result.stdout
    assert health.HEALTH_CONFIRM in result.stderr  # the question (stdout is not a terminal)
    assert health.HEALTH_INTRO not in result.stdout  # not asked again
    assert "Come back whenever you are ready" in result.stdout
    positions = table_positions(result.stdout)
    assert positions
    assert not set(positions) & LYING_WORDS
    assert healthnotes.load() == before


@pytest.mark.usefixtures("as_terminal")
def test_start_c_asks_the_health_questions_again(invoke: Invoke) -> None:
    save_notes({"pregnant"}, weeks=20)
    keys = ["", "c", *health_keys({"osteoporosis": ""}), "1", "2"]
    keys += [*screen_no(frozenset({"osteoporosis"})), "y", "", "n"]  # Enter: the usual minutes
    result = invoke(["start", "--speed", "1000"], input=typed(keys))
    assert result.exit_code == 0, result.output
    assert "Your health notes: Pregnant (about 20 weeks)." in result.stdout
    assert health.HEALTH_INTRO in result.stdout
    assert f"Health notes: {CONDITIONS['osteoporosis'].label}." in result.stdout
    notes = healthnotes.load()
    assert notes is not None
    assert notes.conditions == frozenset({"osteoporosis"})
    assert notes.pregnancy_weeks is None
