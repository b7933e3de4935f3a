"""Figures: the model's richer parts — captions, the top view, props that follow the body,
points on the trunk and limbs, and the newer trunk and arm angles."""

from __future__ import annotations

import copy
import math
from typing import Any

import pytest
import yaml
from conftest import CATALOGUE

from stretchcoach import figures
from stretchcoach.figures import Figure
from stretchcoach.figures.scene import scene

with CATALOGUE.open(encoding="utf-8") as fh:
    RAW: dict[str, Any] = {e["id"]: e["figure"] for e in yaml.safe_load(fh) if "figure" in e}

TIMES = (0.0, 0.25, 0.5, 0.75, 1.0)


def fig(ex_id: str) -> Figure:
    return figures.parse(copy.deepcopy(RAW[ex_id]))


def lying(**changes: Any) -> dict[str, Any]:
    """A valid figure lying on the back with knees bent, changed by ``changes``."""
    raw: dict[str, Any] = {
        "view": "side",
        "props": ["floor", "mat"],
        "working": "right",
        "limb": "leg",
        "rests_on": ["pelvis", "neck", "left.foot", "right.foot"],
        "keyframes": [{"trunk": -90, "neck": 35, "both": {"hip": 45, "knee": 90}}],
    }
    raw.update(changes)
    return raw


def standing(**keyframe: Any) -> dict[str, Any]:
    return {
        "working": "none",
        "rests_on": ["left.foot", "right.foot"],
        "keyframes": [keyframe],
    }


def messages(raw: object) -> list[str]:
    return [message for _, message in figures.problems(raw)]


# --- captions ---------------------------------------------------------------------------


def test_a_caption_template_names_the_side_drawn() -> None:
    rolls = fig("lower-trunk-rotation")
    assert figures.caption(rolls, "right") == "Knees roll to your RIGHT"
    assert figures.caption(rolls, "left") == "Knees roll to your LEFT"
    quiet = figures.parse(lying(caption="Turning to the {side}"))
    assert figures.caption(quiet, "left") == "Turning to the left"
    assert "works" not in figures.caption(rolls, "left")


def test_a_caption_for_a_figure_with_no_side() -> None:
    breath = fig("diaphragmatic-breathing")
    assert figures.caption(breath, "right") == figures.caption(breath, "left")
    assert "belly" in figures.caption(breath, "right")
    assert figures.caption(breath, "right") in figures.svg(breath)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"caption": "Knees roll sideways"}, "must name the side"),
        ({"caption": "Both roll to the {side}", "working": "both"}, "Only a one-sided"),
        ({"caption": "Roll to your {way}"}, "only use {side}"),
        ({"caption": 5}, "must be text"),
        ({"caption": 12345}, "must be text"),
        ({"caption": "  "}, "must be text"),
        ({"caption": "x" * 70}, "short text"),
        ({"limb": "legs"}, "caption naming the way"),
    ],
)
def test_wrong_captions_are_refused(changes: dict[str, Any], words: str) -> None:
    found = figures.problems(lying(**changes))
    assert found
    assert found[0][0] == ("caption",)
    assert words in found[0][1]


def test_two_limbs_can_work_one_on_each_side() -> None:
    raw = copy.deepcopy(RAW["bird-dog"])
    raw["limb"] = ["leg", "other arm"]
    dog = figures.parse(raw)
    assert figures.caption(dog, "right") == "RIGHT leg and LEFT arm work"
    assert figures.caption(dog, "left") == "LEFT leg and RIGHT arm work"
    drawn = [s for s in scene(dog, 1.0, "side") if s.working]
    assert len(drawn) == 2  # the near leg and the far arm
    assert ("limb", 1) in [p for p, _ in figures.problems(lying(limb=["leg", "other hand"]))]
    assert messages(lying(working="both", limb=["leg", "other arm"]))


# --- views ------------------------------------------------------------------------------


def test_a_list_of_views_gives_two_panels() -> None:
    rolls = fig("side-lying-clamshell")
    assert rolls.views == ("side", "top")
    assert fig("seated-figure-four").views == ("side", "front")
    assert fig("cat-cow").views == ("side",)
    wide = figures.draw(rolls, width=64)
    assert "".join(line[:31] for line in wide.lines).strip()
    assert "".join(line[33:] for line in wide.lines).strip()
    narrow = figures.draw(rolls, width=32)
    assert narrow.lines == figures.draw(rolls, width=32, view="side").lines
    assert messages(lying(view=["side", "side"]))
    assert messages(lying(view=["side", "front", "top"]))
    assert ("view", 1) in [p for p, _ in figures.problems(lying(view=["side", "above"]))]


