"""A built wheel carries the catalogue, and an installed copy runs outside the source tree.

Slow (builds a wheel; build isolation fetches hatchling): run with ``pytest -m slow``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from stretchcoach import catalogue

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data" / "exercises.yaml"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert build.returncode == 0, build.stderr
    wheels = list(out.glob("stretchcoach-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def site(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target),
         str(wheel)],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    return target


def run_installed(site: Path, cwd: Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in an isolated Python (-I: no PYTHONPATH, no cwd, no user site) that sees
    the installed copy first; the dependencies still come from this environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STRETCHCOACH")}
    env["NO_COLOR"] = "1"
    env["STRETCHCOACH_HOME"] = str(cwd / "home")
    prelude = f"import sys; sys.path.insert(0, {str(site)!r}); "
    return subprocess.run(
        [sys.executable, "-I", "-c", prelude + code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


def test_the_wheel_carries_the_catalogue_byte_for_byte(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "stretchcoach/data/exercises.yaml" in names
        assert zf.read("stretchcoach/data/exercises.yaml") == DATA.read_bytes()
        assert "stretchcoach/__main__.py" in names
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert "stretchcoach = stretchcoach.cli:main" in zf.read(entry_points).decode()
    assert not any(n.startswith(("tests/", "data/")) for n in names)


def test_the_installed_copy_runs_from_an_unrelated_folder(site: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = run_installed(
        site,
        elsewhere,
        "import stretchcoach, stretchcoach.catalogue as c; "
        "print(stretchcoach.__file__); print(c.packaged_path())",
    )
    assert where.returncode == 0, where.stderr
    module_file, catalogue_file = where.stdout.splitlines()
    assert Path(module_file).is_relative_to(site)
    assert Path(catalogue_file) == site / "stretchcoach" / "data" / "exercises.yaml"

    listed = run_installed(
        site,
        elsewhere,
        "import runpy; runpy.run_module('stretchcoach', run_name='__main__')",
        "list",
        "--format",
        "ids",
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split() == [ex.id for ex in catalogue.load(DATA)]
    assert len(listed.stdout.split()) >= 30
