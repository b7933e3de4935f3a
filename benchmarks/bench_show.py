"""How quickly ``stretchcoach show`` draws an exercise with its figure, against the bare imports
of a Rich panel, measured in the same run.

  stretchcoach show cat-cow --figure        (COLUMNS=100: the figure beside the steps)
      vs  python -c "import click, yaml, rich.console, rich.table, rich.panel"

``--figure`` forces the figure path although the output here is a pipe, not a terminal
(there it would otherwise be left out), so the figures package, the solver and the renderer
are all loaded and run. Runs interleaved (A, B, A, B, ...) so background noise hits both
alike, and reports the median wall time of each and their ratio. Target: ratio <= 1.3.
The same panel with ``--no-figure`` is measured too, for reference, so the figure's own
share of the time can be read off.

  .venv/bin/python benchmarks/bench_show.py [--rounds 15] [--exercise cat-cow]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_startup import TARGET_RATIO, compare, stretchcoach_command

BASELINE = "import click, yaml, rich.console, rich.table, rich.panel"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="show ID with its figure vs a Rich panel's imports."
    )
    parser.add_argument("--rounds", type=int, default=15, help="interleaved runs of each")
    parser.add_argument("--exercise", default="cat-cow", help="the exercise to show")
    args = parser.parse_args(argv)

    env = {**os.environ, "COLUMNS": "100", "LINES": "40", "TERM": "xterm"}
    for name in (
        "STRETCHCOACH_CATALOGUE",
        "STRETCHCOACH_PLAIN",
        "STRETCHCOACH_FIGURES",
        "NO_COLOR",
    ):
        env.pop(name, None)
    # As bench_startup.py: compiled bytecode cached as an installed package has it, in a
    # temporary folder so the source tree stays clean (PYTHONDONTWRITEBYTECODE would
    # otherwise recompile everything on every run).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cache = tempfile.mkdtemp(prefix="stretchcoach-bench-pyc-")
    env["PYTHONPYCACHEPREFIX"] = cache
    # A home of its own, so a config file (plain: true, figures: off) cannot hide the figure.
    home = tempfile.mkdtemp(prefix="stretchcoach-bench-home-")
    env["STRETCHCOACH_HOME"] = home
    ours = [*stretchcoach_command(), "show", args.exercise, "--figure"]
    check = subprocess.run(ours, env=env, capture_output=True, text=True, check=False)
    drawn = any("\u2801" <= c <= "\u28ff" for c in check.stdout)
    if check.returncode != 0 or not drawn:
        print(f"'{' '.join(ours)}' drew no figure: {check.stderr.strip()}", file=sys.stderr)
        return 1
    print(f"stretchcoach command: {' '.join(ours)}  ({args.rounds} interleaved rounds)")
    try:
        ratio = compare(
            f"stretchcoach show {args.exercise} --figure  vs  {BASELINE}",
            ours,
            [sys.executable, "-c", BASELINE],
            args.rounds,
            env,
        )
        # For reference (not part of the verdict): the same panel without its figure, so
        # the figure's own share of the time can be read off.
        compare(
            f"stretchcoach show {args.exercise} --no-figure  vs  {BASELINE}  (reference)",
            [*ours[:-1], "--no-figure"],
            [sys.executable, "-c", BASELINE],
            args.rounds,
            env,
        )
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
