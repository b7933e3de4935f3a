"""Hands-free cues: a terminal bell and a spoken voice, so the user can look away.

Both are ``routine.CueSink``s: the runner hands them ``Cue``s and they must never delay its
clock. ``Voice`` speaks through an external program found at run time (``find_engine``) or
given by the user (``--voice-command``); each phrase runs as its own background process.

How the voice keeps up with the clock (the "no stale phrase" policy):

* ``cue()`` only starts a process (stdin/stdout/stderr to /dev/null, own session) and returns.
* A new phrase replaces a phrase still being spoken: the old process (and its process group)
  is terminated, because "rest" said after the rest has begun helps nobody.
* The one exception is the countdown: a "3", "2", "1" never cuts off "hold" or "switch sides";
  it is skipped instead, since a late count is worthless. A count does replace an older count.
* So ``--voice=full`` reads an exercise's steps during its get-ready time; when the hold
  begins first, "hold" cuts the steps short (the clock never waits for the voice).
* A speech program that is missing, fails or hangs never raises out of ``cue()``; finished
  processes are reaped on every cue, and ``close()`` terminates, then kills after a short grace
  period, and reaps every one it started. ``close()`` is safe to call twice.
* Killing the process group is enough: once a stopped phrase's process has exited, but before
  it is reaped, its whole group gets SIGKILL. The unreaped process keeps the group's id from
  being reused, so nothing else can be hit, and whatever it started (and left running) goes
  with it. Nothing has to watch the group empty afterwards.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shlex
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any

from stretchcoach.routine import Cue, CueSink

if TYPE_CHECKING:
    import subprocess

    from stretchcoach.catalogue import Exercise

#: Choices of ``--voice``: short phrases, or short phrases plus each exercise's steps once.
VOICE_MODES: tuple[str, ...] = ("short", "full", "off")

#: Engines tried on Linux and other Unix systems, in order.
UNIX_ENGINES: tuple[str, ...] = ("espeak-ng", "espeak", "spd-say")
#: PowerShell's built-in speech; the phrase follows as one single-quoted PowerShell string.
POWERSHELL_SCRIPT = (
    "& {Add-Type -AssemblyName System.Speech; "
    "(New-Object System.Speech.Synthesis.SpeechSynthesizer).Speak($args[0])}"
)

#: What each position sounds like after the exercise's name ("Cat-cow, on all fours").
POSITION_WORDS: dict[str, str] = {
    "standing": "standing",
    "seated": "sitting down",
    "kneeling": "kneeling",
    "all-fours": "on all fours",
    "side-lying": "lying on your side",
    "prone": "lying on your front",
    "supine": "lying on your back",
}

#: The short phrases, one per cue kind. Exercise, count and move cues speak their own text,
#: and a hold or switch says the words shown on the screen ("Hold, left knee to your chest.
#: Breathe slowly"; "Switch sides. Now lying on your right side"), falling back to these.
PHRASES: dict[str, str] = {
    "prepare": "get ready",
    "hold": "hold",
    "switch": "switch sides",
    "rest": "rest",
    "end": "well done, that is the end of the routine",
}


#: Said instead of "well done" when the session ends before the routine's end (the end
#: cue's detail is how it ended; "completed" or nothing means the whole routine was done).
END_EARLY_PHRASE = "the routine has ended; rest in a comfortable position"

#: Cue kinds that are a transition worth a bell (the countdown and the second position of a
#: with-movement hold are not: the bell marks a hold's start, a side switch and the end).
BELL_KINDS: frozenset[str] = frozenset({"exercise", "prepare", "hold", "switch", "rest", "end"})
#: How many rings each transition gets, so it can be told apart without looking: one for a
#: hold (and any other step), two for a side switch, three for the end.
BELL_RINGS: dict[str, int] = {"switch": 2, "end": 3}


# --------------------------------------------------------------------------- engines


def find_engine(
    *, platform: str = sys.platform, which: Callable[[str], str | None] = shutil.which
) -> list[str] | None:
    """The argv prefix of a speech program on this system (phrase goes last), or None."""
    if platform.startswith(("win", "cygwin", "msys")):
        for exe in ("powershell", "pwsh"):
            path = which(exe)
            if path:
                return [path, "-NoProfile", "-NonInteractive", "-Command", POWERSHELL_SCRIPT]
        return None
    names = ("say", *UNIX_ENGINES) if platform == "darwin" else UNIX_ENGINES
    for name in names:
        path = which(name)
        if path:
            # spd-say's default priority ("text") already cancels an older text message.
            return [path]
    return None


def engines_tried(*, platform: str = sys.platform) -> tuple[str, ...]:
    """The program names ``find_engine`` looks for on this platform (for the warning)."""
    if platform.startswith(("win", "cygwin", "msys")):
        return ("powershell", "pwsh")
    return ("say", *UNIX_ENGINES) if platform == "darwin" else UNIX_ENGINES


def split_command(command: str, *, platform: str = sys.platform) -> list[str]:
    """Split a ``--voice-command`` string like a shell would (UsageError when it cannot)."""
    from stretchcoach.errors import UsageError

    try:
        argv = shlex.split(command, posix=not platform.startswith("win"))
    except ValueError as exc:
        raise UsageError(f"The voice command {command!r} cannot be read: {exc}.") from None
    if not argv:
        raise UsageError("The voice command is empty: give a program, e.g. 'espeak-ng -s 140'.")
    return argv


def command_exists(program: str, *, which: Callable[[str], str | None] = shutil.which) -> bool:
    """Whether ``program`` (a name on PATH or a path) can be started."""
    if os.sep in program or (os.altsep and os.altsep in program):
        return os.path.isfile(program) and os.access(program, os.X_OK)
    return which(program) is not None


def engine_argv(engine: Sequence[str], phrase: str) -> list[str]:
    """The full command for one phrase: the engine, then the phrase as the last argument."""
    if engine and engine[-1] == POWERSHELL_SCRIPT:
        return [*engine, _powershell_quote(phrase)]
    return [*engine, phrase]


def _powershell_quote(text: str) -> str:
    # PowerShell joins everything after -Command into one script, so the phrase must be a
    # single-quoted literal; it also treats typographic single quotes as quotes.
    text = re.sub("[\u2018\u2019\u201a\u201b]", "'", text).replace('"', "")
    return "'" + text.replace("'", "''") + "'"


# --------------------------------------------------------------------------- phrases


def announce(exercise: Exercise) -> str:
    """How an exercise is announced: its name and position, e.g. "Cat-cow, on all fours"."""
    where = POSITION_WORDS.get(exercise.position, exercise.position.replace("-", " "))
    return f"{exercise.name}, {where}"


def speakable(text: str) -> str:
    """Text cleaned for a speech engine: no list numbers, symbols or line breaks."""
    lines = [re.sub(r"^\s*(?:\d+[.)]|[-*•])\s+", "", line) for line in text.splitlines()]
    sentences = [line.strip().rstrip(".") for line in lines if line.strip()]
    joined = ". ".join(sentences)
    joined = re.sub(r"[×·•|*_#<>\[\]{}]", " ", joined)
    return re.sub(r"\s+", " ", joined).strip()


class Phrasing:
    """Chooses what to say for each cue: short phrases; with ``full``, steps once per exercise.

    The exercise cue already announces what comes next, so the "get ready" that follows it
    at the same moment stays silent (it is said only on its own). A hold says what changed
    since the hold before: its side when a side begins, how to breathe once, and a
    with-movement position every rep (it alternates with the move cue); else just "Hold".
    """

    def __init__(self, *, mode: str = "short") -> None:
        if mode not in ("short", "full"):
            raise ValueError(f"unknown voice mode {mode!r}")
        self.mode = mode
        self._previous: str | None = None
        self._steps_read: set[str] = set()
        self._hold: str | None = None  # the last hold's words and breathing, as said
        self._breath: str | None = None

    def phrase(self, cue: Cue) -> str | None:
        """The words for ``cue``, or None when nothing should be said."""
        previous, self._previous = self._previous, cue.kind
        if cue.kind == "exercise":
            self._hold = self._breath = None
            said = speakable(_position_in_words(cue.text))
            if self.mode == "full" and cue.detail and cue.text not in self._steps_read:
                self._steps_read.add(cue.text)
                said = f"{said}. {speakable(cue.detail)}"
            return said or None
        if cue.kind == "prepare" and previous == "exercise":
            return None
        if cue.kind == "count":
            return speakable(cue.text) or None
        if cue.kind == "move":
            self._breath = cue.text
            return _say(cue.text) or None
        if cue.kind == "hold":
            parts = [cue.text] if cue.text != self._hold else []
            if cue.detail and cue.detail != self._breath:
                parts.append(cue.detail)
            self._hold, self._breath = cue.text, cue.detail or self._breath
            # Nothing new: the word alone ("Hold, left side" is the word, then the side).
            return _say(*(parts or [cue.text.split(", ")[0]])) or PHRASES["hold"]
        if cue.kind == "switch":
            return _say(cue.text, cue.detail) or PHRASES["switch"]
        if cue.kind == "end" and cue.detail not in ("", "completed"):
            return END_EARLY_PHRASE  # ended early (by the person, for pain, or a signal)
        return PHRASES.get(cue.kind)


def _say(*parts: str) -> str:
    """Screen words as speech: "Let it dip — breathe in" → "Let it dip, breathe in"."""
    return speakable(". ".join(p for p in parts if p).replace(" — ", ", "))


def _position_in_words(text: str) -> str:
    """ "Cat-cow, all-fours" (the runner's name, position) → "Cat-cow, on all fours"."""
    head, sep, tail = text.rpartition(", ")
    if sep and tail.strip() in POSITION_WORDS:
        return f"{head}, {POSITION_WORDS[tail.strip()]}"
    return text


# --------------------------------------------------------------------------- sinks


class Bell:
    """Rings the terminal bell (``\\a``) at every transition of the routine.

    The number of rings tells the transitions apart (``BELL_RINGS``): one when a hold (or
    any other step) begins, two for a side switch, three at the end. ``rings`` counts bells.
    """

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stdout
        self._previous: str | None = None
        self.rings = 0

    def cue(self, cue: Cue) -> None:
        previous, self._previous = self._previous, cue.kind
        if cue.kind not in BELL_KINDS or (cue.kind == "prepare" and previous == "exercise"):
            return
        count = BELL_RINGS.get(cue.kind, 1)
        try:
            self.stream.write("\a" * count)
            self.stream.flush()
        except (OSError, ValueError):  # a closed or broken stream must not stop the routine
            return
        self.rings += count

    def close(self) -> None:
        """Nothing to release: the stream belongs to the caller."""


class Voice:
    """Speaks cues through an external program, each phrase in its own background process.

    See the module docstring for the policy: a new phrase terminates a stale one, a count
    never interrupts a phrase, nothing here can raise into or stall the routine.
    """

    def __init__(
        self,
        engine: Sequence[str],
        *,
        mode: str = "short",
        grace: float = 0.5,
        end_linger: float = 4.0,
        popen: Callable[..., subprocess.Popen[bytes]] | None = None,
    ) -> None:
        self.engine = list(engine)
        self.phrasing = Phrasing(mode=mode)
        self.grace = grace
        self.end_linger = end_linger
        self._popen = popen
        self._current: subprocess.Popen[bytes] | None = None
        self._current_kind: str | None = None
        self._children: list[subprocess.Popen[bytes]] = []  # started, not yet reaped
        self._stopped: set[int] = set()  # pids we terminated (their exit code is ours)
        self._last_kind: str | None = None
        self._closed = False
        self._broken = False
        #: Every process started (reaped or not): lets tests check none is left alive.
        self.spawned: list[subprocess.Popen[bytes]] = []
        #: Phrases actually handed to the engine, in order.
        self.spoken: list[str] = []
        #: Short notes about trouble with the speech program, for after the routine.
        self.problems: list[str] = []
        atexit.register(self.close)

    # -- context manager -------------------------------------------------------------

    def __enter__(self) -> Voice:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the sink ----------------------------------------------------------------------

    def cue(self, cue: Cue) -> None:
        """Start speaking the cue's phrase in the background and return at once."""
        if self._closed:
            return
        self._last_kind = cue.kind
        try:
            self._reap()
            phrase = self.phrasing.phrase(cue)
            if phrase is None or self._broken:
                return
            if self._busy():
                if cue.kind == "count" and self._current_kind != "count":
                    return  # a late count is worthless; never cut off "hold" for it
                self._stop(self._current)
            self._start(phrase, cue.kind)
        except Exception as exc:  # pragma: no cover - last line of defence for the clock
            self._note(f"The voice stopped working ({type(exc).__name__}: {exc}).")
            self._broken = True

    def wait_idle(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the phrase being spoken to finish."""
        import subprocess

        if self._current is None:
            return True
        try:
            self._current.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        self._reap()
        return True

    def close(self, linger: float | None = None) -> None:
        """Stop every phrase process and reap it; the end phrase may finish first.

        ``linger``: seconds the phrase being spoken may take to finish before it is stopped
        (default: ``end_linger`` after the end cue, so "well done" is heard; else none).
        """
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self.close)
        if linger is None:
            linger = self.end_linger if self._last_kind == "end" else 0.0
        if linger > 0:
            self.wait_idle(linger)
        for proc in self._children:
            if not _has_exited(proc):
                self._signal(proc, kill=False)
        deadline = time.monotonic() + self.grace
        for proc in list(self._children):
            self._finish(proc, deadline)
        self._children.clear()
        self._current = None

    # -- internals ---------------------------------------------------------------------

    def _start(self, phrase: str, kind: str) -> None:
        import subprocess

        popen = self._popen or subprocess.Popen
        options: dict[str, Any] = {
            "stdin": subprocess.DEVNULL,
            "stdout": subprocess.DEVNULL,
            "stderr": subprocess.DEVNULL,
        }
        if os.name == "posix":
            options["start_new_session"] = True  # our own group: stop it whole, no tty signals
        else:  # pragma: no cover - Windows only
            options["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
        try:
            proc = popen(engine_argv(self.engine, phrase), **options)
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self._note(
                f"The speech program {self.engine[0]!r} could not be started ({reason}); "
                "the routine goes on without the voice."
            )
            self._broken = True
            return
        self._current = proc
        self._current_kind = kind
        self._children.append(proc)
        self.spawned.append(proc)
        self.spoken.append(phrase)

    def _busy(self) -> bool:
        return self._current is not None and self._current.poll() is None

    def _stop(self, proc: subprocess.Popen[bytes] | None) -> None:
        if proc is not None and proc.poll() is None:
            self._signal(proc, kill=False)
        self._current = None

    def _signal(self, proc: subprocess.Popen[bytes], *, kill: bool) -> None:
        """Terminate (or kill) a phrase process and anything it started in its group."""
        self._stopped.add(proc.pid)
        try:
            if os.name == "posix":
                import signal

                # start_new_session: its pid is its group id
                os.killpg(proc.pid, signal.SIGKILL if kill else signal.SIGTERM)
            elif kill:  # pragma: no cover - Windows only
                proc.kill()
            else:  # pragma: no cover - Windows only
                proc.terminate()
        except (ProcessLookupError, PermissionError):
            # The group is gone (or the leader changed it): fall back to the process itself.
            with contextlib.suppress(OSError):
                proc.kill() if kill else proc.terminate()
        except OSError:
            pass

    def _finish(self, proc: subprocess.Popen[bytes], deadline: float) -> None:
        """Wait (until ``deadline``) for a process to exit, kill its group, then reap it."""
        if not _wait_exit(proc, deadline):
            self._signal(proc, kill=True)
            if not _wait_exit(proc, time.monotonic() + 2.0):  # pragma: no cover - unkillable
                self._note(f"A speech process (pid {proc.pid}) would not stop.")
                return
        self._clear_group(proc)
        proc.wait()  # it has exited: this only collects its exit code
        self._record_exit(proc)

    def _clear_group(self, proc: subprocess.Popen[bytes]) -> None:
        """SIGKILL what is left of a stopped process's group, while the exited (not yet
        reaped) process still holds the group's id, so the id cannot belong to anyone else."""
        if os.name != "posix" or proc.pid not in self._stopped or proc.returncode is not None:
            return
        import signal

        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)

    def _reap(self) -> None:
        """Collect finished phrase processes so none lingers as a zombie."""
        for proc in list(self._children):
            if _has_exited(proc):
                self._clear_group(proc)
                proc.poll()
                self._children.remove(proc)
                self._record_exit(proc)
                if proc is self._current:
                    self._current = None

    def _record_exit(self, proc: subprocess.Popen[bytes]) -> None:
        code = proc.returncode
        if code and proc.pid not in self._stopped:
            self._note(
                f"The speech program {self.engine[0]!r} failed (exit code {code}); "
                "cues went on without it."
            )

    def _note(self, text: str) -> None:
        if text not in self.problems:
            self.problems.append(text)


