"""The pose gallery (docs/poses.md and docs/poses/*.svg) matches the bundled figures."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import REPO

from stretchcoach import catalogue

SCRIPT = REPO / "scripts" / "poses_doc.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("poses_doc", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_gallery_matches_the_catalogue() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_every_bundled_exercise_is_listed_with_its_figure_or_none_yet() -> None:
    doc = load_script()
    cat = catalogue.load(catalogue.packaged_path())
    text, images = doc.render(cat)
    for ex in cat:
        assert f"### {ex.name} (`{ex.id}`)" in text
        if ex.why:
            assert ex.why in text
        if ex.figure is None:
            assert f"poses/{ex.id}.svg" not in text
        else:
            assert f"](poses/{ex.id}.svg)" in text
            assert images[f"{ex.id}.svg"].lstrip().startswith("<svg")
    with_figure = sum(ex.figure is not None for ex in cat)
    assert len(images) == with_figure
    assert text.count("*No figure yet.*") == len(cat) - with_figure


def test_one_sided_figures_name_the_side_in_words() -> None:
    doc = load_script()
    cat = catalogue.load(catalogue.packaged_path())
    text, _ = doc.render(cat)
    for ex in cat:
        fig = ex.figure_model()
        if fig is not None and fig.working in ("left", "right"):
            block = text[text.index(f"(`{ex.id}`)") :]
            block = block[: block.find("\n### ") if "\n### " in block else len(block)]
            assert "RIGHT" in block, ex.id


def test_check_finds_stale_missing_and_leftover_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = load_script()
    monkeypatch.setattr(doc, "OUTPUT", tmp_path / "docs" / "poses.md")
    monkeypatch.setattr(doc, "IMAGES", tmp_path / "docs" / "poses")
    monkeypatch.setattr(doc, "REPO", tmp_path)
    (tmp_path / "docs").mkdir()
    text = "# gallery\n"
    images = {"a.svg": "<svg>a</svg>\n"}
    assert set(doc.stale(text, images)) == {"docs/poses.md", "docs/poses/a.svg"}
    doc.OUTPUT.write_text(text, encoding="utf-8")
    doc.IMAGES.mkdir()
    (doc.IMAGES / "a.svg").write_text("<svg>a</svg>\n", encoding="utf-8")
    assert doc.stale(text, images) == []
    (doc.IMAGES / "a.svg").write_text("<svg>old</svg>\n", encoding="utf-8")
    (doc.IMAGES / "gone.svg").write_text("<svg/>", encoding="utf-8")
    found = doc.stale(text, images)
    assert "docs/poses/a.svg" in found
    assert any(item.startswith("docs/poses/gone.svg") for item in found)


def test_every_bundled_exercise_has_a_figure_that_parses_and_a_why() -> None:
    from stretchcoach import figures

    cat = catalogue.load(catalogue.packaged_path())
    without = [ex.id for ex in cat if ex.figure is None]
    assert not without, f"no figure: {without}"
    assert not [ex.id for ex in cat if not ex.why]
    for ex in cat:
        fig = figures.parse(ex.figure)
        if ex.per_side:
            # One-sided work names its side in words, under the figure.
            assert "RIGHT" in figures.caption(fig, "right") or fig.working == "both", ex.id


def test_the_gallery_names_every_view_in_words() -> None:
    text = (REPO / "docs" / "poses.md").read_text(encoding="utf-8")
    assert "+" not in "".join(line for line in text.splitlines() if line.startswith("*"))
    assert "*Side view.*" in text