def test_the_top_view_shows_knees_rolling_to_the_side_named() -> None:
    rolls = fig("lower-trunk-rotation")
    start, end = figures.frame(rolls, 0.0, view="top"), figures.frame(rolls, 1.0, view="top")
    for knee in ("right.knee", "left.knee"):  # the figure's right is downwards from above
        assert end[knee][1] < start[knee][1] - 5
    left = figures.frame(rolls, 1.0, side="left", view="top")
    assert left["head"][0] == pytest.approx(-end["head"][0])
    # the shoulders stay on the floor while the knees roll
    side_end = figures.frame(rolls, 1.0)
    assert side_end["left.shoulder"][1] == pytest.approx(side_end["right.shoulder"][1], abs=1.0)


def test_the_top_view_has_no_floor_line_and_a_mat_under_the_body() -> None:
    rolls = fig("side-lying-clamshell")
    shapes = scene(rolls, 0.0, "top")
    assert not [s for s in shapes if s.kind == "floor"]
    (mat,) = [s for s in shapes if s.kind == "area"]
    (x0, y0), (x1, y1) = mat.points
    p = figures.frame(rolls, 0.0, view="top")
    for name in ("head", "pelvis", "right.ankle", "left.hand"):
        assert x0 <= p[name][0] <= x1
        assert y0 <= p[name][1] <= y1
    assert 'class="top t1"' in figures.svg(rolls)


def test_the_face_shows_only_when_it_turns_from_the_viewer() -> None:
    standing_front = figures.parse(standing())
    assert not [s for s in scene(standing_front, 0.0, "front") if s.kind == "nose"]
    turned = figures.parse(standing(twist=40))
    assert [s for s in scene(turned, 0.0, "front") if s.kind == "nose"]
    assert [s for s in scene(standing_front, 0.0, "side") if s.kind == "nose"]


# --- props follow the body --------------------------------------------------------------


def test_a_strap_runs_from_hand_to_foot_in_every_frame() -> None:
    raw = copy.deepcopy(RAW["supine-hamstring-strap"])
    first = copy.deepcopy(raw["keyframes"][0])
    first["right"] = {**first.get("right", {}), "hip": 90, "knee": 90}
    first["name"] = "knee up"
    raw["keyframes"] = [first, *raw["keyframes"]]
    strap_fig = figures.parse(raw)
    assert strap_fig.moves
    for t in TIMES:
        p = figures.frame(strap_fig, t)
        straps = [s for s in scene(strap_fig, t, "side") if s.layer == "prop" and s.kind == "prop"]
        ends = {pt for s in straps for pt in s.points}
        assert any(math.dist(e, p["right.hand"]) < 0.01 for e in ends), t
        assert any(math.dist(e, p["right.toe"]) < 0.01 for e in ends), t


def test_the_mat_lies_under_every_keyframe() -> None:
    raw = lying(
        rests_on=None,
        keyframes=[
            {
                "trunk": -90,
                "neck": 20,
                "both": {"hip": 90, "knee": 90, "shoulder": 5},
                "rests_on": ["pelvis", "neck", "left.hand", "right.hand"],
            },
            {
                "trunk": -90,
                "neck": 20,
                "both": {"hip": 90, "knee": 90, "shoulder": 5},
                "right": {"hip": 42},
                "rests_on": ["pelvis", "neck", "left.hand", "right.hand", "right.ankle"],
            },
        ],
    )
    del raw["rests_on"]
    bug = figures.parse(raw)
    heel = figures.frame(bug, 1.0)["right.ankle"][0]
    (mat,) = [s for s in scene(bug, 0.0, "side") if s.kind == "mat"]
    assert mat.points[0][0] < heel < mat.points[1][0]


def test_a_lying_body_is_drawn_clear_of_the_mat_in_the_terminal() -> None:
    for ex_id in ("constructive-rest", "knee-to-chest-single", "diaphragmatic-breathing"):
        d = figures.draw(fig(ex_id), style="blocks", t=0.0)
        assert set(d.lines[-1]) <= {" ", "▄"}, ex_id  # the bottom row holds only the mat
        assert "▄" in d.lines[-1]
    kneel = figures.draw(fig("kneeling-hip-flexor"), style="blocks", t=0.0)
    assert set(kneel.lines[-1]) - {" ", "▄"}, "a kneeling knee still meets the mat"


