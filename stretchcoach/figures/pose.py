"""Forward kinematics, blending and the contact solver: a Pose becomes placed 3D points.

Body frame: x forwards, y up, z towards the body's right. The side view looks at the right
side (x across, y up); the front view looks at the front (figure's right on the viewer's left).
Lengths are in body units: a standing figure is about 100 tall.
"""

from __future__ import annotations

import math
from functools import lru_cache

from stretchcoach.figures.model import Figure, Limb, Pose, Problem

TRUNK, NECK, HEAD_R = 30.0, 3.0, 6.5
SHOULDER_HALF, HIP_HALF = 7.0, 4.5
# The arm ends at the wrist (the ``hand`` point); the hand itself (HAND, wrist to knuckles) is
# drawn flat on a surface it rests on, or in line with the forearm. Measured to the wrist, the
# arm is about as long as the thigh plus a resting knee's height, so hands under the shoulders
# and knees under the hips give the near-level back of a real hands-and-knees position.
UPPER_ARM, FOREARM, HAND, THIGH, SHIN, FOOT = 16.5, 14.0, 5.0, 24.0, 24.0, 7.0
LEVELS = {
    "floor": 0.0,
    "mat": 1.0,
    "towel": 3.0,
    "pillow": 3.0,
    "cushions": 12.0,  # a stack of cushions: the chest resting on it in child's pose
    "step": 12.0,
    "seat": 26.0,
    "table": 46.0,
}
RADIUS = {
    "head": HEAD_R,
    "pelvis": 3.0,
    "neck": 2.5,
    "shoulder": 2.5,
    "hip": 3.0,
    "knee": 3.0,  # a kneeling knee rests on the kneecap, its joint a little above the floor
    "elbow": 1.5,
    "hand": 1.0,
    "ankle": 1.0,
    "toe": 1.0,
    "thigh": 3.0,
    "shin": 2.0,
    "chest": 1.0,
    "belly": 1.0,
}
# How far the front of the chest and of the (resting) belly lie from the spine line.
CHEST_DEPTH, BELLY_DEPTH = 7.0, 5.5
# Heights a contact ending on a prop holds a point at (the prop is then placed to meet it).
PROP_LEVELS = {
    "floor": 0.0,
    "seat": LEVELS["seat"],
    "table": LEVELS["table"],
    "step": LEVELS["step"],
    "chair_back": LEVELS["seat"] + 26.0,
}
TOLERANCE = 2.0
SPINE_STEPS = 4

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]
Points = dict[str, Vec]


