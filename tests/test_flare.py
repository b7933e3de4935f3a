"""The flare-up plan: its model, its place in config.yaml, when it shows itself, and `flare`."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import REPO
from hypothesis import given
from hypothesis import strategies as st

from stretchcoach import config, flare
from stretchcoach.flare import FlarePlan

Invoke = Callable[..., Result]

PLAN = FlarePlan(
    helps=("lying on my side", "heat: a hot-water bottle"),
    avoid=("lifting the shopping",),
    contacts=("GP 01234 567890", "'Sam' # my physio"),
)


# --------------------------------------------------------------------------- the rule


@pytest.mark.parametrize(
    ("pain", "since", "shown"),
    [
        (7, None, True),
        (8, 8, True),
        (6, None, False),
        (9, 8, False),  # 9-10 is a safety stop with its own advice
        (9, 7, True),  # ...but a rise of 2 still brings the plan
        (5, 3, True),
        (4, 3, False),
        (2, 6, False),  # pain going down
        (None, 3, False),
    ],
)
def test_the_plan_shows_at_7_or_8_or_after_a_rise_of_2(
    pain: int | None, since: int | None, shown: bool
) -> None:
    assert flare.show_automatically(pain, since=since) is shown


@given(st.integers(0, 10), st.integers(0, 10))
def test_any_rise_of_two_or_more_shows_the_plan(before: int, after: int) -> None:
    shown = flare.show_automatically(after, since=before)
    if after - before >= 2 or after in (7, 8):
        assert shown
    else:
        assert not shown


def test_the_reason_names_the_rise_or_the_score() -> None:
    assert "from 3 to 6" in flare.reason(6, since=3)
    assert "7 out of 10" in flare.reason(7, since=6)


# --------------------------------------------------------------------------- config.yaml


def test_a_plan_in_config_is_read_into_three_lists() -> None:
    cfg = config.parse(
        "minutes: 8\n"
        "flare_plan:\n"
        "  helps: [heat, a short walk]\n"
        "  avoid: [long drives]\n"
        "  contacts:\n"
        "    - GP 01234 567890\n",
        source="config.yaml",
    )
    assert cfg["minutes"] == 8
    assert flare.from_dict(cfg["flare_plan"]) == FlarePlan(
        helps=("heat", "a short walk"), avoid=("long drives",), contacts=("GP 01234 567890",)
    )


def test_no_plan_is_none() -> None:
    assert config.parse("minutes: 8\n", source="c.yaml")["flare_plan"] is None
    assert config.parse("flare_plan:\n", source="c.yaml")["flare_plan"] is None
    assert flare.from_dict(None) is None


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ("flare_plan: rest\n", 1, "flare_plan", "must be a mapping"),
        ("flare_plan: [heat]\n", 1, "flare_plan", "must be a mapping"),
        ("minutes: 5\nflare_plan:\n  help: [heat]\n", 3, "flare_plan.help", "helps, avoid"),
        ("flare_plan:\n  helps:\n    heat: yes\n", 3, "flare_plan.helps", "list of short texts"),
        ("flare_plan:\n  avoid:\n    - [a, b]\n", 3, "flare_plan.avoid", "one line"),
        ("flare_plan:\n  helps: [a]\n  helps: [b]\n", 3, "flare_plan.helps", "repeated"),
    ],
)
def test_a_plan_of_the_wrong_shape_is_a_config_error_with_its_line(
    text: str, line: int, field: str, words: str
) -> None:
    with pytest.raises(config.ConfigError) as caught:
        config.parse(text, source="config.yaml")
    (problem,) = caught.value.problems
    assert (problem.source, problem.line, problem.field) == ("config.yaml", line, field)
    assert words in problem.message


def test_overlong_plans_are_refused() -> None:
    many = "flare_plan:\n  helps: [" + ", ".join(f"item {n}" for n in range(13)) + "]\n"
    with pytest.raises(config.ConfigError, match="12 or fewer"):
        config.parse(many, source="c.yaml")
    long_item = "flare_plan:\n  helps: [" + "x" * 201 + "]\n"
    with pytest.raises(config.ConfigError, match="200 or fewer"):
        config.parse(long_item, source="c.yaml")


def test_the_readme_example_plan_is_a_valid_config() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(flare_plan:.*?)```", readme, re.S)
    assert block is not None
    plan = flare.from_dict(config.parse(block.group(1), source="README")["flare_plan"])
    assert plan is not None
    assert plan.helps
    assert plan.avoid
    assert plan.contacts


# --------------------------------------------------------------------------- writing it back


def test_the_yaml_round_trips_any_text() -> None:
    text = flare.to_yaml(PLAN)
    assert flare.from_dict(config.parse(text, source="c")["flare_plan"]) == PLAN
    assert flare.parse_text(flare.edit_text(PLAN), source="edit") == PLAN


@given(
    st.lists(
        st.text(
            st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
        ).filter(lambda t: t.split()),
        max_size=4,
    )
)
def test_any_item_text_survives_the_round_trip(items: list[str]) -> None:
    plan = FlarePlan(helps=tuple(" ".join(t.split()) for t in items))
    assert flare.parse_text(flare.edit_text(plan), source="edit") == plan


CONFIG = """# my settings
minutes: 12   # a bit longer
flare_plan:
  helps: [old]

