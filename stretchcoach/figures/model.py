"""The figure data model: checking a raw ``figure:`` mapping and turning it into a Figure.

Standard library only, so the catalogue loader can check figures without importing any
drawing code. The format itself is described in the package docstring.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

VIEWS = ("side", "front", "both")
PROPS = ("floor", "mat", "chair", "wall", "step", "pillow", "towel", "strap", "ball", "table")
WORKING = ("left", "right", "both", "none")
LIMBS = ("leg", "arm", "trunk", "hip", "knee", "shoulder", "neck")
NAMED_SIDES = ("working", "other")
SIDES = ("left", "right")

# Joint angles in degrees and the range a person can reach (generous, never extreme).
# Trunk ones are per keyframe; limb ones go under left / right / both.
TRUNK_RANGES: dict[str, tuple[float, float]] = {
    "trunk": (-100.0, 100.0),  # pitch of the whole trunk: 0 upright, 90 face down, -90 on the back
    "roll": (-100.0, 100.0),  # sideways lean: 90 lying on the right side, -90 on the left
    "bend": (-40.0, 60.0),  # curve of the spine: + rounded (flexion), - arched (extension)
    "twist": (-60.0, 60.0),  # upper body turned: + towards the right
    "neck": (-60.0, 70.0),  # + chin towards chest, - head tipped back
}
LIMB_RANGES: dict[str, tuple[float, float]] = {
    "shoulder": (-60.0, 180.0),  # arm forwards and up; 0 hangs by the side
    "elbow": (0.0, 155.0),
    "hip": (-30.0, 140.0),  # thigh forwards; 0 in line with the trunk
    "knee": (0.0, 160.0),
    "ankle": (-30.0, 50.0),  # + toes pointed, - toes pulled up
    "shoulder_out": (-30.0, 180.0),  # arm out to the side
    "hip_out": (-30.0, 60.0),  # knee out to the side (- across the midline)
    "hip_turn": (-45.0, 70.0),  # + turned out: with the knee bent the foot swings inwards
}
LIMB_DEFAULTS: dict[str, float] = dict.fromkeys(LIMB_RANGES, 0.0)

# Points of the body a contact or a support may name.
BODY_POINTS = ("head", "neck", "pelvis")
SIDE_POINTS = ("shoulder", "elbow", "hand", "hip", "knee", "ankle", "toe", "foot")
POINTS = BODY_POINTS + tuple(f"{s}.{p}" for s in SIDES for p in SIDE_POINTS)
# Surfaces a point may rest on ("right.knee on towel"), and props a contact may reach.
SURFACES = ("floor", "mat", "seat", "step", "pillow", "towel", "table")
CONTACT_PROPS = ("floor", "wall", "seat", "table", "step")
# Points that a contact can move (the end of a limb the solver can bend).
MOVERS = tuple(f"{s}.{p}" for s in SIDES for p in ("hand", "elbow", "ankle", "knee"))

FIGURE_KEYS = (
    "view",
    "props",
    "working",
    "limb",
    "named_side",
    "rests_on",
    "contacts",
    "keyframes",
)
POSE_KEYS = ("name", *TRUNK_RANGES, "rests_on", "contacts", "left", "right", "both")


class FigureError(ValueError):
    """Bad figure data: ``path`` is where inside the figure, ``message`` one plain sentence."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(f"{'.'.join(str(p) for p in path) or 'figure'}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Limb:
    """Joint angles of one side, in degrees."""

    shoulder: float = 0.0
    elbow: float = 0.0
    hip: float = 0.0
    knee: float = 0.0
    ankle: float = 0.0
    shoulder_out: float = 0.0
    hip_out: float = 0.0
    hip_turn: float = 0.0


@dataclass(frozen=True)
class Pose:
    """One keyframe: trunk angles, both sides, and the points resting on a surface."""

    name: str = ""
    trunk: float = 0.0
    roll: float = 0.0
    bend: float = 0.0
    twist: float = 0.0
    neck: float = 0.0
    left: Limb = Limb()
    right: Limb = Limb()
    on: tuple[tuple[str, str], ...] = ()  # (point, surface)
    contacts: tuple[tuple[str, str, float], ...] = ()  # (moved point, target, weight 0-1)


