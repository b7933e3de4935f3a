"""A standalone SVG of a figure: a row per view with the start and end of a movement side by
side (or, for a long lying figure, one panel a row, start above end), every figure at one
common scale, the working limb thicker and in colour, far limbs light and thin, props drawn,
each panel labelled with its keyframe's name and a caption naming the working side."""

from __future__ import annotations

from xml.sax.saxutils import escape

from stretchcoach.figures.model import Figure, caption
from stretchcoach.figures.scene import Shape, bounds, scene

INK, FAR, WORK, PROP = "#2b2b2b", "#9a9a9a", "#c2410c", "#8a8a8a"
STROKE = {2: 3.4, 1: 2.0}
WORK_STROKE = {"near": 5.0, "far": 3.8}  # a far working limb: in colour, but thinner
# Body units to px: at most this share of the width per unit, so a person lying down is drawn
# as big as one standing (about 200 px at 320 wide), and never bigger.
MAX_SCALE = 0.0065
TALL = 0.62  # a panel's body is at most this share of the width high
GAP = 0.14  # between panels in a row, as a share of the panel's width
LABEL_H = 13.0  # the keyframe's name under a panel
PILLOW = f'fill="#f7f7f7" stroke="{PROP}" stroke-width="1.4"'  # outlined in every view


def _panel(
    shapes: list[Shape],
    box: tuple[float, float, float, float],
    x0: float,
    scale: float,
    height: float,
    mirror: bool,
) -> list[str]:
    lo, hi, _top, bottom = box
    out: list[str] = []

    def pt(p: tuple[float, float]) -> str:
        x = (p[0] - lo) * scale
        if mirror:
            x = (hi - lo) * scale - x
        return f"{x0 + x:.1f},{height - (p[1] - bottom) * scale:.1f}"

    # Props lie underneath; the head's white face hides the props behind it but not the far
    # limbs; the near body comes next, its ring over the far limbs; and arms are drawn last,
    # so an arm reaching forwards past the head shows over it.
    order = {"prop": 0, "far": 2, "near": 3}
    faces = [s for s in shapes if s.kind == "head"]

    def rank(s: Shape) -> tuple[int, int]:
        return (order[s.layer] + (2 if s.kind == "arm" else 0), s.working)

    for shape in sorted(shapes, key=rank):
        if faces and shape.layer != "prop":
            for head in faces:
                c = pt(head.points[0]).split(",")
                r = head.radius * scale
                out.append(f'<circle cx="{c[0]}" cy="{c[1]}" r="{r:.1f}" fill="#fff"/>')
            faces = []
        if shape.kind == "head":
            c = pt(shape.points[0]).split(",")
            out.append(
                f'<circle cx="{c[0]}" cy="{c[1]}" r="{shape.radius * scale:.1f}" '
                f'fill="none" stroke="{INK}" stroke-width="{STROKE[2]}"/>'
            )
        elif shape.kind == "ball":
            c = pt(shape.points[0]).split(",")
            out.append(
                f'<circle cx="{c[0]}" cy="{c[1]}" r="{shape.radius * scale:.1f}" '
                f'fill="none" stroke="{PROP}" stroke-width="1.2"/>'
            )
        elif shape.kind == "nose":
            c = pt(shape.points[0]).split(",")
            out.append(f'<circle cx="{c[0]}" cy="{c[1]}" r="1.8" fill="{INK}"/>')
        elif shape.kind == "floor":
            out.append(
                f'<polyline points="{" ".join(pt(p) for p in shape.points)}" fill="none" '
                f'stroke="{PROP}" stroke-width="1.2" stroke-dasharray="2 4"/>'
            )
        elif shape.kind == "pillow":
            (a, ya), (b, yb) = shape.points
            xa, xb = sorted(float(pt((v, 0.0)).split(",")[0]) for v in (a, b))
            y0 = height - yb * scale
            out.append(
                f'<rect x="{xa:.1f}" y="{y0:.1f}" width="{xb - xa:.1f}" '
                f'height="{(yb - ya) * scale:.1f}" rx="{(yb - ya) * scale / 2:.1f}" '
                f"{PILLOW}/>"
            )
        elif shape.kind in ("area", "pad"):
            (a, ya), (b, yb) = shape.points
            xa, xb = sorted(float(pt((v, bottom)).split(",")[0]) for v in (a, b))
            y0 = height - (max(ya, yb) - bottom) * scale
            # a pillow: lighter than the mat and outlined, so it reads on it
            look = 'fill="#dde5ee"' if shape.kind == "area" else PILLOW
            out.append(
                f'<rect x="{xa:.1f}" y="{y0:.1f}" width="{xb - xa:.1f}" '
                f'height="{abs(yb - ya) * scale:.1f}" rx="{2 if shape.kind == "area" else 3}" '
                f"{look}/>"
            )
        elif shape.kind == "mat":
            (a, _), (b, _) = shape.points
            xa, xb = sorted(float(pt((v, 0.0)).split(",")[0]) for v in (a, b))
            out.append(
                f'<rect x="{xa:.1f}" y="{height - 1.6 * scale:.1f}" width="{xb - xa:.1f}" '
                f'height="{1.6 * scale:.1f}" rx="1" fill="#b9c7d6"/>'
            )
        else:
            if shape.layer == "prop":
                colour, width = PROP, 1.2 if shape.weight == 1 else 2.4
            elif shape.working:
                colour, width = WORK, WORK_STROKE[shape.layer]
            else:
                colour = INK if shape.layer == "near" else FAR
                width = STROKE[shape.weight]
            out.append(
                f'<polyline points="{" ".join(pt(p) for p in shape.points)}" fill="none" '
                f'stroke="{colour}" stroke-width="{width}" stroke-linecap="round" '
                f'stroke-linejoin="round"/>'
            )
    return out


