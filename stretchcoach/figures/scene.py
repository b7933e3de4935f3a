"""A solved pose as flat 2D shapes for one view: what both the terminal and SVG draw.

Each shape knows its layer (``far`` limbs hide under ``near`` ones and the trunk; ``prop``
lies underneath), its weight (2 near, 1 far) and whether it is the working limb.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

from stretchcoach.figures.model import Figure
from stretchcoach.figures.pose import HEAD_R, LEVELS, Points, Solved, palm, radius_of, solve_at

LEG = ("hip", "knee", "ankle", "toe")
ARM = ("shoulder", "elbow", "hand")
LIMB_PARTS = {
    "leg": ("leg",),
    "legs": ("leg",),  # both legs moving together towards the working side
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
    kind: str = "line"  # "line", "arm" (a line drawn over the head), "head", "nose", "floor",
    # "mat", "prop", "pillow", "ball",
    # "area" (the mat seen from above) and "pad" (the pillow): rectangles by two corners
    radius: float = 0.0


def project(p: tuple[float, float, float], view: str) -> tuple[float, float]:
    """Side view: forwards across; front view: the figure's right on the viewer's left;
    top view: from above, the side view's across with the figure's right downwards."""
    if view == "front":
        return (-p[2], p[1])
    if view == "top":
        return (p[0], -p[2])
    return (p[0], p[1])


def _working_parts(fig: Figure) -> tuple[str, ...]:
    """The working parts: 'leg', 'arm', 'trunk', and 'other.leg' / 'other.arm' for a limb
    of the other side."""
    if fig.working == "none":
        return ()
    out: list[str] = []
    for limb in fig.limb.split("+"):
        if limb.startswith("other "):
            out.append("other." + limb[6:])
        else:
            out += LIMB_PARTS.get(limb, ())
    return tuple(out)


def body_shapes(fig: Figure, solved: Solved, view: str) -> list[Shape]:
    """The body: trunk, head, nose and four limbs, with layers and weights for ``view``."""
    pts = solved.points
    parts = _working_parts(fig)
    one_sided = fig.working in ("left", "right") and fig.limb != "legs"
    shapes: list[Shape] = []

    def line(names: tuple[str, ...], layer: str, weight: int, working: bool = False) -> None:
        shapes.append(Shape(tuple(project(pts[n], view) for n in names), layer, weight, working))

    spine = ("pelvis", *sorted(k for k in pts if k.startswith("spine")), "neck")
    trunk_works = "trunk" in parts
    line(spine, "near", 2, trunk_works)
    if view == "side" and _shows_belly(fig):
        front = ("pelvis", "lowbelly", "belly", "chest", "upchest", "neck")
        line(front, "near", 1, trunk_works)
    if view in ("front", "top"):
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
    nose = project(pts["nose"], view)
    turned = abs(nose[0] - head[0]) > HEAD_R / 2  # a face turned from the viewer
    if view == "side" or turned or (view == "top" and abs(nose[1] - head[1]) > HEAD_R / 2):
        shapes.append(Shape((nose,), "near", 1, False, "nose"))
    for side in ("left", "right"):
        for part, chain in (("leg", LEG), ("arm", ARM)):
            working = (part in parts and (side == "right" or not one_sided)) or (
                side == "left" and f"other.{part}" in parts
            )
            names = tuple(f"{side}.{n}" for n in chain)
            if view == "side":
                layer, weight = ("near", 2) if side == "right" else ("far", 1)
            else:
                layer = "near"
                weight = 2 if (working or not one_sided or not parts) else 1
            flat = tuple(project(pts[n], view) for n in names)
            if part == "arm":  # the hand: flat on what it rests on, else along the forearm
                flat += (project(palm(pts, solved.on, side), view),)
            shapes.append(Shape(flat, layer, weight, working, "arm" if part == "arm" else "line"))
    return shapes


@lru_cache(maxsize=256)
def lies_on_mat(fig: Figure) -> bool:
    """Whether the figure lies on a mat (trunk low at the start): drawn lifted off it by a
    dot in the terminal so the body does not merge with the mat's solid line."""
    pts = solve_at(fig, 0.0).points
    return "mat" in fig.props and pts["pelvis"][1] < 12.0 and pts["neck"][1] < 12.0


