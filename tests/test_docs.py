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
