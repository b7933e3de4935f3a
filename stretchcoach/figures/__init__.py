"""Figures of each exercise: a small pose model kept as data, checked, and drawn without Rich.

Importing this package loads only the data model (standard library); the solver and the
renderers load on the first ``draw``, ``svg`` or ``frame`` call.

The ``figure:`` field of an exercise
------------------------------------
::

    figure:
      view: side            # side (default) | front | top | both (= [side, front]),
                            # or a list of two panels, e.g. [side, top]
      props: [floor, mat]   # floor mat chair wall step pillow cushions towel strap ball table
      working: right        # the side drawn as working: left | right | both | none
      limb: leg             # what the caption names: leg arm trunk hip knee shoulder neck,
                            # legs (both legs moving one way; needs a caption), or a list
                            # with a limb of the other side: [leg, other arm]
      caption: "Knees roll to your {SIDE}"   # optional words under the figure instead of
                            # "RIGHT leg works"; {side} / {SIDE} is the side drawn (needed
                            # when one-sided, not allowed otherwise)
      named_side: working   # the exercise's side words name the working limb (default)
                            # or the 'other' one (clamshell: "lying on your right side";
                            # a one-sided figure only)
      chair: post           # a chair held by its back (chair_back), in the side view: its
                            # seat 'ahead' of the back, 'behind' it, or 'post' (the back
                            # post alone); left out, the first that keeps clear of the legs
      pillow_between: [knee]   # a pillow between the legs (needs 'pillow'): the parts of
                            # both legs it lies between, of thigh knee shin ankle
      rests_on: [pelvis, left.foot]   # points resting on a surface, for every keyframe
      contacts: [[right.hand, right.knee]]   # the first point is held on the second
      keyframes:            # one pose, or start and end (and more) for a movement
        - name: start       # optional: names the SVG panel; each name used once
          trunk: -90        # whole trunk: 0 upright, 90 face down, -90 on the back
          bend: 0           # spine curve: + rounded, - arched
          neck: 0           # + chin down, - head back
          both: {hip: 45, knee: 90}     # angles for both sides ...
          right: {hip: 120}             # ... overridden per side
        - name: stretch
          rests_on: [pelvis]            # a keyframe may give its own rests_on and
          contacts: []                  # contacts, used instead of the figure's
          ...

Angles are in degrees. ``trunk`` is absolute (-135 to 135: a bridge lifts the hips above the
shoulders); ``roll`` (sideways lean, 90 = lying on the right side), ``twist`` (upper body
turned, + to the right) and ``side_bend`` (spine bent sideways, + to the right, pelvis level)
also belong to the trunk, as does ``head_turn`` (the head turned to look, + to the right; lying
face down, the cheek on the floor). Two keyframe values are in body units: ``head_glide`` (-5
to 5: the head slid straight forwards or back, no nod; a chin tuck) and ``belly`` (0 to 6: how
far the belly rises on a breath in; the front of the trunk is then outlined in the side view).
The limb angles are relative to the parent segment, anatomically: ``shoulder`` (arm forwards
and up, 0 hanging), ``elbow`` (bend), ``hip`` (thigh forwards, 0 in line with the trunk),
``knee`` (bend), ``ankle`` (+ toes pointed; past 50 only for a foot lying on its top), and out
of the side plane ``shoulder_out`` and ``hip_out`` (out to the side), ``hip_turn`` (turned out:
with a bent knee the foot swings inwards) and ``shoulder_turn`` (upper arm turned: + a bent
forearm points up, goal-post arms). The body is three-dimensional, so one set of angles serves
every view: the side view shows the forwards-and-up plane, the front view the sideways-and-up
plane, and the top view looks down at the floor (the figure's right towards the bottom), which
is how side-lying poses and knee rolls read. Props follow the body: the mat lies under it over
the whole movement and a strap runs from the hand to the foot in every frame.

``rests_on`` lists the points resting on a surface: ``pelvis``, ``head``, ``neck``, ``chest``,
``belly`` or a side's ``shoulder elbow hand hip thigh knee shin ankle toe foot`` (``foot`` =
ankle and toe flat), optionally ``on`` a surface (``right.knee on towel``; default floor, and
the seat for the pelvis; a point ``on pillow`` gets a cushion drawn under it, and points ``on
cushions`` share one stack of three cushions, 12 units high, that a chest can rest on as in a
supported child's pose; the front of a trunk resting on it is outlined). The solver lifts
the body until every listed point is at or above its surface, then bends the limbs (hand,
elbow, ankle, knee) of any that float so they reach it. Contacts are held the same way every
frame, so planted hands and feet stay put while the body moves; when a hand is held on a
point and its elbow rests on the floor, the arm swings so both stay put (a hand on the belly).
Points are ``head neck pelvis chest belly`` (the front of the trunk) and ``left.*`` /
``right.*`` (``thigh`` and ``shin`` are the middle of the bone; ``hand`` is the wrist, the hand
drawn flat on a surface it rests on, else along the forearm; a resting knee's joint lies 3
units above its surface, so hands under the shoulders and knees under the hips with straight
arms give a table-top with ``trunk`` about 81, the back nearly level; a ``foot`` is held at its
ankle); a contact joins two different points, and one the limb cannot reach is refused. A
contact may also end on a
prop (``floor seat table step chair_back wall``), which then needs that prop in ``props`` (a
seat needs a chair or a ball; the floor needs nothing): it is held at the prop's height (a wall
only places the wall) and the prop is placed to meet it; ``chair_back`` is the top of the
chair's back, for a standing hand-hold (the front view then draws the chair's back too,
reaching away from the body). A hand or foot on a prop also keeps the place across the floor
where the first keyframe with that contact put it, so the prop stays put and the limb bends
to reach it as the trunk moves; an elbow or knee on a prop, with one bone to swing, keeps
only the height. A pillow under the head is outlined in every view, as is a pillow between the legs
(``pillow_between``: placed by the start pose over the named parts of both legs, so a knee
drawn up leaves it; it reads best from above, in side-lying poses), and seen from above
beside another panel in the terminal, the mat's near edge lines up with that panel's floor.

The SVG draws a row per view, start → end (a long lying view: start above end), every figure
at one common scale, each panel named after its keyframe (a keyframe without a ``name`` leaves
its panel unnamed, and the steps read "Start → end"); far limbs light grey and thin, and
arms over the head so one reaching past it shows.

Points and sizes are in body units (a standing figure is about 100 tall; the floor is y = 0).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from stretchcoach.figures.model import (
    PROPS,
    VIEWS,
    WORKING,
    Figure,
    FigureError,
    Limb,
    Pose,
    caption,
    parse,
    problems,
    working_side,
)

if TYPE_CHECKING:
    from stretchcoach.figures.raster import Drawing

__all__ = [
    "PROPS",
    "STYLES",
    "VIEWS",
    "WORKING",
    "Figure",
    "FigureError",
    "Limb",
    "Pose",
    "caption",
    "choose_style",
    "draw",
    "frame",
    "parse",
    "problems",
    "svg",
    "working_side",
]

STYLES = ("braille", "blocks", "off")


def choose_style(setting: str | None, env: Mapping[str, str]) -> str:
    """'braille', 'blocks' or 'off': a valid setting wins, else a guess from the environment.

    The Linux console and Windows consoles lack braille glyphs in their usual fonts; a dumb
    terminal gets no figure at all.
    """
    if setting and setting.strip().lower() in STYLES:
        return setting.strip().lower()
    term = env.get("TERM", "").lower()
    if term == "dumb":
        return "off"
    if term == "linux" or "WT_SESSION" in env:
        return "blocks"
    if not term and (env.get("OS") == "Windows_NT" or "COMSPEC" in env):
        return "blocks"
    return "braille"


def draw(
    fig: Figure,
    *,
    style: str = "braille",
    width: int = 32,
    height: int | None = None,
    t: float = 0.0,
    side: str = "right",
    view: str | None = None,
) -> Drawing:
    """The figure at time ``t`` (0 start … 1 end) as terminal cells; pure and fast.

    ``side`` is the working side this time (drawn near, thicker, and mirrored for the left);
    ``height`` None picks about 12 rows for upright figures and 7 for lying ones.
    """
    if style not in ("braille", "blocks"):
        raise ValueError(f"style must be 'braille' or 'blocks', not {style!r}")
    if view is not None and view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}, not {view!r}")
    from stretchcoach.figures.raster import render

    return render(
        fig, style, max(4, width), None if height is None else max(2, height), t, side, view
    )


def svg(fig: Figure, *, side: str = "right", width: int = 320, title: str = "") -> str:
    """A standalone SVG: a row per view with start → end (or start above end when lying),
    panels named after their keyframes, the working limb in colour."""
    from stretchcoach.figures.svgout import render_svg

    return render_svg(fig, side, width, title)


def frame(
    fig: Figure, t: float, side: str = "right", view: str = "side"
) -> dict[str, tuple[float, float]]:
    """The solved pose at ``t`` as 2D points of ``view`` (floor at y = 0), named by body side.

    Mirrored for the left side just as the drawing is, so ``left.*`` names the limb that is
    actually the left one in the picture.
    """
    from stretchcoach.figures.pose import solve_at
    from stretchcoach.figures.scene import project

    solved = solve_at(fig, round(min(1.0, max(0.0, t)), 4))
    mirror = fig.working in ("left", "right") and side == "left"
    out: dict[str, tuple[float, float]] = {}
    for name, p in solved.points.items():
        x, y = project(p, view)
        if mirror:
            x = -x
            if name.startswith("right."):
                name = "left." + name[6:]
            elif name.startswith("left."):
                name = "right." + name[5:]
        out[name] = (x, y)
    return out
