"""Hands-free cues: engine discovery, phrases, the bell, and a voice that never stalls the clock.

Speech is faked by small shell scripts written to tmp_path: one records every phrase it is
given, one hangs, one fails. Process checks look at real children (and their process groups
in /proc), so a leaked or zombie speech process fails the test. "Never delays the clock" is
checked without timing: ``never_waits`` fails a test if a cue waits on a child or sleeps.
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from conftest import make_exercise

from stretchcoach import cues
from stretchcoach.catalogue import Catalogue, Exercise
from stretchcoach.clock import FakeClock
from stretchcoach.commands._options import cue_options
from stretchcoach.cues import Bell, Phrasing, Voice, build_sinks, find_engine
from stretchcoach.errors import UsageError
from stretchcoach.routine import Assessment, Cue, Plan, PlannedExercise
from stretchcoach.runner import move_cue, phase_cue, run_routine

posix_only = pytest.mark.skipif(os.name != "posix", reason="uses sh and process groups")

END = "well done, that is the end of the routine"


def exercise(
    id: str = "cat-cow",
    name: str = "Cat-cow",
    position: str = "all-fours",
    *,
    per_side: bool = False,
    hold: int = 5,
    reps: int = 2,
    rest: int = 3,
) -> Exercise:
    """Cat-cow on all fours unless told otherwise: a short mobility exercise to cue."""
    return make_exercise(
        id,
        name=name,
        kind="mobility",
        position=position,
        causes=("posture", "unknown"),
        hold_seconds=hold,
        reps=reps,
        per_side=per_side,
        rest_seconds=rest,
        steps=("Kneel on all fours.", "Round your back slowly.", "Let it sag gently."),
        stop_if="Stop if pain spreads down a leg.",
    )


def which_of(*present: str) -> Callable[[str], str | None]:
    """A fake shutil.which that finds only the named programs."""
    return lambda name: f"/usr/bin/{name}" if name in present else None


# --------------------------------------------------------------------------- fake speech


def script(tmp_path: Path, name: str, body: str) -> str:
    """A voice command (string) running a small sh script; the phrase is its last argument."""
    path = tmp_path / f"{name}.sh"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return shlex.join(["sh", str(path)])


def recorder(tmp_path: Path) -> tuple[str, Path]:
    log = tmp_path / "spoken.txt"
    body = f"printf '%s\\n' \"$*\" >> {shlex.quote(str(log))}"
    return script(tmp_path, "recorder", body), log


def hanging(tmp_path: Path) -> str:
    # sh starts sleep as its own child: stopping must reach the whole process group.
    return script(tmp_path, "hang", "sleep 30; echo never")


def failing(tmp_path: Path) -> str:
    return script(tmp_path, "fail", "exit 1")


def process_groups_alive(pgids: set[int]) -> list[int]:
    """Pids of live (non-zombie) processes in any of these process groups, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        state, pgrp = fields[0], int(fields[2])
        if pgrp in pgids and state != "Z":
            found.append(int(entry.name))
    return found


def groups_left(pgids: set[int], patience: float = 10.0) -> list[int]:
    """Live members of these groups once signals sent have had time to land (a killed
    process dies a moment after kill() returns; this waits for that, not for any timing)."""
    give_up = time.monotonic() + patience
    while (alive := process_groups_alive(pgids)) and time.monotonic() < give_up:
        time.sleep(0.01)
    return alive


def assert_all_reaped(voice: Voice) -> None:
    assert voice.spawned, "the test should have started speech processes"
    for proc in voice.spawned:
        assert proc.returncode is not None, f"pid {proc.pid} was never reaped"
        with pytest.raises(ChildProcessError):
            os.waitpid(proc.pid, os.WNOHANG)  # already reaped: no zombie left
    if Path("/proc/self/stat").exists():
        assert groups_left({p.pid for p in voice.spawned}) == []


