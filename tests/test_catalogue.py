"""The catalogue loader (every error class, located by line, exercise and field) and the
content rules the shipped data/exercises.yaml must keep."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import make_exercise, yaml_record

from stretchcoach import catalogue
from stretchcoach.catalogue import (
    CAUSES,
    CONDITIONS,
    FIELDS,
    KINDS,
    MOVEMENTS,
    POSITIONS,
    Catalogue,
    CatalogueError,
    Problem,
)

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data" / "exercises.yaml"

# One valid exercise, one field per line, so a test can point at the line of any field.
# Line numbers inside a record: id 1, name 2, kind 3, position 4, causes 5, max_severity 6,
# hold_seconds 7, reps 8, per_side 9, rest_seconds 10, steps 11 (items 12-13), stop_if 14.
RECORD = yaml_record("{id}")
RECORD_LINES = RECORD.count("\n")


def record(ex_id: str = "pelvic-tilt", **replace: str | None) -> str:
    """A valid record, with some fields' lines replaced (None drops the line)."""
    lines = RECORD.format(id=ex_id).splitlines()
    out = []
    replaced = False  # the list items under a replaced 'steps:' go with it
    for line in lines:
        if line.startswith("    - "):
            if not replaced:
                out.append(line)
            continue
        key = line.strip().lstrip("- ").split(":", 1)[0]
        replaced = key in replace
        if replaced:
            if replace[key] is None:
                continue
            prefix = "- " if line.startswith("- ") else "  "
            line = f"{prefix}{key}: {replace[key]}"
        out.append(line)
    known = {line.strip().lstrip("- ").split(":", 1)[0] for line in lines}
    out += [f"  {key}: {value}" for key, value in replace.items() if key not in known]
    return "\n".join(out) + "\n"


def problems_of(text: str | bytes) -> tuple[Problem, ...]:
    with pytest.raises(CatalogueError) as info:
        catalogue.parse(text, source="test.yaml")
    assert info.value.problems, "a CatalogueError must carry at least one problem"
    return info.value.problems


def only_problem(text: str | bytes) -> Problem:
    found = problems_of(text)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def assert_located(
    problem: Problem, *, line: int, exercise: str | None, field: str | None, words: str
) -> None:
    """The problem names the line, exercise and field, and its message says what is wrong."""
    assert problem.line == line, str(problem)
    assert problem.exercise_id == exercise, str(problem)
    assert problem.field == field, str(problem)
    text = str(problem)
    assert text.startswith(f"test.yaml:{line}:"), text
    if exercise:
        assert f"exercise '{exercise}'" in text
    if field:
        assert f"field '{field}'" in text
    assert words.lower() in text.lower(), text


# --------------------------------------------------------------------------- valid input


def test_a_valid_record_loads_into_an_exercise() -> None:
    cat = catalogue.parse(record() + record("knee-hug", name="Knee hug"), source="t.yaml")
    assert [ex.id for ex in cat] == ["pelvic-tilt", "knee-hug"]
    tilt = cat.get("pelvic-tilt")
    assert tilt is not None
    assert tilt.causes == ("posture", "unknown")
    assert tilt.steps[1] == "Flatten your low back gently into the floor."
    assert (tilt.max_severity, tilt.reps, tilt.per_side) == (6, 8, False)
    assert tilt.equipment == ()
    assert tilt.easier is None
    assert cat.source == "t.yaml"


def test_to_dict_has_exactly_the_catalogue_fields_in_order() -> None:
    ex = catalogue.parse(record()).exercises[0]
    assert tuple(ex.to_dict()) == FIELDS
    assert ex.to_dict()["equipment"] == []
    assert ex.to_dict()["movements"] == []
    assert ex.to_dict()["notes"] == {}
    assert ex.to_dict()["harder"] is None


def test_easier_and_harder_link_two_records() -> None:
    text = record("knee-hug", harder="knee-hug-double") + record(
        "knee-hug-double", easier="knee-hug"
    )
    cat = catalogue.parse(text)
    assert cat.get("knee-hug").harder == "knee-hug-double"  # type: ignore[union-attr]
    assert cat.get("knee-hug-double").easier == "knee-hug"  # type: ignore[union-attr]


def test_a_byte_order_mark_is_accepted() -> None:
    cat = catalogue.parse("\ufeff".encode() + record().encode())
    assert len(cat) == 1


def test_filter_applies_every_filter_together() -> None:
    cat = Catalogue(
        (
            make_exercise(
                "a", kind="stretch", position="seated", causes=("posture",), max_severity=4
            ),
            make_exercise(
                "b",
                kind="breathing",
                position="supine",
                causes=("posture", "unknown"),
                max_severity=9,
            ),
            make_exercise(
                "c", kind="stretch", position="standing", causes=("arthritis",), max_severity=6
            ),
        )
    )
    ids = lambda found: [e.id for e in found]  # noqa: E731
    assert ids(cat.filter()) == ["a", "b", "c"]
    assert ids(cat.filter(cause="posture")) == ["a", "b"]
    assert ids(cat.filter(severity=5)) == ["b", "c"]  # offered at 5: max_severity >= 5
    assert ids(cat.filter(severity=4)) == ["a", "b", "c"]
    assert ids(cat.filter(positions=["seated", "standing"])) == ["a", "c"]
    assert ids(cat.filter(kinds=["breathing"])) == ["b"]
    assert ids(cat.filter(cause="posture", severity=5, kinds=["stretch"])) == []
    assert cat.count_by_cause() == {
        "posture": 2,
        "weak-muscles": 0,
        "pregnancy": 0,
        "obesity": 0,
        "arthritis": 1,
        "unknown": 1,
    }


# --------------------------------------------------------------------------- each error class


