"""A solved pose as flat 2D shapes for one view: what both the terminal and SVG draw.

Each shape knows its layer (``far`` limbs hide under ``near`` ones and the trunk; ``prop``
lies underneath), its weight (2 near, 1 far) and whether it is the working limb.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from stretchcoach.figures.model import Figure
from stretchcoach.figures.pose import HEAD_R, LEVELS, Points, Solved, solve_at

LEG = ("hip", "knee", "ankle", "toe")
ARM = ("shoulder", "elbow", "hand")
LIMB_PARTS = {
    "leg": ("leg",),
    "hip": ("leg",),
    "knee": ("leg",),
    "arm": ("arm",),
    "shoulder": ("arm",),
    "trunk": ("trunk",),
    "neck": ("trunk",),
}


@dataclass(frozen=True)
class Shape:
    """A polyline (or a circle when ``radius`` > 0) in 2D body units, y up."""

    points: tuple[tuple[float, float], ...]
    layer: str  # "prop", "far", "near"
    weight: int  # 1 or 2 dots
    working: bool = False
    kind: str = "line"  # "line", "head", "nose", "floor", "mat", "prop"
    radius: float = 0.0


def project(p: tuple[float, float, float], view: str) -> tuple[float, float]:
    """Side view: forwards across; front view: the figure's right on the viewer's left."""
    return (-p[2], p[1]) if view == "front" else (p[0], p[1])


def _working_parts(fig: Figure) -> tuple[str, ...]:
    return LIMB_PARTS.get(fig.limb, ()) if fig.working != "none" else ()


def body_shapes(fig: Figure, solved: Solved, view: str) -> list[Shape]:
    """The body: trunk, head, nose and four limbs, with layers and weights for ``view``."""
    pts = solved.points
    parts = _working_parts(fig)
    one_sided = fig.working in ("left", "right")
    shapes: list[Shape] = []

    def line(names: tuple[str, ...], layer: str, weight: int, working: bool = False) -> None:
        shapes.append(Shape(tuple(project(pts[n], view) for n in names), layer, weight, working))

    spine = ("pelvis", *sorted(k for k in pts if k.startswith("spine")), "neck")
    trunk_works = "trunk" in parts
    line(spine, "near", 2, trunk_works)
    if view == "front":
        line(("left.shoulder", "neck", "right.shoulder"), "near", 1, trunk_works)
        line(("left.hip", "pelvis", "right.hip"), "near", 1, trunk_works)
    head = project(pts["head"], view)
    neck = project(pts["neck"], view)
    dx, dy = head[0] - neck[0], head[1] - neck[1]
    dist = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    chin = (head[0] - dx / dist * HEAD_R, head[1] - dy / dist * HEAD_R)
    if dist > HEAD_R:
        shapes.append(Shape((neck, chin), "near", 2, trunk_works))
    shapes.append(Shape((head,), "near", 2, False, "head", HEAD_R))
    if view == "side":
        shapes.append(Shape((project(pts["nose"], view),), "near", 1, False, "nose"))
    for side in ("left", "right"):
        for part, chain in (("leg", LEG), ("arm", ARM)):
            working = part in parts and (side == "right" or not one_sided)
            names = tuple(f"{side}.{n}" for n in chain)
            if view == "side":
                layer, weight = ("near", 2) if side == "right" else ("far", 1)
            else:
                layer = "near"
                weight = 2 if (working or not one_sided or not parts) else 1
            line(names, layer, weight, working)
    return shapes


def _span(pts: Points, names: list[str], view: str) -> tuple[float, float]:
    xs = [project(pts[n], view)[0] for n in names]
    return min(xs), max(xs)


def prop_shapes(fig: Figure, solved: Solved, view: str) -> list[Shape]:
    """Props placed from the start pose: mat under the body, chair under the pelvis, and so on."""
    pts = solved.points
    props = set(fig.props)
    out: list[Shape] = []
    body = [n for n in pts if n != "nose"]
    lo, hi = _span(pts, body, view)
    resting = [p for p, s in solved.on]
    if "mat" in props:
        low = [n for n in body if pts[n][1] < 10.0] or resting
        a, b = _span(pts, low, view)
        out.append(Shape(((a - 7, 1.0), (b + 7, 1.0)), "prop", 1, False, "mat"))
    pelvis = project(pts["pelvis"], view)
    seat_user = "pelvis" in resting
    contact_to = {b: a for a, b, _ in fig.keyframes[0].contacts}
    if "chair" in props:
        if seat_user:
            cx, back = pelvis[0], -1.0
        elif "seat" in contact_to:
            cx, back = project(pts[contact_to["seat"]], view)[0], 1.0
        else:
            cx, back = hi + 12, 1.0
        y = LEVELS["seat"]
        if view == "side":
            x0, x1 = (cx - 11, cx + 7) if back < 0 else (cx - 7, cx + 11)
            bx = x0 if back < 0 else x1
            out.append(Shape(((x0, y), (x1, y)), "prop", 1, False, "prop"))
            out.append(Shape(((x0 + 1, y), (x0 + 1, 0.0)), "prop", 1, False, "prop"))
            out.append(Shape(((x1 - 1, y), (x1 - 1, 0.0)), "prop", 1, False, "prop"))
            out.append(Shape(((bx, y), (bx, y + 26)), "prop", 1, False, "prop"))
        else:
            out.append(Shape(((cx - 10, y), (cx + 10, y)), "prop", 1, False, "prop"))
            out.append(Shape(((cx - 9, y), (cx - 9, 0.0)), "prop", 1, False, "prop"))
            out.append(Shape(((cx + 9, y), (cx + 9, 0.0)), "prop", 1, False, "prop"))
    if "ball" in props:
        r = LEVELS["seat"] / 2
        out.append(Shape(((pelvis[0], r),), "prop", 1, False, "ball", r))
    if "step" in props:
        on_step = [p for p, s in solved.on if s == "step"] or ["right.ankle", "right.toe"]
        a, b = _span(pts, on_step, view)
        h = LEVELS["step"]
        out.append(
            Shape(((a - 4, 0.0), (a - 4, h), (b + 4, h), (b + 4, 0.0)), "prop", 1, False, "prop")
        )
    if "wall" in props and view == "side":
        x = project(pts[contact_to["wall"]], view)[0] + 1.5 if "wall" in contact_to else lo - 2
        out.append(Shape(((x, 0.0), (x, 75.0)), "prop", 1, False, "prop"))
    if "table" in props:
        hand = contact_to.get("table", "right.hand")
        x = project(pts[hand], view)[0]
        y = LEVELS["table"]
        out.append(Shape(((x - 4, y), (x + 18, y)), "prop", 1, False, "prop"))
        out.append(Shape(((x + 16, y), (x + 16, 0.0)), "prop", 1, False, "prop"))
    if "pillow" in props:
        head = project(pts["head"], view)
        base = LEVELS["mat"] if "mat" in props else 0.0
        top = head[1] - HEAD_R
        if top - base < 8:
            y = max(top - 0.5, base + 1.0)
            out.append(Shape(((head[0] - 7, base), (head[0] + 7, y)), "prop", 1, False, "pillow"))
    if "towel" in props:
        on_towel = [p for p, s in solved.on if s == "towel"]
        for p in on_towel:
            x = project(pts[p], view)[0]
            out.append(Shape(((x - 5, 2.0), (x + 5, 2.0)), "prop", 2, False, "prop"))
    if "strap" in props:
        grip, toe = project(pts["right.hand"], view), project(pts["right.toe"], view)
        out.append(Shape((grip, toe), "prop", 1, False, "prop"))
    return out


def floor_shape(lo: float, hi: float) -> Shape:
    """The dotted floor line across the figure's width."""
    return Shape(((lo, 0.0), (hi, 0.0)), "prop", 1, False, "floor")


