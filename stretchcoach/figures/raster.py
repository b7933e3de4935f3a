"""Terminal drawings: shapes onto a grid of dots, then braille (2×4 dots a cell) or half
blocks (1×2). Dots are square in both, so x and y share one scale."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from stretchcoach.figures.model import Figure, caption
from stretchcoach.figures.scene import Shape, bounds, lies_on_mat, scene

BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
BLOCKS = (" ", "▀", "▄", "█")


@dataclass
class Drawing:
    """A figure as terminal text: ``lines`` of equal width; ``working`` marks cells to colour."""

    lines: list[str]
    working: list[list[bool]]
    width: int
    height: int
    caption: str


class _Canvas:
    """Dot layers (sets of (x, y)): props, far limbs, near body, and the working limb's dots."""

    def __init__(self, w: int, h: int) -> None:
        self.w, self.h = w, h
        self.layers: dict[str, set[tuple[int, int]]] = {
            name: set() for name in ("prop", "far", "near", "work")
        }

    def dot(self, layer: str, x: int, y: int, working: bool) -> None:
        if 0 <= x < self.w and 0 <= y < self.h:
            self.layers[layer].add((x, y))
            if working:
                self.layers["work"].add((x, y))

    def line(
        self,
        layer: str,
        a: tuple[float, float],
        b: tuple[float, float],
        weight: int,
        working: bool,
        every: int = 1,
    ) -> None:
        x0, y0, x1, y1 = round(a[0]), round(a[1]), round(b[0]), round(b[1])
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        err = dx + dy
        flat = dx >= -dy
        i = 0
        while True:
            if i % every == 0:
                self.dot(layer, x0, y0, working)
                if weight > 1:
                    self.dot(layer, x0, y0 - 1, working) if flat else self.dot(
                        layer, x0 + 1, y0, working
                    )
            i += 1
            if x0 == x1 and y0 == y1:
                break
            e2 = 2 * err
            if e2 >= dy:
                err += dy
                x0 += sx
            if e2 <= dx:
                err += dx
                y0 += sy

    def circle(self, layer: str, c: tuple[float, float], r: float, ring: bool) -> None:
        x0, y0 = c
        for y in range(math.floor(y0 - r - 1), math.ceil(y0 + r + 2)):
            for x in range(math.floor(x0 - r - 1), math.ceil(x0 + r + 2)):
                d = math.hypot(x - x0, y - y0)
                if (abs(d - r) <= 0.55) if ring else d <= r + 0.3:
                    self.dot(layer, x, y, False)

    def occlude(self) -> None:
        """Hide far limbs where they run under the near body (with a one-dot halo)."""
        near, far, work = self.layers["near"], self.layers["far"], self.layers["work"]
        hidden = {(x + i, y + j) for x, y in near for i in (-1, 0, 1) for j in (-1, 0, 1)} & far
        far -= hidden
        work -= hidden - near