def test_missing_field_names_the_record_line_and_the_field() -> None:
    text = record("first") + record("second", stop_if=None)
    problem = only_problem(text)
    assert_located(
        problem, line=RECORD_LINES + 1, exercise="second", field="stop_if", words="is missing"
    )


def test_unknown_field_is_reported_with_a_suggestion() -> None:
    text = record().replace("  reps: 8", "  reps: 8\n  hold_secs: 20")
    problem = only_problem(text)
    assert_located(
        problem,
        line=9,
        exercise="pelvic-tilt",
        field="hold_secs",
        words="unknown field (did you mean 'hold_seconds'?)",
    )


@pytest.mark.parametrize(
    ("field", "value", "line", "words"),
    [
        ("name", "[a, b]", 2, "must be non-empty text"),
        ("hold_seconds", "twenty", 7, "must be a whole number (got 'twenty')"),
        ("reps", "2.5", 8, "must be a whole number (got 2.5)"),
        ("max_severity", "true", 6, "must be a whole number (got True)"),
        ("per_side", "maybe", 9, "must be true or false (got 'maybe')"),
        ("causes", "posture", 5, "must be a list (got 'posture')"),
        ("steps", "Just do it.", 11, "must be a list"),
        ("steps", "[]", 11, "must list at least one item"),
        ("name", "!!int abc", 2, "must be non-empty text (got a value YAML cannot read)"),
        ("equipment", "mat", 15, "must be a list (got 'mat')"),
        ("stop_if", "", 14, "must be non-empty text (got nothing)"),
        ("easier", "[x]", 15, "must be an exercise id or null"),
        ("name", "{a: 1}", 2, "must be non-empty text (got a nested structure)"),
    ],
)
def test_wrong_types_are_located(field: str, value: str, line: int, words: str) -> None:
    text = record(**{field: value})
    problem = only_problem(text)
    assert_located(problem, line=line, exercise="pelvic-tilt", field=field, words=words)


def test_duplicate_ids_point_at_the_second_one_and_the_first_line() -> None:
    text = record("knee-hug") + record("other") + record("knee-hug")
    problem = only_problem(text)
    assert_located(
        problem,
        line=2 * RECORD_LINES + 1,
        exercise="knee-hug",
        field="id",
        words="duplicate id (first used at line 1)",
    )


@pytest.mark.parametrize(
    ("field", "value", "line", "words"),
    [
        ("causes", "[posture, stress]", 5, "unknown cause 'stress'"),
        ("causes", "[postur]", 5, "did you mean 'posture'?"),
        ("kind", "stretching", 3, "must be one of stretch, strength"),
        ("kind", "stretchh", 3, "did you mean 'stretch'?"),
        ("position", "lying", 4, "must be one of standing, seated"),
        ("position", "suppine", 4, "did you mean 'supine'?"),
    ],
)
def test_unknown_cause_kind_or_position(field: str, value: str, line: int, words: str) -> None:
    problem = only_problem(record(**{field: value}))
    assert_located(problem, line=line, exercise="pelvic-tilt", field=field, words=words)


@pytest.mark.parametrize(
    ("field", "value", "line", "words"),
    [
        ("max_severity", "11", 6, "must be from 0 to 10 (got 11)"),
        ("max_severity", "-1", 6, "must be from 0 to 10 (got -1)"),
        ("hold_seconds", "0", 7, "must be from 1 to 3600 (got 0)"),
        ("hold_seconds", "-5", 7, "must be from 1 to 3600 (got -5)"),
        ("reps", "0", 8, "must be from 1 to 100 (got 0)"),
        ("rest_seconds", "-1", 10, "must be from 0 to 3600 (got -1)"),
    ],
)
def test_out_of_range_numbers(field: str, value: str, line: int, words: str) -> None:
    problem = only_problem(record(**{field: value}))
    assert_located(problem, line=line, exercise="pelvic-tilt", field=field, words=words)


def test_boundary_numbers_are_accepted() -> None:
    cat = catalogue.parse(record(max_severity="0") + record("b", max_severity="10", reps="1"))
    assert [ex.max_severity for ex in cat] == [0, 10]


def test_easier_pointing_at_a_missing_id() -> None:
    text = record() + "  easier: pelvic-tilt-lite\n"
    problem = only_problem(text)
    assert_located(
        problem,
        line=15,
        exercise="pelvic-tilt",
        field="easier",
        words="names unknown exercise 'pelvic-tilt-lite'",
    )


def test_harder_pointing_at_itself() -> None:
    text = record() + "  harder: pelvic-tilt\n"
    problem = only_problem(text)
    assert_located(problem, line=15, exercise="pelvic-tilt", field="harder", words="not itself")


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n", "---\n"])
def test_empty_file(text: str) -> None:
    problem = only_problem(text)
    assert problem.line == 1
    assert "is empty" in str(problem)


def test_empty_list() -> None:
    problem = only_problem("[]\n")
    assert "has no exercises" in str(problem)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("id: a\nname: b\n", "must be a list of exercises, not a mapping"),
        ("just some words\n", "must be a list of exercises, not the value 'just some words'"),
        ("42\n", "must be a list of exercises"),
    ],
)
def test_non_list_document(text: str, words: str) -> None:
    problem = only_problem(text)
    assert problem.line == 1
    assert words in str(problem)


def test_a_list_item_that_is_not_a_mapping() -> None:
    text = record() + "- just a string\n"
    problem = only_problem(text)
    assert problem.line == RECORD_LINES + 1
    assert "exercise #2 must be a mapping of fields" in str(problem)


def test_non_utf8_bytes_report_the_line() -> None:
    raw = record().encode() + b"- id: caf\xe9\n"
    problem = only_problem(raw)
    assert problem.line == RECORD_LINES + 1
    assert "is not UTF-8 text" in str(problem)


