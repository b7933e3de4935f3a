"""Figures: checking figure data, the solved geometry of each position, and the drawings."""

from __future__ import annotations

import copy
import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from typing import Any
from xml.sax.saxutils import escape

import pytest
import yaml
from conftest import CATALOGUE

from stretchcoach import figures
from stretchcoach.figures import Figure, FigureError

with CATALOGUE.open(encoding="utf-8") as fh:
    RAW: dict[str, Any] = {e["id"]: e["figure"] for e in yaml.safe_load(fh) if "figure" in e}

TIMES = (0.0, 0.25, 0.5, 0.75, 1.0)
SVG_NS = "{http://www.w3.org/2000/svg}"


def fig(ex_id: str) -> Figure:
    return figures.parse(copy.deepcopy(RAW[ex_id]))


def simple(**changes: Any) -> dict[str, Any]:
    """A valid standing figure, changed by ``changes``."""
    raw: dict[str, Any] = {
        "view": "side",
        "props": ["floor"],
        "working": "right",
        "limb": "leg",
        "rests_on": ["left.foot", "right.foot"],
        "keyframes": [{"name": "stand", "both": {"knee": 0}}],
    }
    raw.update(changes)
    return raw


def paths(raw: object) -> list[tuple[str | int, ...]]:
    return [p for p, _ in figures.problems(raw)]


# --- checking figure data ------------------------------------------------------------


def test_reference_figures_are_valid() -> None:
    assert set(RAW) >= {
        "knee-to-chest-single",
        "cat-cow",
        "side-lying-clamshell",
        "standing-back-extension",
        "seated-figure-four",
        "kneeling-hip-flexor",
    }
    for ex_id, raw in RAW.items():
        assert figures.problems(raw) == [], ex_id


def test_unknown_key_suggests_the_nearest() -> None:
    found = figures.problems(simple(vew="side"))
    assert found[0][0] == ("vew",)
    assert "did you mean 'view'" in found[0][1]


def test_unknown_joint_is_found_with_its_path() -> None:
    raw = simple(keyframes=[{"right": {"kne": 10}}])
    found = figures.problems(raw)
    assert found[0][0] == ("keyframes", 0, "right", "kne")
    assert "'knee'" in found[0][1]


def test_wrong_types_are_found() -> None:
    assert ("view",) in paths(simple(view=3))
    assert ("props",) in paths(simple(props="mat"))
    assert ("keyframes", 0, "trunk") in paths(simple(keyframes=[{"trunk": "upright"}]))
    assert ("keyframes",) in paths(simple(keyframes=[]))
    assert paths(["not", "a", "mapping"]) == [()]


@pytest.mark.parametrize(
    ("joint", "angle"),
    [("knee", 170), ("knee", -5), ("hip", 150), ("elbow", 160), ("shoulder", -70)],
)
def test_angles_outside_human_ranges(joint: str, angle: int) -> None:
    raw = simple(keyframes=[{"both": {"knee": 0}}, {"right": {joint: angle}}])
    found = figures.problems(raw)
    assert found[0][0] == ("keyframes", 1, "right", joint)
    assert "human range" in found[0][1]


def test_neck_range_is_checked() -> None:
    assert paths(simple(keyframes=[{"neck": 80}])) == [("keyframes", 0, "neck")]


def test_working_side_missing_or_invalid() -> None:
    raw = simple()
    del raw["working"]
    assert ("working",) in paths(raw)
    assert ("working",) in paths(simple(working="top"))
    assert ("limb",) in paths({k: v for k, v in simple().items() if k != "limb"})


def test_unknown_prop_and_unknown_points() -> None:
    found = figures.problems(simple(props=["floor", "chiar"]))
    assert found[0][0] == ("props", 1)
    assert "did you mean 'chair'" in found[0][1]
    assert ("contacts", 0, 1) in paths(simple(contacts=[["right.hand", "right.kneecap"]]))
    assert ("contacts", 0, 0) in paths(simple(contacts=[["head", "right.knee"]]))
    assert ("contacts", 0) in paths(simple(contacts=[["right.hand"]]))
    assert ("rests_on", 0) in paths(simple(rests_on=["left.heal"]))


def test_resting_on_a_seat_needs_a_chair() -> None:
    found = figures.problems(simple(rests_on=["pelvis on seat"]))
    assert found[0][0] == ("rests_on", 0)
    assert "chair" in found[0][1]