def test_a_cushion_is_drawn_under_a_point_resting_on_it() -> None:
    raw = lying(props=["floor", "mat", "pillow"])
    raw["rests_on"] = ["pelvis", "neck", "left.foot", "right.foot on pillow"]
    shapes = scene(figures.parse(raw), 0.0, "side")
    pillows = [s for s in shapes if s.kind == "pillow"]
    foot = figures.frame(figures.parse(raw), 0.0)["right.ankle"]
    assert any(s.points[0][0] < foot[0] < s.points[1][0] for s in pillows)


# --- points on the trunk and the limbs ----------------------------------------------------


def test_hands_rest_on_the_chest_and_belly_and_the_belly_rises() -> None:
    breath = fig("diaphragmatic-breathing")
    for t in TIMES:
        p = figures.frame(breath, t)
        assert math.dist(p["right.hand"], p["belly"]) < 1.0
        assert math.dist(p["left.hand"], p["chest"]) < 1.0
        assert p["right.elbow"][1] == pytest.approx(1.5, abs=1.0)  # the arm rests
        assert p["left.elbow"][1] == pytest.approx(1.5, abs=1.0)
        assert p["chest"][1] > p["neck"][1] + 4  # the front of the trunk, not the spine
    start, end = figures.frame(breath, 0.0), figures.frame(breath, 1.0)
    assert end["right.hand"][1] > start["right.hand"][1] + 1.5  # an easy breath, not forced
    assert end["left.hand"][1] == pytest.approx(start["left.hand"][1], abs=0.5)


def test_a_hand_can_hold_the_thigh() -> None:
    raw = lying(
        contacts=[["right.hand", "right.thigh"]],
        keyframes=[
            {
                "trunk": -90,
                "neck": 35,
                "both": {"hip": 45, "knee": 90, "shoulder": 70, "shoulder_out": 45},
                "right": {"hip": 110, "knee": 120, "elbow": 60},
            }
        ],
        rests_on=["pelvis", "neck", "left.foot"],
    )
    assert figures.problems(raw) == []
    p = figures.frame(figures.parse(raw), 0.0)
    assert math.dist(p["right.hand"], p["right.thigh"]) < 1.0
    mid = [(a + b) / 2 for a, b in zip(p["right.hip"], p["right.knee"], strict=True)]
    assert math.dist(p["right.thigh"], tuple(mid)) < 0.01


def test_a_bridge_lifts_the_hips_above_the_shoulders() -> None:
    raw = lying(
        working="none",
        rests_on=["left.shoulder", "right.shoulder", "neck", "left.foot", "right.foot"],
        keyframes=[{"trunk": -118, "neck": 55, "both": {"hip": 0, "knee": 80}}],
    )
    assert figures.problems(raw) == []
    p = figures.frame(figures.parse(raw), 0.0)
    assert p["pelvis"][1] > p["right.shoulder"][1] + 10
    assert messages(lying(keyframes=[{"trunk": -140}]))


def test_a_hand_on_the_chair_back() -> None:
    raw = standing(both={"shoulder": 20, "elbow": 20})
    raw["props"] = ["floor", "chair"]
    raw["contacts"] = [["left.hand", "chair_back"]]
    assert figures.problems(raw) == []
    f = figures.parse(raw)
    p = figures.frame(f, 0.0)
    assert p["left.hand"][1] == pytest.approx(26 + 26 + 1, abs=1.0)
    backs = [
        s for s in scene(f, 0.0, "side") if s.kind == "prop" and s.points[0][0] == s.points[1][0]
    ]
    assert any(abs(s.points[0][0] - p["left.hand"][0]) < 1.0 for s in backs)
    raw["props"] = ["floor"]
    assert "needs 'chair'" in messages(raw)[0]


# --- more trunk, head and arm movement -----------------------------------------------------


def test_a_side_bend_keeps_the_pelvis_level() -> None:
    p = figures.frame(figures.parse(standing(side_bend=25)), 0.0, view="front")
    assert p["right.hip"][1] == pytest.approx(p["left.hip"][1], abs=0.01)
    assert p["neck"][0] < p["pelvis"][0] - 5  # towards the figure's right: the viewer's left
    assert messages(standing(side_bend=50))


