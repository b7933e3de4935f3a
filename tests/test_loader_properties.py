"""Property tests: whatever it is fed, the loader returns a Catalogue or raises CatalogueError.

Also checks that what loads matches what YAML itself reads, and that a validated catalogue
survives the cache unchanged.
"""

from __future__ import annotations

import datetime
import tempfile
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stretchcoach import catalogue
from stretchcoach.catalogue import (
    BREATHING,
    CAUSES,
    CONDITIONS,
    FIELDS,
    KINDS,
    MOVEMENTS,
    POSITIONS,
    SIDE_ORDERS,
    Catalogue,
    CatalogueError,
)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: Structured documents cost more to build and dump; fewer of them keep the suite quick.
STRUCTURED = settings(SETTINGS, max_examples=100)


def check(raw: str | bytes) -> Catalogue | CatalogueError:
    """Parse, allowing only the two outcomes the loader promises."""
    error: CatalogueError | None = None
    try:
        result = catalogue.parse(raw, source="prop.yaml")
    except CatalogueError as exc:
        error = exc
    if error is None:
        assert isinstance(result, Catalogue)
        return result
    assert error.problems, "a CatalogueError must carry at least one problem"
    for problem in error.problems:
        assert problem.message.strip()
        assert str(problem).startswith("prop.yaml")
        assert problem.line is None or problem.line >= 1
    return error


# --------------------------------------------------------------------------- strategies

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from([*CAUSES, *KINDS, *POSITIONS, "yes", "no", "~", "0x1f", "1:20", "010"]),
)
structures = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=12) | st.sampled_from(FIELDS), inner, max_size=5)
    ),
    max_leaves=20,
)


@st.composite
def near_valid_exercise(draw: st.DrawFn) -> dict[str, Any]:
    """A mostly valid exercise dict, with some fields dropped, retyped or out of range."""
    ex: dict[str, Any] = {
        "id": draw(st.sampled_from(["cat-cow", "bird-dog", "knee-hug", "Bad Id", "x"])),
        "name": draw(st.text(min_size=0, max_size=30)),
        "kind": draw(st.sampled_from([*KINDS, "stretching"])),
        "position": draw(st.sampled_from([*POSITIONS, "lying"])),
        "causes": draw(st.lists(st.sampled_from([*CAUSES, "stress"]), max_size=4)),
        "max_severity": draw(st.integers(-2, 12)),
        "hold_seconds": draw(st.integers(-1, 60)),
        "reps": draw(st.integers(-1, 10)),
        "per_side": draw(st.booleans()),
        "rest_seconds": draw(st.integers(-1, 30)),
        "steps": draw(st.lists(st.text(max_size=40), max_size=4)),
        "stop_if": draw(st.text(max_size=40)),
        "equipment": draw(st.lists(st.sampled_from(["mat", "chair", "towel"]), max_size=2)),
        "movements": draw(st.lists(st.sampled_from([*MOVEMENTS, "twist"]), max_size=3)),
        "notes": draw(
            st.dictionaries(
                st.sampled_from([*CONDITIONS, "pregnancy"]), st.text(max_size=20), max_size=2
            )
        ),
        "easier": draw(st.sampled_from([None, "cat-cow", "bird-dog", "missing-one"])),
        "harder": draw(st.sampled_from([None, "knee-hug", "cat-cow"])),
        "similar": draw(st.lists(st.sampled_from(["cat-cow", "knee-hug", "gone"]), max_size=2)),
        "breathing": draw(st.sampled_from([*BREATHING, "calm"])),
        "action": draw(st.sampled_from(["hold", "walk", "run"])),
    }
    if ex["per_side"]:
        ex["sides"] = draw(st.sampled_from([*SIDE_ORDERS, "in-turn", "both"]))
        if draw(st.booleans()):
            ex["side_words"] = draw(
                st.dictionaries(st.sampled_from(["left", "right", "up"]), st.text(max_size=12))
            )
    if ex["breathing"] == "with-movement" or draw(st.integers(0, 5)) == 0:
        breath = st.sampled_from(["in", "out", "sideways"])
        ex["phases"] = draw(
            st.lists(
                st.fixed_dictionaries({"name": st.text(max_size=12), "breath": breath}),
                max_size=3,
            )
        )
    for key in draw(st.lists(st.sampled_from(FIELDS), max_size=2)):
        ex.pop(key, None)
    for key in draw(st.lists(st.sampled_from(FIELDS), max_size=2)):
        ex[key] = draw(structures)
    if draw(st.booleans()):
        ex[draw(st.sampled_from(["colour", "hold_secs", "note"]))] = draw(scalars)
    return ex


documents = st.one_of(
    st.lists(near_valid_exercise(), max_size=4),
    structures,
)


def dump(data: Any, flow: bool) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=flow)


# --------------------------------------------------------------------------- properties


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text_gives_a_catalogue_or_a_catalogue_error(text: str) -> None:
    check(text)


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_a_catalogue_or_a_catalogue_error(raw: bytes) -> None:
    check(raw)


