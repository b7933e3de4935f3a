"""The README stays true: every command has an example, and CI runs what the README says."""

from __future__ import annotations

import re

from conftest import REPO

from stretchcoach.cli import COMMANDS

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_command_has_a_readme_example() -> None:
    missing = [name for name in COMMANDS if not re.search(rf"stretchcoach {name}\b", README)]
    assert missing == []


def test_the_first_screen_gives_the_two_fresh_machine_commands() -> None:
    first_screen = README[: README.index("## ")]
    assert "pip install . && .venv/bin/stretchcoach start" in first_screen
    assert 'pip install ".[test]" && .venv/bin/python -m pytest' in first_screen
    assert "not medical advice" in " ".join(first_screen.replace(">", " ").split())


def test_ci_installs_and_tests_exactly_as_the_readme_says() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install ".[test]"' in ci
    assert ".venv/bin/python -m pytest" in ci
    assert "ruff check" in ci


def test_the_safety_page_matches_the_code() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "safety_doc.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_the_readme_explains_health_notes_and_safety_questions() -> None:
    section = README[README.index("## Health notes and safety questions") :]
    section = section[: section.index("\n## ", 1)]
    for words in ("--condition", "health --ask", "screen --list", "docs/safety.md", "28 days"):
        assert words in section, words


def test_ci_runs_the_type_checker() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/mypy" in ci


def _section(title: str) -> str:
    section = README[README.index(f"## {title}") :]
    return section[: section.index("\n## ", 1)]


def test_the_readme_example_catalogue_entry_validates(invoke, tmp_path) -> None:  # type: ignore[no-untyped-def]
    section = _section("The exercise catalogue")
    example = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert example is not None
    path = tmp_path / "example.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    result = invoke(["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"OK: {path} has 1 valid exercise")
    # On its own one stretch cannot open and close a routine, and the README says so.
    assert "No breathing or mobility exercise to start gently" in " ".join(result.stderr.split())
    assert "cannot" in section
    assert "stretchcoach validate" in section
    # Its figure is drawn, as the comment beside it promises.
    drawn = invoke(["--catalogue", str(path), "show", "my-knee-to-chest", "--format", "svg"])
    assert drawn.exit_code == 0, drawn.output
    assert ">Single knee-to-chest stretch</title>" in drawn.stdout
    assert "RIGHT leg" in drawn.stdout


def test_the_first_screen_says_once_how_the_bare_command_works() -> None:
    first_screen = README[: README.index("## ")]
    for words in (". .venv/bin/activate", ".venv\\Scripts\\activate", "pipx install ."):
        assert words in first_screen, words
        assert README.count(words) == 1, words  # said once, not repeated per section
    # The note comes before the first example that types the bare command.
    bare = re.search(r"^stretchcoach \w", README, re.M)
    assert bare is not None
    assert README.index("pipx install .") < bare.start()


def test_the_readme_says_where_files_live_as_config_path_prints_it() -> None:
    section = README[README.index("### What gets saved, and where") :]
    section = section[: section.index("\n### ", 1)]
    assert "next to\nyour settings" not in section
    assert "next to your settings" not in section
    assert "data** folder" in section
    for label in ("config:  /", "history: /", "health:  /"):
        assert label in section, label
