"""The exercise model: the Exercise record and the words a catalogue may use.

Plain data only (no YAML, no validation): the loader in ``stretchcoach.catalogue`` builds
these records, and everything else reads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

CAUSES: tuple[str, ...] = (
    "posture",
    "weak-muscles",
    "pregnancy",
    "obesity",
    "arthritis",
    "unknown",
)
KINDS: tuple[str, ...] = ("stretch", "strength", "mobility", "breathing", "relief")
POSITIONS: tuple[str, ...] = (
    "standing",
    "seated",
    "kneeling",
    "all-fours",
    "side-lying",
    "prone",
    "supine",
)
#: Positions that need no getting down to the floor ("at the desk").
DESK_POSITIONS: frozenset[str] = frozenset({"standing", "seated"})
#: How a per-side exercise changes sides: after every rep, or all reps of one side first.
SIDE_ORDERS: tuple[str, ...] = ("alternate", "in-turn")
#: Positions whose per-side work is always done in turn: changing sides there means turning
#: over or getting up and down, which is itself a trigger (pelvic girdle pain above all).
IN_TURN_POSITIONS: frozenset[str] = frozenset(
    {"supine", "prone", "side-lying", "kneeling", "all-fours"}
)
SIDES: tuple[str, ...] = ("left", "right")
#: How a hold is breathed: slowly throughout; with each of two named positions of the
#: movement (``phases``); or out on the effort of a strengthening lift.
BREATHING: tuple[str, ...] = ("steady", "with-movement", "out-on-effort")
BREATHS: tuple[str, ...] = ("in", "out")
#: The keys of one ``phases`` entry.
PHASE_KEYS: tuple[str, ...] = ("name", "breath")
#: What the person does for the timed part of a rep: hold a position, or walk.
ACTIONS: tuple[str, ...] = ("hold", "walk")

# What each movement word means (tag an exercise with every one its steps could involve):
#   flexion           the spine bends forward
#   extension         the spine arches backward
#   rotation          the spine twists
#   side-bend         the spine bends sideways
#   neck-flexion      the head drops forward or hangs, the chin goes to the chest, or the head nods
#   loaded-flexion    forward bending against load or to the end of range (curl-ups, hugging
#                     both knees to the chest, sitting deep back into child's pose)
#   loaded-rotation   twisting with force or leverage (pulling on a chair back to turn further)
#   wide-knees        knees wide apart or straddling
#   split-stance      one foot forward and one back, half-kneeling or a lunge
#   single-leg        standing or balancing on one leg
#   hip-crossing      a leg crosses the body's midline or an ankle rests on the other knee
#   hip-rotation      the hip turns in or out under load (figure-four, knee rolls, clamshell)
#   deep-hip-flexion  the hip bends beyond a right angle (knee pulled to the chest, deep squat,
#                     sitting back on the heels)
#: What an exercise involves, so health-condition rules can leave it out (one word each).
MOVEMENTS: tuple[str, ...] = (
    "flexion",
    "extension",
    "rotation",
    "side-bend",
    "neck-flexion",
    "loaded-flexion",
    "loaded-rotation",
    "wide-knees",
    "split-stance",
    "single-leg",
    "hip-crossing",
    "hip-rotation",
    "deep-hip-flexion",
)
#: Health conditions an exercise may carry a note for (defined in stretchcoach.safety).
CONDITIONS: tuple[str, ...] = (
    "pregnant",
    "pelvic-girdle-pain",
    "rheumatoid-arthritis",
    "spondyloarthritis",
    "osteoporosis",
    "hip-replacement",
    "recent-back-surgery",
    "par-q",
    "supervised-only",
)

#: Every field of an exercise record, in the order the catalogue and JSON output use.
FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "why",
    "kind",
    "position",
    "causes",
    "max_severity",
    "hold_seconds",
    "reps",
    "per_side",
    "sides",
    "side_words",
    "rest_seconds",
    "action",
    "breathing",
    "phases",
    "steps",
    "stop_if",
    "equipment",
    "movements",
    "notes",
    "easier",
    "harder",
    "similar",
    "figure",
)
#: Fields a custom catalogue may leave out (the built-in one always gives ``movements``,
#: ``why`` and ``figure``).
OPTIONAL: frozenset[str] = frozenset(
    {
        "sides",
        "side_words",
        "action",
        "breathing",
        "phases",
        "equipment",
        "movements",
        "notes",
        "easier",
        "harder",
        "similar",
        "why",
        "figure",
    }
)
REQUIRED: frozenset[str] = frozenset(FIELDS) - OPTIONAL


class LazyPattern:
    """A regular expression compiled on first use, so importing this module stays quick."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.compiled: re.Pattern[str] | None = None

    def _re(self) -> re.Pattern[str]:
        if self.compiled is None:
            self.compiled = re.compile(self.pattern)
        return self.compiled

    def match(self, text: str) -> re.Match[str] | None:
        return self._re().match(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self._re().search(text)


ID_RE = LazyPattern(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Control characters (escape codes among them) that text shown on a terminal must not carry.
CONTROL = LazyPattern("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Exercise:
    """One exercise record, exactly as the catalogue describes it."""

    id: str
    name: str
    kind: str
    position: str
    causes: tuple[str, ...]
    max_severity: int
    hold_seconds: int
    reps: int
    per_side: bool
    rest_seconds: int
    steps: tuple[str, ...]
    stop_if: str
    equipment: tuple[str, ...] = ()
    #: What the exercise involves (words from MOVEMENTS), for health-condition rules.
    movements: tuple[str, ...] = ()
    #: (condition id, advice) pairs in file order; pairs rather than a dict keep it hashable.
    notes: tuple[tuple[str, str], ...] = ()
    easier: str | None = None
    harder: str | None = None
    #: Other exercises too alike to do in the same routine (the catalogue keeps links mutual).
    similar: tuple[str, ...] = ()
    #: Per-side work only: "alternate" (after each rep) or "in-turn" (all reps on one side,
    #: then the other); the catalogue's ``sides`` field. None: chosen by position.
    side_order: str | None = None
    #: ("left", words), ("right", words): each side in body words, e.g. "left knee to your
    #: chest"; empty when the catalogue gives none.
    side_words: tuple[tuple[str, str], ...] = ()
    action: str = "hold"
    breathing: str = "steady"
    #: With-movement breathing: the two positions of each rep as (name, "in" | "out").
    phases: tuple[tuple[str, str], ...] = ()
    #: Why it helps, in one plain line; None when a custom catalogue gives none.
    why: str | None = None
    #: The figure data as the catalogue gives it (a checked mapping), or None. Drawing code
    #: parses it on use (``figure_model``), so loading never imports the figures package.
    figure: object | None = field(default=None, compare=False, repr=False)

    def suits(self, cause: str) -> bool:
        """Whether the catalogue lists this exercise as suitable for ``cause``."""
        return cause in self.causes

    def note_for(self, conditions: Iterable[str]) -> list[str]:
        """The notes that apply to someone with any of ``conditions``, in file order."""
        wanted = frozenset(conditions)
        return [text for condition, text in self.notes if condition in wanted]

    @property
    def sides(self) -> int:
        """How many sides each rep is done on (2 for per-side work)."""
        return 2 if self.per_side else 1

    @property
    def in_turn(self) -> bool:
        """Per-side work done all on one side, then all on the other."""
        if not self.per_side:
            return False
        if self.side_order is None:
            return self.position in IN_TURN_POSITIONS
        return self.side_order == "in-turn"

    def side_name(self, side: str) -> str:
        """A side in the catalogue's body words, or plainly "left side"."""
        return dict(self.side_words).get(side) or f"{side} side"

    def to_dict(self) -> dict[str, Any]:
        """The record with the catalogue's field names; absent optionals are null, [] or {}."""
        return {
            "id": self.id,
            "name": self.name,
            "why": self.why,
            "kind": self.kind,
            "position": self.position,
            "causes": list(self.causes),
            "max_severity": self.max_severity,
            "hold_seconds": self.hold_seconds,
            "reps": self.reps,
            "per_side": self.per_side,
            "sides": self.side_order,
            "side_words": dict(self.side_words),
            "rest_seconds": self.rest_seconds,
            "action": self.action,
            "breathing": self.breathing,
            "phases": [{"name": name, "breath": breath} for name, breath in self.phases],
            "steps": list(self.steps),
            "stop_if": self.stop_if,
            "equipment": list(self.equipment),
            "movements": list(self.movements),
            "notes": dict(self.notes),
            "easier": self.easier,
            "harder": self.harder,
            "similar": list(self.similar),
            "figure": self.figure,
        }

    def figure_model(self) -> Any | None:
        """The parsed figure for drawing, or None (imports the figures package only now)."""
        if self.figure is None:
            return None
        from stretchcoach.figures import parse  # type: ignore[attr-defined,import-not-found,unused-ignore]

        return parse(self.figure)


#: The breathing line of a hold: steady holds, walks, and strengthening lifts.
BREATHE_SLOWLY = "Breathe slowly"
BREATHE_WALKING = "Breathe easily as you walk"
BREATHE_ON_EFFORT = "Breathe out as you lift, in as you lower"