def test_a_head_glide_moves_the_head_without_a_nod() -> None:
    still = figures.frame(figures.parse(standing()), 0.0)
    tucked = figures.frame(figures.parse(standing(head_glide=-4)), 0.0)
    assert tucked["head"][0] == pytest.approx(still["head"][0] - 4, abs=0.01)
    assert tucked["head"][1] == pytest.approx(still["head"][1], abs=0.01)
    assert tucked["nose"][1] - tucked["head"][1] == pytest.approx(
        still["nose"][1] - still["head"][1], abs=0.01
    )
    assert messages(standing(head_glide=8))


def test_goal_post_arms_turn_the_forearms_up() -> None:
    arms = {"shoulder_out": 80, "elbow": 90, "shoulder_turn": 90}
    p = figures.frame(figures.parse(standing(both=arms)), 0.0)
    for side in ("left", "right"):
        assert p[f"{side}.hand"][1] > p[f"{side}.elbow"][1] + 12  # forearm 14, to the wrist


def test_a_foot_can_lie_on_its_top() -> None:
    assert figures.problems(standing(both={"ankle": 70})) == []
    assert messages(standing(both={"ankle": 75}))


def test_the_svg_label_names_the_keyframes() -> None:
    text = figures.svg(fig("cat-cow"))
    first, last = RAW["cat-cow"]["keyframes"][0], RAW["cat-cow"]["keyframes"][-1]
    if first.get("name") and last.get("name"):
        assert f"{first['name']} → {last['name']}"[1:] in text
    assert "Start → stretch" not in text


def test_a_head_turn_turns_the_face_to_the_side_named() -> None:
    p = figures.frame(figures.parse(standing(head_turn=60)), 0.0, view="front")
    assert p["nose"][0] < p["head"][0] - 4  # the figure's right is on the viewer's left
    still = figures.frame(figures.parse(standing()), 0.0, view="front")
    assert p["right.shoulder"] == pytest.approx(still["right.shoulder"])
    assert messages(standing(head_turn=90))


# --- props: pillows, chairs held by the back, props that stay put -------------------------


def test_a_pillow_seen_from_above_is_outlined_and_wider_than_the_head() -> None:
    rest = fig("side-lying-rest")
    head = figures.frame(rest, 0.0, view="top")["head"]
    pads = [
        s
        for s in scene(rest, 0.0, "top")
        if s.kind == "pad" and s.points[0][0] < head[0] < s.points[1][0]
    ]
    assert len(pads) == 1
    (xa, ya), (xb, yb) = pads[0].points
    assert xa < head[0] - 6.5 < head[0] + 6.5 < xb  # it shows round the head
    assert ya < head[1] - 6.5 < head[1] + 6.5 < yb
    text = figures.svg(rest)
    pad = [line for line in text.splitlines() if 'rx="3"' in line]
    assert pad
    assert all("stroke=" in line for line in pad)
    assert 'fill="#e4e4e4"' not in text  # the old fill that vanished on the mat
    top = figures.draw(rest, style="blocks", width=40, view="top").lines
    bare = copy.deepcopy(RAW["side-lying-rest"])
    bare["props"] = [p for p in bare["props"] if p != "pillow"]
    bare["rests_on"] = [p for p in bare["rests_on"] if "pillow" not in p]
    bare.pop("pillow_between")
    plain = figures.draw(figures.parse(bare), style="blocks", width=40, view="top").lines
    assert top != plain  # the terminal draws the pillow's outline too


# --- a stack of cushions under the chest, a pillow between the knees ---------------------


def kneeling_on_cushions(**changes: Any) -> dict[str, Any]:
    """A supported child's pose: kneeling, chest and forehead on a stack of cushions."""
    raw: dict[str, Any] = {
        "view": "side",
        "props": ["floor", "mat", "cushions"],
        "working": "none",
        "rests_on": [
            "left.knee",
            "right.knee",
            "left.foot",
            "right.foot",
            "left.hand",
            "right.hand",
            "chest on cushions",
            "head on cushions",
        ],
        "keyframes": [
            {
                "trunk": 78,
                "bend": 12,
                "neck": 15,
                "both": {"shoulder": 100, "elbow": 90, "hip": 130, "knee": 150, "ankle": 70},
            }
        ],
    }
    raw.update(changes)
    return raw