@STRUCTURED
@given(documents, st.booleans())
def test_arbitrary_yaml_structures(data: Any, flow: bool) -> None:
    check(dump(data, flow))


@STRUCTURED
@given(st.lists(near_valid_exercise(), min_size=1, max_size=4))
def test_near_valid_exercises_fail_only_with_located_problems(data: list[dict[str, Any]]) -> None:
    result = check(dump(data, flow=False))
    if isinstance(result, CatalogueError):
        # Every problem in a list of records points into the file.
        assert all(p.line is not None for p in result.problems), str(result)
    else:
        assert [ex.id for ex in result] == [d["id"] for d in data]


TRICKY = [
    "yes", "No", "on", "OFF", "~", "null", "Null", "true", "0", "07", "08", "0x1f", "0o17",
    "0b11", "1_0", "1:20", "1.5", ".5", "1e3", ".inf", "-3", "+3", "2024-01-01", "a: b",
    "a #b", "a#b", "don't", "\"quoted\"", "'single'", "[x]", "{x: 1}", "&a x", "*a", "!!str 5",
    "| x", "> x", "%x", "@x", "`x", "?x", ": x", "-x", "x:", "=", "<<", "a, b", "[a, b]",
]  # fmt: skip


@st.composite
def catalogue_text(draw: st.DrawFn) -> str:
    """Catalogue-shaped text written the way people write it, with some tricky values."""
    words = st.builds(
        lambda first, rest: (first + rest).rstrip(),
        st.sampled_from("abcdefghT"),
        st.text(alphabet="abcdefgh ,.'-#", max_size=11),
    )
    tricky = st.sampled_from(TRICKY) | words
    lines = ["# a comment"]
    count = draw(st.integers(1, 3))
    for n in range(count):
        fields: dict[str, str] = {
            "id": f"ex-{n}",
            "name": draw(words),
            "kind": draw(st.sampled_from(KINDS)),
            "position": draw(st.sampled_from(POSITIONS)),
            "causes": "["
            + ", ".join(draw(st.lists(st.sampled_from(CAUSES), min_size=1, unique=True)))
            + "]",
            "max_severity": str(draw(st.integers(0, 10))),
            "hold_seconds": str(draw(st.integers(1, 60))),
            "reps": str(draw(st.integers(1, 9))),
            "per_side": draw(st.sampled_from(["true", "false"])),
            "rest_seconds": str(draw(st.integers(0, 9))),
            "steps": "",
            "stop_if": draw(words),
        }
        if draw(st.booleans()):
            fields[draw(st.sampled_from(["easier", "harder"]))] = draw(
                st.sampled_from([f"ex-{i}" for i in range(count)] + ["null", "", "ex-9"])
            )
        # Lines written under a bare 'key:' (a block list or, for notes, a block mapping).
        blocks: dict[str, list[str]] = {}
        if fields["per_side"] == "true" and draw(st.integers(0, 4)):
            fields["sides"] = draw(st.sampled_from([*SIDE_ORDERS, *SIDE_ORDERS, "both", ""]))
            if draw(st.booleans()):
                sides = draw(st.lists(st.sampled_from(["left", "right", "left", "up"]), max_size=3))
                fields["side_words"] = ""
                blocks["side_words"] = [f"    {side}: {draw(words)}" for side in sides]
        if draw(st.booleans()):
            fields["breathing"] = draw(st.sampled_from([*BREATHING, "with-movement", "calm"]))
        if fields.get("breathing") == "with-movement" or draw(st.integers(0, 5)) == 0:
            fields["phases"] = ""
            blocks["phases"] = []
            for _ in range(draw(st.integers(0, 3))):
                breath = draw(st.sampled_from(["in", "out", "in", "out", "sideways"]))
                blocks["phases"] += [f"    - name: {draw(words)}", f"      breath: {breath}"]
        if draw(st.integers(0, 3)) == 0:
            fields["action"] = draw(st.sampled_from(["hold", "walk", "run"]))
        if draw(st.integers(0, 3)) == 0:
            links = draw(st.lists(st.sampled_from([f"ex-{i}" for i in range(count)]), max_size=2))
            fields["similar"] = "[" + ", ".join(links) + "]"
        moves = draw(st.lists(st.sampled_from([*MOVEMENTS, "twist", "Flexion"]), max_size=3))
        if moves and draw(st.integers(0, 3)) == 0:
            moves[0] = draw(tricky)
        if draw(st.booleans()):
            fields["movements"] = "[" + ", ".join(moves) + "]"
        elif draw(st.booleans()):
            fields["movements"] = ""
            blocks["movements"] = [f"    - {m}" for m in moves]
        if draw(st.booleans()):
            # Mostly known conditions and plain words, so many records load.
            condition = st.sampled_from([*CONDITIONS, *CONDITIONS, "pregnancy", "null", "1"])
            entries = draw(st.lists(st.tuples(condition, words), max_size=3))
            if entries and draw(st.integers(0, 3)) == 0:
                entries[0] = (entries[0][0], draw(tricky))
            fields["notes"] = ""
            blocks["notes"] = [
                f"    {cond}: {note}{draw(st.sampled_from(['', '', ' # n']))}"
                for cond, note in entries
            ]
        text_fields = ["name", "stop_if"]
        for key in draw(st.lists(st.sampled_from(text_fields + list(fields)), max_size=2)):
            fields[key] = draw(tricky)
        steps = draw(st.lists(words, min_size=1, max_size=3))
        if draw(st.integers(0, 3)) == 0:
            steps[0] = draw(tricky)
        for i, (key, val) in enumerate(fields.items()):
            prefix = "- " if i == 0 else "  "
            comment = draw(st.sampled_from(["", "", "", " # note", "  #note", " #"]))
            lines.append((f"{prefix}{key}: {val}" if val else f"{prefix}{key}:") + comment)
            if key == "steps":
                lines += [
                    f"    - {step}{draw(st.sampled_from(['', '', ' # n']))}" for step in steps
                ]
            elif key in blocks and not val:
                lines += blocks[key]
            if draw(st.integers(0, 39)) == 0:
                extra = ["", "  # note", "    more text", "  - x", "    pregnant: x", "    # n"]
                lines.append(draw(st.sampled_from(extra)))
    return "\n".join(lines) + "\n"