def _rz(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def _rx(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def _ry(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def _mm(a: Mat, b: Mat) -> Mat:
    """The matrix product a·b, built column by column."""
    c0 = _mv(a, (b[0][0], b[1][0], b[2][0]))
    c1 = _mv(a, (b[0][1], b[1][1], b[2][1]))
    c2 = _mv(a, (b[0][2], b[1][2], b[2][2]))
    return ((c0[0], c1[0], c2[0]), (c0[1], c1[1], c2[1]), (c0[2], c1[2], c2[2]))


def _mv(m: Mat, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def _add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _mul(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def _norm(a: Vec) -> float:
    return math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2])


def _unit(a: Vec, fallback: Vec = (1.0, 0.0, 0.0)) -> Vec:
    n = _norm(a)
    return _mul(a, 1.0 / n) if n > 1e-9 else fallback


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _rotate_about(v: Vec, axis: Vec, angle: float) -> Vec:
    """Rodrigues' rotation of v about a unit axis by angle (radians)."""
    c, s = math.cos(angle), math.sin(angle)
    return _add(_add(_mul(v, c), _mul(_cross(axis, v), s)), _mul(axis, _dot(axis, v) * (1 - c)))


def forward(pose: Pose) -> Points:
    """Points of the body for one pose, pelvis at the origin, before placing it on a support."""
    body = _mm(_rx(pose.roll), _rz(-pose.trunk))
    pts: Points = {"pelvis": (0.0, 0.0, 0.0)}
    pos: Vec = (0.0, 0.0, 0.0)
    for i in range(SPINE_STEPS):
        f = (i + 0.5) / SPINE_STEPS
        curve = _mm(_mm(body, _rz(-pose.bend * (f - 0.5))), _rx(pose.side_bend * f))
        step = _mv(curve, (0.0, TRUNK / SPINE_STEPS, 0.0))
        pos = _add(pos, step)
        pts[f"spine{i + 1}"] = pos
    neck = pts.pop(f"spine{SPINE_STEPS}")
    pts["neck"] = neck
    upper = _mm(_mm(_mm(body, _rz(-pose.bend / 2)), _rx(pose.side_bend)), _ry(-pose.twist))
    pelvis = _mm(body, _rz(pose.bend / 2))
    head = _mm(_mm(upper, _ry(-pose.head_turn)), _rz(-pose.neck))
    # The front of the trunk: where hands rest on it, and its outline when the belly moves.
    pts["chest"] = _add(pts["spine3"], _mv(upper, (CHEST_DEPTH, 0.0, 0.0)))
    belly = _mul(_add(pts["spine1"], pts["spine2"]), 0.5)
    pts["belly"] = _add(belly, _mv(body, (BELLY_DEPTH + pose.belly, 0.0, 0.0)))
    pts["lowbelly"] = _add(pts["spine1"], _mv(body, (BELLY_DEPTH - 1.5 + pose.belly / 2, 0, 0)))
    upchest = _mul(_add(pts["spine3"], neck), 0.5)
    pts["upchest"] = _add(upchest, _mv(upper, (CHEST_DEPTH - 2.0, 0.0, 0.0)))
    glide = _mv(upper, (pose.head_glide, 0.0, 0.0))
    pts["head"] = _add(_add(neck, glide), _mv(head, (2.0, NECK + HEAD_R - 1.0, 0.0)))
    pts["nose"] = _add(pts["head"], _mv(head, (HEAD_R + 1.2, 0.0, 0.0)))
    for side, sign, limb in (("right", 1.0, pose.right), ("left", -1.0, pose.left)):
        _limb(pts, side, sign, limb, neck, upper, pelvis)
    return pts


def _limb(
    pts: Points, side: str, sign: float, limb: Limb, neck: Vec, upper: Mat, pelvis: Mat
) -> None:
    shoulder = _add(neck, _mv(upper, (0.0, -2.0, sign * SHOULDER_HALF)))
    arm = _mm(_mm(upper, _rz(limb.shoulder)), _rx(-sign * limb.shoulder_out))
    elbow = _add(shoulder, _mv(arm, (0.0, -UPPER_ARM, 0.0)))
    forearm = _mm(_mm(arm, _ry(-sign * limb.shoulder_turn)), _rz(limb.elbow))
    hand = _add(elbow, _mv(forearm, (0.0, -FOREARM, 0.0)))
    hip = _mv(pelvis, (0.0, 0.0, sign * HIP_HALF))
    thigh = _mm(
        _mm(_mm(pelvis, _rz(limb.hip)), _rx(-sign * limb.hip_out)), _ry(-sign * limb.hip_turn)
    )
    knee = _add(hip, _mv(thigh, (0.0, -THIGH, 0.0)))
    shin = _mm(thigh, _rz(-limb.knee))
    ankle = _add(knee, _mv(shin, (0.0, -SHIN, 0.0)))
    toe = _add(ankle, _mv(_mm(shin, _rz(-limb.ankle)), (FOOT, 0.0, 0.0)))
    for name, p in (
        ("shoulder", shoulder),
        ("elbow", elbow),
        ("hand", hand),
        ("hip", hip),
        ("knee", knee),
        ("ankle", ankle),
        ("toe", toe),
    ):
        pts[f"{side}.{name}"] = p
    _midpoints(pts, side)


def _midpoints(pts: Points, side: str) -> None:
    """The middle of the thigh and of the shin, where a hand can hold a leg."""
    hip, knee, ankle = pts[f"{side}.hip"], pts[f"{side}.knee"], pts[f"{side}.ankle"]
    pts[f"{side}.thigh"] = _mul(_add(hip, knee), 0.5)
    pts[f"{side}.shin"] = _mul(_add(knee, ankle), 0.5)


# Chains a contact may bend: mover -> (root, middle or None, points carried along).
CHAINS: dict[str, tuple[str, str | None, tuple[str, ...]]] = {
    "hand": ("shoulder", "elbow", ()),
    "ankle": ("hip", "knee", ("toe",)),
    "knee": ("hip", None, ("ankle", "toe")),
    "elbow": ("shoulder", None, ("hand",)),
}
BONES = {
    ("shoulder", "elbow"): UPPER_ARM,
    ("elbow", "hand"): FOREARM,
    ("hip", "knee"): THIGH,
    ("knee", "ankle"): SHIN,
    ("hip", "ankle"): THIGH + SHIN,
    ("shoulder", "hand"): UPPER_ARM + FOREARM,
}


def _reach(pts: Points, mover: str, target: Vec, mid_level: float | None = None) -> float:
    """Bend the mover's limb so the mover lands on target (as near as it can); the miss.

    ``mid_level``: the height the middle joint rests at (an elbow on the floor while the hand
    lies on the belly); the limb swings about its root-to-end line to put it there."""
    side, part = mover.split(".")
    root_name, mid_name, carried = CHAINS[part]
    root = pts[f"{side}.{root_name}"]
    old_end = pts[mover]
    if mid_name is None:
        length = BONES[(root_name, part)]
        new_end = _add(root, _mul(_unit(_sub(target, root)), length))
        _carry(pts, side, carried, root, old_end, new_end, rotate=True)
        pts[mover] = new_end
        _midpoints(pts, side)
        return _norm(_sub(new_end, target))
    mid = pts[f"{side}.{mid_name}"]
    l1, l2 = BONES[(root_name, mid_name)], BONES[(mid_name, part)]
    to_target = _sub(target, root)
    dist = min(max(_norm(to_target), abs(l1 - l2) + 1e-6), l1 + l2 - 1e-6)
    u = _unit(to_target)
    bend = _sub(mid, root)
    v = _sub(bend, _mul(u, _dot(bend, u)))
    if _norm(v) < 0.5:  # a straight limb: elbows bend backwards, knees forwards
        pole: Vec = (-1.0, 0.0, 0.0) if part == "hand" else (1.0, 0.0, 0.0)
        v = _sub(pole, _mul(u, _dot(pole, u)))
    v = _unit(v, _unit(_cross(u, (0.0, 0.0, 1.0)), (0.0, 1.0, 0.0)))
    cos_a = (l1 * l1 + dist * dist - l2 * l2) / (2 * l1 * dist)
    a = math.acos(max(-1.0, min(1.0, cos_a)))
    if mid_level is not None:
        v = _swing(root, u, v, l1 * math.cos(a), l1 * math.sin(a), mid_level)
    pts[f"{side}.{mid_name}"] = _add(
        root, _add(_mul(u, l1 * math.cos(a)), _mul(v, l1 * math.sin(a)))
    )
    new_end = _add(root, _mul(u, dist))
    _carry(pts, side, carried, root, old_end, new_end, rotate=False)
    pts[mover] = new_end
    _midpoints(pts, side)
    return _norm(_sub(new_end, target))


def _swing(root: Vec, u: Vec, v: Vec, along: float, out: float, level: float) -> Vec:
    """The direction (perpendicular to u, on v's side) that puts the middle joint at
    ``level``, or as near as it can get."""
    down = (0.0, -1.0, 0.0)
    e1 = _sub(down, _mul(u, _dot(down, u)))
    if _norm(e1) < 1e-6 or out < 1e-6:
        return v
    e1 = _unit(e1)
    e2 = _cross(u, e1)
    centre_y = root[1] + u[1] * along
    cos_t = max(-1.0, min(1.0, (level - centre_y) / (out * e1[1])))
    sin_t = math.sqrt(1.0 - cos_t * cos_t) * (1.0 if _dot(v, e2) >= 0 else -1.0)
    return _add(_mul(e1, cos_t), _mul(e2, sin_t))


def _carry(
    pts: Points, side: str, names: tuple[str, ...], root: Vec, old: Vec, new: Vec, rotate: bool
) -> None:
    """Move points hanging off a moved joint: rotated with the bone, or just shifted."""
    a, b = _unit(_sub(old, root)), _unit(_sub(new, root))
    axis = _cross(a, b)
    angle = math.atan2(_norm(axis), _dot(a, b))
    axis = _unit(axis, (0.0, 0.0, 1.0))
    for name in names:
        key = f"{side}.{name}"
        if rotate:
            pts[key] = _add(root, _rotate_about(_sub(pts[key], root), axis, angle))
        else:
            pts[key] = _add(pts[key], _sub(new, old))


def _flatten(pts: Points, toe: str) -> None:
    """Lay the foot flat: the toe at the ankle's height, pointing the same way."""
    ankle = pts[toe.replace(".toe", ".ankle")]
    flat = _unit((pts[toe][0] - ankle[0], 0.0, pts[toe][2] - ankle[2]))
    pts[toe] = (ankle[0] + flat[0] * FOOT, ankle[1], ankle[2] + flat[2] * FOOT)


def palm(pts: Points, on: tuple[tuple[str, str], ...], side: str) -> Vec:
    """Where the ``side`` hand's knuckles are: flat on the surface the hand rests on (fingers
    along the forearm, or forwards when the forearm is upright, as on hands and knees), else
    in line with the forearm."""
    wrist, elbow = pts[f"{side}.hand"], pts[f"{side}.elbow"]
    fore = _unit(_sub(wrist, elbow), (0.0, -1.0, 0.0))
    surface = next((s for p, s in on if p == f"{side}.hand"), None)
    if surface is None or surface not in LEVELS:
        return _add(wrist, _mul(fore, HAND))
    level = LEVELS[surface]
    if wrist[1] - level > RADIUS["hand"] + TOLERANCE:  # lifted off it for now
        return _add(wrist, _mul(fore, HAND))
    flat = (fore[0], 0.0, fore[2])
    if _norm(flat) < 0.5:
        ahead = _sub(pts["neck"], pts["pelvis"])
        flat = (ahead[0], 0.0, ahead[2]) if abs(ahead[0]) + abs(ahead[2]) > 1.0 else (1.0, 0, 0)
    way = _unit(flat)
    return (wrist[0] + way[0] * HAND, level + 0.5, wrist[2] + way[2] * HAND)


def _radius(point: str) -> float:
    return RADIUS[point.split(".")[-1]]


def radius_of(point: str) -> float:
    """How far a point lies above the surface it rests on (a joint's half thickness)."""
    return _radius(point)


class Solved:
    """A placed pose: 3D points, which points rest where, and what went wrong (if anything)."""

    __slots__ = ("on", "points", "problems")

    def __init__(
        self, points: Points, on: tuple[tuple[str, str], ...], problems: list[str]
    ) -> None:
        self.points = points
        self.on = on
        self.problems = problems


def solve(fig: Figure, pose: Pose, hold: bool = True) -> Solved:
    """Place the pose so its supporting points rest on their surfaces, then hold contacts.

    ``hold``: a hand or foot on a prop stays where the first keyframe with that contact put
    it (the prop stays put and the limb bends to reach it); False holds only its height."""
    pts = forward(pose)
    found: list[str] = []
    levels = {p: LEVELS[s] + _radius(p) for p, s in pose.on}
    for point in levels:  # a foot resting flat: toe level with the ankle
        if point.endswith(".toe") and point.replace(".toe", ".ankle") in levels:
            _flatten(pts, point)
    # The trunk and the joints near it set the height; hands and feet then reach their surface.
    drivers = [p for p in levels if p.split(".")[-1] not in ("hand", "ankle", "toe")] or list(
        levels
    )
    lift = max(levels[p] - pts[p][1] for p in drivers)
    pts = {k: (v[0], v[1] + lift, v[2]) for k, v in pts.items()}
    for point, level in levels.items():  # hands, feet and knees reach their surface
        if abs(pts[point][1] - level) > 0.05 and point.split(".")[-1] in CHAINS:
            p = pts[point]
            _reach(pts, point, (p[0], level, p[2]))
        if point.endswith(".toe") and abs(pts[point][1] - level) > 1e-6:
            _flatten(pts, point)
    for a, b, weight in pose.contacts:  # then contacts: a hand on a knee goes where the knee is
        if b in pts:
            target = pts[b]
        elif b in PROP_LEVELS:  # held at the prop's height; the prop is placed under it
            target = (pts[a][0], PROP_LEVELS[b] + _radius(a), pts[a][2])
            held = _held(fig, a, b) if hold and a.split(".")[-1] in ("hand", "ankle") else None
            if held is not None:  # and where it first met the prop, relative to the anchor
                ox, oz = _anchor_mean(pts, _anchor(fig))
                target = (held[0] + ox, target[1], held[1] + oz)
        else:
            continue  # a wall is placed to meet the point
        if weight < 1.0:
            target = _add(pts[a], _mul(_sub(target, pts[a]), weight))
        side, _, part = a.partition(".")
        middle = CHAINS[part][1]
        miss = _reach(pts, a, target, levels.get(f"{side}.{middle}") if middle else None)
        if miss > TOLERANCE and weight >= 1.0:
            found.append(f"{a} cannot reach {b}; it stays {miss:.0f} units short.")
    for point, level in levels.items():
        gap = pts[point][1] - level
        if gap < -TOLERANCE:
            found.append(f"{point} is pushed {-gap:.0f} units into the surface it rests on.")
        if gap > TOLERANCE:
            found.append(f"{point} floats {gap:.0f} units above the surface it should rest on.")
    mx, mz = _anchor_mean(pts, _anchor(fig))
    pts = {k: (v[0] - mx, v[1], v[2] - mz) for k, v in pts.items()}
    for name, p in pts.items():
        if "." not in name and name not in ("head", "neck", "pelvis"):  # nose, front of trunk
            continue
        depth = _radius(name) - p[1] if name in RADIUS or "." in name else 0.0
        if depth > TOLERANCE + 1:
            found.append(f"{name} sinks {depth:.0f} units into the floor.")
    return Solved(pts, pose.on, found)


def _anchor_mean(pts: Points, anchor: tuple[str, ...]) -> tuple[float, float]:
    """The mean x and z of the anchor points: the figure's origin on the floor."""
    return (
        sum(pts[n][0] for n in anchor) / len(anchor),
        sum(pts[n][2] for n in anchor) / len(anchor),
    )


@lru_cache(maxsize=256)
def _held(fig: Figure, point: str, prop: str) -> tuple[float, float] | None:
    """Where (x, z from the anchor) ``point`` first meets ``prop``: the first keyframe with
    that contact, solved holding only the height. None if no keyframe has the contact.

    Only hands and feet are held there: they have two bones to bend, while an elbow or knee
    on a prop can only swing about its root, so it keeps to the prop's height alone."""
    for pose in fig.keyframes:
        if any(a == point and b == prop for a, b, _ in pose.contacts):
            p = solve(fig, pose, hold=False).points[point]
            return (p[0], p[2])
    return None


@lru_cache(maxsize=256)
def _anchor(fig: Figure) -> tuple[str, ...]:
    """Points resting in every keyframe: held still across the movement so nothing slides."""
    first = [p for p, _ in fig.keyframes[0].on]
    rest = [{p for p, _ in k.on} for k in fig.keyframes[1:]]
    return tuple(p for p in first if all(p in names for names in rest)) or ("pelvis",)


def _ease(f: float) -> float:
    return f * f * (3.0 - 2.0 * f)


def _mix(a: float, b: float, f: float) -> float:
    return a + (b - a) * f


def blend(fig: Figure, t: float) -> Pose:
    """The pose at t in [0, 1] across the keyframes, eased in and out of each keyframe."""
    frames = fig.keyframes
    if len(frames) == 1:
        return frames[0]
    t = min(1.0, max(0.0, t))
    pos = t * (len(frames) - 1)
    i = min(int(pos), len(frames) - 2)
    a, b = frames[i], frames[i + 1]
    f = _ease(pos - i)
    if f <= 0.0:
        return a
    if f >= 1.0:
        return b

    def limb(x: Limb, y: Limb) -> Limb:
        return Limb(*(_mix(p, q, f) for p, q in zip(_astuple(x), _astuple(y), strict=False)))

    return Pose(
        name=a.name if f < 0.5 else b.name,
        trunk=_mix(a.trunk, b.trunk, f),
        roll=_mix(a.roll, b.roll, f),
        bend=_mix(a.bend, b.bend, f),
        twist=_mix(a.twist, b.twist, f),
        neck=_mix(a.neck, b.neck, f),
        belly=_mix(a.belly, b.belly, f),
        side_bend=_mix(a.side_bend, b.side_bend, f),
        head_glide=_mix(a.head_glide, b.head_glide, f),
        head_turn=_mix(a.head_turn, b.head_turn, f),
        left=limb(a.left, b.left),
        right=limb(a.right, b.right),
        on=a.on if f < 0.5 else b.on,
        contacts=_blend_contacts(a, b, f),
    )


def _blend_contacts(a: Pose, b: Pose, f: float) -> tuple[tuple[str, str, float], ...]:
    """Contacts fade in and out between keyframes so a hand glides to a knee."""
    weights: dict[tuple[str, str], float] = {}
    for x, y, w in a.contacts:
        weights[(x, y)] = weights.get((x, y), 0.0) + w * (1 - f)
    for x, y, w in b.contacts:
        weights[(x, y)] = weights.get((x, y), 0.0) + w * f
    return tuple((x, y, w) for (x, y), w in weights.items() if w > 1e-6)


def _astuple(limb: Limb) -> tuple[float, ...]:
    return (
        limb.shoulder,
        limb.elbow,
        limb.hip,
        limb.knee,
        limb.ankle,
        limb.shoulder_out,
        limb.hip_out,
        limb.hip_turn,
        limb.shoulder_turn,
    )


@lru_cache(maxsize=512)
def solve_at(fig: Figure, t: float) -> Solved:
    """The solved pose at t (cached: figures are immutable)."""
    return solve(fig, blend(fig, t))


def support_problems(fig: Figure) -> list[Problem]:
    """Problems found only by solving: floating, sinking, unreachable contacts."""
    out: list[Problem] = []
    seen: set[str] = set()
    for i, pose in enumerate(fig.keyframes):
        for message in solve(fig, pose).problems:
            if message not in seen:
                seen.add(message)
                out.append((("keyframes", i), f"In this keyframe {message}"))
    if fig.moves and not out:
        steps = 4 * (len(fig.keyframes) - 1)
        for k in range(1, steps):
            for message in solve(fig, blend(fig, k / steps)).problems:
                if message not in seen:
                    seen.add(message)
                    out.append((("keyframes",), f"Between keyframes {message}"))
    return out