@lru_cache(maxsize=256)
def _shows_belly(fig: Figure) -> bool:
    """Whether the front of the trunk is outlined: when a keyframe moves the belly, or the
    chest or belly rests on cushions (so the body is seen lying on the stack)."""
    return any(
        k.belly or any(p in ("chest", "belly") and s == "cushions" for p, s in k.on)
        for k in fig.keyframes
    )


def _span(pts: Points, names: list[str], view: str) -> tuple[float, float]:
    xs = [project(pts[n], view)[0] for n in names]
    return min(xs), max(xs)


BODY_OUTLINE = (
    "head",
    "pelvis",
    "neck",
    *(f"{s}.{p}" for s in ("left", "right") for p in LEG + ARM),
)


def mat_shape(fig: Figure, view: str) -> Shape | None:
    """The mat under every low point of the body over the whole movement (None without one)."""
    if "mat" not in fig.props:
        return None
    lo, hi, zlo, zhi = float("inf"), float("-inf"), float("inf"), float("-inf")
    for t in sample_ts(fig):
        solved = solve_at(fig, t)
        pts = dict(solved.points)
        for side in ("left", "right"):  # the hands too, to the knuckles
            pts[f"{side}.palm"] = palm(solved.points, solved.on, side)
        outline = (*BODY_OUTLINE, "left.palm", "right.palm")
        low = [n for n in outline if pts[n][1] < 10.0] or [p for p, _ in solved.on]
        for n in low:
            x, z = project(pts[n], view)[0], pts[n][2]
            lo, hi, zlo, zhi = min(lo, x), max(hi, x), min(zlo, z), max(zhi, z)
    if view == "top":  # a rectangle seen from above, as wide as the body lying on it
        half = max(zhi, -zlo, 12.0) + 4
        return Shape(((lo - 7, -half), (hi + 7, half)), "prop", 1, False, "area")
    return Shape(((lo - 7, 1.0), (hi + 7, 1.0)), "prop", 1, False, "mat")


def moving_props(fig: Figure, solved: Solved, view: str) -> list[Shape]:
    """Props that follow the body each frame: a strap or towel from the hand to the foot."""
    if "strap" not in fig.props:
        return []
    pts = solved.points
    grip, toe = project(pts["right.hand"], view), project(pts["right.toe"], view)
    return [Shape((grip, toe), "prop", 1, False, "prop")]


