"""The health notes store: round trips, the rules over time, damaged files and safe writes."""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from stretchcoach import healthnotes, paths
from stretchcoach.errors import EXIT_BAD_DATA, StretchcoachError
from stretchcoach.healthnotes import HealthNotes, HealthNotesError

ASKED = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)
MTIME = datetime(2026, 11, 2, 8, 15, 30, tzinfo=timezone.utc)  # the TZ is pinned to UTC


def notes(**changes: object) -> HealthNotes:
    fields: dict[str, object] = {
        "conditions": frozenset({"pregnant", "osteoporosis"}),
        "answers": {"pregnant": True, "osteoporosis": True, "rf-legs": False},
        "asked_at": ASKED,
        "pregnancy_weeks": 20,
        "weeks_on": date(2026, 12, 1),
        "remembered": {"cancer-checked": date(2026, 12, 1)},
    }
    fields.update(changes)
    return HealthNotes(**fields)  # type: ignore[arg-type]


@pytest.fixture
def target(isolated_home: Path) -> Path:
    return isolated_home / "health.json"


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- round trips ----------------------------------------------------------------------------------


def test_health_path_is_in_the_data_folder(isolated_home: Path) -> None:
    assert paths.health_path() == isolated_home / "health.json"


def test_round_trip_default_profile_through_the_default_path(target: Path) -> None:
    original = notes()
    healthnotes.save(original)
    assert target.is_file()
    assert healthnotes.load() == original
    assert healthnotes.load("default") == original
    loaded = healthnotes.load()
    assert loaded is not None
    assert loaded.remembered == {"cancer-checked": date(2026, 12, 1)}
    assert list(loaded.answers) == ["pregnant", "osteoporosis", "rf-legs"]  # order as asked


