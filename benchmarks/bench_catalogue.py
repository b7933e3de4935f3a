"""How long a big catalogue takes to validate and filter, and whether it grows linearly.

Generates catalogues of 1,000 to 10,000 valid exercises (varied the way real ones are),
then times ``catalogue.parse`` plus a typical ``filter`` call, taking the median of several
runs. The target: 10,000 exercises in under 1 second, with time per 1,000 roughly constant.

Run from the repository root:  .venv/bin/python benchmarks/bench_catalogue.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stretchcoach import catalogue

SIZES = (1_000, 2_500, 5_000, 10_000)
TARGET_SECONDS = 1.0


def generate(count: int) -> str:
    """A valid catalogue of ``count`` exercises, written as a person would write YAML."""
    out: list[str] = ["# generated benchmark catalogue", ""]
    causes, kinds, positions = catalogue.CAUSES, catalogue.KINDS, catalogue.POSITIONS
    for i in range(count):
        suits = [causes[(i + j) % len(causes)] for j in range(1 + i % 4)]
        out += [
            f"- id: exercise-{i}",
            f"  name: Generated exercise number {i}",
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


def time_once(raw: bytes) -> float:
    start = time.perf_counter()
    cat = catalogue.parse(raw, source="bench.yaml")
    found = cat.filter(cause="posture", severity=3, positions=("seated", "standing"))
    elapsed = time.perf_counter() - start
    assert len(cat) > 0
    assert isinstance(found, list)
    return elapsed


def once_failing(raw: bytes) -> float:
    """Milliseconds to find the problems in a catalogue that has some."""
    start = time.perf_counter()
    try:
        catalogue.parse(raw, source="bench.yaml")
    except catalogue.CatalogueError:
        return (time.perf_counter() - start) * 1000
    raise AssertionError("the broken catalogue should not validate")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per size (median is kept)")
    args = parser.parse_args(argv)

    import yaml

    loader = "CSafeLoader (libyaml)" if getattr(yaml, "__with_libyaml__", False) else "SafeLoader"
    print(f"PyYAML {yaml.__version__}, {loader}, Python {sys.version.split()[0]}")
    print(f"{'exercises':>10} {'median ms':>10} {'ms / 1000':>10}")
    per_thousand: list[float] = []
    median_10k = 0.0
    for size in SIZES:
        raw = generate(size).encode("utf-8")
        time_once(raw)  # warm-up run, not counted (first-use imports, caches, allocator)
        times = [time_once(raw) for _ in range(args.runs)]
        median = statistics.median(times)
        per_thousand.append(median * 1000 / (size / 1000))
        print(f"{size:>10} {median * 1000:>10.1f} {per_thousand[-1]:>10.1f}")
        if size == 10_000:
            median_10k = median
    spread = max(per_thousand) / min(per_thousand)
    ok = median_10k < TARGET_SECONDS
    print(
        f"10,000 exercises: {median_10k * 1000:.0f} ms "
        f"({'under' if ok else 'OVER'} the {TARGET_SECONDS * 1000:.0f} ms target)"
    )
    print(f"linearity: slowest/fastest ms per 1000 = {spread:.2f} (1.00 is perfectly linear)")

    # Not part of the target, shown for information (one run each):
    # a file with a mistake (the fast reader locates it by line, as the full path would) ...
    broken = generate(10_000).replace("  reps: 1\n", "  reps: 0\n", 1).encode("utf-8")
    print(f"10,000 exercises, one mistake: {once_failing(broken):.0f} ms")
    # ... and a file outside the fast reader's plain subset (quoted names), read by full YAML.
    quoted = (
        generate(10_000)
        .replace("  name: Generated", "  name: 'Generated")
        .replace("\n  kind:", "'\n  kind:")
    )
    start = time.perf_counter()
    assert len(catalogue.parse(quoted.encode("utf-8"), source="bench.yaml")) == 10_000
    elapsed = (time.perf_counter() - start) * 1000
    print(f"10,000 exercises, names in quotes (full YAML path): {elapsed:.0f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