def test_a_figure_must_say_what_it_rests_on() -> None:
    raw = simple()
    del raw["rests_on"]
    assert ("rests_on",) in paths(raw)


def test_yaml_reading_on_as_true_is_explained() -> None:
    raw = yaml.safe_load("working: right\nlimb: leg\non: [left.foot]\nkeyframes: [{}]\n")
    found = figures.problems(raw)
    assert found[0][0] == ("True",)
    assert "quote it" in found[0][1]


def test_a_floating_figure_is_refused() -> None:
    # Standing on both feet with one knee bent up: that foot cannot reach the floor.
    raw = simple(keyframes=[{"right": {"hip": 90, "knee": 90}}])
    found = figures.problems(raw)
    assert found, "a foot in the air cannot be resting on the floor"
    assert found[0][0] == ("keyframes", 0)
    assert "floats" in found[0][1]


def test_a_body_sunk_through_the_floor_is_refused() -> None:
    raw = simple(rests_on=["pelvis", "neck"], keyframes=[{"trunk": -90, "both": {"hip": -30}}])
    found = figures.problems(raw)
    assert any("sinks" in message for _, message in found)


def test_an_unreachable_contact_is_refused() -> None:
    raw = simple(contacts=[["right.hand", "left.ankle"]])
    found = figures.problems(raw)
    assert found
    assert "cannot reach" in found[0][1]


def test_parse_raises_on_the_first_problem() -> None:
    with pytest.raises(FigureError) as caught:
        figures.parse(simple(view="above"))
    assert caught.value.path == ("view",)
    assert "view" in str(caught.value)


def test_parse_round_trip() -> None:
    raw = RAW["seated-figure-four"]
    parsed = figures.parse(copy.deepcopy(raw))
    assert parsed.view == raw["view"] == "both"
    assert parsed.props == tuple(raw["props"])
    assert parsed.working == "right"
    assert parsed.limb == "leg"
    assert len(parsed.keyframes) == len(raw["keyframes"]) == 2
    assert parsed.moves
    assert ("right.ankle", "left.knee") in parsed.contacts
    assert parsed.keyframes[1].trunk == raw["keyframes"][1]["trunk"]
    assert parsed.keyframes[0].right.hip_turn == raw["keyframes"][0]["right"]["hip_turn"]
    assert parsed.keyframes[0].left.hip == raw["keyframes"][0]["both"]["hip"]
    assert parsed == figures.parse(copy.deepcopy(raw))  # the same data gives an equal figure
    hash(parsed)  # frozen, so drawings can be cached


def test_a_left_working_figure_is_stored_mirrored() -> None:
    raw = simple(working="left", keyframes=[{"left": {"elbow": 20}}])
    parsed = figures.parse(raw)
    assert parsed.working == "right"
    assert parsed.keyframes[0].right.elbow == 20
    assert parsed.keyframes[0].left.elbow == 0


# --- geometry of each position, from the solved frames --------------------------------


def test_lying_trunk_is_horizontal_on_the_floor() -> None:
    for ex_id in ("knee-to-chest-single",):
        for t in TIMES:
            p = figures.frame(fig(ex_id), t)
            slope = abs(p["neck"][1] - p["pelvis"][1]) / abs(p["neck"][0] - p["pelvis"][0])
            assert slope < math.tan(math.radians(10)), (ex_id, t)
            assert 0 < p["pelvis"][1] < 6
            assert 0 < p["neck"][1] < 6


def test_side_lying_trunk_is_horizontal_in_front_view() -> None:
    for t in TIMES:
        p = figures.frame(fig("side-lying-clamshell"), t, view="front")
        assert abs(p["neck"][1] - p["pelvis"][1]) < 4
        assert p["pelvis"][1] < 12
        assert min(p["left.hip"][1], p["left.shoulder"][1]) == pytest.approx(3.5, abs=2.1)


def test_standing_has_both_feet_on_the_floor_and_head_above_hips() -> None:
    for t in TIMES:
        p = figures.frame(fig("standing-back-extension"), t)
        for foot in ("left.ankle", "left.toe", "right.ankle", "right.toe"):
            assert p[foot][1] == pytest.approx(1.0, abs=0.5), (foot, t)
        assert p["head"][1] > p["pelvis"][1] + 30