def test_file_has_the_documented_shape(target: Path) -> None:
    healthnotes.save(notes(), path=target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data == {
        "version": 1,
        "profiles": {
            "default": {
                "conditions": ["osteoporosis", "pregnant"],
                "answers": {"pregnant": True, "osteoporosis": True, "rf-legs": False},
                "asked_at": "2026-12-01T09:30:00+00:00",
                "pregnancy_weeks": 20,
                "weeks_on": "2026-12-01",
                "remembered": {"cancer-checked": "2026-12-01"},
            }
        },
    }


def test_round_trip_without_pregnancy_and_with_sub_second_time(target: Path) -> None:
    plain = HealthNotes(
        conditions=frozenset(),
        answers={"pregnant": False},
        asked_at=datetime(2026, 5, 4, 3, 2, 1, 123456, tzinfo=timezone(timedelta(hours=-5))),
    )
    healthnotes.save(plain, "desk", path=target)
    assert healthnotes.load("desk", path=target) == plain


def test_load_is_none_without_a_file_or_profile(target: Path) -> None:
    assert healthnotes.load(path=target) is None
    assert not target.exists()
    healthnotes.save(notes(), "desk", path=target)
    assert healthnotes.load(path=target) is None
    assert healthnotes.load("other", path=target) is None


def test_two_profiles_are_kept_apart(target: Path) -> None:
    mine = notes()
    theirs = notes(
        conditions=frozenset({"osteoporosis"}),
        answers={"osteoporosis": True},
        pregnancy_weeks=None,
        weeks_on=None,
        remembered={},
    )
    healthnotes.save(mine, path=target)
    healthnotes.save(theirs, "grandma", path=target)
    assert healthnotes.load(path=target) == mine
    assert healthnotes.load("grandma", path=target) == theirs
    updated = notes(pregnancy_weeks=24, weeks_on=date(2027, 1, 1))
    healthnotes.save(updated, path=target)
    assert healthnotes.load(path=target) == updated
    assert healthnotes.load("grandma", path=target) == theirs


def test_notes_copy_their_mappings() -> None:
    answers = {"pregnant": True}
    made = notes(answers=answers, conditions={"pregnant"})
    answers["pregnant"] = False
    assert made.answers == {"pregnant": True}
    assert made.conditions == frozenset({"pregnant"})


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"conditions": frozenset({"Pregnant"})}, ValueError),
        ({"conditions": frozenset({""})}, ValueError),
        ({"conditions": "pregnant"}, TypeError),
        ({"answers": {"pregnant": "yes"}}, TypeError),
        ({"answers": {"bad id": True}}, ValueError),
        ({"pregnancy_weeks": 46}, ValueError),
        ({"pregnancy_weeks": True}, TypeError),
        ({"weeks_on": None}, ValueError),
        ({"weeks_on": datetime(2026, 12, 1, tzinfo=timezone.utc)}, TypeError),
        ({"remembered": {"cancer-checked": "2026-12-01"}}, TypeError),
    ],
)
def test_notes_refuse_what_the_file_could_not_hold(
    changes: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        notes(**changes)


def test_naive_asked_at_is_taken_as_local_time() -> None:
    made = notes(asked_at=datetime(2026, 12, 1, 9, 30))
    assert made.asked_at == ASKED  # TZ is UTC in tests
    assert made.asked_at.tzinfo is not None


# --- the rules over time --------------------------------------------------------------------------


def test_weeks_advance_by_whole_weeks() -> None:
    told = notes()  # 20 weeks on 1 December
    assert healthnotes.weeks_pregnant(told, date(2026, 12, 1)) == 20
    assert healthnotes.weeks_pregnant(told, date(2026, 12, 7)) == 20
    assert healthnotes.weeks_pregnant(told, date(2026, 12, 8)) == 21
    assert healthnotes.weeks_pregnant(told, date(2026, 12, 15)) == 22
    assert healthnotes.weeks_pregnant(told, date(2026, 11, 1)) == 20  # clock set back


def test_weeks_are_none_without_a_pregnancy() -> None:
    plain = notes(pregnancy_weeks=None, weeks_on=None)
    assert healthnotes.weeks_pregnant(plain, date(2026, 12, 15)) is None


def test_due_without_notes() -> None:
    assert healthnotes.due(None, ASKED) is True


def test_due_at_28_days_not_27() -> None:
    plain = notes(pregnancy_weeks=None, weeks_on=None)
    assert healthnotes.due(plain, ASKED) is False
    assert healthnotes.due(plain, ASKED + timedelta(days=27)) is False
    assert healthnotes.due(plain, ASKED + timedelta(days=28, seconds=-1)) is False
    assert healthnotes.due(plain, ASKED + timedelta(days=28)) is True
    assert healthnotes.due(plain, ASKED + timedelta(days=200)) is True


def test_due_when_a_pregnancy_would_be_past_42_weeks() -> None:
    late = notes(pregnancy_weeks=40)  # told on 1 December, answers also from 1 December
    assert healthnotes.due(late, ASKED + timedelta(days=20)) is False  # 42 weeks
    assert healthnotes.due(late, ASKED + timedelta(days=21)) is True  # 43 weeks, 21 days old


def test_to_dict_for_json_output() -> None:
    assert healthnotes.to_dict(notes(), date(2026, 12, 15)) == {
        "conditions": ["osteoporosis", "pregnant"],
        "pregnancy_weeks": 22,
        "asked_at": "2026-12-01T09:30:00+00:00",
        "next_due": "2026-12-29",
        "answers": {"pregnant": True, "osteoporosis": True, "rf-legs": False},
        "remembered": {"cancer-checked": "2026-12-01"},
    }
    plain = notes(pregnancy_weeks=None, weeks_on=None)
    assert healthnotes.to_dict(plain, date(2026, 12, 15))["pregnancy_weeks"] is None


def test_next_due_is_sooner_when_the_pregnancy_would_end_first() -> None:
    late = notes(pregnancy_weeks=40)
    assert healthnotes.to_dict(late, date(2026, 12, 1))["next_due"] == "2026-12-22"
    assert healthnotes.due(late, datetime(2026, 12, 22, tzinfo=timezone.utc)) is True
    assert healthnotes.due(late, datetime(2026, 12, 21, 23, 59, tzinfo=timezone.utc)) is False


# --- damaged files --------------------------------------------------------------------------------


def good_profile(**changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "conditions": ["pregnant"],
        "answers": {"pregnant": True},
        "asked_at": "2026-12-01T09:30:00+00:00",
        "pregnancy_weeks": 20,
        "weeks_on": "2026-12-01",
        "remembered": {},
    }
    body.update(changes)
    return body


def as_file(profile: dict[str, object], version: object = 1) -> bytes:
    return json.dumps({"version": version, "profiles": {"default": profile}}).encode()


DAMAGED: list[tuple[str, bytes, str]] = [
    ("not-json", b'{"version": 1,\n "profiles": {\n oops}', "not valid JSON at line 3"),
    ("empty", b"", "it is empty"),
    ("bytes", b'{"version": 1, "profiles": {"\xff\xfe": {}}}', "not UTF-8 text"),
    ("list", b"[1, 2]", "it holds a list"),
    ("version-2", as_file(good_profile(), version=2), "newer stretchcoach: version 2"),
    ("version-0", as_file(good_profile(), version=0), "unknown version 0"),
    ("version-text", as_file(good_profile(), version="1"), "its version is text"),
    ("no-profiles", b'{"version": 1}', "no 'profiles'"),
    ("extra-top", b'{"version": 1, "profiles": {}, "x": 1}', "unknown key 'x'"),
    ("profiles-list", b'{"version": 1, "profiles": []}', "'profiles' is a list"),
    (
        "bad-profile-name",
        json.dumps({"version": 1, "profiles": {"My Profile": good_profile()}}).encode(),
        "not a profile name",
    ),
    ("weeks-text", as_file(good_profile(pregnancy_weeks="20")), "'pregnancy_weeks' is text"),
    ("weeks-float", as_file(good_profile(pregnancy_weeks=20.0)), "not a whole number"),
    ("weeks-bool", as_file(good_profile(pregnancy_weeks=True)), "not a whole number"),
    ("weeks-46", as_file(good_profile(pregnancy_weeks=46)), "not between 0 and 45"),
    ("weeks-alone", as_file(good_profile(weeks_on=None)), "given together"),
    ("answer-text", as_file(good_profile(answers={"pregnant": "yes"})), "not true or false"),
    ("answer-id", as_file(good_profile(answers={"Pregnant?": True})), "question id"),
    ("condition-case", as_file(good_profile(conditions=["Pregnant"])), "condition id"),
    ("condition-empty", as_file(good_profile(conditions=[""])), "condition id"),
    ("condition-number", as_file(good_profile(conditions=[3])), "a condition is the number 3"),
    ("condition-twice", as_file(good_profile(conditions=["a", "a"])), "listed twice"),
    ("conditions-text", as_file(good_profile(conditions="pregnant")), "not a list"),
    ("naive-time", as_file(good_profile(asked_at="2026-12-01T09:30:00")), "no UTC offset"),
    ("bad-time", as_file(good_profile(asked_at="yesterday")), "not an ISO date and time"),
    ("bad-date", as_file(good_profile(weeks_on="1/12/2026")), "not an ISO date"),
    (
        "remembered-date",
        as_file(good_profile(remembered={"cancer-checked": 20261201})),
        "the remembered 'cancer-checked' is the number",
    ),
    ("missing-key", as_file({"conditions": [], "answers": {}}), "'asked_at' is missing"),
    ("extra-key", as_file(good_profile(mood="fine")), "unknown key 'mood'"),
    (
        "duplicate-key",
        b'{"version": 1, "version": 1, "profiles": {}}',
        "the key 'version' appears twice",
    ),
    ("nan", as_file(good_profile(pregnancy_weeks=float("nan"))), "NaN"),
    ("deep", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
]


@pytest.mark.parametrize(
    ("raw", "reason"), [(raw, reason) for _, raw, reason in DAMAGED], ids=[d[0] for d in DAMAGED]
)
def test_damaged_file_is_named_and_left_alone(target: Path, raw: bytes, reason: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)
    os.utime(target, (MTIME.timestamp(), MTIME.timestamp()))
    with pytest.raises(HealthNotesError) as caught:
        healthnotes.load(path=target)
    error = caught.value
    assert str(target) in error.message
    assert f"The health notes file {target} is damaged (" in error.message
    assert reason in error.message
    assert "stretchcoach health --ask" in error.message
    assert error.damaged is True
    assert error.exit_code == EXIT_BAD_DATA
    assert isinstance(error, StretchcoachError)
    assert "\n" not in error.message
    assert target.read_bytes() == raw
    assert target.stat().st_mtime == MTIME.timestamp()
    assert listing(target.parent) == ["health.json"]


def test_a_folder_in_place_of_the_file(target: Path) -> None:
    (target / "inside").mkdir(parents=True)
    with pytest.raises(HealthNotesError, match="is a folder, not a file") as caught:
        healthnotes.load(path=target)
    assert str(target) in caught.value.message
    assert caught.value.damaged is True
    assert (target / "inside").is_dir()


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="POSIX permissions, not as root"
)
def test_an_unreadable_file_is_not_called_damaged_and_is_never_replaced(target: Path) -> None:
    healthnotes.save(notes(), path=target)
    before = target.read_bytes()
    target.chmod(0)
    try:
        with pytest.raises(HealthNotesError, match="cannot be read") as caught:
            healthnotes.load(path=target)
        assert str(target) in caught.value.message
        assert caught.value.damaged is False
        with pytest.raises(HealthNotesError, match="cannot be read"):
            healthnotes.save(notes(), path=target, replace_damaged=True)
        assert listing(target.parent) == ["health.json"]
    finally:
        target.chmod(0o600)
    assert target.read_bytes() == before


def test_a_read_error_is_not_called_damaged_and_is_never_replaced(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    healthnotes.save(notes(), path=target)
    before = target.read_bytes()

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(HealthNotesError) as caught:
        healthnotes.load(path=target)
    assert caught.value.message == (
        f"The health notes file {target} cannot be read (Permission denied); "
        "it has been left as it is."
    )
    assert caught.value.damaged is False
    for change in (
        lambda: healthnotes.save(notes(), path=target, replace_damaged=True),
        lambda: healthnotes.clear(path=target, replace_damaged=True),
    ):
        with pytest.raises(HealthNotesError, match="cannot be read"):
            change()
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert listing(target.parent) == ["health.json"]


def test_save_refuses_over_a_damaged_file(target: Path) -> None:
    target.parent.mkdir(parents=True)
    target.write_bytes(b"not json at all")
    with pytest.raises(HealthNotesError, match="is damaged") as caught:
        healthnotes.save(notes(), path=target)
    assert str(target) in caught.value.message
    assert target.read_bytes() == b"not json at all"
    assert listing(target.parent) == ["health.json"]


def test_save_with_replace_damaged_keeps_a_copy(target: Path) -> None:
    target.parent.mkdir(parents=True)
    target.write_bytes(b"not json at all")
    os.utime(target, (MTIME.timestamp(), MTIME.timestamp()))
    healthnotes.save(notes(), path=target, replace_damaged=True)
    kept = target.with_name("health.json.damaged-20261102T081530")
    assert listing(target.parent) == ["health.json", kept.name]
    assert kept.read_bytes() == b"not json at all"
    assert healthnotes.load(path=target) == notes()


def test_replace_damaged_never_overwrites_an_earlier_copy(target: Path) -> None:
    target.parent.mkdir(parents=True)
    earlier = target.with_name("health.json.damaged-20261102T081530")
    earlier.write_bytes(b"first damage")
    target.write_bytes(b"second damage")
    os.utime(target, (MTIME.timestamp(), MTIME.timestamp()))
    healthnotes.save(notes(), path=target, replace_damaged=True)
    assert earlier.read_bytes() == b"first damage"
    assert target.with_name(earlier.name + "-2").read_bytes() == b"second damage"
    assert healthnotes.load(path=target) == notes()


def test_replace_damaged_moves_a_folder_aside(target: Path) -> None:
    (target / "inside").mkdir(parents=True)
    os.utime(target, (MTIME.timestamp(), MTIME.timestamp()))
    healthnotes.save(notes(), path=target, replace_damaged=True)
    assert (target.with_name("health.json.damaged-20261102T081530") / "inside").is_dir()
    assert healthnotes.load(path=target) == notes()


# --- clear ----------------------------------------------------------------------------------------


def test_clear_removes_only_that_profile(target: Path) -> None:
    healthnotes.save(notes(), path=target)
    healthnotes.save(notes(pregnancy_weeks=None, weeks_on=None), "desk", path=target)
    assert healthnotes.clear(path=target) is True
    assert healthnotes.load(path=target) is None
    assert healthnotes.load("desk", path=target) == notes(pregnancy_weeks=None, weeks_on=None)
    assert healthnotes.clear(path=target) is False
    assert healthnotes.clear("desk", path=target) is True
    assert not target.exists()
    assert listing(target.parent) == []


def test_clear_without_a_file_changes_nothing(target: Path) -> None:
    assert healthnotes.clear(path=target) is False
    assert not target.parent.exists()


def test_clear_of_an_unknown_profile_leaves_the_file_alone(target: Path) -> None:
    healthnotes.save(notes(), path=target)
    before = target.read_bytes()
    os.utime(target, (MTIME.timestamp(), MTIME.timestamp()))
    assert healthnotes.clear("nobody", path=target) is False
    assert target.read_bytes() == before
    assert target.stat().st_mtime == MTIME.timestamp()


def test_clear_refuses_over_a_damaged_file_unless_told(target: Path) -> None:
    target.parent.mkdir(parents=True)
    target.write_bytes(b"{")
    os.utime(target, (MTIME.timestamp(), MTIME.timestamp()))
    with pytest.raises(HealthNotesError, match="is damaged"):
        healthnotes.clear(path=target)
    assert target.read_bytes() == b"{"
    assert healthnotes.clear(path=target, replace_damaged=True) is False
    assert listing(target.parent) == ["health.json.damaged-20261102T081530"]
    assert target.with_name("health.json.damaged-20261102T081530").read_bytes() == b"{"


# --- safe writes ----------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_file_is_private(target: Path) -> None:
    healthnotes.save(notes(), path=target)
    assert target.stat().st_mode & 0o777 == 0o600
    target.chmod(0o644)
    healthnotes.save(notes(), "desk", path=target)
    assert target.stat().st_mode & 0o777 == 0o600
    healthnotes.clear("desk", path=target)
    assert target.stat().st_mode & 0o777 == 0o600


def test_save_creates_missing_folders(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "health.json"
    healthnotes.save(notes(), path=deep)
    assert healthnotes.load(path=deep) == notes()


def test_failed_replace_leaves_the_old_file_and_no_temp_file(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    healthnotes.save(notes(), path=target)
    before = target.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(HealthNotesError) as caught:
        healthnotes.save(notes(pregnancy_weeks=30), path=target)
    assert str(target) in caught.value.message
    assert "No space left on device" in caught.value.message
    assert "left as it is" in caught.value.message
    assert target.read_bytes() == before
    assert listing(target.parent) == ["health.json"]


def test_failed_fsync_leaves_the_old_file_and_no_temp_file(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    healthnotes.save(notes(), path=target)
    before = target.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(HealthNotesError, match="Input/output error"):
        healthnotes.save(notes(), "x", path=target)
    assert target.read_bytes() == before
    assert listing(target.parent) == ["health.json"]


def test_failed_replace_during_clear_keeps_every_profile(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    healthnotes.save(notes(), path=target)
    healthnotes.save(notes(), "desk", path=target)
    before = target.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(HealthNotesError, match="could not be changed") as caught:
        healthnotes.clear("desk", path=target)
    assert str(target) in caught.value.message
    assert target.read_bytes() == before
    assert listing(target.parent) == ["health.json"]


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("in the way", encoding="utf-8")
    with pytest.raises(HealthNotesError, match="could not be saved") as caught:
        healthnotes.save(notes(), path=blocker / "health.json")
    assert str(blocker / "health.json") in caught.value.message
    assert blocker.read_text(encoding="utf-8") == "in the way"


def test_profile_names_are_checked(target: Path) -> None:
    with pytest.raises(ValueError, match="not a profile name"):
        healthnotes.save(notes(), "My Profile", path=target)
    with pytest.raises(ValueError, match="not a profile name"):
        healthnotes.load("../etc", path=target)
    assert not target.exists()