def prop_shapes(fig: Figure, solved: Solved, view: str) -> list[Shape]:
    """Props that stay where the start pose puts them: chair under the pelvis, and so on."""
    pts = solved.points
    props = set(fig.props)
    out: list[Shape] = []
    mat = mat_shape(fig, view)
    if mat is not None:
        out.append(mat)
    out += _between_pillow(fig, pts, view)
    if view == "top":  # seen from above only the mat, the pillows and the cushions read
        if "pillow" in props:
            x, y = project(pts["head"], view)
            out.append(Shape(((x - 7, y - 12), (x + 7, y + 12)), "prop", 1, False, "pad"))
        out += _cushion_stack(solved, view, props)
        return out
    body = [n for n in pts if n != "nose"]
    lo, hi = _span(pts, body, view)
    resting = [p for p, s in solved.on]
    pelvis = project(pts["pelvis"], view)
    seat_user = "pelvis" in resting
    contact_to = {b: a for a, b, _ in fig.keyframes[0].contacts}
    chair_x = None
    if "chair" in props and not seat_user and "chair_back" in contact_to:
        hold = project(pts[contact_to["chair_back"]], view)[0]
        chair = _hand_hold_chair(fig, hold, pelvis[0], view)
        chair_x = min(x for shape in chair for x, _ in shape.points)
        out += chair
    elif "chair" in props:
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
            chair_x = bx if back < 0 else None
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
        if "wall" in contact_to:
            x = project(pts[contact_to["wall"]], view)[0] + 1.5
        else:  # behind the body, or behind the chair it sits on
            x = min(lo, chair_x if chair_x is not None else lo) - 2
        tall = max(p[1] for p in pts.values()) + 8
        out.append(Shape(((x, 0.0), (x, max(75.0, tall))), "prop", 1, False, "prop"))
    if "table" in props:
        hand = contact_to.get("table", "right.hand")
        x = project(pts[hand], view)[0]
        y = LEVELS["table"]
        out.append(Shape(((x - 4, y), (x + 18, y)), "prop", 1, False, "prop"))
        out.append(Shape(((x + 16, y), (x + 16, 0.0)), "prop", 1, False, "prop"))
    if "pillow" in props:
        base = LEVELS["mat"] if "mat" in props else 0.0
        on_pillow = [p for p, s in solved.on if s == "pillow"]
        for p in on_pillow:  # a cushion under each point resting on one
            x, y = project(pts[p], view)
            y = max(y - radius_of(p) - 0.5, base + 1.0)
            out.append(Shape(((x - 7, base), (x + 7, y)), "prop", 1, False, "pillow"))
        head = project(pts["head"], view)
        top = head[1] - HEAD_R
        if top - base < 8 and "head" not in on_pillow:
            y = max(top - 0.5, base + 1.0)
            out.append(Shape(((head[0] - 7, base), (head[0] + 7, y)), "prop", 1, False, "pillow"))
    out += _cushion_stack(solved, view, props)
    if "towel" in props:
        on_towel = [p for p, s in solved.on if s == "towel"]
        for p in on_towel:
            x = project(pts[p], view)[0]
            out.append(Shape(((x - 5, 2.0), (x + 5, 2.0)), "prop", 2, False, "prop"))
    return out


CUSHIONS_IN_STACK = 3


def _cushion_stack(solved: Solved, view: str, props: set[str]) -> list[Shape]:
    """One stack of cushions under every point resting on ``cushions``: three cushions piled
    up to the stack's top (seen from above, one outlined pad)."""
    on = [p for p, s in solved.on if s == "cushions"]
    if "cushions" not in props or not on:
        return []
    flat = [project(solved.points[p], view) for p in on]
    lo, hi = min(x for x, _ in flat) - 6, max(x for x, _ in flat) + 6
    if view == "top":
        ys = [y for _, y in flat]
        return [Shape(((lo, min(ys) - 9), (hi, max(ys) + 9)), "prop", 1, False, "pad")]
    base = LEVELS["mat"] if "mat" in props else 0.0
    # up to where a resting chest's front lies (a joint's radius above the surface level)
    step = (LEVELS["cushions"] + 1.0 - base) / CUSHIONS_IN_STACK
    return [
        Shape(
            ((lo + k, base + i * step), (hi - k, base + (i + 1) * step)), "prop", 1, False, "pillow"
        )
        for i, k in zip(range(CUSHIONS_IN_STACK), (0.0, 1.0, 0.0), strict=True)
    ]


def _between_pillow(fig: Figure, pts: Points, view: str) -> list[Shape]:
    """A pillow between the legs (``pillow_between``): an outlined pad over the named parts
    of both legs, at least 14 units across, drawn under the legs so its edges show."""
    if not fig.pillow_between:
        return []
    flat = [project(pts[f"{s}.{p}"], view) for p in fig.pillow_between for s in ("left", "right")]
    (xa, xb), (ya, yb) = (sorted((min(c), max(c))) for c in zip(*flat, strict=True))
    cx, cy = (xa + xb) / 2, (ya + yb) / 2
    hx, hy = max((xb - xa) / 2 + 3, 7.0), max((yb - ya) / 2 + 3, 7.0)
    return [Shape(((cx - hx, cy - hy), (cx + hx, cy + hy)), "prop", 1, False, "pad")]


SEAT_DEPTH = 18.0  # a chair's seat, front to back, in the side view


