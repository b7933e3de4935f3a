"""config.yaml ``catalogues``: your own exercises beside the built-in ones."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import yaml_record

from stretchcoach import catalogue
from stretchcoach.catalogue import CatalogueError

MINE = yaml_record("my-pelvic-tilt", name="My pelvic tilt") + "{extra}"


def mine(
    folder: Path, name: str = "mine.yaml", *, ex_id: str = "my-pelvic-tilt", extra: str = ""
) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MINE.format(extra=extra).replace("my-pelvic-tilt", ex_id))
    return path


def test_extra_files_are_added_and_may_name_the_built_in_exercises(tmp_path: Path) -> None:
    extra = "  easier: knee-to-chest-single\n  similar: [supine-pelvic-tilt]\n"
    merged = catalogue.load_many([catalogue.packaged_path(), mine(tmp_path, extra=extra)])
    built_in = catalogue.load()
    assert len(merged) == len(built_in) + 1
    own = merged.get("my-pelvic-tilt")
    assert own is not None
    assert own.easier == "knee-to-chest-single"
    # A similar link across files goes both ways (the built-in file cannot be edited).
    other = merged.get("supine-pelvic-tilt")
    assert other is not None
    assert "my-pelvic-tilt" in other.similar
    assert merged.origins["my-pelvic-tilt"] == (str(tmp_path / "mine.yaml"), 1)


def test_an_id_used_twice_names_both_files_and_lines(tmp_path: Path) -> None:
    first = mine(tmp_path, "a.yaml")
    second = tmp_path / "b.yaml"
    second.write_text("# mine again\n" + MINE.format(extra=""))
    with pytest.raises(CatalogueError) as caught:
        catalogue.load_many([catalogue.packaged_path(), first, second])
    (problem,) = caught.value.problems
    assert str(problem) == (
        f"{second}:2: exercise 'my-pelvic-tilt', field 'id': duplicate id (first used at {first}:1)"
    )
    assert caught.value.exit_code == 1


def test_a_built_in_id_reused_names_the_built_in_file(tmp_path: Path) -> None:
    path = mine(tmp_path, ex_id="glute-bridge")
    with pytest.raises(CatalogueError) as caught:
        catalogue.load_many([catalogue.packaged_path(), path])
    text = str(caught.value.problems[0])
    assert text.startswith(f"{path}:1: exercise 'glute-bridge', field 'id': duplicate id")
    assert f"first used at {catalogue.packaged_path()}:" in text


def test_a_reference_to_no_file_is_located_in_its_own_file(tmp_path: Path) -> None:
    path = mine(tmp_path, extra="  harder: no-such-exercise\n")
    with pytest.raises(CatalogueError) as caught:
        catalogue.load_many([catalogue.packaged_path(), path])
    (problem,) = caught.value.problems
    assert str(problem) == (
        f"{path}:15: exercise 'my-pelvic-tilt', field 'harder': "
        "names unknown exercise 'no-such-exercise'"
    )


def test_problems_of_every_file_are_listed_together(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: Bad Id\n")
    path = mine(tmp_path, extra="  harder: nowhere\n")
    with pytest.raises(CatalogueError) as caught:
        catalogue.load_many([catalogue.packaged_path(), bad, path])
    sources = {p.source for p in caught.value.problems}
    assert sources == {str(bad), str(path)}


Invoke = Callable[..., object]


def ids(result: object) -> list[str]:
    return [ex["id"] for ex in json.loads(result.stdout)]  # type: ignore[attr-defined]


def test_config_catalogues_add_and_catalogue_flag_replaces(
    invoke: Invoke, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine(isolated_home / "own", extra="  similar: [supine-pelvic-tilt]\n")
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text("catalogues: [own/mine.yaml]\n")
    result = invoke(["list", "--format", "json"])
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    listed = ids(result)
    assert "my-pelvic-tilt" in listed
    assert "glute-bridge" in listed
    alone = mine(isolated_home / "alone")
    result = invoke(["--catalogue", str(alone), "list", "--format", "json"])
    assert ids(result) == ["my-pelvic-tilt"]
    monkeypatch.setenv("STRETCHCOACH_CATALOGUE", str(alone))
    assert ids(invoke(["list", "--format", "json"])) == ["my-pelvic-tilt"]


def test_a_duplicate_across_files_exits_1_naming_both(invoke: Invoke, isolated_home: Path) -> None:
    mine(isolated_home, "one.yaml")
    mine(isolated_home, "two.yaml")
    (isolated_home / "config.yaml").write_text("catalogues:\n  - one.yaml\n  - two.yaml\n")
    result = invoke(["list"])
    assert result.exit_code == 1  # type: ignore[attr-defined]
    err = result.stderr  # type: ignore[attr-defined]
    assert f"{isolated_home / 'two.yaml'}:1:" in err
    assert f"first used at {isolated_home / 'one.yaml'}:1" in err


def test_a_missing_listed_file_says_config_yaml_lists_it(
    invoke: Invoke, isolated_home: Path
) -> None:
    mine(isolated_home)
    config = isolated_home / "config.yaml"
    config.write_text("minutes: 10\ncatalogues:\n  - mine.yaml\n  - nothere.yaml\n")
    result = invoke(["list"])
    assert result.exit_code == 1  # type: ignore[attr-defined]
    missing = isolated_home / "nothere.yaml"
    assert result.stderr.splitlines() == [  # type: ignore[attr-defined]
        "Error: The catalogue has 1 problem:",
        f"  {missing}: file not found (listed in config.yaml's 'catalogues', {config}:4)",
    ]


def test_a_listed_folder_in_a_flow_list_names_its_line(isolated_home: Path) -> None:
    (isolated_home / "folder.yaml").mkdir(parents=True)
    config = isolated_home / "config.yaml"
    config.write_text("# mine\ncatalogues: [folder.yaml]\n")
    with pytest.raises(CatalogueError) as caught:
        catalogue.load_many([catalogue.packaged_path(), isolated_home / "folder.yaml"])
    (problem,) = caught.value.problems
    assert problem.message == (
        f"is a folder, not a catalogue file (listed in config.yaml's 'catalogues', {config}:2)"
    )


def test_a_missing_file_config_yaml_does_not_list_is_just_missing(
    tmp_path: Path, isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text("catalogues: [other.yaml]\n")
    with pytest.raises(CatalogueError) as caught:
        catalogue.load_many([catalogue.packaged_path(), tmp_path / "gone.yaml"])
    (problem,) = caught.value.problems
    assert str(problem) == f"{tmp_path / 'gone.yaml'}: file not found"
    assert catalogue.listed_in_config(tmp_path / "gone.yaml") is None
    assert catalogue.listed_in_config(isolated_home / "other.yaml") == (
        f"{isolated_home / 'config.yaml'}:1"
    )


def test_the_readme_example_entry_can_be_added_as_the_readme_suggests(
    invoke: Invoke, isolated_home: Path
) -> None:
    import re

    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The exercise catalogue") :]
    example = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert example is not None
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "my-exercises.yaml").write_text(example.group(1), encoding="utf-8")
    (isolated_home / "config.yaml").write_text("catalogues: [my-exercises.yaml]\n")
    checked = invoke(["validate", str(isolated_home / "my-exercises.yaml")])
    assert checked.exit_code == 0, checked.stderr  # type: ignore[attr-defined]
    result = invoke(["list", "--format", "json"])
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    own = re.search(r"^- id: ([a-z0-9-]+)", example.group(1), re.M)
    assert own is not None
    assert own.group(1) in ids(result)
    assert ids(result).count(own.group(1)) == 1


def test_the_readme_sample_config_works_as_copied(invoke: Invoke, isolated_home: Path) -> None:
    import re

    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Settings and profiles") :]
    sample = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert sample is not None
    assert "catalogues:" in sample.group(1)  # still shown, with the file it needs
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text(sample.group(1), encoding="utf-8")
    result = invoke(["list", "--format", "json"])
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert "cat-cow" in ids(result)