def test_the_chest_rests_on_a_stack_of_cushions_well_above_a_pillow() -> None:
    stacked = figures.frame(figures.parse(kneeling_on_cushions()), 0.0)
    assert 12.0 <= stacked["chest"][1] <= 15.0  # a stack about 12 high, not a 3-high pillow
    assert 18.0 <= stacked["head"][1] <= 21.5  # the forehead on the stack's front end
    on_pillow = kneeling_on_cushions(props=["floor", "mat", "pillow"])
    on_pillow["rests_on"] = [p.replace("cushions", "pillow") for p in on_pillow["rests_on"]]
    assert any("floats" in m for m in messages(on_pillow))  # a pillow is far too low for it


def test_the_cushion_stack_is_drawn_as_three_cushions_under_the_chest_and_head() -> None:
    raw = kneeling_on_cushions()
    child = figures.parse(raw)
    pts = figures.frame(child, 0.0)
    stack = [s for s in scene(child, 0.0, "side") if s.kind == "pillow"]
    assert len(stack) == 3
    tops = sorted(max(y for _, y in s.points) for s in stack)
    assert tops[0] < tops[1] < tops[2]
    assert abs(tops[2] - pts["chest"][1]) < 1.5  # the chest lies on the top cushion
    lo = min(min(x for x, _ in s.points) for s in stack)
    hi = max(max(x for x, _ in s.points) for s in stack)
    assert lo < pts["chest"][0] < pts["head"][0] < hi
    assert figures.svg(child).count("<rect") - figures.svg(child).count('rx="1"') >= 4
    # the terminal draws the stack: the drawing differs from one with no cushions
    drawn = figures.draw(child, style="braille", width=40).lines
    bare = kneeling_on_cushions(props=["floor", "mat"])
    bare["rests_on"] = [p for p in bare["rests_on"] if "cushions" not in p]
    assert "cushions" in messages(kneeling_on_cushions(props=["floor", "mat"]))[0]
    assert drawn != figures.draw(figures.parse(bare), style="braille", width=40).lines
    top = [s for s in scene(child, 0.0, "top") if s.kind == "pad"]
    assert top
    assert top[0].points[0][0] < pts["chest"][0]


def test_childs_pose_rests_its_chest_on_cushions_with_a_plain_caption() -> None:
    child = fig("childs-pose")
    assert ("chest", "cushions") in child.keyframes[0].on
    assert figures.caption(child, "right") == "Chest resting on cushions"
    pts = figures.frame(child, 0.0)
    assert abs(pts["neck"][1] - pts["pelvis"][1]) < 10  # the back nearly level, not a hump
    assert pts["pelvis"][1] < 20  # the bottom back towards the heels


def test_a_pillow_between_the_knees_is_checked() -> None:
    raw = lying(props=["floor", "mat"], pillow_between=["knee"])
    assert any("needs 'pillow'" in m for m in messages(raw))
    assert any(
        "did you mean 'knee'" in m
        for m in messages(lying(props=["floor", "mat", "pillow"], pillow_between=["knees"]))
    )
    assert messages(lying(props=["floor", "mat", "pillow"], pillow_between="knee"))
    assert not messages(lying(props=["floor", "mat", "pillow"], pillow_between=["knee"]))


@pytest.mark.parametrize("ex_id", ["side-lying-rest", "side-lying-knee-hug"])
def test_side_lying_poses_draw_a_pillow_between_the_knees(ex_id: str) -> None:
    lying_fig = fig(ex_id)
    assert "knee" in lying_fig.pillow_between
    pts = figures.frame(lying_fig, 0.0, view="top")
    between = [
        s
        for s in scene(lying_fig, 0.0, "top")
        if s.kind == "pad" and s.points[0][0] < pts["right.knee"][0] < s.points[1][0]
    ]
    assert len(between) == 1
    (xa, ya), (xb, yb) = between[0].points
    for knee in ("left.knee", "right.knee"):  # round both knees, wider than a leg
        assert xa < pts[knee][0] < xb
        assert ya < pts[knee][1] < yb
    assert xb - xa > 13.9
    assert yb - ya > 13.9
    bare = copy.deepcopy(RAW[ex_id])
    bare.pop("pillow_between")
    for style in ("braille", "blocks"):
        drawn = figures.draw(lying_fig, style=style, width=40, view="top").lines
        plain = figures.draw(figures.parse(bare), style=style, width=40, view="top").lines
        assert drawn != plain
    assert figures.svg(lying_fig).count("<rect") > figures.svg(figures.parse(bare)).count("<rect")