@contextlib.contextmanager
def never_waits() -> Iterator[list[str]]:
    """Inside, anything that would wait on a speech process, or sleep, is recorded in the
    list yielded (and fails): the voice must only start, signal and poll its processes."""
    blocked: list[str] = []

    def refuse(what: str) -> Callable[..., Any]:
        def call(*args: object, **kwargs: object) -> Any:
            blocked.append(what)
            raise AssertionError(f"a cue called {what}")

        return call

    real_waitid = getattr(os, "waitid", None)

    def waitid(idtype: int, ident: int, options: int) -> Any:
        if not options & os.WNOHANG:
            refuse("a blocking os.waitid")()
        assert real_waitid is not None
        return real_waitid(idtype, ident, options)

    with contextlib.ExitStack() as stack:
        patch = __import__("unittest.mock").mock.patch
        stack.enter_context(patch.object(subprocess.Popen, "wait", refuse("Popen.wait")))
        stack.enter_context(
            patch.object(subprocess.Popen, "communicate", refuse("Popen.communicate"))
        )
        stack.enter_context(patch.object(time, "sleep", refuse("time.sleep")))
        if real_waitid is not None:
            stack.enter_context(patch.object(os, "waitid", waitid))
        yield blocked


class NoWait:
    """A sink wrapper that runs each cue() under ``never_waits`` and keeps what it found."""

    def __init__(self, sink: Any) -> None:
        self.sink = sink
        self.cues = 0
        self.blocked: list[str] = []

    def cue(self, cue: Cue) -> None:
        with never_waits() as blocked:
            self.sink.cue(cue)
        self.cues += 1
        self.blocked.extend(blocked)

    def close(self) -> None:
        self.sink.close()


@pytest.fixture
def voices() -> Iterator[list[Voice]]:
    """Voices made by a test are always closed, even when the test fails."""
    made: list[Voice] = []
    yield made
    for voice in made:
        voice.close(linger=0)


def make_voice(voices: list[Voice], command: str, **kwargs: object) -> Voice:
    voice = Voice(shlex.split(command), **kwargs)  # type: ignore[arg-type]
    voices.append(voice)
    return voice


def cues_for(items: list[PlannedExercise]) -> list[Cue]:
    """The cue sequence a routine produces, built from each exercise's phases."""
    out = []
    for item in items:
        ex = item.exercise
        out.append(Cue("exercise", f"{ex.name}, {ex.position}", " ".join(ex.steps)))
        for phase in item.phases():
            out.append(phase_cue(phase))
            move = move_cue(phase, phase.half) if phase.kind == "hold" else None
            if move is not None:
                out.append(move)  # a with-movement hold has no countdown
            elif phase.kind == "hold":
                out.extend(Cue("count", str(n)) for n in (3, 2, 1) if n < phase.seconds)
    out.append(Cue("end", "Session complete", "completed"))
    return out


# --------------------------------------------------------------------------- engines


@pytest.mark.parametrize(
    ("platform", "present", "expected"),
    [
        ("linux", ("espeak-ng", "espeak", "spd-say"), ["/usr/bin/espeak-ng"]),
        ("linux", ("espeak", "spd-say"), ["/usr/bin/espeak"]),
        ("linux", ("spd-say",), ["/usr/bin/spd-say"]),
        ("linux", ("say",), None),
        ("freebsd14", ("espeak",), ["/usr/bin/espeak"]),
        ("darwin", ("say", "espeak-ng"), ["/usr/bin/say"]),
        ("darwin", ("espeak-ng",), ["/usr/bin/espeak-ng"]),
        ("darwin", (), None),
        ("linux", (), None),
        ("win32", ("espeak-ng",), None),
    ],
)
def test_find_engine_per_platform(
    platform: str, present: tuple[str, ...], expected: list[str] | None
) -> None:
    assert find_engine(platform=platform, which=which_of(*present)) == expected