def test_seated_pelvis_on_the_seat() -> None:
    for t in TIMES:
        p = figures.frame(fig("seated-figure-four"), t)
        assert p["pelvis"][1] == pytest.approx(26 + 3, abs=0.5)
        assert p["left.ankle"][1] == pytest.approx(1.0, abs=1.5)


def test_all_fours_hands_and_knees_on_the_floor() -> None:
    for t in TIMES:
        p = figures.frame(fig("cat-cow"), t)
        for point in ("left.hand", "right.hand"):  # the wrist, just above the flat hand
            assert p[point][1] == pytest.approx(1.0, abs=1.0), (point, t)
        for point in ("left.knee", "right.knee"):  # the joint, above the kneecap
            assert p[point][1] == pytest.approx(3.0, abs=1.0), (point, t)
        assert p["pelvis"][1] > 20
        assert p["neck"][1] > 20


def test_a_table_top_with_straight_vertical_arms_and_thighs_is_nearly_level() -> None:
    raw = {
        "props": ["floor", "mat"],
        "working": "none",
        "limb": "trunk",
        "rests_on": [
            "left.hand",
            "right.hand",
            "left.knee",
            "right.knee",
            "left.foot",
            "right.foot",
        ],
        "keyframes": [{"trunk": 81, "both": {"shoulder": 81, "hip": 81, "knee": 90, "ankle": 70}}],
    }
    assert figures.problems(raw) == []  # the hands reach the floor with the elbows straight
    p = figures.frame(figures.parse(raw), 0.0)
    rise = p["right.shoulder"][1] - p["right.hip"][1]
    slope = math.degrees(math.asin(rise / math.dist(p["right.shoulder"], p["right.hip"])))
    assert 5 < slope < 12
    assert abs(p["right.hand"][0] - p["right.shoulder"][0]) < 1.0  # hands under shoulders
    assert abs(p["right.knee"][0] - p["right.hip"][0]) < 1.0  # knees under hips


def test_kneeling_has_a_knee_on_the_floor() -> None:
    for t in TIMES:
        p = figures.frame(fig("kneeling-hip-flexor"), t)
        assert p["right.knee"][1] == pytest.approx(1 + 3.0, abs=0.5)  # joint above kneecap
        assert p["head"][1] > 60


#: Every bundled exercise with the position its record gives, for the checks below.
POSITIONS = {ex["id"]: ex["position"] for ex in yaml.safe_load(CATALOGUE.read_text("utf-8"))}
FLOOR = 2.5  # a hand, foot or heel resting on the floor (its point sits just above it)


def _lowest(p: dict[str, tuple[float, float]], side: str, part: str) -> float:
    if part == "foot":
        return min(p[f"{side}.ankle"][1], p[f"{side}.toe"][1])
    return p[f"{side}.{part}"][1]


@pytest.mark.parametrize("ex_id", sorted(RAW))
def test_every_figure_rests_as_its_position_says(ex_id: str) -> None:
    """The geometry every figure must have, by the position its exercise is done in."""
    f, position = fig(ex_id), POSITIONS[ex_id]
    for t in TIMES:
        p = figures.frame(f, t, view="side")
        feet = [_lowest(p, side, "foot") for side in ("left", "right")]
        if position == "supine":  # on the back: the trunk stays low (a bridge lifts the hips)
            assert p["neck"][1] < 8, (t, p["neck"])
            assert p["pelvis"][1] < 16, (t, p["pelvis"])
            if t == 0.0:  # and starts flat on the floor line
                assert p["neck"][1] < 5
                assert p["pelvis"][1] < 5
        elif position == "prone":  # face down: hips, knees and feet stay down
            assert p["pelvis"][1] < 6, t
            assert max(feet) < FLOOR, t
        elif position == "side-lying":
            assert p["pelvis"][1] < 12, t
        elif position == "standing":  # upright, a foot on the floor, the other down or on a step
            assert p["head"][1] > p["pelvis"][1] + 20, t  # (leaning on a counter: +24)
            assert min(feet) < FLOOR, t
            assert max(feet) < (14 if "step" in f.props else FLOOR), t
        elif position == "seated":  # sitting on the seat (sit-to-stand rises from it)
            if t == 0.0:
                assert p["pelvis"][1] == pytest.approx(26 + 3, abs=1.0)
            assert p["head"][1] > p["pelvis"][1] + 20, t
            assert min(feet) < FLOOR, t
        elif position == "all-fours":  # hands and knees down; bird-dog lifts one of each
            hands = [_lowest(p, s, "hand") < FLOOR for s in ("left", "right")]
            knees = [_lowest(p, s, "knee") < FLOOR + 3 for s in ("left", "right")]
            assert any(hands), t
            assert any(knees), t
            if t == 0.0:
                assert all(hands + knees)
            assert p["pelvis"][1] > 18, t
        elif position == "kneeling":  # a knee on the floor
            assert min(_lowest(p, s, "knee") for s in ("left", "right")) < FLOOR + 3, t
        else:  # pragma: no cover - a new position needs its own rule here
            pytest.fail(f"no geometry rule for position {position!r}")


