"""Figures: any pose within human ranges draws inside its box, at any moment, without error."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stretchcoach import figures
from stretchcoach.figures import Figure, Limb, Pose
from stretchcoach.figures.model import LIMB_RANGES, TRUNK_RANGES


def angle(name: str, ranges: dict[str, tuple[float, float]]) -> st.SearchStrategy[float]:
    low, high = ranges[name]
    return st.floats(low, high, allow_nan=False)


limbs = st.builds(Limb, **{name: angle(name, LIMB_RANGES) for name in LIMB_RANGES})
poses = st.builds(
    Pose,
    trunk=angle("trunk", TRUNK_RANGES),
    roll=angle("roll", TRUNK_RANGES),
    bend=angle("bend", TRUNK_RANGES),
    twist=angle("twist", TRUNK_RANGES),
    neck=angle("neck", TRUNK_RANGES),
    left=limbs,
    right=limbs,
    on=st.sampled_from(
        [
            (("left.ankle", "floor"), ("left.toe", "floor")),
            (("pelvis", "seat"),),
            (("pelvis", "floor"), ("neck", "floor")),
            (("right.knee", "mat"), ("left.hand", "floor")),
        ]
    ),
    contacts=st.sampled_from(
        [(), (("right.hand", "right.knee", 1.0),), (("right.ankle", "left.knee", 0.5),)]
    ),
)
figs = st.builds(
    Figure,
    view=st.sampled_from(["side", "front", "both"]),
    keyframes=st.lists(poses, min_size=1, max_size=3).map(tuple),
    props=st.sampled_from(
        [("floor",), ("floor", "mat", "pillow"), ("chair",), ("wall", "step", "ball")]
    ),
    working=st.sampled_from(["left", "right", "both", "none"]),
    limb=st.sampled_from(["leg", "arm", "trunk"]),
    contacts=st.just(()),
)


@settings(max_examples=60, deadline=None)
@given(
    f=figs,
    t=st.floats(0.0, 1.0),
    style=st.sampled_from(["braille", "blocks"]),
    width=st.integers(8, 70),
    height=st.one_of(st.none(), st.integers(3, 16)),
    side=st.sampled_from(["left", "right"]),
)
def test_any_pose_draws_inside_its_box(
    f: Figure, t: float, style: str, width: int, height: int | None, side: str
) -> None:
    d = figures.draw(f, style=style, width=width, height=height, t=t, side=side)
    assert d.width == width
    assert len(d.lines) == d.height
    if height is not None:
        assert d.height == height
    assert all(len(line) == width for line in d.lines)
    assert "\u2800" not in "".join(d.lines)


@settings(max_examples=40, deadline=None)
@given(f=figs, t=st.floats(-0.5, 1.5, allow_nan=False))
def test_any_moment_solves_and_renders_svg(f: Figure, t: float) -> None:
    points = figures.frame(f, t)
    assert "head" in points
    assert "right.toe" in points
    assert figures.svg(f).startswith("<svg")
