"""An exercise's figure as Rich text: the working limb in colour, its side named in words.

The figure only ever supplements the words: it is never drawn in plain mode (``--plain``,
``plain: true``, ``STRETCHCOACH_PLAIN``, which is how screen readers are served), and the
steps around it are complete without it. Without colour (``NO_COLOR``) the working limb is
marked by its thicker line alone. ``stretchcoach.figures`` is imported only when a figure
is actually drawn.

The style comes from ``STRETCHCOACH_FIGURES`` or the ``figures:`` setting in config.yaml
(``braille``, ``blocks`` or ``off``); unset, it is guessed from the terminal.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.text import Text

    from stretchcoach.catalogue import Exercise
    from stretchcoach.figures import Figure
    from stretchcoach.figures.raster import Drawing
    from stretchcoach.routine import Phase

#: The working limb's cells and the caption naming it, when colour is on.
WORKING_STYLE = "bold bright_cyan"
#: The usual figure box, in cells (about 12 rows upright, 7 lying).
FIGURE_WIDTH = 32
#: A two-panel figure (side and front, or side and top) needs two boxes of at least 24 cells.
BOTH_WIDTH = 49
#: Below this many columns no figure is drawn: the words alone read better.
MIN_COLUMNS = 50
#: How long a steady hold takes to ease into the stretch, and a rest to ease back (seconds).
EASE_SECONDS = 1.5
#: How long a with-movement hold takes to move into its second position (seconds).
MOVE_SECONDS = 0.8


class Settings:
    """What config.yaml says about figures: plain mode, the style, and motion."""

    __slots__ = ("figures", "motion", "plain")

    def __init__(self, plain: bool = False, figures: str | None = None, motion: str = "full"):
        self.plain = plain
        self.figures = figures
        self.motion = motion


def settings() -> Settings:
    """The figure settings from config.yaml; the defaults when the file cannot be used
    (the command that needs the file reports its problems, not the figure)."""
    try:
        from stretchcoach import config

        cfg = config.load_config()
    except Exception:  # a bad config file is reported elsewhere; no figure setting then
        return Settings()
    figures = cfg.get("figures")  # the config loader has already made a bare false "off"
    return Settings(
        plain=bool(cfg.get("plain")),
        figures=figures if isinstance(figures, str) else None,
        motion=str(cfg.get("motion") or "full"),
    )


_warned: set[str] = set()  # each bad environment value is reported once per run


def style_for(setting: str | None, env: Mapping[str, str] | None = None) -> str:
    """'braille', 'blocks' or 'off': ``$STRETCHCOACH_FIGURES`` wins over ``setting`` (the
    config), else a guess from the terminal. A value of the variable that is no style is
    ignored with one warning on stderr, as ``config show`` reports it."""
    import contextlib
    import sys

    from stretchcoach.config import figures_in_effect

    env = os.environ if env is None else env
    style, _source, warning = figures_in_effect(setting, env)
    if warning and warning not in _warned:
        _warned.add(warning)
        with contextlib.suppress(OSError, ValueError):  # a closed stderr must not stop it
            print(f"Warning: {warning}", file=sys.stderr)
    return style


def figure_of(ex: Exercise) -> Figure | None:
    """The exercise's parsed figure, or None when it has none (or it cannot be read)."""
    if getattr(ex, "figure", None) is None:
        return None
    try:
        fig = ex.figure_model()
    except ValueError:  # FigureError: the loader reports bad figures; draw nothing here
        return None
    return fig


def show_choice(ex: Exercise, wanted: bool | None, stream: Any = None) -> tuple[str | None, bool]:
    """For ``show``: the style to draw ``ex``'s figure in (None: no figure), and whether to
    move it.

    Never in plain mode (``STRETCHCOACH_PLAIN``, ``plain: true``): a screen reader would
    read hundreds of dots aloud. By default only on a terminal (``wanted`` None), in the
    configured style; ``--figure`` (True) draws it anyway, ``--no-figure`` (False) never.
    It moves only on a terminal, by default, and not with ``motion: reduced``.
    """
    import sys

    from stretchcoach import ui

    if wanted is False or getattr(ex, "figure", None) is None or ui.plain_by_env():
        return None, False
    terminal = ui._is_tty(sys.stdout if stream is None else stream)
    if wanted is None and not terminal:
        return None, False
    chosen = settings()
    if chosen.plain:
        return None, False
    style = style_for(chosen.figures)
    if style == "off":
        return ("braille", False) if wanted else (None, False)
    return style, terminal and wanted is None and chosen.motion != "reduced"


