"""The figure data model: checking a raw ``figure:`` mapping and turning it into a Figure.

Standard library only, so the catalogue loader can check figures without importing any
drawing code. The format itself is described in the package docstring.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

VIEWS = ("side", "front", "both", "top")
# Views a list may combine (``view: [side, top]``); "both" is short for [side, front].
PANEL_VIEWS = ("side", "front", "top")
PROPS = (
    "floor",
    "mat",
    "chair",
    "wall",
    "step",
    "pillow",
    "cushions",
    "towel",
    "strap",
    "ball",
    "table",
)
WORKING = ("left", "right", "both", "none")
LIMBS = ("leg", "arm", "trunk", "hip", "knee", "shoulder", "neck", "legs")
# A second limb may work on the other side (bird dog: the right leg and the left arm).
OTHER_LIMBS = ("other arm", "other leg")
NAMED_SIDES = ("working", "other")
# Where a hand-hold chair's seat goes in the side view: ahead of its back, behind it, or no
# seat at all (only the back post); "" picks the one that keeps clear of the legs.
CHAIR_SEATS = ("ahead", "behind", "post")
SIDES = ("left", "right")

# Joint angles in degrees and the range a person can reach (generous, never extreme).
# Trunk ones are per keyframe; limb ones go under left / right / both.
TRUNK_RANGES: dict[str, tuple[float, float]] = {
    "trunk": (-135.0, 135.0),  # pitch of the whole trunk: 0 upright, 90 face down, -90 on the back
    "roll": (-100.0, 100.0),  # sideways lean: 90 lying on the right side, -90 on the left
    "bend": (-40.0, 60.0),  # curve of the spine: + rounded (flexion), - arched (extension)
    "twist": (-60.0, 60.0),  # upper body turned: + towards the right
    "side_bend": (-45.0, 45.0),  # spine bent sideways, pelvis level: + towards the right
    "neck": (-60.0, 70.0),  # + chin towards chest, - head tipped back
    "head_turn": (-80.0, 80.0),  # head turned to look: + towards the right
}
# Other per-keyframe numbers, in body units (a standing figure is about 100 tall).
SHAPE_RANGES: dict[str, tuple[float, float]] = {
    "belly": (0.0, 6.0),  # how far the belly rises above its resting front (a breath in)
    "head_glide": (-5.0, 5.0),  # head slid forwards (+) or straight back (-), no nod
}
LIMB_RANGES: dict[str, tuple[float, float]] = {
    "shoulder": (-60.0, 180.0),  # arm forwards and up; 0 hangs by the side
    "elbow": (0.0, 155.0),
    "hip": (-30.0, 140.0),  # thigh forwards; 0 in line with the trunk
    "knee": (0.0, 160.0),
    "ankle": (-30.0, 70.0),  # + toes pointed (past 50 only a foot lying on its top)
    "shoulder_out": (-30.0, 180.0),  # arm out to the side
    "hip_out": (-30.0, 60.0),  # knee out to the side (- across the midline)
    "hip_turn": (-45.0, 70.0),  # + turned out: with the knee bent the foot swings inwards
    "shoulder_turn": (-90.0, 90.0),  # upper arm turned: + a bent forearm turns up (goal post)
}
LIMB_DEFAULTS: dict[str, float] = dict.fromkeys(LIMB_RANGES, 0.0)

# Points of the body a contact or a support may name.
BODY_POINTS = ("head", "neck", "pelvis", "chest", "belly")
SIDE_POINTS = (
    "shoulder",
    "elbow",
    "hand",
    "hip",
    "thigh",
    "knee",
    "shin",
    "ankle",
    "toe",
    "foot",
)
POINTS = BODY_POINTS + tuple(f"{s}.{p}" for s in SIDES for p in SIDE_POINTS)
# Surfaces a point may rest on ("right.knee on towel"), and props a contact may reach.
SURFACES = ("floor", "mat", "seat", "step", "pillow", "cushions", "towel", "table")
# Parts of the legs a pillow between the knees (``pillow_between``) may lie between.
BETWEEN_PARTS = ("thigh", "knee", "shin", "ankle")
CONTACT_PROPS = ("floor", "wall", "seat", "table", "step", "chair_back")

# Points that a contact can move (the end of a limb the solver can bend).
MOVERS = tuple(f"{s}.{p}" for s in SIDES for p in ("hand", "elbow", "ankle", "knee"))

FIGURE_KEYS = (
    "view",
    "props",
    "working",
    "limb",
    "caption",
    "named_side",
    "chair",
    "pillow_between",
    "rests_on",
    "contacts",
    "keyframes",
)
POSE_KEYS = ("name", *TRUNK_RANGES, *SHAPE_RANGES, "rests_on", "contacts", "left", "right", "both")


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
    shoulder_turn: float = 0.0


@dataclass(frozen=True)
class Pose:
    """One keyframe: trunk angles, both sides, and the points resting on a surface."""

    name: str = ""
    trunk: float = 0.0
    roll: float = 0.0
    bend: float = 0.0
    twist: float = 0.0
    neck: float = 0.0
    belly: float = 0.0
    side_bend: float = 0.0
    head_glide: float = 0.0
    head_turn: float = 0.0
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
    caption: str = ""  # a template with {side} / {SIDE}; "" for "{SIDE} {limb} works"
    chair: str = ""  # a hand-hold chair's seat in the side view: ahead, behind, post; "" auto
    pillow_between: tuple[str, ...] = ()  # leg parts a pillow lies between: knee, ankle, ...

    @property
    def moves(self) -> bool:
        """Whether the figure shows a movement (more than one keyframe)."""
        return len(self.keyframes) > 1

    @property
    def views(self) -> tuple[str, ...]:
        """The panels to draw, in order: 'both' is side and front; 'side+top' two panels."""
        return ("side", "front") if self.view == "both" else tuple(self.view.split("+"))


Problem = tuple[tuple[str | int, ...], str]


def _nearest(word: str, options: tuple[str, ...]) -> str:
    import difflib  # only when a figure has a mistake to suggest a fix for

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


def _check_size(
    out: list[Problem], path: tuple[str | int, ...], value: object, rng: tuple[float, float]
) -> None:
    name = str(path[-1])
    low, high = rng
    if not _is_number(value) or not low <= float(value) <= high:  # type: ignore[arg-type]
        out.append((path, f"The {name} must be a number from {low:g} to {high:g} body units."))


def _check_view(out: list[Problem], value: object) -> None:
    if not isinstance(value, list):
        _check_choice(out, ("view",), value, VIEWS, "view")
        return
    if not 1 <= len(value) <= 2 or len(set(map(str, value))) != len(value):
        out.append((("view",), "A list of views names one or two different views."))
    for i, item in enumerate(value):
        _check_choice(out, ("view", i), item, PANEL_VIEWS, "view")


def _has_control(text: str) -> bool:
    """Whether a one-line text holds a control character (a tab, a newline, an escape code),
    which would break the SVG or reach the terminal raw."""
    return any(ord(c) < 32 or 127 <= ord(c) <= 159 for c in text)


def _check_caption(out: list[Problem], value: object, working: object) -> None:
    if not isinstance(value, str) or not value.strip():
        out.append((("caption",), 'The caption must be text, e.g. "Knees roll to your {SIDE}".'))
        return
    if _has_control(value):
        out.append((("caption",), "The caption must not contain control characters or tabs."))
        return
    if len(value) > 60:
        out.append((("caption",), "The caption must be a short text (60 characters at most)."))
        return
    rest = value.replace("{side}", "").replace("{SIDE}", "")
    if "{" in rest or "}" in rest:
        out.append((("caption",), "A caption may only use {side} or {SIDE} in braces."))
    named = rest != value
    if working in SIDES and not named:
        out.append((("caption",), "A one-sided figure's caption must name the side: {side}."))
    if working in ("both", "none") and named:
        out.append((("caption",), "Only a one-sided figure's caption can name a {side}."))


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
    if not isinstance(raw, list):
        out.append((path, "'rests_on' must be a list of points, e.g. [left.foot, right.foot]."))
        return
    if not raw:
        out.append((path, "'rests_on' must name at least one point, e.g. [left.foot, right.foot]."))
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


def _check_contacts(
    out: list[Problem], path: tuple[str | int, ...], contacts: object, props: set[str]
) -> None:
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
        held = (*path, i, 1)
        if isinstance(pair[0], str) and pair[0] == pair[1]:
            out.append((held, f"A point cannot be held on itself: '{pair[0]}' names both ends."))
        elif pair[1] == "chair_back" and "chair" not in props:
            out.append((held, "A hand on the chair back needs 'chair' in 'props'."))
        elif pair[1] == "seat" and not props & {"chair", "ball"}:
            out.append((held, "Holding a point on a seat needs a chair or a ball in 'props'."))
        elif pair[1] in ("table", "step", "wall") and pair[1] not in props:
            out.append((held, f"Holding a point on the {pair[1]} needs '{pair[1]}' in 'props'."))


def _check_between(out: list[Problem], raw: object, props: set[str]) -> None:
    """``pillow_between``: the parts of both legs a pillow lies between, e.g. [knee, ankle]."""
    path: tuple[str | int, ...] = ("pillow_between",)
    if not isinstance(raw, list) or not raw or len(set(map(str, raw))) != len(raw):
        out.append((path, "'pillow_between' must list leg parts, e.g. [knee] or [knee, ankle]."))
        return
    for i, item in enumerate(raw):
        _check_choice(out, (*path, i), item, BETWEEN_PARTS, "leg part")
    if "pillow" not in props:
        out.append((path, "A pillow between the legs needs 'pillow' in 'props'."))


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
        elif key in SHAPE_RANGES:
            _check_size(out, kpath, value, SHAPE_RANGES[key])
        elif key in ("left", "right", "both"):
            _check_limb(out, kpath, value)
        elif key == "rests_on":
            _check_on(out, kpath, value, props)
        elif key == "contacts":
            _check_contacts(out, kpath, value, props)
        elif key == "name" and not isinstance(value, str):
            out.append((kpath, "A keyframe name must be a short text."))
        elif key == "name" and _has_control(value):
            out.append((kpath, "A keyframe name must not contain control characters or tabs."))


def _shape_problems(raw: object) -> list[Problem]:
    """Problems that can be found without solving any pose."""
    out: list[Problem] = []
    if not isinstance(raw, dict):
        return [((), "A figure must be a mapping with keyframes, working, view and props.")]
    for key in raw:
        if key not in FIGURE_KEYS:
            out.append(((str(key),), _unknown(key, FIGURE_KEYS, "figure")))
    if "view" in raw:
        _check_view(out, raw["view"])
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
    if isinstance(raw.get("limb"), list):
        limbs = raw["limb"]
        if not 1 <= len(limbs) <= 2:
            out.append((("limb",), "A list of limbs names one or two, e.g. [leg, other arm]."))
        for i, item in enumerate(limbs):
            _check_choice(out, ("limb", i), item, LIMBS + OTHER_LIMBS, "limb")
        if any(item in OTHER_LIMBS for item in limbs) and raw.get("working") not in SIDES:
            out.append((("limb",), "An 'other' limb needs a one-sided figure: working: right."))
    elif "limb" in raw:
        _check_choice(out, ("limb",), raw["limb"], LIMBS, "limb")
    elif raw.get("working") in SIDES:
        out.append((("limb",), "Say which limb works (leg, arm, ...) so the caption can name it."))
    if raw.get("limb") == "legs" and "caption" not in raw:
        out.append((("caption",), "Both legs moving one way need a caption naming the way."))
    if "caption" in raw:
        _check_caption(out, raw["caption"], raw.get("working"))
    if "named_side" in raw:
        _check_choice(out, ("named_side",), raw["named_side"], NAMED_SIDES, "named side")
        if raw["named_side"] == "other" and raw.get("working") in ("both", "none"):
            out.append(
                (
                    ("named_side",),
                    "'named_side: other' needs a one-sided figure (working: left or right): "
                    f"with working: {raw['working']} there is no other side to name.",
                )
            )
    if "chair" in raw:
        _check_choice(out, ("chair",), raw["chair"], CHAIR_SEATS, "chair seat")
        if "chair" not in props:
            out.append((("chair",), "Placing the chair's seat needs 'chair' in 'props'."))
    if "pillow_between" in raw:
        _check_between(out, raw["pillow_between"], props)
    if "rests_on" in raw:
        _check_on(out, ("rests_on",), raw["rests_on"], props)
    if "contacts" in raw:
        _check_contacts(out, ("contacts",), raw["contacts"], props)
    frames = raw.get("keyframes")
    if frames is None:
        out.append((("keyframes",), "A figure needs 'keyframes': a list of one or more poses."))
    elif not isinstance(frames, list) or not frames:
        out.append((("keyframes",), "'keyframes' must be a list of one or more poses."))
    else:
        poses = all(isinstance(f, dict) for f in frames)  # else each is reported on its own
        if poses and "rests_on" not in raw and not all("rests_on" in f for f in frames):
            out.append(
                (
                    ("rests_on",),
                    "Say what the body rests on, e.g. rests_on: [left.foot, right.foot].",
                )
            )
        named: dict[str, int] = {}
        for i, pose in enumerate(frames):
            _check_pose(out, ("keyframes", i), pose, props)
            name = pose.get("name") if isinstance(pose, dict) else None
            if isinstance(name, str) and name.strip() in named:
                out.append(
                    (
                        ("keyframes", i, "name"),
                        f"Two keyframes are named '{name.strip()}' (keyframe "
                        f"{named[name.strip()] + 1} and {i + 1}); give each its own name.",
                    )
                )
            elif isinstance(name, str) and name.strip():
                named[name.strip()] = i
    return out


def problems(raw: object) -> list[Problem]:
    """Every problem in a raw ``figure:`` mapping, each as (path, one sentence); [] when valid."""
    found = _shape_problems(raw)
    if found:
        return found
    fig = _build(raw)  # type: ignore[arg-type]
    from stretchcoach.figures.pose import support_problems

    feet = _held_feet(raw)  # type: ignore[arg-type]
    swap = fig.working != raw.get("working")  # type: ignore[attr-defined]  # stored mirrored
    return [
        (path, _name_feet(_unswap(message) if swap else message, feet))
        for path, message in support_problems(fig)
    ]


def _unswap(message: str) -> str:
    """A solver message about a mirrored (working: left) figure, in the sides as written."""
    import re

    return re.sub(r"\b(left|right)\.", lambda m: "right." if m[1] == "left" else "left.", message)


def _held_feet(raw: dict[str, Any]) -> set[str]:
    """The feet a contact holds (solved at their ankles), unless an ankle is named too."""
    pairs = list(raw.get("contacts", []))
    for frame in raw["keyframes"]:
        pairs += frame.get("contacts", [])
    ends = {str(b) for _, b in pairs}
    return {b for b in ends if b.endswith(".foot") and _held_point(b) not in ends}


def _name_feet(message: str, feet: set[str]) -> str:
    """A solver message naming the foot written, not the ankle it is held at."""
    for foot in feet:
        message = message.replace(f"reach {_held_point(foot)};", f"reach {foot};")
    return message


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


def _held_point(point: str) -> str:
    """The point a contact ends on: a ``foot`` is held at its ankle."""
    return point[: -len("foot")] + "ankle" if point.endswith(".foot") else point


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
    shared = [(str(a), _held_point(str(b))) for a, b in raw.get("contacts", [])]
    poses: list[Pose] = []
    for frame in raw["keyframes"]:
        both = frame.get("both")
        left, right = _limb(frame.get("left"), both), _limb(frame.get("right"), both)
        on = _on(frame.get("rests_on", figure_on), seat)
        pairs = shared + [(str(a), _held_point(str(b))) for a, b in frame.get("contacts", [])]
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
                belly=float(frame.get("belly", 0.0)),
                side_bend=float(frame.get("side_bend", 0.0)) * (-1 if swap else 1),
                head_glide=float(frame.get("head_glide", 0.0)),
                head_turn=float(frame.get("head_turn", 0.0)) * (-1 if swap else 1),
                left=left,
                right=right,
                on=on,
                contacts=tuple((a, b, 1.0) for a, b in pairs),
            )
        )
    contacts = tuple((_swap_name(a), _swap_name(b)) if swap else (a, b) for a, b in shared)
    view = raw.get("view", "side")
    return Figure(
        view="+".join(view) if isinstance(view, list) else view,
        keyframes=tuple(poses),
        props=tuple(raw.get("props", [])),
        working="right" if swap else raw["working"],
        limb="+".join(limb) if isinstance(limb := raw.get("limb", ""), list) else limb,
        contacts=contacts,
        named_side=raw.get("named_side", "working"),
        caption=raw.get("caption", ""),
        chair=raw.get("chair", ""),
        pillow_between=tuple(raw.get("pillow_between", ())),
    )


def caption(fig: Figure, side: str) -> str:
    """Words naming the working side, e.g. 'RIGHT leg works', or the figure's own caption
    with the side filled in; '' when nothing is one-sided and there is no caption."""
    if fig.caption:
        word = side if side in SIDES else "right"
        return fig.caption.replace("{side}", word).replace("{SIDE}", word.upper())
    if fig.working not in SIDES or side not in SIDES:
        return ""
    other = "left" if side == "right" else "right"
    names = [
        f"{other.upper()} {limb[6:]}" if limb.startswith("other ") else f"{side.upper()} {limb}"
        for limb in (fig.limb or "side").split("+")
    ]
    return " and ".join(names) + (" work" if len(names) > 1 else " works")


def working_side(fig: Figure, exercise_side: str) -> str:
    """The side of the working limb when the exercise's steps name ``exercise_side``.

    Most exercises name the working side; some (clamshell) name the side lain on.
    """
    if fig.named_side == "other" and exercise_side in SIDES:
        return "left" if exercise_side == "right" else "right"
    return exercise_side