def test_invalid_yaml_syntax_reports_the_line() -> None:
    text = record() + "  steps: [unclosed\n"
    problem = only_problem(text)
    assert problem.line is not None
    assert problem.line >= RECORD_LINES
    assert "is not valid YAML" in str(problem)


def test_bad_indentation_is_invalid_yaml() -> None:
    text = "- id: a\n name: b\n"
    problem = only_problem(text)
    assert problem.line == 2
    assert "is not valid YAML" in str(problem)


def test_python_object_tag_is_refused_and_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "created-by-yaml"
    payload = f'!!python/object/apply:os.system ["touch {marker}"]'
    text = record(name=payload)
    problem = only_problem(text)
    assert_located(
        problem,
        line=2,
        exercise="pelvic-tilt",
        field="name",
        words="YAML tag '!!python/object/apply:os.system' is not allowed",
    )
    assert not marker.exists()


def test_python_object_apply_through_the_cli_creates_nothing(tmp_path: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "pwned"
    bad = tmp_path / "bad.yaml"
    bad.write_text(record(stop_if=f'!!python/object/apply:os.system ["touch {marker}"]'))
    result = invoke(["validate", str(bad)])
    assert result.exit_code == 1
    assert "!!python/object/apply:os.system" in result.output
    assert not marker.exists()


def test_python_object_tag_on_the_whole_document_is_refused() -> None:
    problem = only_problem("!!python/object:collections.OrderedDict\n- id: a\n")
    assert problem.line == 1
    assert "YAML tag '!!python/object:collections.OrderedDict' is not allowed" in str(problem)


def test_python_object_tag_on_a_record_is_refused() -> None:
    text = record() + "- !!python/object:collections.OrderedDict {id: sneaky}\n"
    problem = only_problem(text)
    assert problem.line == RECORD_LINES + 1
    assert problem.exercise_id == "sneaky"
    assert "YAML tag '!!python/object:collections.OrderedDict' is not allowed" in str(problem)


def test_python_name_tag_inside_a_list_is_refused() -> None:
    text = record(causes="[posture, !!python/name:os.system '']")
    problem = only_problem(text)
    assert_located(problem, line=5, exercise="pelvic-tilt", field="causes", words="is not allowed")


def test_five_different_mistakes_are_all_reported_in_one_pass() -> None:
    text = (
        record("a", kind="stretchy")  # unknown kind (line 3)
        + record("b", reps="0")  # out of range (line 15 + 8)
        + record("c", stop_if=None)  # missing field (line 29)
        + record("a")  # duplicate id (line 42)
        + record("e").replace("  reps: 8", "  reps: 8\n  colour: red")  # unknown field
    )
    found = problems_of(text)
    assert len(found) == 5, [str(p) for p in found]
    summary = [(p.exercise_id, p.field) for p in found]
    assert summary == [("a", "kind"), ("b", "reps"), ("c", "stop_if"), ("a", "id"), ("e", "colour")]
    assert [p.line for p in found] == sorted(p.line or 0 for p in found)
    assert found[0].line == 3
    assert found[1].line == RECORD_LINES + 8


def test_error_message_lists_every_problem_with_its_location() -> None:
    text = record("a", kind="stretchy") + record("b", reps="0")
    with pytest.raises(CatalogueError) as info:
        catalogue.parse(text, source="mine.yaml")
    lines = str(info.value).splitlines()
    assert lines[0] == "The catalogue has 2 problems:"
    assert lines[1].startswith("  mine.yaml:3: exercise 'a', field 'kind':")
    assert lines[2].startswith(f"  mine.yaml:{RECORD_LINES + 8}: exercise 'b', field 'reps':")


def test_file_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(CatalogueError) as info:
        catalogue.load(missing)
    assert str(info.value.problems[0]) == f"{missing}: file not found"
    assert info.value.exit_code == 1


def test_a_folder_is_not_a_catalogue(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as info:
        catalogue.load(tmp_path)
    assert "is a folder" in str(info.value)


@pytest.mark.skipif(
    sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="file permissions do not stop root (or work differently on Windows)",
)
def test_an_unreadable_file(tmp_path: Path) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text(record())
    locked.chmod(0)
    try:
        with pytest.raises(CatalogueError) as info:
            catalogue.load(locked)
    finally:
        locked.chmod(0o600)
    assert "cannot be read" in str(info.value)


def test_an_unreadable_file_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "locked.yaml"
    target.write_text(record())

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(CatalogueError) as info:
        catalogue.load(target)
    assert str(info.value.problems[0]) == f"{target}: cannot be read (Permission denied)"


def test_resolve_path_prefers_the_flag_then_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert catalogue.resolve_path(tmp_path / "a.yaml") == tmp_path / "a.yaml"
    monkeypatch.setenv("STRETCHCOACH_CATALOGUE", str(tmp_path / "env.yaml"))
    assert catalogue.resolve_path(None) == tmp_path / "env.yaml"
    assert catalogue.resolve_path(tmp_path / "a.yaml") == tmp_path / "a.yaml"
    monkeypatch.delenv("STRETCHCOACH_CATALOGUE")
    assert catalogue.resolve_path(None) == catalogue.packaged_path()


def test_suggest_ids_finds_close_ids() -> None:
    cat = catalogue.parse(record("cat-cow") + record("bird-dog") + record("child-pose"))
    assert catalogue.suggest_ids("cat-co", cat)[0] == "cat-cow"
    assert catalogue.suggest_ids("zzzzzz", cat) == []


# --------------------------------------------------------------------------- movements, notes

#: A record (lines 1-14) followed by movements on line 15 and a notes block from line 16.
NOTES_BLOCK = (
    "  notes:\n    pregnant: Keep the step small.\n    hip-replacement: Ask your surgeon.\n"
)


def test_movements_and_notes_load_in_file_order() -> None:
    text = record(movements="[flexion, side-bend]") + NOTES_BLOCK
    (ex,) = catalogue.parse(text).exercises
    assert ex.movements == ("flexion", "side-bend")
    assert ex.notes == (
        ("pregnant", "Keep the step small."),
        ("hip-replacement", "Ask your surgeon."),
    )
    assert ex.to_dict()["movements"] == ["flexion", "side-bend"]
    assert ex.to_dict()["notes"] == {
        "pregnant": "Keep the step small.",
        "hip-replacement": "Ask your surgeon.",
    }
    assert tuple(ex.to_dict()) == FIELDS
    hash(ex)  # still a frozen, hashable record


def test_note_for_returns_the_notes_that_apply_in_file_order() -> None:
    (ex,) = catalogue.parse(record() + NOTES_BLOCK).exercises
    assert ex.note_for(["hip-replacement", "pregnant"]) == [
        "Keep the step small.",
        "Ask your surgeon.",
    ]
    assert ex.note_for({"hip-replacement"}) == ["Ask your surgeon."]
    assert ex.note_for(["osteoporosis"]) == []
    assert ex.note_for([]) == []


@pytest.mark.parametrize(
    "movements",
    [
        "  movements: [flexion, neck-flexion]\n",
        "  movements:\n    - flexion\n    - neck-flexion\n",
        "  movements:   [ flexion ,neck-flexion ]  # why\n",
        "  movements:\n    - flexion  # bends\n\n    - neck-flexion\n",
    ],
)
def test_flow_and_block_movement_lists_read_the_same(movements: str) -> None:
    (ex,) = catalogue.parse(record() + movements).exercises
    assert ex.movements == ("flexion", "neck-flexion")


@pytest.mark.parametrize("spelling", ["", "  movements: []\n", "  movements:\n", "  notes:\n"])
def test_movements_and_notes_are_optional_for_custom_catalogues(spelling: str) -> None:
    (ex,) = catalogue.parse(record() + spelling).exercises
    assert (ex.movements, ex.notes) == ((), ())


@pytest.mark.parametrize(
    ("extra", "line", "words"),
    [
        ("  movements: [flexion, rotaton]\n", 15, "unknown movement 'rotaton'"),
        ("  movements: [flexion, rotaton]\n", 15, "did you mean 'rotation'?"),
        ("  movements: [side-bending]\n", 15, "did you mean 'side-bend'?"),
        ("  movements:\n    - flexion\n    - neck-flexon\n", 16, "did you mean 'neck-flexion'?"),
        ("  movements: [flexion, extension, flexion]\n", 15, "lists a movement more than once"),
        ("  movements: flexion\n", 15, "must be a list (got 'flexion')"),
        ("  movements: {flexion: yes}\n", 15, "must be a list (got a nested structure)"),
        ("  movements: [flexion, [rotation]]\n", 15, "items must be non-empty text"),
    ],
)
def test_movement_problems_are_located(extra: str, line: int, words: str) -> None:
    problem = only_problem(record() + extra)
    assert_located(problem, line=line, exercise="pelvic-tilt", field="movements", words=words)


@pytest.mark.parametrize(
    ("extra", "line", "words"),
    [
        ("  notes:\n    pregnancy: Go gently.\n", 16, "unknown health condition 'pregnancy'"),
        ("  notes:\n    pregnancy: Go gently.\n", 16, "did you mean 'pregnant'?"),
        (
            "  notes:\n    pregnant: Go gently.\n    osteoporoses: Go gently.\n",
            17,
            "did you mean 'osteoporosis'?",
        ),
        ("  notes:\n    pregnant: ''\n", 16, "the note for 'pregnant' must be non-empty text"),
        ("  notes:\n    pregnant:\n", 16, "must be non-empty text (got nothing)"),
        ("  notes:\n    pregnant: '   '\n", 16, "must be non-empty text"),
        ("  notes:\n    pregnant: 5\n", 16, "must be non-empty text (got 5)"),
        ("  notes:\n    pregnant: [a, b]\n", 16, "must be non-empty text (got a nested"),
        ('  notes:\n    pregnant: "a \\e[31m red"\n', 16, "must not contain control characters"),
        ("  notes:\n    pregnant: a\n    pregnant: b\n", 17, "more than one note for 'pregnant'"),
        ("  notes:\n    1: a\n", 16, "unknown health condition 1"),
        ("  notes:\n    [a]: b\n", 16, "unknown health condition a nested structure"),
        ("  notes: [pregnant]\n", 15, "must be a mapping of health condition to text"),
        ("  notes:\n    - pregnant\n", 16, "must be a mapping of health condition to text"),
        ("  notes: Keep it small.\n", 15, "must be a mapping of health condition to text"),
        ("  notes: []\n", 15, "must be a mapping of health condition to text (got [])"),
    ],
)
def test_note_problems_are_located(extra: str, line: int, words: str) -> None:
    problem = only_problem(record() + extra)
    assert_located(problem, line=line, exercise="pelvic-tilt", field="notes", words=words)


def test_a_mapping_is_still_refused_in_every_other_field() -> None:
    text = record(causes="{posture: yes}", equipment="{mat: 1}")
    found = problems_of(text)
    assert [(p.field, p.line) for p in found] == [("causes", 5), ("equipment", 15)]
    assert all("(got a nested structure)" in p.message for p in found)


def test_movement_and_note_problems_are_all_reported_in_one_pass() -> None:
    text = (
        record("a", movements="[twist, flexion, flexion]") + record("b") + "  notes:\n    preg: x\n"
    )
    found = problems_of(text)
    summary = [(p.exercise_id, p.field, p.line) for p in found]
    assert summary == [
        ("a", "movements", 15),
        ("a", "movements", 15),
        ("b", "notes", 2 * RECORD_LINES + 3),
    ], [str(p) for p in found]
    assert "unknown movement 'twist'" in found[0].message
    assert "more than once" in found[1].message


def test_the_condition_and_movement_lists_are_plain_ids() -> None:
    for word in (*MOVEMENTS, *CONDITIONS):
        assert catalogue._ID_RE.match(word), word
    assert len(set(MOVEMENTS)) == len(MOVEMENTS)
    assert len(set(CONDITIONS)) == len(CONDITIONS)


# --------------------------------------------------------------------------- sides, breathing

#: A per-side record (lines 1-14, per_side on line 9) with 'sides' on line 15.
PER_SIDE = record(per_side="true") + "  sides: in-turn\n"
#: Side words: the key on line 16, the entries from line 17 (where the mapping starts).
SIDE_WORDS = "  side_words:\n    left: left knee up\n    right: right knee up\n"
#: A with-movement record: 'breathing' on line 15, the phases from line 17.
MOVING = record() + "  breathing: with-movement\n"
PHASES = (
    "  phases:\n"
    "    - name: Round your back\n      breath: out\n"
    "    - name: Let it dip\n      breath: in\n"
)


def test_sides_and_side_words_load() -> None:
    (ex,) = catalogue.parse(PER_SIDE + SIDE_WORDS).exercises
    assert (ex.side_order, ex.in_turn) == ("in-turn", True)
    assert ex.side_words == (("left", "left knee up"), ("right", "right knee up"))
    assert (ex.side_name("left"), ex.side_name("right")) == ("left knee up", "right knee up")
    data = ex.to_dict()
    assert data["sides"] == "in-turn"
    assert data["side_words"] == {"left": "left knee up", "right": "right knee up"}
    assert tuple(data) == FIELDS


def test_without_side_words_a_side_is_plainly_named() -> None:
    (ex,) = catalogue.parse(record(position="standing", per_side="true") + "  sides: alternate\n")
    assert (ex.side_order, ex.in_turn) == ("alternate", False)
    assert (ex.side_name("left"), ex.side_name("right")) == ("left side", "right side")
    assert ex.to_dict()["side_words"] == {}


def test_an_exercise_that_is_not_per_side_has_no_sides() -> None:
    (ex,) = catalogue.parse(record() + "  sides:\n").exercises
    assert (ex.side_order, ex.in_turn, ex.to_dict()["sides"]) == (None, False, None)


@pytest.mark.parametrize("position", ["standing", "seated"])
def test_standing_and_seated_per_side_work_may_alternate(position: str) -> None:
    text = record(position=position, per_side="true") + "  sides: alternate\n"
    assert catalogue.parse(text).exercises[0].side_order == "alternate"


@pytest.mark.parametrize("position", sorted(catalogue.IN_TURN_POSITIONS))
def test_lying_kneeling_and_all_fours_per_side_work_must_go_in_turn(position: str) -> None:
    problem = only_problem(record(position=position, per_side="true") + "  sides: alternate\n")
    words = f"must be in-turn for an exercise done {position}"
    assert_located(problem, line=15, exercise="pelvic-tilt", field="sides", words=words)


@pytest.mark.parametrize(
    ("per_side", "extra", "line", "words"),
    [
        ("true", "", 9, "is missing: a per-side exercise says how it changes sides"),
        ("true", "  sides:\n", 15, "is missing: a per-side exercise says how it changes sides"),
        ("true", "  sides: null\n", 15, "(alternate or in-turn)"),
        ("true", "  sides: in-tur\n", 15, "did you mean 'in-turn'?"),
        ("true", "  sides: both\n", 15, "must be one of alternate, in-turn (got 'both')"),
        ("true", "  sides: [in-turn]\n", 15, "must be one of alternate, in-turn (got ['in-turn'])"),
        ("false", "  sides: in-turn\n", 15, "only per-side exercises change sides"),
        ("false", "  sides: alternate\n", 15, "only per-side exercises change sides"),
    ],
)
def test_sides_problems_are_located(per_side: str, extra: str, line: int, words: str) -> None:
    problem = only_problem(record(per_side=per_side) + extra)
    assert_located(problem, line=line, exercise="pelvic-tilt", field="sides", words=words)


@pytest.mark.parametrize(
    ("extra", "line", "words"),
    [
        ("  side_words:\n    left: left knee up\n", 17, "must name both sides (no 'right')"),
        ("  side_words:\n    right: up\n", 17, "must name both sides (no 'left')"),
        ("  side_words:\n    left: a\n    up: b\n", 18, "unknown side 'up' (known: left, right)"),
        ("  side_words:\n    left: a\n    left: b\n", 18, "names 'left' more than once"),
        (
            "  side_words:\n    left: ''\n    right: b\n",
            17,
            "the words for 'left' must be non-empty",
        ),
        ("  side_words:\n    left: [a]\n    right: b\n", 17, "(got a nested structure)"),
        ("  side_words:\n    left: 3\n    right: b\n", 17, "must be non-empty text (got 3)"),
        ("  side_words: left knee up\n", 16, "must be a mapping of left and right to words"),
        ("  side_words: [left, right]\n", 16, "must be a mapping of left and right to words"),
        (
            '  side_words:\n    left: "a \\e[31m red"\n    right: b\n',
            17,
            "the words for 'left' must not contain control characters",
        ),
    ],
)
def test_side_word_problems_are_located(extra: str, line: int, words: str) -> None:
    problem = only_problem(PER_SIDE + extra)
    assert_located(problem, line=line, exercise="pelvic-tilt", field="side_words", words=words)


def test_only_per_side_exercises_name_their_sides() -> None:
    problem = only_problem(record() + SIDE_WORDS)
    words = "only per-side exercises name their sides"
    assert_located(problem, line=16, exercise="pelvic-tilt", field="side_words", words=words)


def test_breathing_and_action_default_to_a_steady_hold() -> None:
    for text in (record(), record() + "  breathing:\n  action:\n"):
        (ex,) = catalogue.parse(text).exercises
        assert (ex.breathing, ex.action, ex.phases) == ("steady", "hold", ())
        assert ex.to_dict()["breathing"] == "steady"
        assert ex.to_dict()["phases"] == []


def test_with_movement_phases_load_in_order() -> None:
    (ex,) = catalogue.parse(MOVING + PHASES).exercises
    assert ex.breathing == "with-movement"
    assert ex.phases == (("Round your back", "out"), ("Let it dip", "in"))
    assert ex.to_dict()["phases"] == [
        {"name": "Round your back", "breath": "out"},
        {"name": "Let it dip", "breath": "in"},
    ]


def test_out_on_effort_and_walk_load() -> None:
    text = record() + "  breathing: out-on-effort\n" + record("walk") + "  action: walk\n"
    effort, walk = catalogue.parse(text).exercises
    assert (effort.breathing, effort.action) == ("out-on-effort", "hold")
    assert (walk.breathing, walk.action) == ("steady", "walk")


@pytest.mark.parametrize(
    ("extra", "field", "line", "words"),
    [
        ("  breathing: calm\n", "breathing", 15, "must be one of steady, with-movement"),
        ("  breathing: stedy\n", "breathing", 15, "did you mean 'steady'?"),
        ("  breathing: with-movement\n", "breathing", 15, "with-movement needs 'phases'"),
        ("  action: run\n", "action", 15, "must be one of hold, walk (got 'run')"),
        ("  action: [walk]\n", "action", 15, "must be one of hold, walk"),
        ("  breathing: steady\n" + PHASES, "phases", 17, "only with-movement exercises name"),
        (PHASES, "phases", 16, "only with-movement exercises name phases (breathing is steady)"),
    ],
)
def test_breathing_and_action_problems_are_located(
    extra: str, field: str, line: int, words: str
) -> None:
    problem = only_problem(record() + extra)
    assert_located(problem, line=line, exercise="pelvic-tilt", field=field, words=words)


@pytest.mark.parametrize(
    ("phases", "line", "words"),
    [
        ("  phases:\n    - name: Round\n      breath: out\n", 17, "exactly two phases (got 1)"),
        (PHASES + "    - name: Again\n      breath: out\n", 17, "exactly two phases (got 3)"),
        (PHASES.replace("breath: in", "breath: sideways"), 20, "phase 2: breath must be in or out"),
        (PHASES.replace("breath: in", "breath: out"), 17, "phase breathes in and the other out"),
        (PHASES.replace("      breath: out\n", ""), 17, "phase 1 is missing 'breath'"),
        (PHASES.replace("- name: Let it dip\n      breath", "- breath"), 19, "2 is missing 'name'"),
        (PHASES.replace("Let it dip", "''"), 19, "phase 2: name must be non-empty text"),
        (PHASES.replace("out\n", "out\n      hold: 3\n"), 19, "phase 1 has unknown key 'hold'"),
        (PHASES.replace("out\n", "out\n      breath: in\n"), 19, "gives 'breath' more than once"),
        ("  phases: [Round, {name: b, breath: in}]\n", 16, "phase 1 must be a name and a breath"),
        ("  phases: Round your back\n", 16, "must be a list of two phases, each with a name"),
        ("  phases: {name: a, breath: out}\n", 16, "must be a list of two phases"),
    ],
)  # fmt: skip
def test_phase_problems_are_located(phases: str, line: int, words: str) -> None:
    problem = only_problem(MOVING + phases)
    assert_located(problem, line=line, exercise="pelvic-tilt", field="phases", words=words)


@pytest.mark.parametrize(
    "phases",
    [
        PHASES,
        "  phases: [{name: Round your back, breath: out}, {name: Let it dip, breath: in}]\n",
        "  phases:\n    - {name: Round your back, breath: out}\n"
        "    - {name: Let it dip, breath: in}\n",
        PHASES.replace("breath: out", "breath: out  # as you round"),
        "  phases:\n    - breath: out\n      name: Round your back\n"
        "    - name: Let it dip\n      breath: in\n",
        "  phases:\n    # the rounding first\n    - name: Round your back\n      breath: out\n\n"
        "    - name: Let it dip\n      breath: in\n",
    ],
)  # fmt: skip
def test_phases_read_the_same_however_they_are_written(phases: str) -> None:
    (ex,) = catalogue.parse(MOVING + phases).exercises
    assert ex.phases == (("Round your back", "out"), ("Let it dip", "in"))


def test_similar_links_load_both_ways() -> None:
    text = record("a", similar="[b, c]") + record("b", similar="[a]") + record("c", similar="[a]")
    a, b, c = catalogue.parse(text).exercises
    assert (a.similar, b.similar, c.similar) == (("b", "c"), ("a",), ("a",))
    assert a.to_dict()["similar"] == ["b", "c"]
    assert catalogue.parse(record()).exercises[0].similar == ()


@pytest.mark.parametrize(
    ("text", "exercise", "line", "words"),
    [
        (record("a", similar="[a]"), "a", 15, "must name other exercises, not itself"),
        (record("a", similar="[zz]"), "a", 15, "names unknown exercise 'zz'"),
        (record("a", similar="[b, b]") + record("b", similar="[a]"), "a", 15, "more than once"),
        (record("a", similar="[Bad Id]"), "a", 15, "must list exercise ids (got 'Bad Id')"),
        (record("a", similar="b"), "a", 15, "must be a list (got 'b')"),
        # The missing side of a link is the problem of the exercise that lacks it: at its id
        # line when it has no 'similar' at all, else at its own list.
        (record("a", similar="[b]") + record("b"), "b", 16, "must list 'a', which lists this"),
        (
            record("a", similar="[b]") + record("b", similar="[c]") + record("c", similar="[b]"),
            "b",
            30,
            "must list 'a', which lists this one as similar",
        ),
    ],
)
def test_similar_problems_are_located(text: str, exercise: str, line: int, words: str) -> None:
    problem = only_problem(text)
    assert_located(problem, line=line, exercise=exercise, field="similar", words=words)


def test_side_words_and_phases_written_plainly_are_read() -> None:
    text = PER_SIDE + SIDE_WORDS + "  breathing: with-movement\n" + PHASES + record("b")
    cat = catalogue.parse(text, source="x")
    assert cat.exercises[0].phases[1] == ("Let it dip", "in")
    assert dict(cat.exercises[0].side_words)["left"].startswith("left")


def outcome(text: str) -> Catalogue | str:
    try:
        return catalogue.parse(text, source="x")
    except CatalogueError as exc:
        return str(exc)


@pytest.mark.parametrize(
    "text",
    [
        record(reps="0"),
        record("a") + record("b", kind="stretchy") + record("a"),
        record(stop_if=None) + record("b", easier="nowhere"),
        record(harder="pelvic-tilt", causes="[posture, stress]"),
        record(steps="[]", per_side="maybe", max_severity="yes"),
        record(id="5") + record(id="Bad Id") + record(id="null"),
    ],
)
def test_plain_mistakes_are_reported(text: str) -> None:
    found = outcome(text)
    assert isinstance(found, str)
    assert found.startswith("The catalogue has")


@pytest.mark.parametrize(
    "tweak",
    [
        lambda t: t.replace("name: Pelvic tilt", "name: 'Pelvic tilt'"),  # quoted
        lambda t: t.replace("name: Pelvic tilt", "name: Pelvic\n    tilt"),  # folded line
        lambda t: t.replace("  steps:\n", "  steps:\n  # note\n"),
        lambda t: t.replace("reps: 8", "reps: 8  # eight"),
        lambda t: t.replace("name: Pelvic tilt", "name: Pelvic tilt # a comment"),
        lambda t: t.replace("name: Pelvic tilt", "name: Pelvic#tilt"),
        lambda t: t.replace("knees bent.", "knees bent. # a comment"),
        lambda t: t.replace("causes: [posture, unknown]", "causes: [posture, unknown]  # why"),
        lambda t: t.replace("  steps:\n", "  steps: # the steps\n"),
        lambda t: t.replace("reps: 8", "reps: 0x8"),
        lambda t: t.replace("per_side: false", "per_side: no"),
        lambda t: t.replace("steps:\n", "steps:\n\n"),
        lambda t: t.replace("  ", "    ").replace("- id", "  - id"),  # other indentation
    ],
)
def test_tricky_but_valid_spellings_load(tweak) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(outcome(tweak(record())), Catalogue)


@pytest.mark.parametrize(
    "notes",
    [
        NOTES_BLOCK,
        "  notes:\n    pregnant: Keep it small. # a comment\n",
        "  notes:\n    # a comment\n    pregnant: Keep it small.\n",
        "  notes:\n\n    pregnant: Keep it small.\n",
        "  notes:\n    pregnant: 'Keep it small.'\n",
        "  notes:\n    pregnant: Keep it\n      small.\n",
        "  notes:\n      pregnant: Keep it small.\n",
        "  notes: {pregnant: Keep it small.}\n",
        "  notes: {}\n",
        "  notes:\n    pregnant:   Keep it small.   \n",
        "  notes:\n    pregnant : Keep it small.\n",
        "  notes:\n    pregnant: Don't strain, go gently.\n",
    ],
)
def test_notes_spellings_load(notes: str) -> None:
    assert isinstance(outcome(record() + notes), Catalogue)


@pytest.mark.parametrize(
    "text",
    [
        record() + "  notes:\n    pregnant: ok\n    - x\n",
        record() + "  notes:\n    - x\n    pregnant: ok\n",
        record() + "  steps:\n    pregnant: ok\n",
        record().replace("  steps:\n", "  notes:\n    pregnant: ok\n  steps:\n    pregnant: x\n"),
        record() + "  notes: x\n    pregnant: ok\n",
        record() + "  notes:\n    pregnant: ok\n  pregnant: ok\n",
    ],
)
def test_broken_nesting_is_a_problem(text: str) -> None:
    assert isinstance(outcome(text), str)


# --------------------------------------------------------------------------- shipped content

needs_data = pytest.mark.skipif(not DATA.exists(), reason="data/exercises.yaml not written yet")


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return catalogue.load(DATA)


@needs_data
def test_shipped_catalogue_has_at_least_30_exercises(shipped: Catalogue) -> None:
    assert len(shipped) >= 30


@needs_data
@pytest.mark.parametrize("cause", CAUSES)
def test_every_cause_has_six_suitable_exercises(shipped: Catalogue, cause: str) -> None:
    assert len(shipped.filter(cause=cause)) >= 6


@needs_data
def test_every_position_and_kind_is_used(shipped: Catalogue) -> None:
    assert {ex.position for ex in shipped} == set(POSITIONS)
    assert {ex.kind for ex in shipped} == set(KINDS)


@needs_data
def test_high_severity_offers_only_breathing_and_relief(shipped: Catalogue) -> None:
    high = shipped.filter(severity=8)
    assert len(high) >= 4
    assert {ex.kind for ex in high} <= {"breathing", "relief"}


@needs_data
def test_pregnancy_exercises_are_never_prone_or_supine(shipped: Catalogue) -> None:
    lying = [ex.id for ex in shipped.filter(cause="pregnancy", positions=["prone", "supine"])]
    assert lying == []


@needs_data
def test_at_least_eight_exercises_have_an_easier_variant(shipped: Catalogue) -> None:
    assert sum(1 for ex in shipped if ex.easier) >= 8


@needs_data
def test_variants_resolve_to_other_exercises(shipped: Catalogue) -> None:
    for ex in shipped:
        for ref in (ex.easier, ex.harder):
            if ref is not None:
                assert ref != ex.id
                assert shipped.get(ref) is not None, f"{ex.id} -> {ref}"


@needs_data
def test_shipped_steps_and_stop_cues_are_filled_in(shipped: Catalogue) -> None:
    for ex in shipped:
        assert 3 <= len(ex.steps) <= 6, ex.id
        assert ex.stop_if.strip(), ex.id


@needs_data
def test_every_shipped_exercise_says_how_it_is_breathed() -> None:
    import yaml

    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    # Written out, not left to the default: a custom catalogue may omit it, ours may not.
    assert [r["id"] for r in raw if r.get("breathing") not in catalogue.BREATHING] == []


@needs_data
def test_shipped_per_side_exercises_say_how_they_switch_and_name_each_side(
    shipped: Catalogue,
) -> None:
    per_side = [ex for ex in shipped if ex.per_side]
    assert len(per_side) >= 10
    for ex in per_side:
        assert ex.side_order in catalogue.SIDE_ORDERS, ex.id
        if ex.position in catalogue.IN_TURN_POSITIONS:
            assert ex.side_order == "in-turn", ex.id
        words = dict(ex.side_words)
        assert set(words) == {"left", "right"}, ex.id
        assert "left" in words["left"], ex.id
        assert "right" in words["right"], ex.id
        assert words["left"].replace("left", "right") != words["left"], ex.id
    assert {ex.side_order for ex in per_side} == {"in-turn", "alternate"}
    for ex in shipped:
        if not ex.per_side:
            assert (ex.side_order, ex.side_words) == (None, ()), ex.id


@needs_data
def test_shipped_with_movement_exercises_give_each_position_time(shipped: Catalogue) -> None:
    moving = [ex for ex in shipped if ex.breathing == "with-movement"]
    assert {"cat-cow", "supine-pelvic-tilt", "seated-pelvic-tilt-ball"} <= {e.id for e in moving}
    for ex in moving:
        assert len(ex.phases) == 2, ex.id
        assert {b for _, b in ex.phases} == {"in", "out"}, ex.id
        assert ex.hold_seconds >= 4, ex.id  # at least two seconds for each position
    assert dict(shipped.get("cat-cow").phases) == {  # type: ignore[union-attr]
        "Round your back": "out",
        "Let it dip": "in",
    }
    strength = {ex.id for ex in shipped if ex.breathing == "out-on-effort"}
    assert {"glute-bridge", "sit-to-stand-chair"} <= strength


@needs_data
def test_only_the_walk_is_a_walk(shipped: Catalogue) -> None:
    assert [ex.id for ex in shipped if ex.action == "walk"] == ["easy-walk"]


@needs_data
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("cat-cow", "all-fours-back-arch"),
        ("cat-cow", "seated-cat-cow"),
        ("all-fours-back-arch", "seated-cat-cow"),
        ("diaphragmatic-breathing", "seated-breathing"),
        ("supine-pelvic-tilt", "standing-pelvic-tilt-wall"),
        ("supine-pelvic-tilt", "seated-pelvic-tilt-ball"),
        ("standing-pelvic-tilt-wall", "seated-pelvic-tilt-ball"),
        ("constructive-rest", "side-lying-rest"),
        ("supported-forward-lean", "standing-counter-lean"),
        ("supine-figure-four", "seated-figure-four"),
    ],
)
def test_near_duplicates_are_linked_both_ways(shipped: Catalogue, a: str, b: str) -> None:
    first, second = shipped.get(a), shipped.get(b)
    assert first is not None
    assert second is not None
    assert b in first.similar
    assert a in second.similar