def test_contacts_hold_at_every_moment() -> None:
    four = fig("seated-figure-four")
    for k in range(21):
        p = figures.frame(four, k / 20)
        assert math.dist(p["right.ankle"], p["left.knee"]) < 1.0
    p = figures.frame(four, 1.0)
    assert math.dist(p["right.hand"], p["right.knee"]) < 1.0
    clam = fig("side-lying-clamshell")
    for k in range(21):
        p = figures.frame(clam, k / 20, view="front")
        assert math.dist(p["right.ankle"], p["left.ankle"]) < 1.0  # feet stay together


def test_hands_hold_behind_the_thigh_in_the_stretch() -> None:
    # Holding behind the thigh, not on the knee, spares the knee joint (the steps say so).
    p = figures.frame(fig("knee-to-chest-single"), 1.0)
    assert math.dist(p["right.hand"], p["right.thigh"]) < 1.5
    assert math.dist(p["right.hand"], p["right.knee"]) > 4.0


def test_planted_feet_do_not_slide() -> None:
    back = fig("standing-back-extension")
    xs = [figures.frame(back, k / 10)["right.ankle"][0] for k in range(11)]
    assert max(xs) - min(xs) < 0.5


def test_the_clamshell_knee_opens_upwards() -> None:
    clam = fig("side-lying-clamshell")
    start, end = figures.frame(clam, 0.0, view="front"), figures.frame(clam, 1.0, view="front")
    assert end["right.knee"][1] > start["right.knee"][1] + 5


def test_mirroring_swaps_the_near_side() -> None:
    f = fig("kneeling-hip-flexor")
    right, left = figures.frame(f, 0.0, side="right"), figures.frame(f, 0.0, side="left")
    assert left["left.knee"][0] == pytest.approx(-right["right.knee"][0])
    assert left["right.toe"][0] == pytest.approx(-right["left.toe"][0])
    assert right["nose"][0] > right["head"][0]  # facing right with the right side near
    assert left["nose"][0] < left["head"][0]


# --- drawings ---------------------------------------------------------------------------


@pytest.mark.parametrize("ex_id", sorted(RAW))
@pytest.mark.parametrize("style", ["braille", "blocks"])
def test_drawings_fill_their_box_with_spaces_for_blanks(ex_id: str, style: str) -> None:
    f = fig(ex_id)
    for t in (0.0, 0.5, 1.0):
        d = figures.draw(f, style=style, t=t)
        assert d.width == 32
        assert len(d.lines) == d.height == len(d.working)
        assert all(len(line) == 32 for line in d.lines)
        assert all(len(row) == 32 for row in d.working)
        text = "".join(d.lines)
        assert "\u2800" not in text
        assert text.strip(), "something is drawn"
        if style == "blocks":
            assert set(text) <= set(" ▀▄█")
        else:
            assert all(c == " " or 0x2801 <= ord(c) <= 0x28FF for c in text)


def test_height_is_chosen_by_position() -> None:
    assert figures.draw(fig("knee-to-chest-single")).height == 7
    assert figures.draw(fig("standing-back-extension")).height == 12
    assert figures.draw(fig("seated-figure-four")).height == 12
    assert figures.draw(fig("cat-cow")).height >= 8  # a level table-top: lower than seated
    assert figures.draw(fig("cat-cow"), height=8).height == 8


def test_working_cells_mark_the_working_leg() -> None:
    d = figures.draw(fig("knee-to-chest-single"), t=1.0)
    assert any(any(row) for row in d.working)
    none = figures.draw(fig("cat-cow"))
    assert not any(any(row) for row in none.working)


