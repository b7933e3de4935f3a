"""A standalone SVG of a figure: start and end poses side by side for a movement, the
working limb thicker and in colour, props drawn, and a label naming the working side."""

from __future__ import annotations

from xml.sax.saxutils import escape

from stretchcoach.figures.model import Figure, caption
from stretchcoach.figures.scene import Shape, bounds, scene

INK, FAR, WORK, PROP = "#2b2b2b", "#5c5c5c", "#c2410c", "#8a8a8a"
STROKE = {2: 3.4, 1: 2.2}
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

    order = {"prop": 0, "far": 1, "near": 2}
    for shape in sorted(shapes, key=lambda s: (order[s.layer], s.working)):
        if shape.kind == "head":
            c = pt(shape.points[0]).split(",")
            out.append(
                f'<circle cx="{c[0]}" cy="{c[1]}" r="{shape.radius * scale:.1f}" '
                f'fill="#fff" stroke="{INK}" stroke-width="{STROKE[2]}"/>'
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
                colour, width = WORK, 5.0
            else:
                colour = INK if shape.layer == "near" else FAR
                width = STROKE[shape.weight]
            out.append(
                f'<polyline points="{" ".join(pt(p) for p in shape.points)}" fill="none" '
                f'stroke="{colour}" stroke-width="{width}" stroke-linecap="round" '
                f'stroke-linejoin="round"/>'
            )
    return out


def render_svg(fig: Figure, side: str, width: int, title: str = "") -> str:
    """The SVG text: one panel per view and per end of the movement."""
    views = fig.views
    times = (0.0, 1.0) if fig.moves else (0.0,)
    panels = [(v, t) for v in views for t in times]
    gap = 0.14
    boxes = {v: bounds(fig, v) for v in views}
    widths_units = [boxes[v][1] - boxes[v][0] for v, _ in panels]
    top = max(b[2] - b[3] for b in boxes.values())
    total_units = sum(widths_units) * (1 + gap) - widths_units[-1] * gap
    scale = min((width - 16) / total_units, width * 0.62 / top)
    body_h = top * scale
    label_h = 22.0
    height = body_h + 8 + label_h
    mirror = fig.working in ("left", "right") and side == "left"
    words = caption(fig, side)
    name = title or "Exercise figure"
    desc = (
        f"{name}: "
        + ("start and end positions" if fig.moves else "the position")
        + (f"; {words}" if words else "")
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" '
        f'viewBox="0 0 {width} {height:.0f}" role="img" aria-labelledby="t d">',
        f'<title id="t">{escape(name)}</title>',
        f'<desc id="d">{escape(desc)}</desc>',
        f'<rect width="{width}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    x = (width - total_units * scale) / 2
    for i, (view, t) in enumerate(panels):
        box = boxes[view]
        parts.append(f'<g class="{view} t{t:g}">')
        # panels share a baseline: the floor, and the mat's near edge seen from above; a view
        # from above with no mat has no ground and is centred
        base = body_h + 4
        if box[3] < 0 and "mat" not in fig.props:
            base -= (top - box[2] + box[3]) * scale / 2
        parts += _panel(scene(fig, t, view), box, x, scale, base, mirror)
        parts.append("</g>")
        w = widths_units[i] * scale
        if fig.moves and t == 0.0:
            cx, cy = x + w + widths_units[i] * gap * scale / 2, body_h * 0.45
            parts.append(
                f'<path d="M{cx - 8:.1f},{cy:.1f} h14 m-5,-4 l5,4 l-5,4" fill="none" '
                f'stroke="{PROP}" stroke-width="1.6"/>'
            )
        x += w * (1 + gap)
    first, last = fig.keyframes[0].name, fig.keyframes[-1].name
    steps = f"{first} → {last}" if first and last else "Start → end"
    label = words or (steps[:1].upper() + steps[1:] if fig.moves else "")
    if label:
        size = min(14.0, (width - 12) / (0.56 * len(label)))  # a long caption still fits
        parts.append(
            f'<text x="{width / 2:.0f}" y="{height - 6:.0f}" text-anchor="middle" '
            f'font-family="sans-serif" font-size="{size:.1f}" fill="{WORK if words else INK}">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
