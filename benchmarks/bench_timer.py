"""Timer accuracy of `stretchcoach start`: does a routine take exactly its planned time?

Runs real `stretchcoach start` processes non-interactively (stdout to /dev/null) and compares
wall time with plan.total_seconds / speed, after subtracting start-up measured with the same
command at an enormous speed (where the routine itself takes well under a millisecond).

Start-up varies by tens of milliseconds from run to run (imports, a busy machine), so each
case is also timed from inside the output: the moment the first exercise line appears to the
moment the summary line appears, read from an unbuffered pipe. That figure isolates the
timer itself. The pass/fail target applies to the median start-up-corrected error and to
every in-output measurement.

Two checks (target: within ±0.1 s):
  1. the built-in catalogue, a 10-minute plan at --speed 100 (6.0 s of routine);
  2. a plan of many short holds against one of few long holds, from custom catalogues,
     each about 10 minutes: the error must not grow with the number of steps.

Run from the repository root:  .venv/bin/python benchmarks/bench_timer.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEED = 100.0
BASELINE_SPEED = 1_000_000.0
TARGET = 0.1
ROUTINE = ["--cause", "posture", "--severity", "2", "--minutes", "10", "--seed", "11"]


def command(*args: str, catalogue: Path | None = None) -> list[str]:
    root = [sys.executable, "-m", "stretchcoach"]
    if catalogue is not None:
        root += ["--catalogue", str(catalogue)]
    return [*root, *args]


def env(home: str) -> dict[str, str]:
    out = dict(os.environ, STRETCHCOACH_HOME=home, NO_COLOR="1")
    out.pop("STRETCHCOACH_CATALOGUE", None)
    return out


def wall_time(cmd: list[str], home: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
        cwd=REPO,
        env=env(home),
    )
    return time.perf_counter() - started


def planned(catalogue: Path | None, home: str) -> tuple[int, int]:
    """(total_seconds, number of timed phases) of the plan `start` will run."""
    out = subprocess.run(
        command("plan", *ROUTINE, "--format", "json", catalogue=catalogue),
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env=env(home),
    ).stdout
    doc = json.loads(out)
    phases = 0
    for ex in doc["exercises"]:
        sides = 2 if ex["per_side"] else 1
        reps = ex["reps"]
        rests = (reps - 1) if ex["rest_seconds"] else 0
        phases += 1 + reps * sides + reps * (sides - 1) + rests
    return doc["total_seconds"], phases


def timed_lines(cmd: list[str], home: str) -> tuple[float, float, float]:
    """Run with unbuffered output to a pipe: (first exercise line, summary line, exit) times."""
    environ = dict(env(home), PYTHONUNBUFFERED="1")
    started = time.perf_counter()
    first = summary = float("nan")
    with subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
        env=environ,
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            now = time.perf_counter() - started
            if line.startswith("Exercise 1 of") and first != first:
                first = now
            elif line.startswith("Session summary"):
                summary = now
    return first, summary, time.perf_counter() - started


def measure(label: str, catalogue: Path | None, repeat: int) -> float:
    """Print the figures for one plan; return the worst absolute error (seconds)."""
    with tempfile.TemporaryDirectory() as home:
        total, phases = planned(catalogue, home)
        start = ["start", *ROUTINE, "--screened", "--yes", "--plain"]
        expected = total / SPEED
        errors, walls, bases, inner = [], [], [], []
        for _ in range(repeat):
            # Interleave baseline and timed runs so machine load affects both alike.
            base = wall_time(
                command(*start, "--speed", str(BASELINE_SPEED), catalogue=catalogue), home
            )
            wall = wall_time(command(*start, "--speed", str(SPEED), catalogue=catalogue), home)
            walls.append(wall)
            bases.append(base)
            errors.append(wall - base - expected)
            first, summary, _ = timed_lines(
                command(*start, "--speed", str(SPEED), catalogue=catalogue), home
            )
            inner.append(summary - first - expected)
    worst = max(abs(statistics.median(errors)), max(abs(e) for e in inner))
    print(
        f"{label}: {total} s planned, {phases} timed steps; expected {expected:.3f} s at "
        f"{SPEED:g}x\n"
        f"  wall {statistics.median(walls):.3f} s - start-up {statistics.median(bases):.3f} s "
        f"(medians of {repeat}): error median {statistics.median(errors):+.3f} s, "
        f"range {min(errors):+.3f}..{max(errors):+.3f} s\n"
        f"  first exercise line to summary line: error {statistics.mean(inner):+.4f} s mean, "
        f"range {min(inner):+.4f}..{max(inner):+.4f} s "
        f"[{'ok' if worst <= TARGET else 'OVER TARGET'}]"
    )
    return worst


def exercise_yaml(
    id: str, kind: str, *, hold: int, reps: int, per_side: bool, rest: int, position: str
) -> str:
    return f"""
- id: {id}
  name: {id.replace("-", " ").capitalize()}
  kind: {kind}
  position: {position}
  causes: [posture]
  max_severity: 6
  hold_seconds: {hold}
  reps: {reps}
  per_side: {str(per_side).lower()}
  rest_seconds: {rest}
  steps:
    - Sit or stand comfortably.
    - Move slowly and gently.
    - Come back to the start.
  stop_if: Stop if anything hurts sharply.
"""


def custom_catalogue(folder: Path, name: str, *, hold: int, reps: int, rest: int) -> Path:
    """A small catalogue where every exercise has the same dose (short or long holds)."""
    parts = []
    kinds = ["breathing", "mobility", "stretch", "stretch", "strength", "stretch", "relief"]
    for n, kind in enumerate(kinds * 3):
        parts.append(
            exercise_yaml(
                f"{name}-{kind}-{n}",
                kind,
                hold=hold,
                reps=reps,
                per_side=n % 2 == 1,
                rest=rest,
                position="seated" if n % 3 else "standing",
            )
        )
    path = folder / f"{name}.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (default 3)")
    args = parser.parse_args()
    print(f"speed {SPEED:g}x, start-up measured at {BASELINE_SPEED:g}x, target ±{TARGET} s\n")
    worst = [measure("built-in catalogue", None, args.repeat)]
    with tempfile.TemporaryDirectory() as folder:
        short = custom_catalogue(Path(folder), "short", hold=2, reps=20, rest=1)
        long = custom_catalogue(Path(folder), "long", hold=120, reps=1, rest=0)
        worst.append(measure("many short holds (2 s)", short, args.repeat))
        worst.append(measure("few long holds (120 s)", long, args.repeat))
    ok = all(w <= TARGET for w in worst)
    print(f"\n{'PASS' if ok else 'FAIL'}: worst error {max(worst):.3f} s (target {TARGET} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