def test_the_left_drawing_mirrors_the_right() -> None:
    f = fig("knee-to-chest-single")
    right = figures.draw(f, style="blocks", t=1.0, side="right")
    left = figures.draw(f, style="blocks", t=1.0, side="left")
    cols_r = [c for row in right.working for c, w in enumerate(row) if w]
    cols_l = [c for row in left.working for c, w in enumerate(row) if w]
    mean_r, mean_l = sum(cols_r) / len(cols_r), sum(cols_l) / len(cols_l)
    assert mean_l == pytest.approx(31 - mean_r, abs=1.0)
    assert right.lines != left.lines
    assert right.caption == "RIGHT leg works"
    assert left.caption == "LEFT leg works"


def test_both_view_draws_two_panels_when_wide() -> None:
    f = fig("seated-figure-four")
    wide = figures.draw(f, width=64, height=12)
    narrow = figures.draw(f, width=32, height=12)
    assert wide.width == 64
    left_half = "".join(line[:31] for line in wide.lines).strip()
    right_half = "".join(line[33:] for line in wide.lines).strip()
    assert left_half
    assert right_half
    assert narrow.lines == figures.draw(f, width=32, height=12, view="side").lines


def test_draw_refuses_unknown_style() -> None:
    with pytest.raises(ValueError, match="style"):
        figures.draw(fig("cat-cow"), style="ascii")


def test_caption() -> None:
    assert figures.caption(fig("seated-figure-four"), "left") == "LEFT leg works"
    assert figures.caption(fig("cat-cow"), "right") == ""


def test_working_side_follows_the_exercise_words() -> None:
    clam = fig("side-lying-clamshell")
    assert figures.working_side(clam, "right") == "left"  # lying on the right: top leg is left
    assert figures.working_side(fig("seated-figure-four"), "right") == "right"


@pytest.mark.parametrize(
    ("setting", "env", "expected"),
    [
        ("blocks", {"TERM": "xterm-256color"}, "blocks"),
        ("off", {}, "off"),
        ("braille", {"TERM": "linux"}, "braille"),
        (None, {"TERM": "linux"}, "blocks"),
        (None, {"TERM": "xterm", "WT_SESSION": "x"}, "blocks"),
        (None, {"OS": "Windows_NT"}, "blocks"),
        (None, {"TERM": "dumb"}, "off"),
        (None, {"TERM": "xterm-256color"}, "braille"),
        ("auto", {"TERM": "xterm"}, "braille"),
    ],
)
def test_choose_style(setting: str | None, env: dict[str, str], expected: str) -> None:
    assert figures.choose_style(setting, env) == expected


@pytest.mark.parametrize("ex_id", sorted(RAW))
def test_svg_is_clean_and_accessible(ex_id: str) -> None:
    f = fig(ex_id)
    text = figures.svg(f, side="left", title="A title")
    root = ET.fromstring(text)
    assert root.tag == f"{SVG_NS}svg"
    assert root.find(f"{SVG_NS}title").text == "A title"  # type: ignore[union-attr]
    assert root.find(f"{SVG_NS}desc") is not None
    assert "<script" not in text
    assert "@import" not in text
    assert "href" not in text
    if "side" in f.views or "front" in f.views:
        assert "stroke-dasharray" in text  # the dotted floor (a view from above has none)
    if f.working in ("left", "right"):
        words = figures.caption(f, "left")
        assert "left" in words.lower()
        assert escape(words) in text
        assert "#c2410c" in text
    panels = list(root.iter(f"{SVG_NS}g"))
    views = len(f.views)
    assert len(panels) == views * (2 if f.moves else 1)


def test_svg_draws_the_mat_solid_and_the_chair() -> None:
    text = figures.svg(fig("kneeling-hip-flexor"))
    assert "<rect" in text
    assert "#b9c7d6" in text
    chair = figures.svg(fig("seated-figure-four"))
    assert chair.count("#8a8a8a") >= 4


def test_importing_figures_is_light() -> None:
    code = (
        "import sys, stretchcoach.figures as f; "
        "heavy = [m for m in ('rich', 'click', 'yaml') if m in sys.modules]; "
        "print(','.join(heavy) or 'none')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "none"
