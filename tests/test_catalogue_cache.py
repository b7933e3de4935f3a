"""The cache of validated catalogues: used only for the same content and program version,
and never a source of errors (damaged, foreign or unwritable caches are passed over)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import yaml_record

import stretchcoach
from stretchcoach import catalogue, catalogue_cache
from stretchcoach.catalogue import CatalogueError

RECORD = yaml_record(
    "{id}",
    name="{name}",
    extra="  why: Gently loosens the low back after long sitting\n"
    "  notes:\n    pregnant: Keep it small.\n",
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(catalogue_cache.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records each full YAML validation (a cache miss)."""
    seen: list[str] = []
    real = catalogue._validate

    def counting(raw, source, refs_elsewhere):  # type: ignore[no-untyped-def]
        seen.append(source)
        return real(raw, source, refs_elsewhere)

    monkeypatch.setattr(catalogue, "_validate", counting)
    return seen


def write(path: Path, *names: str) -> Path:
    path.write_text(
        "".join(RECORD.format(id=f"ex-{i}", name=name) for i, name in enumerate(names)),
        encoding="utf-8",
    )
    return path


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("catalogue-*.json"))


def test_second_load_comes_from_the_cache(
    tmp_path: Path, cache: Path, validations: list[str]
) -> None:
    path = write(tmp_path / "mine.yaml", "Pelvic tilt", "Knee hug")
    first = catalogue.load(path)
    assert validations == [str(path)]
    assert len(cache_files(cache)) == 1
    second = catalogue.load(path)
    assert validations == [str(path)], "the second load must not read the YAML again"
    assert second == first
    assert [ex.to_dict() for ex in second] == [ex.to_dict() for ex in first]
    assert (
        second.origins
        == first.origins
        == {
            "ex-0": (str(path), 1),
            "ex-1": (str(path), 1 + RECORD.count("\n")),
        }
    )
    assert second.get("ex-0").why == "Gently loosens the low back after long sitting"  # type: ignore[union-attr]


def test_the_bundled_catalogue_is_cached_too(cache: Path, validations: list[str]) -> None:
    first = catalogue.load()
    second = catalogue.load()
    assert len(validations) == 1
    assert second == first
    assert len(second) == len(first) > 30


def test_an_edit_invalidates_the_cache(tmp_path: Path, cache: Path, validations: list[str]) -> None:
    path = write(tmp_path / "mine.yaml", "Pelvic tilt")
    catalogue.load(path)
    write(path, "Pelvic tilt, edited")
    edited = catalogue.load(path)
    assert len(validations) == 2
    assert edited.exercises[0].name == "Pelvic tilt, edited"
    assert len(cache_files(cache)) == 1, "one cache file per catalogue, replaced on change"
    catalogue.load(path)
    assert len(validations) == 2


def test_an_edit_that_breaks_the_file_is_reported_not_hidden_by_the_cache(
    tmp_path: Path, cache: Path
) -> None:
    path = write(tmp_path / "mine.yaml", "Pelvic tilt")
    catalogue.load(path)
    path.write_text(path.read_text().replace("reps: 8", "reps: 0"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CatalogueError, match="field 'reps'"):
            catalogue.load(path)


def test_a_new_program_version_invalidates_the_cache(
    tmp_path: Path, cache: Path, validations: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "mine.yaml", "Pelvic tilt")
    catalogue.load(path)
    monkeypatch.setattr(stretchcoach, "__version__", "99.0.0")
    catalogue.load(path)
    assert len(validations) == 2
    header = json.loads(cache_files(cache)[0].read_bytes().split(b"\n", 1)[0])
    assert header["version"] == "99.0.0"
    catalogue.load(path)
    assert len(validations) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-1] + b"X",  # one byte changed in the body
        lambda data: b"\x00\xff garbage \xfe" * 10,
        lambda data: b'{"format": "something-else"}\n{}',  # foreign
        lambda data: b"[1, 2, 3]\n[]",
        lambda data: data.replace(
            b'"schema": %d' % catalogue_cache.SCHEMA, b'"schema": "%d"' % catalogue_cache.SCHEMA
        ),
        # A header that matches, with a body that is not ours (hash recomputed to match).
        lambda data: _reheader(data, b'{"exercises": [[1, 2]], "lines": {}}'),
        lambda data: _reheader(data, b'{"exercises": [], "lines": {"a": "x"}}'),
        lambda data: _reheader(data, b"[]"),
    ],
)
def test_a_damaged_or_foreign_cache_is_ignored_and_rewritten(
    damage, tmp_path: Path, cache: Path, validations: list[str]
) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "mine.yaml", "Pelvic tilt")
    good = catalogue.load(path)
    (file,) = cache_files(cache)
    original = file.read_bytes()
    damaged = damage(original)
    assert damaged != original
    file.write_bytes(damaged)
    assert catalogue.load(path) == good
    assert len(validations) == 2
    catalogue.load(path)
    assert len(validations) == 2, "the damaged file was replaced by a good one"


