"""config.yaml: defaults, profiles, strict validation with line numbers, and flag precedence."""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent

import click
import pytest
from click.testing import CliRunner

from stretchcoach import config
from stretchcoach.commands._options import explicit_params
from stretchcoach.errors import UsageError

GOOD = dedent(
    """\
    minutes: 12
    bell: true
    screen_every_days: 0
    profiles:
      desk:
        minutes: 5
        at_desk: true
      evening:
        minutes: 20
        positions: [supine, side-lying]
        cause: posture
        voice: full
        voice_command: espeak
    """
)


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    loaded = config.load_config(tmp_path / "config.yaml")
    assert loaded == {**config.DEFAULTS, "profiles": {}}
    assert loaded["screen_every_days"] == 7


def test_empty_file_means_defaults(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text("# nothing yet\n")
    assert config.load_config(tmp_path / "config.yaml") == config.default_config()


def test_good_file_overlays_defaults() -> None:
    loaded = config.parse(GOOD)
    assert loaded["minutes"] == 12
    assert loaded["bell"] is True
    assert loaded["voice"] is False  # not in the file: default kept
    assert loaded["profiles"]["evening"]["voice"] == "full"
    assert loaded["screen_every_days"] == 0
    assert loaded["profiles"]["evening"]["positions"] == ["supine", "side-lying"]


def test_profile_over_defaults_and_desk_means_standing_and_seated() -> None:
    loaded = config.parse(GOOD)
    desk = config.resolve_profile(loaded, "desk")
    assert desk["minutes"] == 5
    assert desk["positions"] == ["seated", "standing"]
    assert desk["bell"] is True  # from the file's defaults
    evening = config.resolve_profile(loaded, "evening")
    assert evening["cause"] == "posture"
    assert evening["minutes"] == 20
    assert config.resolve_profile(loaded, None)["minutes"] == 12


def test_unknown_profile_is_a_usage_error_naming_the_known_ones() -> None:
    with pytest.raises(UsageError, match="desk, evening"):
        config.resolve_profile(config.parse(GOOD), "morning")


def test_every_problem_has_file_line_and_field() -> None:
    text = dedent(
        """\
        minutes: ten
        colour: blue
        screen_every_days: -1
        profiles:
          desk:
            positions: [standing, sitting]
            at_desk: yes please
            cause: backache
          Bad Name:
            minutes: 5
        """
    )
    with pytest.raises(config.ConfigError) as caught:
        config.parse(text, source="config.yaml")
    lines = [str(p) for p in caught.value.problems]
    assert lines == [
        "config.yaml:1: field 'minutes': must be a whole number of minutes from 3 to 60",
        "config.yaml:2: field 'colour': is not a known setting (one of: minutes, positions, "
        "at_desk, cause, bell, voice, voice_command, screen_every_days, plain, motion, "
        "figures, catalogues, flare_plan, profiles)",
        "config.yaml:3: field 'screen_every_days': must be a whole number of days, "
        "0 (every time) to 365",
        "config.yaml:6: field 'profiles.desk.positions': 'sitting' is not a position (one of: "
        "standing, seated, kneeling, all-fours, side-lying, prone, supine)",
        "config.yaml:7: field 'profiles.desk.at_desk': must be true or false",
        "config.yaml:8: field 'profiles.desk.cause': is not a known cause (one of: posture, "
        "weak-muscles, pregnancy, obesity, arthritis, unknown)",
        "config.yaml:9: field 'profiles.Bad Name': a profile name is lower-case letters, "
        "digits and dashes",
    ]
    assert caught.value.exit_code == 1
    assert caught.value.message.startswith("The config file has 7 problems:")


def test_accessibility_settings_and_their_problems() -> None:
    good = config.parse("plain: true\nmotion: reduced\n", source="config.yaml")
    assert good["plain"] is True
    assert good["motion"] == "reduced"
    assert config.parse("", source="config.yaml")["motion"] == "full"
    with pytest.raises(config.ConfigError) as caught:
        config.parse("bell: true\nplain: sometimes\nmotion: none\n", source="config.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "config.yaml:2: field 'plain': must be true or false",
        "config.yaml:3: field 'motion': must be full or reduced",
    ]
    with pytest.raises(config.ConfigError) as caught:
        config.parse("profiles:\n  desk:\n    plain: true\n", source="config.yaml")
    assert "config.yaml:3: field 'profiles.desk.plain': is not a known setting" in str(
        caught.value.problems[0]
    )


def test_catalogues_are_relative_to_the_config_folder(tmp_path: Path) -> None:
    source = tmp_path / "conf" / "config.yaml"
    text = "catalogues: [mine.yaml, /abs/other.yaml, ~/x.yaml, mine.yaml]\n"
    got = config.parse(text, source=str(source))["catalogues"]
    assert got == [
        str(tmp_path / "conf" / "mine.yaml"),
        "/abs/other.yaml",
        str(Path("~/x.yaml").expanduser()),
    ]
    assert config.parse("catalogues:\n", source=str(source))["catalogues"] == []
    with pytest.raises(config.ConfigError) as caught:
        config.parse("minutes: 5\ncatalogues: mine.yaml\n", source="config.yaml")
    assert str(caught.value.problems[0]).startswith(
        "config.yaml:2: field 'catalogues': must be a list of catalogue files"
    )
    with pytest.raises(config.ConfigError) as caught:
        config.parse("catalogues:\n  - ok.yaml\n  - [nested]\n", source="config.yaml")
    assert str(caught.value.problems[0]) == (
        "config.yaml:3: field 'catalogues': each entry must be the path of a catalogue file"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "minutes: 5\nminutes: 6\n",
            "config.yaml:2: field 'minutes': is repeated (first at line 1)",
        ),
        ("- minutes\n", "config.yaml:1: must be a mapping of settings"),
        ("minutes: [5\n", "config.yaml:2: is not valid YAML"),
        (
            "profiles:\n  desk:\n    screen_every_days: 3\n",
            "field 'profiles.desk.screen_every_days'",
        ),
        ("minutes: true\n", "field 'minutes': must be a whole number"),
        ("minutes: 2\n", "field 'minutes': must be a whole number of minutes from 3 to 60"),
        ("positions: []\n", "config.yaml:1: field 'positions': must be a list of positions"),
        ("voice_command: ''\n", "field 'voice_command'"),
        ("voice: loud\n", "field 'voice': must be true, false or one of: short, full, off"),
    ],
)
def test_more_problems(text: str, expected: str) -> None:
    with pytest.raises(config.ConfigError) as caught:
        config.parse(text, source="config.yaml")
    assert expected in caught.value.message


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"minutes: 5\ncause: \xff\n")
    with pytest.raises(config.ConfigError, match=r"config.yaml:2: is not UTF-8"):
        config.load_config(path)