# the profiles below
profiles:
  desk:
    minutes: 5
"""


def test_replacing_the_plan_keeps_every_other_line() -> None:
    out = flare.replace_in_config(CONFIG, PLAN, source="c.yaml")
    assert out.startswith("# my settings\nminutes: 12   # a bit longer\nflare_plan:\n")
    assert out.endswith("\n# the profiles below\nprofiles:\n  desk:\n    minutes: 5\n")
    assert "old" not in out
    parsed = config.parse(out, source="c.yaml")
    assert flare.from_dict(parsed["flare_plan"]) == PLAN
    assert parsed["profiles"] == {"desk": {"minutes": 5}}


def test_a_plan_is_appended_when_there_is_none() -> None:
    out = flare.replace_in_config("bell: true", PLAN, source="c.yaml")
    assert out.startswith("bell: true\nflare_plan:\n")
    assert flare.from_dict(config.parse(out, source="c")["flare_plan"]) == PLAN
    assert flare.replace_in_config("", PLAN, source="c").startswith("flare_plan:\n")


def test_a_plan_at_the_end_of_the_file_is_replaced_in_place() -> None:
    text = "bell: true\nflare_plan: {helps: [a]}\n# last comment\n"
    out = flare.replace_in_config(text, PLAN, source="c.yaml")
    assert out.startswith("bell: true\nflare_plan:\n")
    assert out.endswith("# last comment\n")
    assert out.count("flare_plan") == 1


def test_an_edit_with_a_bad_shape_names_the_line() -> None:
    with pytest.raises(flare.FlarePlanError) as caught:
        flare.parse_text("# guide\nhelps:\n  - ok\navoid: {a: b}\n", source="your edit")
    (problem,) = caught.value.problems
    assert problem.line == 4
    assert "list of short texts" in problem.message


# --------------------------------------------------------------------------- the command


def config_file(home: Path) -> Path:
    return home / "config.yaml"


def test_flare_without_a_plan_gives_advice_and_says_how_to_write_one(invoke: Invoke) -> None:
    result = invoke(["flare"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "During a flare-up" in out
    assert "does not usually mean new damage" in out
    assert "stretchcoach flare --edit" in out
    assert "\x1b[" not in result.stdout


def test_flare_shows_the_persons_own_plan(invoke: Invoke, isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True)
    config_file(isolated_home).write_text(flare.to_yaml(PLAN), encoding="utf-8")
    result = invoke(["flare"])
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.stdout.splitlines()]
    at = lines.index("What helps me")
    assert lines[at + 1 : at + 3] == ["• lying on my side", "• heat: a hot-water bottle"]
    assert "• lifting the shopping" in lines
    assert "• 'Sam' # my physio" in lines


def test_flare_json(invoke: Invoke, isolated_home: Path) -> None:
    assert json.loads(invoke(["flare", "--format", "json"]).stdout)["plan"] is None
    isolated_home.mkdir(parents=True)
    config_file(isolated_home).write_text(flare.to_yaml(PLAN), encoding="utf-8")
    data = json.loads(invoke(["flare", "--format", "json"]).stdout)
    assert list(data) == ["advice", "plan", "config"]
    assert data["plan"] == PLAN.to_dict()
    assert data["advice"] == list(flare.GENERAL_ADVICE)
    assert data["config"] == str(config_file(isolated_home))


def test_a_damaged_plan_is_one_clear_error_with_file_and_line(
    invoke: Invoke, isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True)
    path = config_file(isolated_home)
    path.write_text("bell: true\nflare_plan:\n  helps: {heat: yes}\n", encoding="utf-8")
    result = invoke(["flare"])
    assert result.exit_code == 1
    assert f"{path}:3: field 'flare_plan.helps': must be a list" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    # Every command that reads the config says the same.
    assert invoke(["config", "show"]).exit_code == 1


def test_edit_in_the_editor_saves_into_config_and_keeps_the_rest(
    invoke: Invoke, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated_home.mkdir(parents=True)
    path = config_file(isolated_home)
    path.write_text(CONFIG, encoding="utf-8")
    os.chmod(path, 0o640)
    opened: list[str] = []

    def fake_edit(text: str, **kwargs: object) -> str:
        opened.append(text)
        return text.replace("helps:\n  - old", "helps:\n  - a warm bath\n  - slow breathing")

    monkeypatch.setenv("EDITOR", "my-editor")
    monkeypatch.setattr("click.edit", fake_edit)
    result = invoke(["flare", "--edit"])
    assert result.exit_code == 0, result.output
    assert opened
    assert opened[0].startswith("# Your flare-up plan")
    assert "helps:\n  - old\n" in opened[0]
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith("# my settings\nminutes: 12   # a bit longer\n")
    assert "# the profiles below\nprofiles:\n  desk:\n    minutes: 5\n" in saved
    plan = flare.from_dict(config.load_config(path)["flare_plan"])
    assert plan == FlarePlan(helps=("a warm bath", "slow breathing"))
    assert os.stat(path).st_mode & 0o777 == 0o640  # permissions kept
    assert "Saved your flare-up plan" in result.stderr
    assert "a warm bath" in result.stdout
    assert [p.name for p in isolated_home.iterdir()] == ["config.yaml"]  # no temp file left


def test_a_bad_edit_saves_nothing(
    invoke: Invoke, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated_home.mkdir(parents=True)
    path = config_file(isolated_home)
    path.write_text(CONFIG, encoding="utf-8")
    monkeypatch.setenv("EDITOR", "my-editor")
    monkeypatch.setattr("click.edit", lambda text, **kw: "helps: [a]\nwho: [b]\n")
    result = invoke(["flare", "--edit"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1  # one line
    assert "your edit:2: field 'flare plan.who'" in result.stderr
    assert "Nothing was saved" in result.stderr
    assert path.read_text(encoding="utf-8") == CONFIG


def test_closing_the_editor_without_saving_changes_nothing(
    invoke: Invoke, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "my-editor")
    monkeypatch.setattr("click.edit", lambda text, **kw: None)
    result = invoke(["flare", "--edit"])
    assert result.exit_code == 0
    assert "No change" in result.stderr
    assert not config_file(isolated_home).exists()


def test_without_an_editor_it_asks_item_by_item(
    invoke: Invoke, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchcoach import ui

    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr(ui, "stdin_is_tty", lambda: True)
    typed = ["heat", "lying on my side", "", "lifting", "", "", ""]
    result = invoke(["flare", "--edit"], input="\n".join(typed) + "\n")
    assert result.exit_code == 0, result.output
    assert flare.SECTION_QUESTIONS["contacts"] in result.output
    plan = flare.from_dict(config.load_config(config_file(isolated_home))["flare_plan"])
    assert plan == FlarePlan(helps=("heat", "lying on my side"), avoid=("lifting",))
    # Asked again: Enter keeps a list, '-' clears it, new items replace it.
    again = invoke(["flare", "--edit"], input="\n".join(["", "-", "my GP", ""]) + "\n")
    assert again.exit_code == 0, again.output
    assert "Now: heat; lying on my side" in again.output
    plan = flare.from_dict(config.load_config(config_file(isolated_home))["flare_plan"])
    assert plan == FlarePlan(helps=("heat", "lying on my side"), contacts=("my GP",))


def test_without_an_editor_or_a_terminal_it_is_a_usage_error(
    invoke: Invoke, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    result = invoke(["flare", "--edit"], input="")
    assert result.exit_code == 2
    assert "set $EDITOR" in result.stderr
    assert not config_file(isolated_home).exists()


def test_edit_refuses_a_config_that_is_already_broken(
    invoke: Invoke, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated_home.mkdir(parents=True)
    path = config_file(isolated_home)
    path.write_text("minutes: many\n", encoding="utf-8")
    monkeypatch.setenv("EDITOR", "my-editor")
    monkeypatch.setattr("click.edit", lambda text, **kw: pytest.fail("must not open"))
    result = invoke(["flare", "--edit"])
    assert result.exit_code == 1
    assert f"{path}:1" in result.stderr
    assert path.read_text(encoding="utf-8") == "minutes: many\n"


def test_help_has_an_example(invoke: Invoke) -> None:
    result = invoke(["flare", "--help"])
    assert result.exit_code == 0
    assert "stretchcoach flare --edit" in result.stdout


# --------------------------------------------------------------------------- found in use


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("flare_plan:\n  helps: heat\n", 2, "flare_plan.helps"),
        ("bell: true\nflare_plan:\n  avoid: 5\n", 3, "flare_plan.avoid"),
    ],
)
def test_a_bare_value_instead_of_a_list_is_refused_with_its_line(
    text: str, line: int, field: str
) -> None:
    with pytest.raises(config.ConfigError) as caught:
        config.parse(text, source="config.yaml")
    (problem,) = caught.value.problems
    assert (problem.source, problem.line, problem.field) == ("config.yaml", line, field)
    assert "must be a list of short texts" in problem.message
    assert "[" in problem.message  # shows how to write it as a list


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("flare_plan: !!python/object:os.system {}\n", 1),
        ("flare_plan:\n  helps:\n    - !!python/object/apply:os.system [ls]\n", 3),
        ("minutes: 5\nflare_plan: !!python/name:os.system ''\n", 2),
    ],
)
def test_a_python_tag_in_the_plan_is_named_as_not_allowed(text: str, line: int) -> None:
    with pytest.raises(config.ConfigError) as caught:
        config.parse(text, source="config.yaml")
    (problem,) = caught.value.problems
    assert problem.line == line
    assert "!!python/" in problem.message
    assert "not allowed" in problem.message
    assert "must be a mapping" not in problem.message


def test_a_crlf_config_keeps_its_line_endings(
    invoke: Invoke, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated_home.mkdir(parents=True)
    path = config_file(isolated_home)
    path.write_bytes(CONFIG.replace("\n", "\r\n").encode("utf-8"))
    monkeypatch.setenv("EDITOR", "my-editor")
    monkeypatch.setattr("click.edit", lambda text, **kw: "helps: [a warm bath, heat]\n")
    result = invoke(["flare", "--edit"])
    assert result.exit_code == 0, result.output
    saved = path.read_bytes()
    assert saved.count(b"\n") == saved.count(b"\r\n")  # no bare LF anywhere
    assert b"  - a warm bath\r\n" in saved
    plan = flare.from_dict(config.load_config(path)["flare_plan"])
    assert plan == FlarePlan(helps=("a warm bath", "heat"))


def test_a_plan_appended_to_a_crlf_file_uses_crlf() -> None:
    text = "minutes: 8\r\nbell: true"
    out = flare.replace_in_config(text, FlarePlan(helps=("heat",)), source="c.yaml")
    assert "\n" not in out.replace("\r\n", "")
    assert out.startswith("minutes: 8\r\nbell: true\r\nflare_plan:\r\n")


def test_edit_writes_through_a_symlinked_config(
    invoke: Invoke, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "sc.yaml"
    real.write_text(CONFIG, encoding="utf-8")
    os.chmod(real, 0o640)
    isolated_home.mkdir(parents=True)
    link = config_file(isolated_home)
    link.symlink_to(real)
    monkeypatch.setenv("EDITOR", "my-editor")
    monkeypatch.setattr("click.edit", lambda text, **kw: "helps: [slow breathing]\n")
    result = invoke(["flare", "--edit"])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert "  - slow breathing\n" in real.read_text(encoding="utf-8")
    assert "profiles:\n  desk:" in real.read_text(encoding="utf-8")
    assert os.stat(real).st_mode & 0o777 == 0o640
    assert sorted(p.name for p in dotfiles.iterdir()) == ["sc.yaml"]  # no temp file left
    assert sorted(p.name for p in isolated_home.iterdir()) == ["config.yaml"]


def test_ctrl_c_at_a_prompt_is_a_calm_stop_and_changes_nothing(
    invoke: Invoke, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import click

    from stretchcoach import ui

    isolated_home.mkdir(parents=True)
    path = config_file(isolated_home)
    path.write_text(CONFIG, encoding="utf-8")
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr(ui, "stdin_is_tty", lambda: True)
    answers = iter(["a new item"])

    def prompt(*args: object, **kwargs: object) -> str:
        for answer in answers:
            return answer
        raise click.Abort  # what click.prompt raises on Ctrl-C

    monkeypatch.setattr("click.prompt", prompt)
    result = invoke(["flare", "--edit"])
    assert result.exit_code == 130
    assert "Aborted" not in result.output
    assert "not changed" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Stopped")
    assert path.read_text(encoding="utf-8") == CONFIG
