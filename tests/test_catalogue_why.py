"""The ``why`` and ``figure`` exercise fields: checked like every other field, located by
file, line, exercise and field, and shown where per-exercise detail is shown."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest
import yaml
from conftest import yaml_record

from stretchcoach import catalogue
from stretchcoach.catalogue import WHY_MAX, CatalogueError, Problem

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data" / "exercises.yaml"

# Line numbers: id 1, name 2, kind 3 ... stop_if 14; extra fields start at line 15.
RECORD = yaml_record()
FIGURE = """\
  figure:
    view: side
    keyframes:
      - name: start
        trunk: -90
      - name: end
        right:
          hip: 40
          knee: 400
"""


def only_problem(text: str) -> Problem:
    with pytest.raises(CatalogueError) as info:
        catalogue.parse(text, source="test.yaml")
    (problem,) = info.value.problems
    return problem


# --------------------------------------------------------------------------- why


def test_why_is_optional_and_read_as_one_stripped_line() -> None:
    assert catalogue.parse(RECORD, source="t").exercises[0].why is None
    assert catalogue.parse(RECORD + "  why:\n", source="t").exercises[0].why is None
    text = RECORD + "  why: Gently loosens the low back after long sitting  \n"
    ex = catalogue.parse(text, source="t").exercises[0]
    assert ex.why == "Gently loosens the low back after long sitting"
    assert ex.to_dict()["why"] == ex.why


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("x" * (WHY_MAX + 1), f"must be at most {WHY_MAX} characters (got {WHY_MAX + 1})"),
        ("|\n    Two lines\n    of text", "must be one line"),
        ("42", "must be non-empty text (got 42)"),
        ("{a: b}", "must be non-empty text (got a nested structure)"),
        ("[a, b]", "must be non-empty text (got ['a', 'b'])"),
        ("''", "must be non-empty text (got '')"),
        ('"Sneaky \\e[31mred"', "must not contain control characters"),
    ],
)
def test_a_wrong_why_is_located_by_line_exercise_and_field(value: str, words: str) -> None:
    problem = only_problem(RECORD + f"  why: {value}\n")
    assert (problem.line, problem.exercise_id, problem.field) == (15, "pelvic-tilt", "why")
    assert str(problem).startswith("test.yaml:15: exercise 'pelvic-tilt', field 'why': ")
    assert words in problem.message


def test_a_why_of_exactly_the_limit_is_fine() -> None:
    text = RECORD + f"  why: {'x' * WHY_MAX}\n"
    assert catalogue.parse(text, source="t").exercises[0].why == "x" * WHY_MAX


def test_every_bundled_exercise_says_why_it_helps_in_one_plain_line() -> None:
    shipped = catalogue.load(DATA)
    missing = [ex.id for ex in shipped if not ex.why]
    assert missing == []
    for ex in shipped:
        assert ex.why is not None
        assert len(ex.why) <= WHY_MAX, ex.id
        assert ex.why[0].isupper(), ex.id
        assert not ex.why.endswith("."), ex.id
        for promise in ("cure", "fix", "heal", "guarantee"):
            assert promise not in ex.why.lower(), ex.id
    # Written just after the name, where a reader of the file looks for it.
    for record in yaml.safe_load(DATA.read_text(encoding="utf-8")):
        keys = list(record)
        assert keys.index("why") == keys.index("name") + 1, record["id"]


def test_show_and_json_carry_why(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mine = tmp_path / "mine.yaml"
    mine.write_text(RECORD + "  why: Gently loosens the low back after long sitting\n")
    shown = invoke(["--catalogue", str(mine), "show", "pelvic-tilt"])
    assert shown.exit_code == 0, shown.output
    assert "Why it helps: Gently loosens the low back after long sitting" in shown.stdout
    as_json = invoke(["--catalogue", str(mine), "show", "pelvic-tilt", "--format", "json"])
    assert json.loads(as_json.stdout)["why"] == "Gently loosens the low back after long sitting"
    listed = invoke(["--catalogue", str(mine), "list", "--format", "json"])
    assert json.loads(listed.stdout)[0]["why"] == "Gently loosens the low back after long sitting"


def test_show_says_nothing_about_why_when_the_catalogue_gives_none(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mine = tmp_path / "mine.yaml"
    mine.write_text(RECORD)
    shown = invoke(["--catalogue", str(mine), "show", "pelvic-tilt"])
    assert shown.exit_code == 0, shown.output
    assert "Why it helps" not in shown.stdout
    as_json = invoke(["--catalogue", str(mine), "show", "pelvic-tilt", "--format", "json"])
    assert json.loads(as_json.stdout)["why"] is None


# --------------------------------------------------------------------------- figure


@pytest.fixture
def fake_figures(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """A stand-in figures package: knees bend at most 160 degrees; records what it saw."""
    seen: list[object] = []
    module = types.ModuleType("stretchcoach.figures")

    def problems(raw: dict) -> list[tuple[tuple[str | int, ...], str]]:  # type: ignore[type-arg]
        seen.append(raw)
        found: list[tuple[tuple[str | int, ...], str]] = []
        for n, frame in enumerate(raw.get("keyframes", [])):
            knee = (frame.get("right") or {}).get("knee")
            if knee is not None and knee > 160:
                found.append((("keyframes", n, "right", "knee"), "is beyond a knee's range"))
        if "view" not in raw:
            found.append((("view",), "is missing"))
        return found

    module.problems = problems  # type: ignore[attr-defined]
    module.parse = lambda raw: ("parsed", raw["view"])  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "stretchcoach.figures", module)
    return seen


def test_figure_problems_become_located_loader_problems(fake_figures: list[object]) -> None:
    problem = only_problem(RECORD + FIGURE)
    assert problem.line == 23, str(problem)  # the line of 'knee: 400'
    assert problem.exercise_id == "pelvic-tilt"
    assert problem.field == "figure.keyframes[1].right.knee"
    assert str(problem) == (
        "test.yaml:23: exercise 'pelvic-tilt', field 'figure.keyframes[1].right.knee': "
        "is beyond a knee's range"
    )
    assert fake_figures == [yaml.safe_load(RECORD + FIGURE)[0]["figure"]]


def test_a_problem_at_a_missing_part_points_at_the_figure(fake_figures: list[object]) -> None:
    problem = only_problem(RECORD + FIGURE.replace("    view: side\n", "").replace("400", "90"))
    assert (problem.line, problem.field) == (16, "figure.view")


def test_a_good_figure_is_kept_as_given_and_parsed_only_on_use(
    fake_figures: list[object],
) -> None:
    ex = catalogue.parse(RECORD + FIGURE.replace("400", "90"), source="t").exercises[0]
    assert ex.figure == yaml.safe_load(FIGURE.replace("400", "90"))["figure"]
    assert ex.to_dict()["figure"] == ex.figure
    assert ex.figure_model() == ("parsed", "side")
    assert hash(ex) == hash(ex), "an exercise with a figure stays hashable"


def test_without_a_figure_there_is_nothing_to_draw(fake_figures: list[object]) -> None:
    ex = catalogue.parse(RECORD, source="t").exercises[0]
    assert (ex.figure, ex.figure_model(), fake_figures) == (None, None, [])


def test_a_figure_must_be_a_mapping(fake_figures: list[object]) -> None:
    problem = only_problem(RECORD + "  figure: [1, 2]\n")
    assert (problem.line, problem.field) == (15, "figure")
    assert "must be a mapping" in problem.message


def test_figures_are_not_checked_when_the_package_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "stretchcoach.figures", None)  # import fails
    ex = catalogue.parse(RECORD + FIGURE, source="t").exercises[0]
    assert ex.figure is not None


def test_a_cached_catalogue_with_figures_loads_without_importing_figures(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(RECORD + FIGURE.replace("400", "90"))
    code = (
        "import sys\n"
        "sys.modules['stretchcoach.figures'] = None\n"  # first load: no figures to check with
        "from stretchcoach import catalogue\n"
        f"catalogue.load({str(mine)!r})\n"
    )
    check = (
        "import sys\n"
        "from stretchcoach import catalogue\n"
        f"ex = catalogue.load({str(mine)!r}).exercises[0]\n"
        "print(ex.figure['view'], 'stretchcoach.figures' in sys.modules)\n"
    )
    env = {"STRETCHCOACH_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    out = subprocess.run(
        [sys.executable, "-c", check], env=env, check=True, capture_output=True, text=True
    )
    assert out.stdout.split() == ["side", "False"]


def test_the_figures_package_checks_figures_when_it_is_there() -> None:
    figures = pytest.importorskip("stretchcoach.figures")
    if not hasattr(figures, "problems"):
        pytest.skip("the figures package has no problems() yet")
    with pytest.raises(CatalogueError) as info:
        catalogue.parse(RECORD + FIGURE, source="test.yaml")
    knee = [p for p in info.value.problems if p.field == "figure.keyframes[1].right.knee"]
    assert len(knee) == 1, [str(p) for p in info.value.problems]
    assert knee[0].line == 23
    assert knee[0].exercise_id == "pelvic-tilt"
    assert all(p.field and p.field.startswith("figure") for p in info.value.problems)
