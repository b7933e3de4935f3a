"""How long a catalogue takes to load the first time (YAML and validation) and the second
time (from the cache of validated catalogues), start-up included.

Generates valid catalogues of 1,000 to 10,000 exercises (varied the way real ones are),
then runs a fresh ``python`` for each load, with an empty cache for the first load and the
cache it left for the second. A baseline, measured in the same run and interleaved with the
loads, is a fresh ``python -c "import stretchcoach.catalogue"``: start-up and the import,
no file read. Medians of several runs are reported, with ratios to the baseline.
The target: the second load of 10,000 exercises in under about 0.5 s, start-up included.

Run from the repository root:  .venv/bin/python benchmarks/bench_catalogue.py [--runs 5]
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stretchcoach import catalogue

SIZES = (1_000, 2_500, 5_000, 10_000)
#: Seconds for the second (cached) load of 10,000 exercises, start-up included.
TARGET_SECONDS = 0.5
BASELINE = "import stretchcoach.catalogue"


def generate(count: int) -> str:
    """A valid catalogue of ``count`` exercises, written as a person would write YAML."""
    out: list[str] = ["# generated benchmark catalogue", ""]
    causes, kinds, positions = catalogue.CAUSES, catalogue.KINDS, catalogue.POSITIONS
    for i in range(count):
        suits = [causes[(i + j) % len(causes)] for j in range(1 + i % 4)]
        out += [
            f"- id: exercise-{i}",
            f"  name: Generated exercise number {i}",
            "  why: Eases the stiffness that builds up after long sitting",
            f"  kind: {kinds[i % len(kinds)]}",
            f"  position: {positions[i % len(positions)]}",
            f"  causes: [{', '.join(suits)}]",
            f"  max_severity: {i % 11}",
            f"  hold_seconds: {10 + i % 30}",
            f"  reps: {1 + i % 5}",
            f"  per_side: {'true' if i % 2 else 'false'}",
            *(["  sides: in-turn"] if i % 2 else []),  # in turn suits every position
            "  rest_seconds: 10",
            "  movements: [flexion]",
            "  breathing: steady",
            "  steps:",
            "    - Settle into the starting position and breathe out slowly.",
            "    - Move gently into the stretch until you feel a mild pull.",
            "    - Hold it, breathing easily, then come back the way you went.",
            "  stop_if: Stop if the pain becomes sharp or spreads down a leg.",
            "  equipment: [mat]" if i % 3 else "  equipment: []",
            f"  easier: exercise-{i - 1}" if i % 10 and i else "  easier: null",
            "  harder: null",
            "",
        ]
    return "\n".join(out)


def run(code: str, env: dict[str, str]) -> float:
    """Seconds for a fresh interpreter to run ``code``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def load_code(path: Path, count: int) -> str:
    return (
        "from stretchcoach import catalogue\n"
        f"cat = catalogue.load({str(path)!r})\n"
        f"assert len(cat) == {count}\n"
        "cat.filter(cause='posture', severity=3, positions=('seated', 'standing'))\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per size (median is kept)")
    args = parser.parse_args(argv)

    import yaml

    loader = "CSafeLoader (libyaml)" if getattr(yaml, "__with_libyaml__", False) else "SafeLoader"
    print(f"PyYAML {yaml.__version__}, {loader}, Python {sys.version.split()[0]}")
    folder = Path(tempfile.mkdtemp(prefix="bench-catalogue-"))
    cache = folder / "cache"
    env = {**os.environ, "STRETCHCOACH_CACHE": str(cache)}
    env.pop("STRETCHCOACH_CATALOGUE", None)
    try:
        run(BASELINE, env)  # warm the file system and bytecode caches, not counted
        rows = []
        baselines: list[float] = []
        for size in SIZES:
            path = folder / f"catalogue-{size}.yaml"
            path.write_text(generate(size), encoding="utf-8")
            code = load_code(path, size)
            firsts, seconds = [], []
            for _ in range(args.runs):
                shutil.rmtree(cache, ignore_errors=True)
                baselines.append(run(BASELINE, env))
                firsts.append(run(code, env))
                seconds.append(run(code, env))
            rows.append((size, statistics.median(firsts), statistics.median(seconds)))
        base = statistics.median(baselines)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    print(f"baseline (python -c '{BASELINE}'): {base * 1000:.0f} ms")
    print(
        f"{'exercises':>10} {'first ms':>9} {'second ms':>10} "
        f"{'first/base':>11} {'second/base':>12} {'first/second':>13}"
    )
    second_10k = 0.0
    for size, first, second in rows:
        print(
            f"{size:>10} {first * 1000:>9.0f} {second * 1000:>10.0f} "
            f"{first / base:>11.1f} {second / base:>12.2f} {first / second:>13.1f}"
        )
        if size == 10_000:
            second_10k = second
    ok = second_10k < TARGET_SECONDS
    print(
        f"10,000 exercises, second load: {second_10k * 1000:.0f} ms "
        f"({'under' if ok else 'OVER'} the {TARGET_SECONDS * 1000:.0f} ms target)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