@dataclass(frozen=True)
class Figure:
    """A checked figure. Stored with the working limb on the right (near side, facing right)."""

    view: str
    keyframes: tuple[Pose, ...]
    props: tuple[str, ...]
    working: str
    limb: str
    contacts: tuple[tuple[str, str], ...]
    named_side: str = "working"

    @property
    def moves(self) -> bool:
        """Whether the figure shows a movement (more than one keyframe)."""
        return len(self.keyframes) > 1


Problem = tuple[tuple[str | int, ...], str]


def _nearest(word: str, options: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return f" (did you mean '{close[0]}'?)" if close else f" (use one of: {', '.join(options)})"


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _unknown(key: object, options: tuple[str, ...], where: str) -> str:
    if isinstance(key, bool):
        return f"A key reads as {key} (YAML turns on/off/yes/no into true/false); quote it."
    return f"'{key}' is not a {where} field{_nearest(str(key), options)}."


def _check_choice(
    out: list[Problem],
    path: tuple[str | int, ...],
    value: object,
    options: tuple[str, ...],
    what: str,
) -> None:
    if not isinstance(value, str):
        out.append((path, f"The {what} must be a word: one of {', '.join(options)}."))
    elif value not in options:
        out.append((path, f"'{value}' is not a known {what}{_nearest(value, options)}."))


def _check_angle(
    out: list[Problem], path: tuple[str | int, ...], value: object, rng: tuple[float, float]
) -> None:
    name = str(path[-1]).replace("_", " ")
    if not _is_number(value):
        out.append((path, f"The {name} angle must be a number of degrees."))
        return
    low, high = rng
    if not low <= float(value) <= high:  # type: ignore[arg-type]
        out.append(
            (
                path,
                f"A {name} angle of {value} degrees is outside "
                f"the human range {low:g} to {high:g}.",
            )
        )


def _check_point(
    out: list[Problem], path: tuple[str | int, ...], value: object, extra: tuple[str, ...] = ()
) -> None:
    options = POINTS + extra
    if not isinstance(value, str):
        out.append((path, "A point must be written like 'right.hand' or 'head'."))
    elif value not in options:
        out.append((path, f"'{value}' is not a known point{_nearest(value, options)}."))


def _check_on(
    out: list[Problem], path: tuple[str | int, ...], raw: object, props: set[str]
) -> None:
    if not isinstance(raw, list) or not raw:
        out.append((path, "'rests_on' must be a list of points, e.g. [left.foot, right.foot]."))
        return
    for i, item in enumerate(raw):
        if not isinstance(item, str):
            out.append(((*path, i), "Each 'rests_on' entry is a point, e.g. 'right.knee on mat'."))
            continue
        point, _, surface = item.partition(" on ")
        _check_point(out, (*path, i), point.strip())
        if surface:
            surface = surface.strip()
            if surface not in SURFACES:
                out.append(
                    ((*path, i), f"'{surface}' is not a surface{_nearest(surface, SURFACES)}.")
                )
            elif surface == "seat" and not props & {"chair", "ball"}:
                out.append(((*path, i), "Resting on a seat needs a chair or a ball in 'props'."))
            elif surface not in ("floor", "seat") and surface not in props:
                out.append(((*path, i), f"Resting on the {surface} needs '{surface}' in 'props'."))


def _check_contacts(out: list[Problem], path: tuple[str | int, ...], contacts: object) -> None:
    if not isinstance(contacts, list):
        out.append((path, "'contacts' must be a list of pairs like [right.hand, right.knee]."))
        return
    for i, pair in enumerate(contacts):
        if not (isinstance(pair, list) and len(pair) == 2):
            out.append(((*path, i), "Each contact must be a pair like [right.hand, right.knee]."))
            continue
        _check_point(out, (*path, i, 0), pair[0])
        if isinstance(pair[0], str) and pair[0] in POINTS and pair[0] not in MOVERS:
            out.append(
                (
                    (*path, i, 0),
                    f"'{pair[0]}' cannot be moved to a contact; "
                    "start a contact with a hand, elbow, ankle or knee.",
                )
            )
        _check_point(out, (*path, i, 1), pair[1], CONTACT_PROPS)


def _check_limb(out: list[Problem], path: tuple[str | int, ...], raw: object) -> None:
    if not isinstance(raw, dict):
        out.append((path, "Each side must be a mapping of joint angles, e.g. {hip: 90, knee: 90}."))
        return
    for key, value in raw.items():
        if key not in LIMB_RANGES:
            out.append(((*path, str(key)), _unknown(key, tuple(LIMB_RANGES), "joint")))
        else:
            _check_angle(out, (*path, key), value, LIMB_RANGES[key])


def _check_pose(
    out: list[Problem], path: tuple[str | int, ...], raw: object, props: set[str]
) -> None:
    if not isinstance(raw, dict):
        out.append(
            (path, "Each keyframe must be a mapping of angles, e.g. {trunk: 0, both: {...}}.")
        )
        return
    for key, value in raw.items():
        kpath = (*path, str(key))
        if key not in POSE_KEYS:
            out.append((kpath, _unknown(key, POSE_KEYS, "keyframe")))
        elif key in TRUNK_RANGES:
            _check_angle(out, kpath, value, TRUNK_RANGES[key])
        elif key in ("left", "right", "both"):
            _check_limb(out, kpath, value)
        elif key == "rests_on":
            _check_on(out, kpath, value, props)
        elif key == "contacts":
            _check_contacts(out, kpath, value)
        elif key == "name" and not isinstance(value, str):
            out.append((kpath, "A keyframe name must be a short text."))


def _shape_problems(raw: object) -> list[Problem]:
    """Problems that can be found without solving any pose."""
    out: list[Problem] = []
    if not isinstance(raw, dict):
        return [((), "A figure must be a mapping with keyframes, working, view and props.")]
    for key in raw:
        if key not in FIGURE_KEYS:
            out.append(((str(key),), _unknown(key, FIGURE_KEYS, "figure")))
    if "view" in raw:
        _check_choice(out, ("view",), raw["view"], VIEWS, "view")
    props: set[str] = set()
    if "props" in raw:
        if not isinstance(raw["props"], list):
            out.append((("props",), "'props' must be a list, e.g. [floor, mat]."))
        else:
            for i, prop in enumerate(raw["props"]):
                _check_choice(out, ("props", i), prop, PROPS, "prop")
                if isinstance(prop, str):
                    props.add(prop)
    if "working" not in raw:
        out.append((("working",), "Say which side works: working: left, right, both or none."))
    else:
        _check_choice(out, ("working",), raw["working"], WORKING, "working side")
    if "limb" in raw:
        _check_choice(out, ("limb",), raw["limb"], LIMBS, "limb")
    elif raw.get("working") in SIDES:
        out.append((("limb",), "Say which limb works (leg, arm, ...) so the caption can name it."))
    if "named_side" in raw:
        _check_choice(out, ("named_side",), raw["named_side"], NAMED_SIDES, "named side")
    if "rests_on" in raw:
        _check_on(out, ("rests_on",), raw["rests_on"], props)
    if "contacts" in raw:
        _check_contacts(out, ("contacts",), raw["contacts"])
    frames = raw.get("keyframes")
    if frames is None:
        out.append((("keyframes",), "A figure needs 'keyframes': a list of one or more poses."))
    elif not isinstance(frames, list) or not frames:
        out.append((("keyframes",), "'keyframes' must be a list of one or more poses."))
    else:
        if "rests_on" not in raw and not all(
            isinstance(f, dict) and "rests_on" in f for f in frames
        ):
            out.append(
                (
                    ("rests_on",),
                    "Say what the body rests on, e.g. rests_on: [left.foot, right.foot].",
                )
            )
        for i, pose in enumerate(frames):
            _check_pose(out, ("keyframes", i), pose, props)
    return out


def problems(raw: object) -> list[Problem]:
    """Every problem in a raw ``figure:`` mapping, each as (path, one sentence); [] when valid."""
    found = _shape_problems(raw)
    if found:
        return found
    fig = _build(raw)  # type: ignore[arg-type]
    from stretchcoach.figures.pose import support_problems

    return support_problems(fig)


def parse(raw: object) -> Figure:
    """A checked Figure; raises FigureError on the first problem."""
    found = problems(raw)
    if found:
        raise FigureError(*found[0])
    return _build(raw)  # type: ignore[arg-type]


def _limb(raw: dict[str, Any] | None, base: dict[str, Any] | None) -> Limb:
    values = dict(LIMB_DEFAULTS)
    values.update(base or {})
    values.update(raw or {})
    return Limb(**{k: float(v) for k, v in values.items()})


def _on(raw: list[str], seat: bool) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for item in raw:
        point, _, surface = item.partition(" on ")
        point, surface = point.strip(), (surface.strip() or "")
        if not surface:
            surface = "seat" if point == "pelvis" and seat else "floor"
        if point.endswith(".foot"):
            side = point.split(".")[0]
            out += [(f"{side}.ankle", surface), (f"{side}.toe", surface)]
        else:
            out.append((point, surface))
    return tuple(out)


def _swap_name(point: str) -> str:
    if point.startswith("left."):
        return "right." + point[5:]
    if point.startswith("right."):
        return "left." + point[6:]
    return point


def _build(raw: dict[str, Any]) -> Figure:
    """A Figure from checked raw data, flipped so the working limb is on the right."""
    swap = raw.get("working") == "left"
    figure_on = raw.get("rests_on")
    seat = bool({"chair", "ball"} & set(raw.get("props", [])))
    shared = [(str(a), str(b)) for a, b in raw.get("contacts", [])]
    poses: list[Pose] = []
    for frame in raw["keyframes"]:
        both = frame.get("both")
        left, right = _limb(frame.get("left"), both), _limb(frame.get("right"), both)
        on = _on(frame.get("rests_on", figure_on), seat)
        pairs = shared + [(str(a), str(b)) for a, b in frame.get("contacts", [])]
        if swap:
            left, right = right, left
            on = tuple((_swap_name(p), s) for p, s in on)
            pairs = [(_swap_name(a), _swap_name(b)) for a, b in pairs]
        poses.append(
            Pose(
                name=str(frame.get("name", "")),
                trunk=float(frame.get("trunk", 0.0)),
                roll=float(frame.get("roll", 0.0)) * (-1 if swap else 1),
                bend=float(frame.get("bend", 0.0)),
                twist=float(frame.get("twist", 0.0)) * (-1 if swap else 1),
                neck=float(frame.get("neck", 0.0)),
                left=left,
                right=right,
                on=on,
                contacts=tuple((a, b, 1.0) for a, b in pairs),
            )
        )
    contacts = tuple((_swap_name(a), _swap_name(b)) if swap else (a, b) for a, b in shared)
    return Figure(
        view=raw.get("view", "side"),
        keyframes=tuple(poses),
        props=tuple(raw.get("props", [])),
        working="right" if swap else raw["working"],
        limb=raw.get("limb", ""),
        contacts=contacts,
        named_side=raw.get("named_side", "working"),
    )


def caption(fig: Figure, side: str) -> str:
    """Words naming the working side, e.g. 'RIGHT leg works'; '' when nothing is one-sided."""
    if fig.working not in SIDES or side not in SIDES:
        return ""
    return f"{side.upper()} {fig.limb or 'side'} works"


def working_side(fig: Figure, exercise_side: str) -> str:
    """The side of the working limb when the exercise's steps name ``exercise_side``.

    Most exercises name the working side; some (clamshell) name the side lain on.
    """
    if fig.named_side == "other" and exercise_side in SIDES:
        return "left" if exercise_side == "right" else "right"
    return exercise_side
