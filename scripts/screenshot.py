"""Regenerate docs/routine.svg: the live routine screen, as Rich draws it, for the README.

The frame comes from the real code path: the built-in catalogue, the planner, and the
routine screen of ``stretchcoach.ui.routine`` (the runner's View), stopped part-way through
a hold. Rich records it and exports an SVG, so the picture is always what users see.

    .venv/bin/python scripts/screenshot.py            # rewrite docs/routine.svg
    .venv/bin/python scripts/screenshot.py --check    # exit 1 if it is out of date

Everything is fixed (seed, width, the moment shown), so the output is reproducible.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from stretchcoach import catalogue as catalogue_mod  # noqa: E402
from stretchcoach.planner import plan_routine  # noqa: E402
from stretchcoach.routine import Assessment, Phase, Plan, PlannedExercise  # noqa: E402
from stretchcoach.ui import routine as routine_ui  # noqa: E402

OUTPUT = REPO / "docs" / "routine.svg"
WIDTH = 84
#: Tall enough for the whole panel (the live screen drops the steps on short terminals).
HEIGHT = 40
TITLE = "stretchcoach start --cause posture --severity 3 --voice --bell"
#: Which routine, and the moment shown: part-way through the first hold of a per-side exercise.
CAUSE, SEVERITY, MINUTES, SEED = "posture", 3, 10, 1


def hold_elapsed(phase: Phase) -> int:
    """Seconds into the hold at the moment shown: about half-way (one second at least)."""
    return max(1, phase.seconds // 2)


def pick_moment(plan: Plan) -> tuple[int, PlannedExercise, Phase, float]:
    """The exercise (1-based index), hold phase and routine seconds left at the moment shown."""
    items = list(plan.items)
    # Prefer a per-side exercise that is not the opener, so the screen shows a side and a rep,
    # and the one with the shortest steps, so the picture stays small.
    order = sorted(
        range(len(items)),
        key=lambda i: (not items[i].per_side, i == 0, len(" ".join(items[i].exercise.steps)), i),
    )
    index = order[0]
    item = items[index]
    phases = item.phases()
    k = next(n for n, p in enumerate(phases) if p.kind == "hold")
    phase = phases[k]
    elapsed = hold_elapsed(phase)
    later = sum(p.seconds for p in phases[k + 1 :]) + sum(it.seconds for it in items[index + 1 :])
    return index + 1, item, phase, float(phase.seconds - elapsed + later)


def render_frame(plan: Plan) -> Any:
    """Drive the routine view to the chosen moment and return the frame it would draw."""
    from rich.console import Console

    scratch = Console(
        file=io.StringIO(), force_terminal=True, width=WIDTH, height=HEIGHT, no_color=False
    )
    # No figure in the screenshot: an SVG of terminal text draws braille and block glyphs
    # with whatever font the viewer has, which can scatter them; the README shows the
    # figures as real SVG drawings instead (docs/poses/).
    view = routine_ui.RoutineView(plain=False, out=scratch, figures="off")
    index, item, phase, left = pick_moment(plan)
    elapsed = float(hold_elapsed(phase))
    remaining = phase.seconds - elapsed
    try:
        view.exercise_started(
            index=index, total=len(plan.items), item=item, routine_left=left + elapsed
        )
        view.phase_started(phase=phase, item=item, routine_left=left + elapsed)
        view.tick(phase=phase, remaining=remaining, elapsed=elapsed, routine_left=left)
        # The view keeps what it would redraw; ask for exactly that frame.
        frame = view.render()
    finally:
        view.close()
    return frame


def svg() -> str:
    """The SVG text of the screenshot."""
    from rich.console import Console

    cat = catalogue_mod.load(catalogue_mod.packaged_path())
    plan = plan_routine(Assessment(CAUSE, SEVERITY), cat, minutes=MINUTES, seed=SEED)
    out = Console(
        file=io.StringIO(),
        record=True,
        force_terminal=True,
        color_system="truecolor",
        no_color=False,
        width=WIDTH,
        height=HEIGHT,
        legacy_windows=False,
    )
    out.print(render_frame(plan))
    return out.export_svg(title=TITLE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the SVG")
    parser.add_argument(
        "--check", action="store_true", help="only check that the SVG is up to date"
    )
    args = parser.parse_args(argv)
    text = svg()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run scripts/screenshot.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date.")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"Wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