@pytest.mark.parametrize("exe", ["powershell", "pwsh"])
def test_find_engine_windows_uses_powershell_speech(exe: str) -> None:
    engine = find_engine(platform="win32", which=which_of(exe))
    assert engine is not None
    assert engine[:2] == [f"/usr/bin/{exe}", "-NoProfile"]
    assert engine[-2] == "-Command"
    assert "System.Speech" in engine[-1]
    assert "$args[0]" in engine[-1]


def test_powershell_phrase_is_one_quoted_literal_at_the_end() -> None:
    engine = find_engine(platform="win32", which=which_of("powershell"))
    assert engine is not None
    argv = cues.engine_argv(engine, 'Child\u2019s pose, it\'s "easy"')
    assert argv[:-1] == engine
    assert argv[-1] == "'Child''s pose, it''s easy'"


def test_other_engines_get_the_phrase_verbatim_as_last_argument() -> None:
    assert cues.engine_argv(["espeak-ng", "-s", "140"], "it's 3") == [
        "espeak-ng",
        "-s",
        "140",
        "it's 3",
    ]


def test_voice_command_is_split_like_a_shell() -> None:
    argv = cues.split_command("espeak-ng -s 140 -v 'en-gb'")
    assert argv == ["espeak-ng", "-s", "140", "-v", "en-gb"]
    assert cues.split_command('"/opt/my tts/speak" --fast') == ["/opt/my tts/speak", "--fast"]
    with pytest.raises(UsageError, match="cannot be read"):
        cues.split_command("espeak 'unclosed")
    with pytest.raises(UsageError, match="empty"):
        cues.split_command("   ")


# --------------------------------------------------------------------------- phrases


def test_short_phrases_for_a_whole_routine() -> None:
    items = [
        PlannedExercise(exercise(per_side=True), hold_seconds=5, reps=2, rest_seconds=3),
        PlannedExercise(
            exercise("tilt", "Pelvic tilt", "supine", reps=1),
            hold_seconds=4,
            reps=1,
            rest_seconds=0,
        ),
    ]
    phrasing = Phrasing(mode="short")
    said = [p for c in cues_for(items) if (p := phrasing.phrase(c)) is not None]
    countdown = ["3", "2", "1"]
    # On all fours, so in turn: both reps of the left side, one switch, then the right.
    assert said == [
        "Cat-cow, on all fours",
        "Hold, left side. Breathe slowly",  # the side and the breathing, said once
        *countdown,
        "rest",
        "Hold",
        *countdown,
        "Switch sides. Now right side",
        "Hold, right side",
        *countdown,
        "rest",
        "Hold",
        *countdown,
        "Pelvic tilt, lying on your back",
        "Hold. Breathe slowly",
        *countdown,
        END,
    ]


def test_full_mode_reads_the_steps_once_per_exercise() -> None:
    phrasing = Phrasing(mode="full")
    first = Cue("exercise", "Cat-cow, all-fours", "1. Kneel down.\n2. Round your back.")
    assert phrasing.phrase(first) == "Cat-cow, on all fours. Kneel down. Round your back"
    assert phrasing.phrase(Cue("hold", "Hold")) == "Hold"
    # The same exercise announced again (e.g. after a pause): the name only.
    assert phrasing.phrase(first) == "Cat-cow, on all fours"
    short = Phrasing(mode="short")
    assert short.phrase(first) == "Cat-cow, on all fours"


def test_get_ready_is_said_only_when_not_right_after_the_exercise_name() -> None:
    phrasing = Phrasing()
    assert phrasing.phrase(Cue("exercise", "Bridge, supine")) == "Bridge, lying on your back"
    assert phrasing.phrase(Cue("prepare", "Get ready")) is None
    assert phrasing.phrase(Cue("prepare", "Get ready")) == "get ready"


@pytest.mark.parametrize("ending", ["ended-by-user", "stopped-for-pain", "interrupted"])
def test_an_early_end_is_not_called_well_done(ending: str) -> None:
    phrase = Phrasing().phrase(Cue("end", "Session ended", ending))
    assert phrase == cues.END_EARLY_PHRASE
    assert "well done" not in (phrase or "")