def test_flags_win_over_the_profile() -> None:
    params = {"minutes": 10, "positions": None, "cause": None, "seed": None, "kinds": ()}
    profile = {
        "minutes": 5,
        "positions": ["standing", "seated"],
        "cause": "posture",
        "bell": False,
        "kinds": ["stretch"],
    }
    merged = config.apply_defaults(params, profile, explicit={"minutes"})
    assert merged == {
        "minutes": 10,  # given on the command line
        "positions": "standing,seated",  # the comma list --positions takes
        "cause": "posture",
        "seed": None,
        "kinds": ("stretch",),  # a multiple=True option's tuple
    }
    assert "bell" not in merged  # a setting the command does not have is left out
    assert params["minutes"] == 10  # the input is not changed


def test_explicit_params_tells_flags_from_defaults() -> None:
    seen: dict[str, set[str]] = {}

    @click.command()
    @click.option("--minutes", type=int, default=10)
    @click.option("--cause", envvar="TEST_CAUSE")
    @click.option("--bell/--no-bell", default=True)
    @click.pass_context
    def cmd(ctx: click.Context, minutes: int, cause: str | None, bell: bool) -> None:
        seen["explicit"] = explicit_params(ctx)

    result = CliRunner().invoke(cmd, ["--no-bell"], env={"TEST_CAUSE": "posture"})
    assert result.exit_code == 0, result.output
    assert seen["explicit"] == {"bell", "cause"}