def figure_width(fig: Figure, room: int) -> int:
    """The figure's width in cells for ``room`` free columns: wider for two views."""
    if len(fig.views) > 1 and room >= BOTH_WIDTH:
        return BOTH_WIDTH
    return min(FIGURE_WIDTH, room)


def drawing_text(drawing: Drawing, *, colour: bool = True) -> Text:
    """The drawing's cells as one Text, the working cells in colour (a no-colour console
    drops the style, leaving the thicker line)."""
    from rich.text import Text

    text = Text(no_wrap=True, overflow="crop")
    for row, (line, marks) in enumerate(zip(drawing.lines, drawing.working, strict=True)):
        if row:
            text.append("\n")
        start = 0
        for col in range(1, len(line) + 1):
            if col == len(line) or marks[col] != marks[start]:
                text.append(
                    line[start:col], style=WORKING_STYLE if colour and marks[start] else None
                )
                start = col
    return text


class Block:
    """A drawn figure ready to place: its Rich renderable, and its size in cells."""

    __slots__ = ("height", "renderable", "width")

    def __init__(self, renderable: Any, width: int, height: int) -> None:
        self.renderable = renderable
        self.width = width
        self.height = height


def block(
    fig: Figure,
    *,
    style: str,
    width: int,
    t: float = 1.0,
    side: str = "right",
    caption: str | None = None,
    colour: bool = True,
) -> Block:
    """The figure at ``t`` with its caption ("RIGHT leg works") under it, in words."""
    from rich.console import Group
    from rich.text import Text

    from stretchcoach.figures import draw

    drawing = draw(fig, style=style, width=width, t=t, side=side)
    words = drawing.caption if caption is None else caption
    parts: list[Any] = [drawing_text(drawing, colour=colour)]
    if words:
        parts.append(Text(words, style=WORKING_STYLE if colour else "bold", no_wrap=False))
    return Block(Group(*parts), drawing.width, drawing.height + (1 if words else 0))


def show_caption(fig: Figure, ex: Exercise, side: str = "right") -> str:
    """The caption in ``show``: the side drawn, and for two-sided work that the other follows."""
    from stretchcoach.figures import caption

    words = caption(fig, side)
    if words and getattr(ex, "per_side", False):
        words += "; then the other side the same way"
    return words


# --------------------------------------------------------------------------- the routine


def phase_t(phase: Phase, elapsed: float, *, still: bool) -> float:
    """Where between the start (0) and the stretch (1) the figure is, ``elapsed`` seconds
    into ``phase``.

    A steady hold eases into the stretch and stays there; a with-movement hold stays in its
    first position until the cue changes at its half, then moves to the second; a rest
    eases back to the start. With reduced motion a hold shows the stretch and everything
    else the start, so the figure changes only when the phase does.
    """
    if phase.kind == "hold":
        if still:
            return 1.0
        if phase.moves:
            span = max(0.1, min(MOVE_SECONDS, (phase.seconds - phase.half) / 2))
            return _ramp((elapsed - phase.half) / span)
        return _ramp(elapsed / max(0.1, min(EASE_SECONDS, phase.seconds / 3)))
    if phase.kind == "rest" and not still:
        return 1.0 - _ramp(elapsed / max(0.1, min(EASE_SECONDS, phase.seconds / 2)))
    return 0.0


def _ramp(f: float) -> float:
    return min(1.0, max(0.0, f))


# --------------------------------------------------------------------------- show's animation

#: ``show``'s movement: (from t, to t, seconds) legs, at :data:`FRAMES_PER_SECOND`. Holds the
#: start, eases into the stretch, holds it, eases back, and once more, ending on the stretch.
SHOW_LEGS: tuple[tuple[float, float, float], ...] = (
    (0.0, 0.0, 1.0),
    (0.0, 1.0, 0.8),
    (1.0, 1.0, 1.5),
    (1.0, 0.0, 0.8),
    (0.0, 0.0, 1.0),
    (0.0, 1.0, 0.8),
)
FRAMES_PER_SECOND = 12