def _has_exited(proc: subprocess.Popen[bytes]) -> bool:
    """Whether a process has exited, without reaping it where the system allows (``waitid``
    with WNOWAIT), so its pid, and so its process group's id, stay reserved until we reap."""
    if proc.returncode is not None:
        return True
    waitid = getattr(os, "waitid", None)
    if waitid is None:  # pragma: no cover - macOS before Python 3.13, Windows
        return proc.poll() is not None
    try:
        return waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT | os.WNOHANG) is not None
    except ChildProcessError:  # already reaped elsewhere
        return proc.poll() is not None


def _wait_exit(proc: subprocess.Popen[bytes], deadline: float) -> bool:
    """Wait until ``deadline`` (monotonic) for a process to exit, without reaping it."""
    while not _has_exited(proc):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.005)
    return True


# --------------------------------------------------------------------------- wiring


def no_engine_warning(*, platform: str = sys.platform) -> str:
    """The one warning shown when --voice is asked for but nothing can speak."""
    tried = ", ".join(engines_tried(platform=platform))
    return (
        f"No speech program was found (looked for {tried}), so the routine will ring the "
        "bell at each step instead; install one or set --voice-command."
    )


def build_sinks(
    *,
    voice: str | bool | None,
    voice_command: str | None,
    bell: bool | None,
    stream: IO[str] | None = None,
    platform: str = sys.platform,
    which: Callable[[str], str | None] = shutil.which,
) -> tuple[list[CueSink], list[str]]:
    """The cue sinks asked for by --voice/--voice-command/--bell, and warnings to show first.

    ``voice`` is a mode ("short", "full", "off") or a profile's true/false (true: short).
    A voice command on its own means ``--voice=short``. When no speech program can be found
    the routine falls back to the bell, with one warning. Raises UsageError for a voice
    command that cannot be parsed.
    """
    sinks: list[CueSink] = []
    warnings: list[str] = []
    if isinstance(voice, bool):
        voice = "short" if voice else "off"
    if voice is None and voice_command:
        voice = "short"
    want_bell = bool(bell)
    if voice in ("short", "full"):
        engine: list[str] | None
        if voice_command:
            engine = split_command(voice_command, platform=platform)
            if not command_exists(engine[0], which=which):
                warnings.append(
                    f"The voice command's program {engine[0]!r} was not found, so the "
                    "routine will ring the bell at each step instead."
                )
                engine = None
        else:
            engine = find_engine(platform=platform, which=which)
            if engine is None:
                warnings.append(no_engine_warning(platform=platform))
        if engine is None:
            want_bell = True
        else:
            sinks.append(Voice(engine, mode=voice))
    if want_bell:
        sinks.append(Bell(stream))
    return sinks, warnings