def test_announce_and_speakable() -> None:
    assert cues.announce(exercise()) == "Cat-cow, on all fours"
    assert cues.speakable("Hold 20 s × 3\n- breathe · slowly") == "Hold 20 s 3. breathe slowly"


# --------------------------------------------------------------------------- bell


def test_bell_rings_at_each_transition_and_never_for_the_countdown() -> None:
    stream = io.StringIO()
    bell = Bell(stream)
    items = [PlannedExercise(exercise(per_side=True), hold_seconds=5, reps=2, rest_seconds=3)]
    sequence = cues_for(items)
    for cue in sequence:
        bell.cue(cue)
    bell.close()
    # exercise (its "get ready" shares the ring), 4 holds, 2 rests: one ring each;
    # 1 switch: two; the end: three.
    assert stream.getvalue() == "\a" * (1 + 4 + 2 + 2 + 3)
    assert bell.rings == 12
    assert sum(c.kind == "count" for c in sequence) == 12


def test_bell_pattern_tells_hold_start_side_switch_and_end_apart() -> None:
    stream = io.StringIO()
    bell = Bell(stream)
    heard = []
    for cue in (Cue("hold", "Hold"), Cue("switch", "Switch sides"), Cue("end", "Done")):
        before = len(stream.getvalue())
        bell.cue(cue)
        heard.append(stream.getvalue()[before:])
    assert heard == ["\a", "\a\a", "\a\a\a"]
    assert bell.rings == 6
    # The countdown and a hold's second position never ring.
    for cue in (Cue("count", "3"), Cue("move", "Let it dip")):
        bell.cue(cue)
    assert bell.rings == 6


def test_bell_on_a_closed_stream_does_not_raise() -> None:
    stream = io.StringIO()
    stream.close()
    bell = Bell(stream)
    bell.cue(Cue("hold", "Hold"))
    assert bell.rings == 0


# --------------------------------------------------------------------------- wiring


def test_no_engine_gives_one_warning_and_falls_back_to_the_bell() -> None:
    stream = io.StringIO()
    sinks, warnings = build_sinks(
        voice="short", voice_command=None, bell=False, stream=stream, platform="linux",
        which=which_of(),
    )  # fmt: skip
    assert len(warnings) == 1
    assert "espeak-ng" in warnings[0]
    assert "bell" in warnings[0]
    assert [type(s) for s in sinks] == [Bell]
    sinks[0].cue(Cue("hold", "Hold"))
    assert stream.getvalue() == "\a"


def test_missing_voice_command_program_warns_and_rings(tmp_path: Path) -> None:
    sinks, warnings = build_sinks(
        voice=None, voice_command=f"{tmp_path}/no-such-speaker --fast", bell=None
    )
    assert [type(s) for s in sinks] == [Bell]
    assert len(warnings) == 1
    assert "no-such-speaker" in warnings[0]


def test_voice_and_bell_combine_and_a_voice_command_implies_voice(tmp_path: Path) -> None:
    command, _ = recorder(tmp_path)
    sinks, warnings = build_sinks(voice=None, voice_command=command, bell=True)
    try:
        assert warnings == []
        assert [type(s) for s in sinks] == [Voice, Bell]
        voice = sinks[0]
        assert isinstance(voice, Voice)
        assert voice.engine == shlex.split(command)
        assert voice.phrasing.mode == "short"
    finally:
        for sink in sinks:
            sink.close()


def test_found_engine_is_used_in_full_mode_and_off_means_silence() -> None:
    sinks, warnings = build_sinks(
        voice="full", voice_command=None, bell=None, platform="linux", which=which_of("espeak")
    )
    assert warnings == []
    assert len(sinks) == 1
    assert isinstance(sinks[0], Voice)
    assert sinks[0].engine == ["/usr/bin/espeak"]
    assert sinks[0].phrasing.mode == "full"
    sinks[0].close()
    assert build_sinks(voice="off", voice_command=None, bell=None) == ([], [])
    assert build_sinks(voice=False, voice_command="espeak", bell=None) == ([], [])
    assert build_sinks(voice=None, voice_command=None, bell=False) == ([], [])