Panel = tuple[str, float]  # a view and a moment (0 start, 1 end)


def _rows(fig: Figure) -> tuple[list[list[Panel]], float]:
    """The panels in rows and the scale (px per body unit at width 1): a row per view with
    start → end, or for a view that is drawn much bigger so (a long lying body) one panel a
    row, start above end. All rows share the smallest of their scales."""
    times = (0.0, 1.0) if fig.moves else (0.0,)
    rows: list[list[Panel]] = []
    common = MAX_SCALE

    def fit(row: list[Panel]) -> float:
        boxes = [bounds(fig, v) for v, _ in row]
        across = sum(b[1] - b[0] for b in boxes) * (1 + GAP) - (boxes[-1][1] - boxes[-1][0]) * GAP
        return min(MAX_SCALE, 0.95 / across, TALL / max(b[2] - b[3] for b in boxes))

    for view in fig.views:
        side_by_side = [(view, t) for t in times]
        if len(times) > 1 and fit([(view, 0.0)]) > fit(side_by_side) * 1.25:
            rows += [[(view, t)] for t in times]
            common = min(common, fit([(view, 0.0)]))
        else:
            rows.append(side_by_side)
            common = min(common, fit(side_by_side))
    return rows, common


def _arrow(cx: float, cy: float, down: bool) -> str:
    """An arrow from one panel to the next: across a row, or down to the next row."""
    path = (
        f"M{cx:.1f},{cy - 7:.1f} v12 m-4,-5 l4,5 l4,-5"
        if down
        else f"M{cx - 8:.1f},{cy:.1f} h14 m-5,-4 l5,4 l-5,4"
    )
    return f'<path d="{path}" fill="none" stroke="{PROP}" stroke-width="1.6"/>'


def _label(x: float, y: float, words: str, size: float, colour: str) -> str:
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="middle" font-family="sans-serif" '
        f'font-size="{size:.1f}" fill="{colour}">{escape(words)}</text>'
    )


def render_svg(fig: Figure, side: str, width: int, title: str = "") -> str:
    """The SVG text: a row per view (start → end), or one panel a row for a long lying
    figure; each panel named after its keyframe; the caption underneath."""
    rows, unit = _rows(fig)
    scale = unit * width
    mirror = fig.working in ("left", "right") and side == "left"
    words = caption(fig, side)
    name = title or "Exercise figure"
    desc = (
        f"{name}: "
        + ("start and end positions" if fig.moves else "the position")
        + (f"; {words}" if words else "")
    )
    first, last = fig.keyframes[0], fig.keyframes[-1]
    names = {0.0: first.name, 1.0: last.name}
    labelled = any(names.values())
    steps = f"{first.name} → {last.name}" if first.name and last.name else "Start → end"
    label = words or (steps[:1].upper() + steps[1:] if fig.moves else "")
    body: list[str] = []
    y = 6.0
    for r, row in enumerate(rows):
        boxes = [bounds(fig, v) for v, _ in row]
        high = max(b[2] - b[3] for b in boxes) * scale
        spans = [(b[1] - b[0]) * scale for b in boxes]
        x = (width - (sum(spans) * (1 + GAP) - spans[-1] * GAP)) / 2
        for i, ((view, t), box) in enumerate(zip(row, boxes, strict=True)):
            body.append(f'<g class="{view} t{t:g}">')
            # a row's panels share a baseline: the floor, and the mat's near edge seen from
            # above; a view from above with no mat has no ground and is centred
            base = y + high
            if box[3] < 0 and "mat" not in fig.props:
                base -= (high - (box[2] - box[3]) * scale) / 2
            body += _panel(scene(fig, t, view), box, x, scale, base, mirror)
            body.append("</g>")
            if labelled and names[t]:
                room = spans[i] * (1 + GAP) - 4  # neighbouring names never overlap
                size = min(10.0, room / (0.56 * len(names[t])))
                body.append(_label(x + spans[i] / 2, y + high + 11, names[t], size, PROP))
            if i + 1 < len(row):
                body.append(_arrow(x + spans[i] * (1 + GAP / 2), y + high * 0.45, down=False))
            x += spans[i] * (1 + GAP)
        y += high + (LABEL_H if labelled else 4.0)
        if r + 1 < len(rows) and len(row) == 1 and fig.moves and row[0][1] == 0.0:
            body.append(_arrow(width / 2, y + 6, down=True))
            y += 14.0
        elif r + 1 < len(rows):
            y += 10.0
    height = y + (22.0 if label else 4.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" '
        f'viewBox="0 0 {width} {height:.0f}" role="img" aria-labelledby="t d">',
        f'<title id="t">{escape(name)}</title>',
        f'<desc id="d">{escape(desc)}</desc>',
        f'<rect width="{width}" height="{height:.0f}" fill="#ffffff"/>',
        *body,
    ]
    if label:
        size = min(14.0, (width - 12) / (0.56 * len(label)))  # a long caption still fits
        parts.append(_label(width / 2, height - 8, label, size, WORK if words else INK))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