def test_two_panels_in_the_terminal_share_the_floor_line() -> None:
    for ex_id in ("side-lying-clamshell", "seated-figure-four"):
        d = figures.draw(fig(ex_id), style="blocks", width=64)
        half = 64 // 2
        rows = [
            max(i for i, line in enumerate(d.lines) if line[a:b].strip())
            for a, b in ((0, half), (half, 64))
        ]
        assert rows[0] == rows[1] == d.height - 1, ex_id


def hand_hold(**changes: Any) -> dict[str, Any]:
    """Standing, the left hand on the chair's back, then a hinge forward."""
    raw: dict[str, Any] = {
        "props": ["floor", "chair"],
        "working": "none",
        "rests_on": ["left.foot", "right.foot"],
        "contacts": [["left.hand", "chair_back"]],
        "keyframes": [
            {"left": {"shoulder": 20, "elbow": 30}},
            {"trunk": 20, "left": {"shoulder": 30, "elbow": 40}},
        ],
    }
    raw.update(changes)
    return raw


def test_a_hand_on_a_prop_stays_where_it_first_met_it() -> None:
    hold = figures.parse(hand_hold())
    first = figures.frame(hold, 0.0)["left.hand"]
    for t in TIMES:
        p = figures.frame(hold, t)
        assert p["left.hand"] == pytest.approx(first, abs=0.3)
    free = hold.keyframes[-1]
    from stretchcoach.figures.pose import solve

    drifted = solve(hold, free, hold=False).points["left.hand"]
    assert abs(drifted[0] - first[0]) > 1.0  # without holding it, the hand would drift
    flexor = fig("standing-hip-flexor-supported")
    xs = {round(figures.frame(flexor, t)["left.hand"][0], 1) for t in TIMES}
    assert len(xs) == 1


def test_a_chair_held_by_its_back_is_drawn_in_the_front_view() -> None:
    hold = figures.parse(hand_hold(view="front"))
    hand = figures.frame(hold, 0.0, view="front")["left.hand"]
    props = [s for s in scene(hold, 0.0, "front") if s.kind == "prop"]
    tops = [y for s in props for _, y in s.points]
    assert max(tops) == pytest.approx(hand[1] - 1.0, abs=0.5)  # the hand on the back's top
    xs = [x for s in props for x, _ in s.points]
    pelvis = figures.frame(hold, 0.0, view="front")["pelvis"]
    assert min(xs) > pelvis[0]  # reaching away from the body, on the hand's side


def seat_span(f: Figure) -> tuple[float, float] | None:
    """The x span of the chair's seat in the side view at t=0 (None: no seat drawn)."""
    seats = [
        s
        for s in scene(f, 0.0, "side")
        if s.kind == "prop" and len(s.points) == 2 and s.points[0][1] == s.points[1][1] == 26.0
    ]
    if not seats:
        return None
    xs = [x for x, _ in seats[0].points]
    return min(xs), max(xs)


def test_a_held_chairs_seat_goes_where_the_figure_says() -> None:
    for seat in ("ahead", "behind", "post"):
        f = figures.parse(hand_hold(chair=seat))
        hand = figures.frame(f, 0.0)["left.hand"][0]
        span = seat_span(f)
        if seat == "post":
            assert span is None
        elif seat == "ahead":
            assert span is not None
            assert span[0] == pytest.approx(hand)
            assert span[1] > hand + 10
        else:
            assert span is not None
            assert span[1] == pytest.approx(hand)
            assert span[0] < hand - 10
    assert "chair seat" in messages(hand_hold(chair="sideways"))[0]
    assert "needs 'chair'" in messages(lying(chair="post"))[0]


def test_left_out_the_seat_keeps_clear_of_the_legs() -> None:
    flexor = fig("standing-hip-flexor-supported")  # a leg goes forward under a seat ahead
    span = seat_span(flexor)
    for t in TIMES:
        p = figures.frame(flexor, t)
        for side in ("left", "right"):
            for n in ("knee", "ankle", "toe"):
                x, y = p[f"{side}.{n}"]
                if span is not None and y < 26:
                    assert not span[0] + 0.5 < x < span[1] - 0.5, (t, side, n)
    clear = figures.parse(hand_hold())  # feet together: the seat goes ahead as before
    assert seat_span(clear) is not None