def test_a_profiles_true_means_short_phrases() -> None:
    sinks, _ = build_sinks(
        voice=True, voice_command=None, bell=None, platform="darwin", which=which_of("say")
    )
    assert len(sinks) == 1
    assert isinstance(sinks[0], Voice)
    assert sinks[0].phrasing.mode == "short"
    assert sinks[0].engine == ["/usr/bin/say"]
    sinks[0].close()


def test_unreadable_voice_command_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        build_sinks(voice="short", voice_command="say 'oops", bell=False)


def test_cue_options_parse() -> None:
    @click.command()
    @cue_options()
    def cmd(voice: str | None, voice_command: str | None, bell: bool | None) -> None:
        click.echo(f"{voice}|{voice_command}|{bell}")

    runner = CliRunner()
    cases = {
        (): "None|None|None",
        ("--voice",): "short|None|None",
        ("--voice=full", "--bell"): "full|None|True",
        ("--voice", "off", "--no-bell"): "off|None|False",
        ("--voice-command", "espeak-ng -s 140"): "None|espeak-ng -s 140|None",
    }
    for args, expected in cases.items():
        result = runner.invoke(cmd, list(args))
        assert result.exit_code == 0, result.output
        assert result.output.strip() == expected
    assert runner.invoke(cmd, ["--voice=loud"]).exit_code == 2


# --------------------------------------------------------------------------- the voice


@posix_only
def test_fake_speech_command_records_every_phrase_of_a_routine(
    tmp_path: Path, voices: list[Voice]
) -> None:
    command, log = recorder(tmp_path)
    voice = make_voice(voices, command, mode="full")
    items = [PlannedExercise(exercise(per_side=True), hold_seconds=5, reps=1, rest_seconds=0)]
    for cue in cues_for(items):
        voice.cue(cue)
        assert voice.wait_idle(5), "the recorder should finish quickly"  # time passes
    voice.close()
    lines = log.read_text().splitlines()
    assert lines == voice.spoken
    assert lines == [
        "Cat-cow, on all fours. Kneel on all fours. Round your back slowly. Let it sag gently",
        "Hold, left side. Breathe slowly",
        "3",
        "2",
        "1",
        "Switch sides. Now right side",
        "Hold, right side",
        "3",
        "2",
        "1",
        END,
    ]
    assert voice.problems == []
    assert_all_reaped(voice)


@posix_only
def test_hanging_speech_never_delays_a_cue_and_leaves_nothing_behind(
    tmp_path: Path, voices: list[Voice]
) -> None:
    voice = make_voice(voices, hanging(tmp_path), grace=0.3, end_linger=0.2)
    items = [PlannedExercise(exercise(per_side=True), hold_seconds=5, reps=2, rest_seconds=3)]
    watched = NoWait(voice)
    for cue in cues_for(items):
        watched.cue(cue)
    assert watched.blocked == []  # no cue waited on the hanging speech
    assert voice.problems == []
    # Counts never cut off a phrase, so only the transitions were started.
    assert voice.spoken == [
        "Cat-cow, on all fours",
        "Hold, left side. Breathe slowly",
        "rest",
        "Hold",
        "Switch sides. Now right side",
        "Hold, right side",
        "rest",
        "Hold",
        END,
    ]
    lingered: list[float] = []
    real_wait_idle = voice.wait_idle

    def wait_idle(timeout: float) -> bool:
        lingered.append(timeout)
        return real_wait_idle(timeout)

    voice.wait_idle = wait_idle  # type: ignore[method-assign]
    voice.close()
    assert lingered == [0.2]  # "well done" got end_linger, and no other wait for a phrase
    assert_all_reaped(voice)
    assert all(p.returncode < 0 for p in voice.spawned)  # each stopped by a signal


