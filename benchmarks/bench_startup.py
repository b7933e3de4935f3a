"""How quickly stretchcoach starts, compared with the libraries it cannot avoid importing.

Runs each pair of commands interleaved (A, B, A, B, ...) so background noise hits both
alike, and reports the median wall time of each and their ratio. Targets: both ratios <= 1.3.

  stretchcoach --help
      vs  python -c "import click"
  stretchcoach list --cause posture --format json
      vs  python -c "import click, yaml, rich.console, rich.table"

Uses the installed ``stretchcoach`` console script beside this Python when there is one,
else ``python -m stretchcoach``. Run from the repository root:

  .venv/bin/python benchmarks/bench_startup.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 1.3


def stretchcoach_command() -> list[str]:
    """The console script next to sys.executable, or ``python -m stretchcoach``."""
    bindir = str(Path(sys.executable).parent)
    found = shutil.which("stretchcoach", path=bindir)
    return [found] if found else [sys.executable, "-m", "stretchcoach"]


def run_once(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def compare(name: str, ours: list[str], base: list[str], rounds: int, env: dict[str, str]) -> float:
    run_once(ours, env)  # warm the file cache and .pyc files first
    run_once(base, env)
    a: list[float] = []
    b: list[float] = []
    for _ in range(rounds):
        a.append(run_once(ours, env))
        b.append(run_once(base, env))
    ma, mb = statistics.median(a), statistics.median(b)
    ratio = ma / mb
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"{name}")
    print(f"  stretchcoach: {ma * 1000:7.1f} ms   baseline: {mb * 1000:7.1f} ms")
    print(f"  ratio {ratio:.2f} (target <= {TARGET_RATIO}): {verdict}")
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Startup time of stretchcoach vs its imports.")
    parser.add_argument("--rounds", type=int, default=15, help="interleaved runs of each pair")
    args = parser.parse_args(argv)

    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("STRETCHCOACH_CATALOGUE", None)
    # Measure what a user sees: compiled bytecode cached as Python normally does (an
    # installed package has its .pyc files). The cache goes to a temporary folder so the
    # source tree stays clean, and PYTHONDONTWRITEBYTECODE would otherwise recompile
    # stretchcoach on every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cache = tempfile.mkdtemp(prefix="stretchcoach-bench-pyc-")
    env["PYTHONPYCACHEPREFIX"] = cache
    ours = stretchcoach_command()
    py = [sys.executable]
    print(f"stretchcoach command: {' '.join(ours)}  ({args.rounds} interleaved rounds)")
    ratios = [
        compare(
            "stretchcoach --help  vs  import click",
            [*ours, "--help"],
            [*py, "-c", "import click"],
            args.rounds,
            env,
        ),
        compare(
            "stretchcoach list --cause posture --format json  vs  import click, yaml, rich",
            [*ours, "list", "--cause", "posture", "--format", "json"],
            [*py, "-c", "import click, yaml, rich.console, rich.table"],
            args.rounds,
            env,
        ),
    ]
    shutil.rmtree(cache, ignore_errors=True)
    return 0 if all(r <= TARGET_RATIO for r in ratios) else 1


if __name__ == "__main__":
    raise SystemExit(main())