def animation_frames() -> list[tuple[float, float]]:
    """``show``'s frames as (t, seconds to wait after it); the last one is the stretch."""
    frames: list[tuple[float, float]] = []
    for start, end, seconds in SHOW_LEGS:
        if start == end:
            frames.append((start, seconds))
            continue
        steps = max(1, round(seconds * FRAMES_PER_SECOND))
        frames += [
            (start + (end - start) * i / steps, 1 / FRAMES_PER_SECOND) for i in range(1, steps + 1)
        ]
    return frames


class _Stopped(Exception):
    """A termination signal arrived during the animation."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def animate(out: Any, panel_at: Any, *, sleep: Any = None) -> None:
    """Draw ``panel_at(t)`` in place through :func:`animation_frames`, cursor hidden.

    Whatever happens (the end, Ctrl-C, SIGTERM or SIGHUP) the panel is left showing the
    stretch and the cursor is shown again; Ctrl-C only cuts the movement short, and a
    termination signal then exits with its usual code.
    """
    import signal
    import threading
    import time

    from rich.live import Live

    wait = time.sleep if sleep is None else sleep
    frames = animation_frames()
    live = Live(
        panel_at(frames[0][0]),
        console=out,
        auto_refresh=False,
        transient=False,
        redirect_stdout=False,
        redirect_stderr=False,
    )
    old: dict[int, Any] = {}

    def stop(signum: int, _frame: Any) -> None:
        raise _Stopped(signum)

    stopped: _Stopped | None = None
    echo = _quiet_keys(out)
    try:
        if threading.current_thread() is threading.main_thread():
            for name in ("SIGTERM", "SIGHUP"):
                number = getattr(signal, name, None)
                if number is not None:
                    old[number] = signal.signal(number, stop)
        live.start()
        shown: float | None = None
        for t, seconds in frames:
            if t != shown:
                live.update(panel_at(t), refresh=True)
                shown = t
            wait(seconds)
    except KeyboardInterrupt:
        pass  # the movement is cut short; the stretch is shown below
    except _Stopped as exc:
        stopped = exc
    finally:
        try:
            live.update(panel_at(1.0), refresh=True)
        finally:
            live.stop()  # shows the cursor again
            for number, handler in old.items():
                signal.signal(number, handler)
            _restore_keys(echo)
    if stopped is not None:
        raise SystemExit(128 + stopped.signum)


def _quiet_keys(out: Any) -> Any:
    """Turn off key echo while the figure moves (an echoed ^C would tear the panel);
    returns what to give back to :func:`_restore_keys`, or None."""
    import sys

    if out.file is not sys.stdout:
        return None
    try:
        import termios

        fd = sys.stdin.fileno()
        if not os.isatty(fd):
            return None
        old = termios.tcgetattr(fd)
        quiet = list(old)
        quiet[3] &= ~termios.ECHO
        termios.tcsetattr(fd, termios.TCSANOW, quiet)
    except (ImportError, AttributeError, ValueError, OSError):
        return None
    except Exception:  # termios.error
        return None
    return fd, old


def _restore_keys(saved: Any) -> None:
    """Give the terminal its key echo back (never fails: the terminal may be gone)."""
    if saved is None:
        return
    try:
        import termios

        termios.tcsetattr(saved[0], termios.TCSANOW, saved[1])
    except Exception:  # termios.error, OSError: a closed terminal needs nothing back
        pass


# --------------------------------------------------------------------------- reports


def svg_figures(catalogue: Any, ids: Any, *, width: int = 240) -> dict[str, tuple[str, str]]:
    """Each of ``ids`` that has a figure, as (standalone SVG, caption in words), for pages
    such as the HTML report. Exercises without a figure (or not in the catalogue) are left
    out."""
    out: dict[str, tuple[str, str]] = {}
    for ex_id in ids:
        ex = catalogue.get(ex_id)
        fig = None if ex is None else figure_of(ex)
        if fig is None or ex_id in out:
            continue
        from stretchcoach.figures import svg

        out[ex_id] = (svg(fig, width=width, title=ex.name), show_caption(fig, ex))
    return out