def _paint(
    canvas: _Canvas,
    shapes: list[Shape],
    box: tuple[float, float, float, float],
    big: bool,
    mirror: bool,
    x_off: int,
    w: int,
    lift: float = 0.0,
    centre: bool = True,
) -> None:
    """Draw ``shapes`` into the panel ``w`` dots wide at ``x_off``; ``lift`` raises the body
    (not the props) by that many dots. A view from above (no floor) is centred up and down
    unless ``centre`` is False: beside another panel its mat's near edge lies on that
    panel's floor line."""
    lo, hi, top, bottom = box
    h = canvas.h
    scale = min((w - 2) / (hi - lo), (h - 1.5 - lift) / (top - bottom))
    mid = (lo + hi) / 2
    base = h - 1 - (h - 1.5 - (top - bottom) * scale) / 2 if bottom < 0 and centre else h - 1

    def to_dot(p: tuple[float, float], up: float = 0.0) -> tuple[float, float]:
        x = (p[0] - mid) * scale
        y = base - up - (p[1] - bottom) * scale
        if up:  # a blank dot row between the mat and the lowest parts of the body
            y = min(y, h - 2.6)
        return (x_off + (w - 1) / 2 + (-x if mirror else x), y)

    mats = [sorted(to_dot(p)[0] for p in s.points) for s in shapes if s.kind == "mat"]
    for shape in shapes:
        up = lift if shape.layer != "prop" or shape.kind == "pillow" else 0.0
        pts = [to_dot(p, up) for p in shape.points]
        if shape.kind == "floor":  # dotted, and left out where a mat lies on it
            y = round(pts[0][1])
            for x in range(
                math.ceil(min(pts[0][0], pts[1][0])), round(max(pts[0][0], pts[1][0])) + 1, 2
            ):
                if not any(a - 1 <= x <= b + 1 for a, b in mats):
                    canvas.dot(shape.layer, x, y, False)
            continue
        if shape.kind == "head":
            r = max(1.0, shape.radius * scale)
            canvas.circle(shape.layer, pts[0], r, ring=big and r >= 2.5)
        elif shape.kind == "ball":
            canvas.circle(shape.layer, pts[0], shape.radius * scale, ring=True)
        elif shape.kind == "mat":
            (xa, _), (xb, _) = pts
            y = h - 1  # on the floor line, which gives way under it
            canvas.line(shape.layer, (xa, y), (xb, y), 1, False)
        elif shape.kind == "pillow":
            (xa, _), (xb, yb) = pts
            top = min(round(yb), h - 3)
            canvas.line(shape.layer, (xa, top), (xb, top), 1, False)
        elif shape.kind == "area":  # seen from above: a dotted outline
            (xa, ya), (xb, yb) = pts
            corners = [(xa, ya), (xb, ya), (xb, yb), (xa, yb), (xa, ya)]
            for a, b in itertools.pairwise(corners):
                canvas.line(shape.layer, a, b, 1, False, 2)
        elif shape.kind == "pad":  # a pillow seen from above: its outline, where the head leaves it
            (xa, ya), (xb, yb) = pts
            corners = [(xa, ya), (xb, ya), (xb, yb), (xa, yb), (xa, ya)]
            for a, b in itertools.pairwise(corners):
                canvas.line(shape.layer, a, b, 1, False)
        elif shape.kind == "nose":
            canvas.dot(shape.layer, round(pts[0][0]), round(pts[0][1]), False)
        else:
            every = 2 if shape.kind == "floor" else 1
            for a, b in itertools.pairwise(pts):
                canvas.line(shape.layer, a, b, shape.weight, shape.working, every)


def auto_height(fig: Figure, width: int, view: str) -> int:
    """Rows for a box ``width`` cells wide: ~12 standing or seated, 7 lying (``view`` is
    the first panel's)."""
    lo, hi, top, bottom = bounds(fig, view)
    rows = math.ceil(width * 2 * (top - bottom) / (hi - lo) / 4) + 1
    return max(7, min(12, rows))


def render(
    fig: Figure, style: str, width: int, height: int | None, t: float, side: str, view: str | None
) -> Drawing:
    """The figure at time t as terminal text, mirrored when ``side`` is the left."""
    if view is None or view == fig.view:
        views = fig.views
    else:
        views = ("side", "front") if view == "both" else (view,)
    if height is None:
        height = auto_height(fig, width, views[0])
    if len(views) == 2 and (width - 1) // 2 >= 24:
        panels = [
            (views[0], 0, (width - 1) // 2),
            (views[1], (width - 1) // 2 + 1, width - (width - 1) // 2 - 1),
        ]
    else:
        panels = [(views[0], 0, width)]
    dx, dy = (2, 4) if style == "braille" else (1, 2)
    canvas = _Canvas(width * dx, height * dy)
    mirror = fig.working in ("left", "right") and side == "left"
    big = (width >= 24 and height >= 10) or (height >= 6 and width >= 32)
    for pview, start, cells in panels:
        box = bounds(fig, pview)
        lift = 1.0 if pview != "top" and lies_on_mat(fig) else 0.0
        _paint(
            canvas,
            scene(fig, t, pview),
            box,
            big,
            mirror,
            start * dx,
            cells * dx,
            lift,
            centre=len(panels) == 1 or "mat" not in fig.props,
        )
    canvas.occlude()
    return _to_text(canvas, style, width, height, caption(fig, side))


def _to_text(canvas: _Canvas, style: str, width: int, height: int, words: str) -> Drawing:
    dx, dy = (2, 4) if style == "braille" else (1, 2)
    layers = canvas.layers
    cells: dict[tuple[int, int], int] = {}
    for x, y in layers["prop"] | layers["far"] | layers["near"]:
        key = (y // dy, x // dx)
        bit = BRAILLE_BITS[y % dy][x % dx] if style == "braille" else 1 << (y % dy)
        cells[key] = cells.get(key, 0) | bit
    hot = {(y // dy, x // dx) for x, y in layers["work"]}
    lines: list[str] = []
    marks: list[list[bool]] = []
    for row in range(height):
        if style == "braille":
            chars = [
                chr(0x2800 + b) if (b := cells.get((row, c), 0)) else " " for c in range(width)
            ]
        else:
            chars = [BLOCKS[cells.get((row, c), 0)] for c in range(width)]
        lines.append("".join(chars))
        marks.append([(row, c) in hot for c in range(width)])
    return Drawing(lines, marks, width, height, words)