@posix_only
def test_a_new_phrase_replaces_a_stale_one(tmp_path: Path, voices: list[Voice]) -> None:
    voice = make_voice(voices, hanging(tmp_path), grace=0.3)
    voice.cue(Cue("hold", "Hold"))
    voice.cue(Cue("count", "3"))  # skipped: "hold" is still being said
    assert voice.spoken == ["Hold"]
    voice.cue(Cue("rest", "Rest"))  # replaces the stale "hold"
    assert voice.spoken == ["Hold", "rest"]
    first = voice.spawned[0]
    first.wait(timeout=10)
    assert first.returncode is not None
    assert first.returncode < 0
    assert groups_left({first.pid}) == []  # sh's own child (sleep) went too
    voice.cue(Cue("count", "2"))
    voice.cue(Cue("hold", "Hold"))
    voice.cue(Cue("count", "1"))  # a count replaces another count, never "hold"
    assert voice.spoken == ["Hold", "rest", "Hold"]
    voice.close()
    assert_all_reaped(voice)


@posix_only
def test_failing_speech_is_noted_and_never_raises(tmp_path: Path, voices: list[Voice]) -> None:
    voice = make_voice(voices, failing(tmp_path))
    items = [PlannedExercise(exercise(), hold_seconds=5, reps=2, rest_seconds=3)]
    watched = NoWait(voice)
    for cue in cues_for(items):
        watched.cue(cue)
        assert voice.wait_idle(10)  # time passes between cues: the phrase fails meanwhile
    assert watched.blocked == []
    voice.close()
    assert len(voice.spoken) == 11  # every phrase was tried
    assert len(voice.problems) == 1
    assert "exit code 1" in voice.problems[0]
    assert_all_reaped(voice)


def test_missing_program_is_noted_once_and_the_voice_goes_quiet(
    tmp_path: Path, voices: list[Voice]
) -> None:
    voice = make_voice(voices, str(tmp_path / "no-such-speaker"))
    watched = NoWait(voice)
    for cue in (Cue("hold", "Hold"), Cue("rest", "Rest"), Cue("end", "Done", "completed")):
        watched.cue(cue)
    assert watched.blocked == []
    assert watched.cues == 3
    voice.close()
    assert voice.spawned == []
    assert voice.spoken == []
    assert len(voice.problems) == 1
    assert "could not be started" in voice.problems[0]


@posix_only
def test_close_lets_the_end_phrase_finish_is_idempotent_and_a_context_manager(
    tmp_path: Path,
) -> None:
    log = tmp_path / "slow.txt"
    command = script(tmp_path, "slow", f"sleep 0.2; printf '%s\\n' \"$*\" >> {log}")
    with Voice(shlex.split(command), end_linger=3.0) as voice:
        voice.cue(Cue("end", "Session complete", "completed"))
    assert log.read_text() == END + "\n"
    voice.close()  # a second close (e.g. from a finally block) does nothing
    voice.cue(Cue("hold", "Hold"))  # nor does a cue after closing
    assert voice.spoken == [END]
    assert_all_reaped(voice)


@posix_only
def test_close_mid_routine_does_not_wait_for_the_phrase(tmp_path: Path) -> None:
    voice = Voice(shlex.split(hanging(tmp_path)), grace=0.2, end_linger=10.0)
    voice.cue(Cue("hold", "Hold"))
    lingered: list[float] = []

    def wait_idle(timeout: float) -> bool:
        lingered.append(timeout)
        return True

    voice.wait_idle = wait_idle  # type: ignore[method-assign]
    voice.close()
    assert lingered == []  # mid-routine: the phrase is stopped, not waited for
    assert_all_reaped(voice)
    assert voice.spawned[0].returncode == -signal.SIGTERM  # SIGTERM was enough