def test_config_path_and_show(invoke, isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke(["config", "path"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"config:  {isolated_home / 'config.yaml'}",
        f"history: {isolated_home / 'history.db'}",
        f"health:  {isolated_home / 'health.json'}",
    ]
    result = invoke(["config", "show", "--format", "json"])
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert shown.pop("figures_from") == "terminal"
    assert shown.pop("figures") in config.FIGURE_STYLES
    expected = config.default_config()
    del expected["figures"]
    assert shown == expected
    assert "built-in defaults" in result.stderr

    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text(GOOD)
    result = invoke(["config", "show"])
    assert result.exit_code == 0
    assert "minutes: 12\n" in result.stdout
    assert "  desk:\n    minutes: 5\n" in result.stdout
    result = invoke(["config", "show", "--profile", "desk", "--format", "json"])
    assert json.loads(result.stdout)["positions"] == ["seated", "standing"]
    result = invoke(["config", "show", "--profile", "nope"])
    assert result.exit_code == 2
    assert "no profile named 'nope'" in result.stderr


def test_bad_config_file_exits_1_with_the_line(invoke, isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text("minutes: 5\nbel: false\n")
    result = invoke(["config", "show"])
    assert result.exit_code == 1
    assert f"{isolated_home / 'config.yaml'}:2: field 'bel'" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("at_desk: true\npositions: [supine]\n", 2, "positions"),
        (
            "profiles:\n  desk:\n    at_desk: true\n    positions: [seated, prone]\n",
            4,
            "profiles.desk.positions",
        ),
    ],
)
def test_at_desk_with_floor_positions_is_a_config_problem(text: str, line: int, field: str) -> None:
    with pytest.raises(config.ConfigError) as info:
        config.parse(text, source="config.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.field) == (line, field)
    assert "at_desk" in problem.message


def test_a_profiles_positions_win_over_an_inherited_at_desk() -> None:
    cfg = config.parse("at_desk: true\nprofiles:\n  floor:\n    positions: [supine]\n")
    settings = config.resolve_profile(cfg, "floor")
    assert settings["positions"] == ["supine"]
    assert settings["at_desk"] is False


def test_config_path_names_the_data_folder_apart_from_the_config_folder(
    invoke,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """Without STRETCHCOACH_HOME the history and health notes live in the data folder, which
    need not be the config folder; WHICH prints one bare path, for scripts."""
    from stretchcoach import paths

    monkeypatch.delenv("STRETCHCOACH_HOME", raising=False)
    monkeypatch.setattr(paths, "config_dir", lambda: Path("/cfg/stretchcoach"))
    monkeypatch.setattr(paths, "data_dir", lambda: Path("/data/stretchcoach"))
    data = json.loads(invoke(["config", "path", "--format", "json"]).stdout)
    assert data == {
        "config": str(Path("/cfg/stretchcoach/config.yaml")),
        "history": str(Path("/data/stretchcoach/history.db")),
        "health": str(Path("/data/stretchcoach/health.json")),
    }
    for which in ("config", "history", "health"):
        result = invoke(["config", "path", which])
        assert result.exit_code == 0
        assert result.stdout == data[which] + "\n"
    assert invoke(["config", "path", "History"]).stdout == data["history"] + "\n"


@pytest.mark.parametrize(
    ("env", "setting", "style", "source"),
    [
        ({"TERM": "xterm"}, None, "braille", "terminal"),
        ({"TERM": "linux"}, None, "blocks", "terminal"),
        ({"TERM": "xterm"}, "off", "off", "config"),
        ({"TERM": "xterm", "STRETCHCOACH_FIGURES": "Blocks"}, "off", "blocks", "environment"),
    ],
)
def test_the_figure_style_in_effect_and_where_it_came_from(
    env: dict[str, str], setting: str | None, style: str, source: str
) -> None:
    assert config.figures_in_effect(setting, env) == (style, source, None)


def test_a_bad_figures_variable_is_a_warning_and_the_guess_goes_on() -> None:
    style, source, warning = config.figures_in_effect(
        None, {"TERM": "xterm", "STRETCHCOACH_FIGURES": "ascii"}
    )
    assert (style, source) == ("braille", "terminal")
    assert warning is not None
    assert "STRETCHCOACH_FIGURES" in warning
    assert "'ascii'" in warning
    assert "braille, blocks, off" in warning
    assert "\n" not in warning


@pytest.mark.parametrize("text", ["figures: off\n", "figures: no\n", "figures: false\n"])
def test_a_bare_off_in_yaml_is_off(text: str) -> None:
    assert config.parse(text, source="config.yaml")["figures"] == "off"


def test_figures_true_is_an_error_naming_the_values() -> None:
    with pytest.raises(config.ConfigError) as caught:
        config.parse("minutes: 5\nfigures: true\n", source="config.yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (2, "figures")
    assert "braille, blocks, off" in problem.message


def test_config_show_gives_the_figures_in_effect_and_their_source(
    invoke,
    isolated_home: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("STRETCHCOACH_FIGURES", raising=False)
    result = invoke(["config", "show"])
    assert "figures: braille  # guessed from the terminal\n" in result.stdout
    assert "null" not in [line.split(": ")[-1] for line in result.stdout.splitlines()
                          if line.startswith("figures")]  # fmt: skip
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text("figures: off\n")
    result = invoke(["config", "show"])
    assert "figures: off  # from config.yaml\n" in result.stdout
    assert config.parse(result.stdout, source="shown")["figures"] == "off"  # still valid
    monkeypatch.setenv("STRETCHCOACH_FIGURES", "blocks")
    data = json.loads(invoke(["config", "show", "--format", "json"]).stdout)
    assert (data["figures"], data["figures_from"]) == ("blocks", "environment")
    monkeypatch.setenv("STRETCHCOACH_FIGURES", "ascii")
    result = invoke(["config", "show", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["figures"] == "off"
    assert "Warning: STRETCHCOACH_FIGURES='ascii'" in result.stderr


def test_config_path_which_as_json(invoke, isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke(["config", "path", "history", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"history": str(isolated_home / "history.db")}
