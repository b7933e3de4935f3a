"""The shipped catalogue describes what each exercise involves (movements) and keeps advice for
one group of people in per-condition notes, out of the steps everyone reads."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from stretchcoach import catalogue
from stretchcoach.catalogue import CONDITIONS, MOVEMENTS, Catalogue

Invoke = Callable[..., Result]

DATA = Path(__file__).resolve().parent.parent / "data" / "exercises.yaml"

#: Words that show a step or stop rule speaks to one group of people rather than everyone.
GROUP_WORDS = re.compile(
    r"pregnan|\bbump\b|arthritis|hip replacement|surgeon|midwife|\bcleared\b|pelvis is sore",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return catalogue.load(DATA)


@pytest.fixture(scope="module")
def raw_records() -> list[dict[str, Any]]:
    """The shipped file as plain YAML, to see which keys are written out."""
    records = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert isinstance(records, list)
    return records


def test_every_shipped_exercise_writes_its_movements_out(raw_records: list[dict[str, Any]]) -> None:
    missing = [r["id"] for r in raw_records if "movements" not in r]
    assert missing == []
    not_lists = [r["id"] for r in raw_records if not isinstance(r["movements"], list)]
    assert not_lists == []  # an empty list is written as [], never left as a bare key


def test_shipped_movements_are_known_and_in_the_catalogue_order(shipped: Catalogue) -> None:
    for ex in shipped:
        assert set(ex.movements) <= set(MOVEMENTS), ex.id
        assert list(ex.movements) == sorted(ex.movements, key=MOVEMENTS.index), ex.id


def test_shipped_steps_and_stop_rules_speak_to_everyone(shipped: Catalogue) -> None:
    found = [
        (ex.id, text)
        for ex in shipped
        for text in (*ex.steps, ex.stop_if)
        if GROUP_WORDS.search(text) or re.match(r"(if you are|with|after) ", text, re.I)
    ]
    assert found == []


def test_shipped_notes_are_short_plain_sentences(shipped: Catalogue) -> None:
    notes = [(ex.id, cond, text) for ex in shipped for cond, text in ex.notes]
    assert len(notes) >= 12
    for ex_id, cond, text in notes:
        assert cond in CONDITIONS, ex_id
        assert text[0].isupper(), (ex_id, text)
        assert text.endswith("."), (ex_id, text)
        assert ". " not in text, (ex_id, text)  # one sentence
        assert len(text) <= 90, (ex_id, text)


def test_group_advice_moved_into_the_matching_notes(shipped: Catalogue) -> None:
    def conditions(ex_id: str) -> set[str]:
        ex = shipped.get(ex_id)
        assert ex is not None, ex_id
        return {cond for cond, _ in ex.notes}

    assert conditions("supine-figure-four") == {"hip-replacement"}
    assert conditions("seated-figure-four") == {"pelvic-girdle-pain", "hip-replacement"}
    assert conditions("side-lying-clamshell") == {
        "pregnant",
        "pelvic-girdle-pain",
        "hip-replacement",
    }
    assert conditions("chin-tuck") == {"rheumatoid-arthritis"}
    for ex_id in (
        "cat-cow",
        "bottom-to-heels",
        "childs-pose",
        "standing-hip-flexor-supported",
        "easy-walk",
        "supported-forward-lean",
        "side-lying-rest",
    ):
        assert conditions(ex_id) == {"pregnant"}, ex_id


@pytest.mark.parametrize(
    ("ex_id", "expected"),
    [
        ("cat-cow", {"flexion", "extension", "neck-flexion"}),
        ("seated-cat-cow", {"flexion", "extension", "neck-flexion"}),
        ("partial-curl-up", {"flexion", "loaded-flexion"}),
        ("knee-to-chest-double", {"flexion", "loaded-flexion", "deep-hip-flexion"}),
        ("knee-to-chest-single", {"flexion", "deep-hip-flexion"}),
        ("lower-trunk-rotation", {"rotation", "hip-rotation"}),
        ("supine-figure-four", {"hip-crossing", "hip-rotation", "wide-knees"}),
        ("seated-figure-four", {"hip-crossing", "hip-rotation", "wide-knees"}),
        ("side-lying-clamshell", {"hip-rotation", "wide-knees"}),
        ("kneeling-hip-flexor", {"extension", "split-stance"}),
        ("standing-hip-flexor-supported", {"split-stance"}),
        ("standing-hamstring-step", {"split-stance"}),
        ("childs-pose", {"flexion", "loaded-flexion", "deep-hip-flexion", "wide-knees"}),
        ("chin-tuck", {"neck-flexion"}),
        ("seated-spinal-twist-chair", {"rotation", "loaded-rotation"}),
        ("standing-side-bend", {"side-bend"}),
        ("sphinx", {"extension"}),
    ],
)
def test_key_exercises_list_what_they_involve(
    shipped: Catalogue, ex_id: str, expected: set[str]
) -> None:
    ex = shipped.get(ex_id)
    assert ex is not None
    assert expected <= set(ex.movements), (ex_id, ex.movements)


def test_breathing_exercises_involve_no_movement(shipped: Catalogue) -> None:
    breathing = [ex for ex in shipped if ex.kind == "breathing"]
    assert breathing
    assert all(ex.movements == () for ex in breathing)


def test_a_head_that_hangs_drops_or_nods_is_tagged_neck_flexion(shipped: Catalogue) -> None:
    """A cross-check between the words of the steps and the tags (the tags may say more)."""
    head = re.compile(r"head (hang|relax|drop)|chin (drop|tuck)|letting your chin|lift your head")
    untagged = [
        ex.id
        for ex in shipped
        if any(head.search(step) for step in ex.steps) and "neck-flexion" not in ex.movements
    ]
    assert untagged == []


def test_a_twist_a_back_bend_or_a_side_bend_in_the_steps_is_tagged(shipped: Catalogue) -> None:
    checks = {
        "rotation": re.compile(r"\bturn your upper body|sink slowly to one side", re.I),
        "extension": re.compile(r"lean back|let your back dip|raise your chest|curves in", re.I),
        "side-bend": re.compile(r"bends sideways", re.I),
    }
    for movement, words in checks.items():
        for ex in shipped:
            if any(words.search(step) for step in ex.steps):
                assert movement in ex.movements, (ex.id, movement)


def test_note_for_on_the_shipped_catalogue(shipped: Catalogue) -> None:
    clam = shipped.get("side-lying-clamshell")
    assert clam is not None
    assert len(clam.note_for(["pregnant"])) == 1
    assert len(clam.note_for(["pregnant", "pelvic-girdle-pain", "hip-replacement"])) == 3
    assert clam.note_for(["osteoporosis"]) == []


# --------------------------------------------------------------------------- through the CLI


def test_show_json_includes_movements_and_notes(invoke: Invoke) -> None:
    result = invoke(["show", "cat-cow", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["movements"] == ["flexion", "extension", "neck-flexion"]
    assert set(data["notes"]) == {"pregnant"}
    assert all("pregnan" not in step.lower() for step in data["steps"])


def test_list_json_gives_every_exercise_its_movements(invoke: Invoke) -> None:
    result = invoke(["list", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data
    assert all(isinstance(item["movements"], list) for item in data)
    assert all(isinstance(item["notes"], dict) for item in data)
    by_id = {item["id"]: item for item in data}
    assert by_id["seated-breathing"]["movements"] == []
    assert by_id["seated-breathing"]["notes"] == {}
