"""Custom catalogues: mistakes a catalogue author makes, each reported as one located line,
and ``validate`` for files meant to be added beside the built-in catalogue."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import CATALOGUE, yaml_record

from stretchcoach import catalogue, figures, ui
from stretchcoach.catalogue import CatalogueError, Problem

Invoke = Callable[..., Result]

# A standing figure; in a record the figure starts at line 15: working 16, limb 17, props 18,
# rests_on 19, contacts 20, keyframes 21, name 22, trunk 23, both 24.
STANDING = """\
  figure:
    working: right
    limb: arm
    props: [floor]
    rests_on: [left.foot, right.foot]
    contacts: {contacts}
    keyframes:
      - name: stand
        trunk: 0
        both: {{hip: 0, knee: 0, elbow: 0}}
"""


TRUNK = "        trunk: 0\n"


def standing(contacts: str = "[]", **replace: str) -> str:
    """A record with a standing figure; ``replace`` swaps whole lines of the figure."""
    text = STANDING.format(contacts=contacts)
    for old, new in replace.items():
        text = text.replace(old, new)
    return yaml_record() + text


def problems_of(text: str | bytes) -> tuple[Problem, ...]:
    with pytest.raises(CatalogueError) as info:
        catalogue.parse(text, source="test.yaml")
    return info.value.problems


def only(text: str | bytes) -> Problem:
    found = problems_of(text)
    assert len(found) == 1, [str(p) for p in found]
    problem = found[0]
    assert "\n" not in str(problem)
    assert problem.exercise_id == "pelvic-tilt" or problem.exercise_id is None
    return problem


def test_the_standing_figure_itself_is_valid() -> None:
    ex = catalogue.parse(standing(), source="test.yaml").exercises[0]
    assert ex.figure is not None


# --------------------------------------------------------------------------- 1 reach


@pytest.mark.parametrize(
    ("contacts", "words"),
    [
        ("[[right.hand, right.foot]]", "right.hand cannot reach right.foot"),
        ("[[right.hand, left.foot], [left.hand, head]]", "right.hand cannot reach left.foot"),
    ],
)
def test_a_foot_out_of_reach_is_refused(contacts: str, words: str) -> None:
    problem = only(standing(contacts))
    assert problem.line == 22
    assert problem.field == "figure.keyframes[0]"
    assert words in problem.message
    assert "units short" in problem.message


def test_a_foot_within_reach_is_held_at_its_ankle() -> None:
    raw: dict[str, Any] = {
        "working": "right",
        "limb": "leg",
        "rests_on": ["left.foot"],
        "contacts": [["right.hand", "right.foot"]],
        "keyframes": [{"name": "hold", "right": {"knee": 160}}],
    }
    points = figures.frame(figures.parse(raw), 0.0)
    hand, ankle = points["right.hand"], points["right.ankle"]
    assert abs(hand[0] - ankle[0]) < 2
    assert abs(hand[1] - ankle[1]) < 2


def test_an_unreachable_contact_on_a_left_sided_figure_names_the_sides_written() -> None:
    raw: dict[str, Any] = {
        "working": "left",
        "limb": "arm",
        "rests_on": ["left.foot", "right.foot"],
        "contacts": [["left.hand", "left.ankle"]],
        "keyframes": [{"name": "stand"}],
    }
    (message,) = [m for _, m in figures.problems(raw)]
    assert "left.hand cannot reach left.ankle" in message


# --------------------------------------------------------------------------- 2 duplicates


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ("    limb: arm\n", "    working: left\n    limb: arm\n", 17, "figure.working"),
        (
            "        trunk: 0\n",
            "        both: {hip: 0}\n        trunk: 0\n",
            25,
            "figure.keyframes[0].both",
        ),
        (
            "{hip: 0, knee: 0, elbow: 0}",
            "{hip: 45, knee: 90, knee: 100}",
            24,
            "figure.keyframes[0].both.knee",
        ),
        (TRUNK, TRUNK + "        name: up\n", 24, "figure.keyframes[0].name"),
        (TRUNK, TRUNK + "        trunk: 9\n", 24, "figure.keyframes[0].trunk"),
    ],
)
def test_a_key_written_twice_in_a_figure_is_refused(
    old: str, new: str, line: int, field: str
) -> None:
    problem = only(standing(**{old: new}))
    assert (problem.line, problem.field, problem.message) == (line, field, "appears twice")


# --------------------------------------------------------------------------- 3 props


@pytest.mark.parametrize("prop", ["table", "wall", "step"])
def test_a_contact_on_a_prop_needs_the_prop(prop: str) -> None:
    problem = only(standing(f"[[right.hand, {prop}]]"))
    assert problem.line == 20
    assert problem.field == "figure.contacts[0][1]"
    assert problem.message == f"Holding a point on the {prop} needs '{prop}' in 'props'."


def test_a_contact_on_a_seat_needs_a_chair_or_a_ball() -> None:
    problem = only(standing("[[right.hand, seat]]"))
    assert "needs a chair or a ball in 'props'" in problem.message


def test_a_contact_on_the_wall_with_the_wall_is_fine() -> None:
    text = standing("[[right.hand, wall]]", **{"[floor]": "[floor, wall]"})
    catalogue.parse(text, source="test.yaml")


# --------------------------------------------------------------------------- 4 control bytes


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07"])
def test_a_control_byte_is_one_line_with_its_line(char: str) -> None:
    text = yaml_record().replace("Pelvic tilt", f"Pélvic{char} tilt")
    problem = only(text.encode("utf-8"))
    assert problem.line == 2
    assert str(problem).startswith("test.yaml:2: ")
    assert f"control character #x{ord(char):04x} at column 15" in problem.message
    assert "position" not in problem.message


def test_the_pure_python_reader_locates_a_control_byte_the_same_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import yaml

    from stretchcoach import yamlsrc

    monkeypatch.setattr(yamlsrc, "yaml_loader", lambda: yaml.SafeLoader)
    problem = only(yaml_record().replace("Pelvic tilt", "Pélvic\x00 tilt"))
    assert problem.line == 2
    assert "#x0000 at column 15" in problem.message


# --------------------------------------------------------------------------- 5 merge keys


def test_a_merge_key_in_a_figure_names_its_path() -> None:
    text = standing(
        **{
            "    keyframes:\n": "    keyframes:\n      - &stand {name: up, trunk: 0}\n",
            "      - name: stand\n": "      - <<: *stand\n        name: stand\n",
        }
    )
    problem = only(text)
    assert problem.line == 23
    assert problem.field == "figure.keyframes[1]"
    assert problem.message == "merge keys (<<) are not supported: write the fields out in full"
    assert "!!merge" not in str(problem)


def test_a_merge_key_among_the_fields_of_an_exercise() -> None:
    problem = only(yaml_record() + "  <<: {why: Loosens the back.}\n")
    assert problem.line == 15
    assert "merge keys (<<) are not supported" in problem.message


# --------------------------------------------------------------------------- 6 messages


def test_an_empty_rests_on_must_name_a_point() -> None:
    problem = only(standing(**{"[left.foot, right.foot]": "[]"}))
    assert problem.field == "figure.rests_on"
    assert "must name at least one point" in problem.message


def test_a_number_as_caption_must_be_text() -> None:
    problem = only(standing(**{"    limb: arm\n": "    limb: arm\n    caption: 12345\n"}))
    assert problem.field == "figure.caption"
    assert "must be text" in problem.message
    assert "60 characters" not in problem.message


@pytest.mark.parametrize("frames", ["[start, stretch]", "[null]"])
def test_keyframes_that_are_not_poses_are_the_only_problem(frames: str) -> None:
    text = yaml_record() + (
        f"  figure:\n    working: none\n    keyframes: {frames}\n"  # no rests_on anywhere
    )
    found = problems_of(text)
    assert {p.field for p in found} == {
        f"figure.keyframes[{i}]" for i in range(frames.count(",") + 1)
    }
    assert all("Each keyframe must be a mapping" in p.message for p in found)


@pytest.mark.parametrize(
    "text",
    [
        yaml_record().replace("  kind: mobility", "\tkind: mobility"),
        yaml_record() + "  equipment:\n\t- mat\n",
    ],
)
def test_a_tab_in_the_indentation_gets_a_hint(text: str) -> None:
    problem = only(text)
    assert "tabs cannot indent YAML: use spaces" in problem.message
    assert problem.line is not None


# --------------------------------------------------------------------------- 7 mistakes


def test_a_point_held_on_itself_is_refused() -> None:
    problem = only(standing("[[right.hand, right.hand]]"))
    assert problem.field == "figure.contacts[0][1]"
    assert "cannot be held on itself" in problem.message


def test_two_keyframes_with_one_name_are_refused() -> None:
    again = "      - name: stand\n        trunk: 0\n"
    problem = only(standing() + again)
    assert problem.line == 25
    assert problem.field == "figure.keyframes[1].name"
    assert "Two keyframes are named 'stand'" in problem.message


@pytest.mark.parametrize("working", ["both", "none"])
def test_the_other_side_named_needs_a_one_sided_figure(working: str) -> None:
    text = standing(**{"    working: right\n": f"    working: {working}\n    named_side: other\n"})
    problem = only(text)
    assert problem.field == "figure.named_side"
    assert "needs a one-sided figure" in problem.message


def test_a_keyframe_name_is_optional_and_its_panel_then_unnamed() -> None:
    raw: dict[str, Any] = {
        "working": "none",
        "rests_on": ["left.foot", "right.foot"],
        "keyframes": [{"trunk": 0}, {"trunk": 10}],
    }
    fig = figures.parse(raw)
    assert [pose.name for pose in fig.keyframes] == ["", ""]
    assert "Start → end" in figures.svg(fig)
    assert "keyframe without a ``name``" in figures.__doc__  # type: ignore[operator]


# --------------------------------------------------------------------------- 8, 9 validate


def test_an_empty_path_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["validate", ""])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "empty" in result.stderr


@pytest.mark.parametrize("columns", [80, 40])
def test_the_ok_line_folds_between_words(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setattr(ui, "_is_tty", lambda stream: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    result = invoke(["validate", str(CATALOGUE)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) > 1
    assert all(len(line) < columns for line in lines)
    words = result.stdout.split()
    assert "43" in words
    assert "(posture" in words
    assert "weak-muscles" in words or ("weak-" in words and "muscles" in words)


# --------------------------------------------------------------------------- 10 added files

ADDED = yaml_record("my-tilt", name="My tilt")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_links_to_built_in_exercises_are_valid_with_a_warning(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = write(
        tmp_path, "mine.yaml", ADDED + "  harder: knee-to-chest-double\n  similar: [cat-cow]\n"
    )
    result = invoke(["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"OK: {path} has 1 valid exercise")
    warning = next(line for line in result.stderr.splitlines() if "links to" in line)
    assert warning == (
        f"Warning: {path} links to built-in exercises (knee-to-chest-double, cat-cow), so it "
        "works added to the built-in catalogue (config.yaml 'catalogues'), not on its own "
        "with --catalogue."
    )
    data = json.loads(invoke(["validate", str(path), "--format", "json"]).stdout)
    assert data["valid"] is True
    assert data["links_elsewhere"] == ["knee-to-chest-double", "cat-cow"]


def test_a_link_to_no_exercise_anywhere_stays_an_error(invoke: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, "mine.yaml", ADDED + "  harder: knee-to-chest-double\n  easier: nope\n")
    result = invoke(["validate", str(path)])
    assert result.exit_code == 1
    assert "names unknown exercise 'nope'" in result.stderr
    assert "knee-to-chest-double" not in result.stderr
    assert "Traceback" not in result.output


def test_links_to_another_catalogue_of_config_yaml(
    invoke: Invoke, tmp_path: Path, isolated_home: Path
) -> None:
    other = write(tmp_path, "other.yaml", yaml_record("their-tilt", name="Their tilt"))
    path = write(tmp_path, "mine.yaml", ADDED + "  easier: their-tilt\n")
    assert invoke(["validate", str(path)]).exit_code == 1  # without config.yaml: unknown
    config = isolated_home / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"catalogues: [{other}, {path}]\n", encoding="utf-8")
    result = invoke(["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "links to exercises of other catalogues (their-tilt)" in result.stderr


def test_a_file_that_stands_alone_gets_no_link_warning(invoke: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, "mine.yaml", ADDED)
    result = invoke(["validate", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["links_elsewhere"] == []
    assert "links to" not in result.stderr


# --------------------------------------------------------------------------- 11 round trip


def test_phases_and_side_words_may_be_empty_as_when_absent() -> None:
    text = yaml_record() + "  phases: []\n  side_words: {}\n  similar: []\n"
    ex = catalogue.parse(text, source="test.yaml").exercises[0]
    assert (ex.phases, ex.side_words, ex.similar) == ((), (), ())


def test_empty_phases_still_leave_with_movement_without_phases() -> None:
    text = yaml_record() + "  breathing: with-movement\n  phases: []\n"
    problem = only(text)
    assert problem.field == "breathing"
    assert "with-movement needs 'phases'" in problem.message


def test_list_as_yaml_validates_and_loads_to_the_same_exercises(
    invoke: Invoke, tmp_path: Path
) -> None:
    exported = invoke(["list", "--format", "yaml"])
    assert exported.exit_code == 0
    path = write(tmp_path, "exported.yaml", exported.stdout)
    result = invoke(["validate", str(path)])
    assert result.exit_code == 0, result.output
    # Valid (a copy to use with --catalogue); only warned that its ids are the built-in ones.
    (warning,) = result.stderr.splitlines()
    assert "cannot be added beside the built-in catalogue" in warning
    again = catalogue.load(path)
    built_in = catalogue.load()
    assert [ex.to_dict() for ex in again] == [ex.to_dict() for ex in built_in]
    assert again.exercises == built_in.exercises


# --------------------------------------------------------------------------- 12 listed files


def listed(isolated_home: Path, *entries: str) -> Path:
    """config.yaml listing these catalogue files (as written); returns its path."""
    config = isolated_home / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("catalogues:\n" + "".join(f"  - {e}\n" for e in entries), encoding="utf-8")
    return config


def test_a_listed_file_reusing_a_built_in_id_fails_as_list_does(
    invoke: Invoke, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = write(tmp_path, "clash.yaml", yaml_record("cat-cow", name="My cat-cow")).resolve()
    listed(isolated_home, str(own))
    used = invoke(["list"])
    assert used.exit_code == 1
    assert f"duplicate id (first used at {catalogue.packaged_path()}:" in used.stderr
    monkeypatch.chdir(own.parent)  # the file named as the user types it, relative
    result = invoke(["validate", own.name])
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr == used.stderr  # the very error every command would give
    data = json.loads(invoke(["validate", own.name, "--format", "json"]).stdout)
    assert data["valid"] is False
    (problem,) = data["problems"]
    assert (problem["line"], problem["exercise"], problem["field"]) == (1, "cat-cow", "id")
    assert problem["text"].startswith(f"{own}:1: exercise 'cat-cow', field 'id': duplicate id")


def test_a_relative_entry_is_resolved_from_the_config_folder(
    invoke: Invoke, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (isolated_home / "own").mkdir(parents=True)
    own = write(isolated_home / "own", "mine.yaml", yaml_record("glute-bridge", name="Mine"))
    listed(isolated_home, "own/mine.yaml")
    monkeypatch.chdir(tmp_path)  # an own/mine.yaml here is not the listed one
    (tmp_path / "own").mkdir()
    elsewhere = write(tmp_path / "own", "mine.yaml", yaml_record("glute-bridge", name="Mine"))
    assert invoke(["validate", "own/mine.yaml"]).exit_code == 0
    result = invoke(["validate", str(own)])
    assert result.exit_code == 1, result.output
    assert f"{own}:1: exercise 'glute-bridge', field 'id': duplicate id" in result.stderr
    assert str(elsewhere) not in result.stderr


def test_a_listed_file_that_fits_beside_the_others_is_still_ok(
    invoke: Invoke, isolated_home: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "mine.yaml", ADDED + "  harder: knee-to-chest-double\n")
    listed(isolated_home, str(path))
    result = invoke(["validate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["valid"], data["exercises"], data["links_elsewhere"]) == (
        True,
        1,
        ["knee-to-chest-double"],
    )
    assert "uses the id" not in result.stderr


def test_a_listed_file_fails_when_another_listed_file_is_missing(
    invoke: Invoke, isolated_home: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "mine.yaml", ADDED)
    missing = tmp_path / "nothere.yaml"
    config = listed(isolated_home, str(path), str(missing))
    result = invoke(["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert (
        f"{missing}: file not found (listed in config.yaml's 'catalogues', {config}:3)"
        in result.stderr
    )


def test_an_unlisted_file_linking_to_built_ins_is_warned_of_a_built_in_id(
    invoke: Invoke, tmp_path: Path
) -> None:
    text = ADDED + "  harder: knee-to-chest-double\n"
    text += yaml_record("cat-cow", name="My cat-cow").replace("- id", "\n- id", 1)
    path = write(tmp_path, "mine.yaml", text)
    result = invoke(["validate", str(path)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning: ")]
    assert (
        f"Warning: {path} uses the id cat-cow of a built-in exercise, so it cannot be added "
        "beside the built-in catalogue (config.yaml 'catalogues') until it has an id of its own."
    ) in warnings
    linked = next(line for line in warnings if "links to" in line)
    assert "works added" not in linked  # it does not, while the id is taken
    assert linked.endswith("so it does not work on its own with --catalogue.")


def test_an_unlisted_file_linking_to_another_catalogue_is_warned_of_its_ids(
    invoke: Invoke, tmp_path: Path, isolated_home: Path
) -> None:
    other = write(tmp_path, "other.yaml", yaml_record("their-tilt", name="Their tilt"))
    text = ADDED + "  harder: cat-cow\n"
    text += yaml_record("their-tilt", name="Mine too").replace("- id", "\n- id", 1)
    path = write(tmp_path, "mine.yaml", text)
    listed(isolated_home, str(other))
    result = invoke(["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert (
        f"Warning: {path} uses the id their-tilt of an exercise in {other}, so it cannot be "
        "added beside that catalogue (config.yaml 'catalogues') until it has an id of its own."
    ) in result.stderr.splitlines()


# --------------------------------------------------------------------------- control characters


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("      - name: stand\n", '      - name: "st\\x01and"\n', "figure.keyframes[0].name"),
        (
            "    working: right\n",
            '    working: right\n    caption: "Arm \\e[31mup, {SIDE}"\n',
            "figure.caption",
        ),
        (
            "    working: right\n",
            '    working: right\n    caption: "Arm\\tup, {SIDE}"\n',
            "figure.caption",
        ),
    ],
)
def test_figure_words_with_control_characters_are_refused(old: str, new: str, field: str) -> None:
    """They would break the SVG (not well-formed XML) or reach a piped terminal raw."""
    problem = only(standing(**{old: new}))
    assert problem.field == field
    assert "control characters" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("  name: Pelvic tilt\n", '  name: "Pelvic\\ttilt"\n', "name"),
        ("    - Lie on your back with knees bent.\n", '    - "Lie\\ton your back."\n', "steps"),
        (
            "  stop_if: Stop if the pain becomes sharp.\n",
            '  stop_if: "Stop\\tif sharp."\n',
            "stop_if",
        ),
    ],
)
def test_tabs_inside_text_are_refused(old: str, new: str, field: str) -> None:
    problem = only(yaml_record().replace(old, new))
    assert problem.field == field
    assert "tabs" in problem.message


def test_an_id_already_built_in_is_warned_of_even_without_links(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = write(tmp_path, "mine.yaml", yaml_record("cat-cow", name="My cat-cow"))
    result = invoke(["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "uses the id cat-cow of a built-in exercise" in " ".join(result.stderr.split())
    built_in = invoke(["validate", str(catalogue.packaged_path())])
    assert "uses the id" not in built_in.stderr  # the built-in file's ids are its own