def test_escape_codes_in_text_are_refused_with_their_line(tmp_path: Path) -> None:
    from stretchcoach import catalogue as cat_mod

    text = (
        (REPO / "data" / "exercises.yaml")
        .read_text(encoding="utf-8")
        .replace("name: Single knee-to-chest stretch", 'name: "Single \\e[31mred\\e[0m stretch"', 1)
    )
    assert "\\e[31m" in text
    with pytest.raises(cat_mod.CatalogueError) as info:
        cat_mod.parse(text, source="ansi.yaml")
    (problem,) = info.value.problems
    assert problem.field == "name"
    assert problem.exercise_id == "knee-to-chest-single"
    assert "control characters" in problem.message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_not_read_as_a_catalogue() -> None:
    from stretchcoach import catalogue as cat_mod

    with pytest.raises(cat_mod.CatalogueError, match="is not a regular file"):
        cat_mod.load("/dev/zero")


def test_an_oversized_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchcoach import catalogue as cat_mod

    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * 2048)
    monkeypatch.setattr(cat_mod, "MAX_BYTES", 1024)
    with pytest.raises(cat_mod.CatalogueError, match="is larger than"):
        cat_mod.load(big)


def test_a_raw_escape_character_in_plain_text_is_refused() -> None:
    from stretchcoach import catalogue as cat_mod

    text = (REPO / "data" / "exercises.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Single knee-to-chest stretch", "name: Single \x1b[2J stretch", 1)
    with pytest.raises(cat_mod.CatalogueError):
        cat_mod.parse(text, source="raw.yaml")


def test_the_benchmark_catalogue_is_valid() -> None:
    """The speed benchmark must time a catalogue that loads, or it measures an error path."""
    import importlib.util

    from conftest import REPO

    spec = importlib.util.spec_from_file_location(
        "bench_catalogue", REPO / "benchmarks" / "bench_catalogue.py"
    )
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    cat = catalogue.parse(bench.generate(200), source="bench.yaml")
    assert len(cat) == 200
