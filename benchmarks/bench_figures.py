"""How long drawing one exercise figure takes, compared with a simple baseline.

Draws the seated figure-four (two views' worth of solving, contacts, occlusion) as a 32×12
braille figure at a moment between keyframes, many times, and takes the median per drawing.
The baseline, measured in the same run, is formatting a 32×12 block of text cell by cell,
the least any terminal drawing of that size must do. Target: under 2 ms a drawing.

Each timed drawing uses a new moment ``t`` so no cached solution is reused, as in an
animation where every frame differs. Run from the repository root:

  .venv/bin/python benchmarks/bench_figures.py [--rounds 7] [--draws 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from stretchcoach import figures

TARGET_MS = 2.0
CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "exercises.yaml"


def load(ex_id: str) -> figures.Figure:
    with CATALOGUE.open(encoding="utf-8") as fh:
        for entry in yaml.safe_load(fh):
            if entry["id"] == ex_id:
                return figures.parse(entry["figure"])
    raise SystemExit(f"{ex_id} has no figure in {CATALOGUE}")


def baseline(width: int, height: int) -> list[str]:
    """A 32×12 text block built cell by cell: the floor any drawing of that size pays."""
    return [
        "".join(chr(0x2800 + ((row * col) & 0xFF)) for col in range(width)) for row in range(height)
    ]


def time_per_call(fn: object, draws: int, rounds: int) -> float:
    results: list[float] = []
    for r in range(rounds):
        start = time.perf_counter()
        for i in range(draws):
            fn(((r * draws + i) % 9973) / 9973)  # type: ignore[operator]
        results.append((time.perf_counter() - start) / draws)
    return statistics.median(results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time drawing one figure.")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--draws", type=int, default=200)
    args = parser.parse_args(argv)
    ok = True
    for ex_id, style in (("seated-figure-four", "braille"), ("cat-cow", "blocks")):
        fig = load(ex_id)
        figures.draw(fig, style=style)  # warm imports and the per-figure bounds

        def draw(t: float, fig: figures.Figure = fig, style: str = style) -> None:
            figures.draw(fig, style=style, width=32, height=12, t=t)

        ours = time_per_call(draw, args.draws, args.rounds)
        base = time_per_call(lambda t: baseline(32, 12), args.draws, args.rounds)
        verdict = "ok" if ours * 1000 < TARGET_MS else "OVER TARGET"
        ok = ok and ours * 1000 < TARGET_MS
        print(f"draw {ex_id} ({style}, 32x12, new t each time)")
        print(f"  figure: {ours * 1000:7.3f} ms   baseline: {base * 1000:7.3f} ms")
        print(f"  ratio {ours / base:.1f}x the baseline; target < {TARGET_MS} ms: {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