@posix_only
def test_a_speech_process_ignoring_sigterm_is_killed_after_the_grace_period(
    tmp_path: Path,
) -> None:
    stubborn = script(tmp_path, "stubborn", "trap '' TERM; sleep 30")
    voice = Voice(shlex.split(stubborn), grace=0.2)
    voice.cue(Cue("hold", "Hold"))
    time.sleep(0.05)  # let sh install its trap (real time, a few milliseconds)
    start = time.perf_counter()
    voice.close()
    assert time.perf_counter() - start >= 0.2  # it had its grace period first…
    assert voice.spawned[0].returncode == -signal.SIGKILL  # …then was killed
    assert_all_reaped(voice)


@posix_only
@pytest.mark.skipif(not hasattr(os, "waitid"), reason="needs os.waitid")
@pytest.mark.parametrize("when", ["replaced", "closed"])
def test_a_child_ignoring_sigterm_goes_with_its_group(tmp_path: Path, when: str) -> None:
    # sh is stopped by SIGTERM at once, but leaves behind a child that ignores it: killing
    # the group (while sh's exit holds the group's id) must take that child too.
    ready = tmp_path / "ready"
    body = f"sh -c \"trap '' TERM; touch {shlex.quote(str(ready))}; sleep 30\" & sleep 30"
    voice = Voice(shlex.split(script(tmp_path, "leaves-a-child", body)), grace=5.0)
    voice.cue(Cue("hold", "Hold"))
    give_up = time.monotonic() + 10
    while not ready.exists() and time.monotonic() < give_up:
        time.sleep(0.01)  # wait for the child's trap (a condition, not a timing)
    assert ready.exists()
    if when == "replaced":
        voice.cue(Cue("rest", "Rest"))  # stops "hold"; sh exits on SIGTERM…
        first = voice.spawned[0]
        os.waitid(os.P_PID, first.pid, os.WEXITED | os.WNOWAIT)
        voice.cue(Cue("count", "3"))  # …and is reaped here, its group killed first
        assert first.returncode == -signal.SIGTERM
    voice.close(linger=0)
    assert_all_reaped(voice)  # the child that ignored SIGTERM is gone as well


@pytest.mark.skipif(not hasattr(os, "waitid"), reason="needs os.waitid")
def test_finished_phrases_are_reaped_on_the_next_cue(voices: list[Voice]) -> None:
    voice = make_voice(voices, f"{shlex.quote(sys.executable)} -c pass")
    voice.cue(Cue("hold", "Hold"))
    first = voice.spawned[0]
    os.waitid(os.P_PID, first.pid, os.WEXITED | os.WNOWAIT)  # exited, still a zombie
    assert first.returncode is None
    voice.cue(Cue("rest", "Rest"))
    assert first.returncode == 0
    with pytest.raises(ChildProcessError):
        os.waitpid(first.pid, os.WNOHANG)


# --------------------------------------------------------------------------- with the runner


class QuietView:
    """A runner View that draws nothing."""

    def __getattr__(self, name: str) -> Callable[..., None]:
        return lambda *args, **kwargs: None


class NoQuestions:
    """A Prompter for a non-interactive run: any question is a test failure."""

    def __getattr__(self, name: str) -> Callable[..., Any]:
        def ask(*args: object, **kwargs: object) -> Any:
            raise AssertionError(f"unexpected question: {name}{args}")

        return ask


class SpeakingClock(FakeClock):
    """A fake clock that, like real time, lets the phrase being said finish before moving on."""

    def __init__(self, voice: Voice) -> None:
        super().__init__()
        self.voice = voice

    def sleep_until(self, deadline: float) -> None:
        assert self.voice.wait_idle(5)
        super().sleep_until(deadline)


def routine_plan(items: Sequence[PlannedExercise]) -> tuple[Plan, Catalogue]:
    plan = Plan(Assessment("posture", 2), minutes=5, seed=1, items=tuple(items))
    return plan, Catalogue(tuple(item.exercise for item in items))


