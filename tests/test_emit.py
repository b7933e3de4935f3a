"""The one output emitter: each format goes to its own renderer, byte for byte."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from stretchcoach.ui.emit import emit


def run(fmt: str, **renderers: object) -> str:
    """What ``emit`` writes to stdout for this format."""

    @click.command()
    def cmd() -> None:
        emit(fmt, lambda: [{"id": "cat-cow", "name": "Cat–cow"}], **renderers)  # type: ignore[arg-type]

    result = CliRunner().invoke(cmd, [])
    assert result.exception is None, result.output
    return result.stdout


def test_json_and_yaml_come_from_the_document() -> None:
    assert run("json") == '[\n  {\n    "id": "cat-cow",\n    "name": "Cat–cow"\n  }\n]\n'
    assert run("yaml") == "- id: cat-cow\n  name: Cat–cow\n"


def test_each_other_format_uses_its_own_renderer() -> None:
    assert run("table", human=lambda: click.echo("a table")) == "a table\n"
    assert run("text", human=lambda: click.echo("some text")) == "some text\n"
    assert run("csv", csv=lambda: [["id", "name"], ["a,b", 'say "hi"']]) == (
        'id,name\n"a,b","say ""hi"""\n'
    )
    assert run("ids", ids=lambda: ["cat-cow", "bird-dog"]) == "cat-cow\nbird-dog\n"
    assert run("markdown", text={"markdown": lambda: "# Plan\n"}) == "# Plan\n"


def test_the_document_is_built_only_when_asked_for() -> None:
    built: list[str] = []

    @click.command()
    def cmd() -> None:
        emit("table", lambda: built.append("json"), human=lambda: click.echo("t"))

    assert CliRunner().invoke(cmd, []).stdout == "t\n"
    assert built == []


def test_a_format_without_a_renderer_is_an_error_not_silence() -> None:
    with pytest.raises(ValueError, match="--format csv"):
        emit("csv", lambda: {}, human=lambda: None)