def _reheader(data: bytes, body: bytes) -> bytes:
    import hashlib

    header = json.loads(data.split(b"\n", 1)[0])
    header["body_blake2b"] = hashlib.blake2b(body, digest_size=32).hexdigest()
    return json.dumps(header).encode() + b"\n" + body


def test_an_unwritable_cache_folder_still_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validations: list[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("in the way\n")
    monkeypatch.setenv(catalogue_cache.CACHE_ENV, str(blocker / "cache"))
    path = write(tmp_path / "mine.yaml", "Pelvic tilt")
    assert len(catalogue.load(path)) == 1
    assert len(catalogue.load(path)) == 1
    assert len(validations) == 2
    assert blocker.read_text() == "in the way\n"


def test_a_failed_write_leaves_the_old_cache_whole_and_no_temporary_file(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "mine.yaml", "Pelvic tilt")
    catalogue.load(path)
    (file,) = cache_files(cache)
    before = file.read_bytes()

    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    write(path, "Pelvic tilt, edited")
    assert catalogue.load(path).exercises[0].name == "Pelvic tilt, edited"
    assert file.read_bytes() == before
    assert sorted(p.name for p in cache.iterdir()) == [file.name]


def test_references_to_other_files_are_still_checked_on_a_cache_hit(
    tmp_path: Path, cache: Path
) -> None:
    path = write(tmp_path / "mine.yaml", "Pelvic tilt")
    path.write_text(path.read_text() + "  easier: knee-to-chest-single\n", encoding="utf-8")
    merged = catalogue.load_many([catalogue.packaged_path(), path])
    assert merged.get("ex-0").easier == "knee-to-chest-single"  # type: ignore[union-attr]
    for _ in range(2):  # alone, the reference names nothing: an error, cache or not
        with pytest.raises(CatalogueError, match="names unknown exercise 'knee-to-chest-single'"):
            catalogue.load(path)
    assert len(catalogue.load_many([catalogue.packaged_path(), path])) == len(merged)


def test_a_figure_json_cannot_hold_exactly_is_loaded_but_not_cached(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("stretchcoach.validator.figure_problems", lambda raw: [])
    path = write(tmp_path / "mine.yaml", "Pelvic tilt")
    path.write_text(path.read_text() + "  figure:\n    1: one\n", encoding="utf-8")
    assert catalogue.load(path).exercises[0].figure == {1: "one"}
    assert cache_files(cache) == []


def test_where_the_cache_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(catalogue_cache.CACHE_ENV, str(tmp_path / "c"))
    assert catalogue_cache.cache_dir() == tmp_path / "c"
    monkeypatch.delenv(catalogue_cache.CACHE_ENV)
    monkeypatch.setenv("STRETCHCOACH_HOME", str(tmp_path / "h"))
    assert catalogue_cache.cache_dir() == tmp_path / "h" / "cache"
    monkeypatch.delenv("STRETCHCOACH_HOME")
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda *a, **k: str(tmp_path / "u"))
    assert catalogue_cache.cache_dir() == tmp_path / "u"


def test_commands_use_the_cache(invoke, isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    first = invoke(["list", "--format", "json"])
    assert first.exit_code == 0, first.output
    assert cache_files(isolated_home / "cache"), "the built-in catalogue was cached"
    second = invoke(["list", "--format", "json"])
    assert second.stdout == first.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_or_folder_where_the_cache_file_should_be_is_passed_over(
    tmp_path: Path, cache: Path
) -> None:
    path = write(tmp_path / "mine.yaml", "Pelvic tilt")
    spot = catalogue_cache.cache_path(str(path))
    spot.parent.mkdir(parents=True)
    os.mkfifo(spot)
    assert len(catalogue.load(path)) == 1  # neither hangs on the pipe nor fails
    spot.unlink()
    spot.mkdir()
    assert len(catalogue.load(path)) == 1
    assert spot.is_dir()
