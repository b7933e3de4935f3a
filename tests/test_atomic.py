"""Writing a file whole or not at all, through a symbolic link when the target is one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stretchcoach.atomic import write_atomic


def test_a_plain_file_is_replaced_with_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_bytes(b"old")
    write_atomic(target, b"new", mode=0o640)
    assert target.read_bytes() == b"new"
    assert os.stat(target).st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_a_symlink_stays_a_link_and_its_target_is_replaced(tmp_path: Path) -> None:
    elsewhere = tmp_path / "dotfiles"
    elsewhere.mkdir()
    real = elsewhere / "real.yaml"
    real.write_bytes(b"old")
    here = tmp_path / "config"
    here.mkdir()
    link = here / "config.yaml"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert [p.name for p in here.iterdir()] == ["config.yaml"]
    assert [p.name for p in elsewhere.iterdir()] == ["real.yaml"]  # no temp file left


def test_a_chain_of_links_and_a_relative_link_reach_the_file(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    first = tmp_path / "a"
    first.symlink_to("real.txt")  # relative
    second = tmp_path / "b"
    second.symlink_to(first)
    write_atomic(second, b"new")
    assert second.is_symlink()
    assert first.is_symlink()
    assert real.read_bytes() == b"new"


def test_a_failed_write_leaves_the_linked_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    link = tmp_path / "link"
    link.symlink_to(real)

    def broken(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="No space"):
        write_atomic(link, b"new")
    assert real.read_bytes() == b"old"
    assert link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real.txt"]