def outcome(text: str) -> Catalogue | str:
    try:
        return catalogue.parse(text, source="prop.yaml")
    except CatalogueError as exc:
        return str(exc)


@STRUCTURED
@given(catalogue_text())
def test_catalogue_shaped_text_loads_or_fails_with_located_sorted_problems(text: str) -> None:
    result = check(text)
    if isinstance(result, CatalogueError):
        lines = [p.line or 0 for p in result.problems]
        assert lines == sorted(lines), str(result)
        assert all(p.line is not None for p in result.problems), str(result)


def plain(value: Any) -> Any:
    """YAML's value with dates as the text they were written as (the loader keeps them so)."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


@STRUCTURED
@given(catalogue_text())
def test_what_loads_is_what_yaml_reads(text: str) -> None:
    """Each loaded exercise holds the values YAML reads from the text (text stripped)."""
    result = outcome(text)
    if isinstance(result, str):
        return
    records = plain(yaml.safe_load(text))
    assert [ex.id for ex in result] == [r["id"] for r in records]
    for ex, record in zip(result, records, strict=True):
        assert ex.name == str(record["name"]).strip()
        assert list(ex.steps) == [str(step).strip() for step in record["steps"]]
        assert ex.reps == record["reps"]
        assert ex.per_side is record["per_side"]


@STRUCTURED
@given(catalogue_text())
def test_a_validated_catalogue_survives_the_cache_unchanged(text: str) -> None:
    from stretchcoach import catalogue_cache

    result = outcome(text)
    if isinstance(result, str):
        return
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as m:
        m.setenv(catalogue_cache.CACHE_ENV, folder)
        lines = {ex_id: line for ex_id, (_, line) in result.origins.items()}
        assert catalogue_cache.write("prop.yaml", "key", list(result), lines)
        back = catalogue_cache.read("prop.yaml", "key")
    assert back is not None
    exercises, back_lines = back
    assert tuple(exercises) == result.exercises
    assert [ex.to_dict() for ex in exercises] == [ex.to_dict() for ex in result]
    assert back_lines == lines


def problems_or_catalogue(text: str) -> Catalogue | list[tuple[str | None, str | None, str]]:
    """The catalogue, or each problem without its line (a block list starts a line later)."""
    try:
        return catalogue.parse(text, source="prop.yaml")
    except CatalogueError as exc:
        return [(p.exercise_id, p.field, p.message) for p in exc.problems]


@STRUCTURED
@given(st.lists(st.sampled_from([*MOVEMENTS, "twist", "flexon", "yes", "1", "null"]), max_size=4))
def test_flow_and_block_movement_lists_behave_identically(moves: list[str]) -> None:
    """'movements: [a, b]' and one '- a' line per item: the same result."""
    head = (
        "- id: ex-0\n  name: Cat cow\n  kind: mobility\n  position: all-fours\n"
        "  causes: [posture]\n  max_severity: 5\n  hold_seconds: 5\n  reps: 6\n"
        "  per_side: false\n  rest_seconds: 5\n  steps:\n    - Kneel.\n  stop_if: Pain.\n"
    )
    flow = head + f"  movements: [{', '.join(moves)}]\n"
    block = head + "  movements:\n" + "".join(f"    - {m}\n" for m in moves)
    results = [problems_or_catalogue(text) for text in (flow, block)]
    if not moves:  # an empty block list is a bare 'movements:', which YAML reads as null
        assert all(isinstance(r, Catalogue) for r in results)
        return
    assert results[0] == results[1]