def run(plan: Plan, catalogue: Catalogue, clock: Any, sinks: Sequence[Any]) -> Any:
    return run_routine(
        plan=plan,
        catalogue=catalogue,
        clock=clock,
        view=QuietView(),
        prompter=NoQuestions(),
        cues=sinks,
        interactive=False,
        wall=lambda: datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc),
    )


@posix_only
def test_the_runner_on_a_fake_clock_speaks_every_phrase(tmp_path: Path) -> None:
    command, log = recorder(tmp_path)
    plan, catalogue = routine_plan(
        [
            PlannedExercise(exercise(per_side=True), hold_seconds=5, reps=2, rest_seconds=3),
            PlannedExercise(
                exercise("tilt", "Pelvic tilt", "supine"), hold_seconds=4, reps=1, rest_seconds=0
            ),
        ]
    )
    voice = Voice(shlex.split(command), mode="full")
    stream = io.StringIO()
    bell = Bell(stream)
    try:
        result = run(plan, catalogue, SpeakingClock(voice), [voice, bell])
    finally:
        voice.close()  # after the end cue: "well done" is allowed to finish
    assert result.record.ending == "completed"
    steps = "Kneel on all fours. Round your back slowly. Let it sag gently"
    count = ["3", "2", "1"]
    assert log.read_text().splitlines() == [
        f"Cat-cow, on all fours. {steps}",
        "Hold, left side. Breathe slowly",
        *count,
        "rest",
        "Hold",
        *count,
        "Switch sides. Now right side",
        "Hold, right side",
        *count,
        "rest",
        "Hold",
        *count,
        f"Pelvic tilt, lying on your back. {steps}",
        "Hold. Breathe slowly",
        *count,
        END,
    ]
    # Two exercises, 4 + 1 holds, 2 rests: one ring each; 1 switch (all-fours work goes in
    # turn): two; the end: three.
    assert stream.getvalue() == "\a" * (2 + 5 + 2 + 2 + 3)
    assert voice.problems == []
    assert_all_reaped(voice)


@posix_only
@pytest.mark.parametrize("kind", ["hanging", "failing"])
def test_bad_speech_keeps_the_routine_on_time(tmp_path: Path, kind: str) -> None:
    command = hanging(tmp_path) if kind == "hanging" else failing(tmp_path)
    plan, catalogue = routine_plan(
        [PlannedExercise(exercise(per_side=True), hold_seconds=4, reps=2, rest_seconds=2)]
    )
    voice = Voice(shlex.split(command), grace=0.2)
    watched = NoWait(voice)
    # A failing phrase is given the time it takes to fail between cues, as real time would.
    clock = FakeClock() if kind == "hanging" else SpeakingClock(voice)
    try:
        result = run(plan, catalogue, clock, [watched])
    finally:
        voice.close(linger=0)
    assert result.record.ending == "completed"
    assert watched.cues == 1 + 1 + 4 + 1 + 2 + 12 + 1  # every cue reached the voice
    assert watched.blocked == []  # and none of them waited on the speech program
    assert clock.now() == plan.total_seconds  # the routine took exactly its planned time
    if kind == "failing":
        assert any("exit code 1" in p for p in voice.problems)
    assert_all_reaped(voice)


# --------------------------------------------------------------------------- README screenshot


def test_screenshot_script_renders_the_live_routine_screen(tmp_path: Path) -> None:
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "scripts" / "screenshot.py"
    spec = importlib.util.spec_from_file_location("screenshot", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "routine.svg"
    assert module.main(["--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<svg")
    assert "Hold" in text  # the countdown row of a hold
    assert "routine" in text  # "… left in the routine"
    assert module.main(["--output", str(out), "--check"]) == 0
    out.write_text("stale", encoding="utf-8")
    assert module.main(["--output", str(out), "--check"]) == 1