def sample_ts(fig: Figure) -> tuple[float, ...]:
    """Times at which to look for the figure's extent: every keyframe and between them."""
    n = len(fig.keyframes)
    if n == 1:
        return (0.0,)
    steps = 4 * (n - 1)
    return tuple(k / steps for k in range(steps + 1))


@lru_cache(maxsize=256)
def props_for(fig: Figure, view: str) -> tuple[Shape, ...]:
    """Props stay where the start pose puts them for the whole movement."""
    return tuple(prop_shapes(fig, solve_at(fig, 0.0), view))


@lru_cache(maxsize=256)
def bounds(fig: Figure, view: str) -> tuple[float, float, float]:
    """(left, right, top) of body and props over the whole movement; the floor is y = 0."""
    lo, hi, top = float("inf"), float("-inf"), 0.0
    for t in sample_ts(fig):
        for shape in body_shapes(fig, solve_at(fig, t), view):
            r = shape.radius
            for x, y in shape.points:
                lo, hi, top = min(lo, x - r), max(hi, x + r), max(top, y + r)
    for shape in props_for(fig, view):
        r = shape.radius
        for x, y in shape.points:
            lo, hi, top = min(lo, x - r), max(hi, x + r), max(top, y + r)
    return lo - 2.0, hi + 2.0, top + 1.0


def scene(fig: Figure, t: float, view: str) -> list[Shape]:
    """Everything to draw at time t in ``view``, props first, in body units."""
    lo, hi, _ = bounds(fig, view)
    solved = solve_at(fig, round(min(1.0, max(0.0, t)), 4))
    return [floor_shape(lo, hi), *props_for(fig, view), *body_shapes(fig, solved, view)]