def _hand_hold_chair(fig: Figure, hand_x: float, pelvis: float, view: str) -> list[Shape]:
    """A chair held by the top of its back: the back post under the hand and the seat on the
    side ``fig.chair`` names (or whichever side keeps clear of the legs); in the front view
    the back's outline, reaching out from the hand away from the body."""
    y, top = LEVELS["seat"], LEVELS["seat"] + 26.0

    def prop(*points: tuple[float, float]) -> Shape:
        return Shape(points, "prop", 1, False, "prop")

    if view != "side":
        way = 1.0 if hand_x >= pelvis else -1.0
        near, far = hand_x - way, hand_x + way * 19.0
        return [
            prop((near, y), (far, y)),
            prop((near, 0.0), (near, top), (far, top), (far, 0.0)),
        ]
    seat = fig.chair or _clear_seat(fig, hand_x)
    if seat == "post":
        return [prop((hand_x, 0.0), (hand_x, top))]
    front = hand_x + (SEAT_DEPTH if seat == "ahead" else -SEAT_DEPTH)
    leg = front - (1.0 if seat == "ahead" else -1.0)
    return [
        prop((hand_x, 0.0), (hand_x, top)),
        prop((hand_x, y), (front, y)),
        prop((leg, y), (leg, 0.0)),
    ]


def _clear_seat(fig: Figure, back_x: float) -> str:
    """'ahead' if no leg crosses a seat ahead of the back post (over the whole movement),
    else 'behind' if none crosses one behind it, else 'post' (the back post alone)."""
    spans = {"ahead": (back_x, back_x + SEAT_DEPTH), "behind": (back_x - SEAT_DEPTH, back_x)}
    crossed: set[str] = set()
    for t in sample_ts(fig):
        pts = solve_at(fig, t).points
        for side in ("left", "right"):
            chain = [project(pts[f"{side}.{n}"], "side") for n in LEG]
            for (ax, ay), (bx, by) in itertools.pairwise(chain):
                for k in range(9):
                    x, yy = ax + (bx - ax) * k / 8, ay + (by - ay) * k / 8
                    if yy <= LEVELS["seat"] + 1.0:
                        crossed |= {n for n, (a, b) in spans.items() if a + 0.5 < x < b + 0.5}
    return next((n for n in ("ahead", "behind") if n not in crossed), "post")


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
    """Fixed props: placed by the start pose (the mat by the whole movement)."""
    return tuple(prop_shapes(fig, solve_at(fig, 0.0), view))


@lru_cache(maxsize=256)
def bounds(fig: Figure, view: str) -> tuple[float, float, float, float]:
    """(left, right, top, bottom) of body and props over the whole movement; the floor is
    y = 0 (the bottom) except in the top view, which has no floor."""
    lo, hi, top, bottom = float("inf"), float("-inf"), float("-inf"), float("inf")
    shapes: list[Shape] = list(props_for(fig, view))
    for t in sample_ts(fig):
        solved = solve_at(fig, t)
        shapes += body_shapes(fig, solved, view) + moving_props(fig, solved, view)
    for shape in shapes:
        r = shape.radius
        for x, y in shape.points:
            lo, hi = min(lo, x - r), max(hi, x + r)
            top, bottom = max(top, y + r), min(bottom, y - r)
    if view != "top":
        return lo - 2.0, hi + 2.0, max(top, 0.0) + 1.0, 0.0
    return lo - 2.0, hi + 2.0, top + 1.0, bottom - 1.0


def scene(fig: Figure, t: float, view: str) -> list[Shape]:
    """Everything to draw at time t in ``view``, props first, in body units."""
    lo, hi, _, _ = bounds(fig, view)
    solved = solve_at(fig, round(min(1.0, max(0.0, t)), 4))
    floor = [floor_shape(lo, hi)] if view != "top" else []
    return [
        *floor,
        *props_for(fig, view),
        *moving_props(fig, solved, view),
        *body_shapes(fig, solved, view),
    ]
