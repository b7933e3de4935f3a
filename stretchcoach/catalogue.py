"""The exercise catalogue: strict YAML loading and validation with file:line:field errors.

Loading is always safe (``CSafeLoader`` when PyYAML has its C extension): YAML tags such as
``!!python/object`` are refused, never executed. Validation collects every problem before
failing, so a catalogue author fixes the whole file in one pass.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stretchcoach.errors import StretchcoachError

if TYPE_CHECKING:
    from pathlib import Path

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
)
#: Fields a custom catalogue may leave out (the built-in one always gives ``movements``).
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
    }
)
REQUIRED: frozenset[str] = frozenset(FIELDS) - OPTIONAL
ENV_VAR = "STRETCHCOACH_CATALOGUE"
#: The largest catalogue file read (far above any real one; keeps a wrong path harmless).
MAX_BYTES = 64 * 1024 * 1024


class _LazyPattern:
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


_ID_RE = _LazyPattern(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Control characters (escape codes among them) that text shown on a terminal must not carry.
_CONTROL = _LazyPattern("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SAFE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "binary")
)


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
        }


@dataclass(frozen=True)
class Catalogue:
    """An immutable, validated set of exercises, looked up by id."""

    exercises: tuple[Exercise, ...]
    source: str = "<catalogue>"
    by_id: dict[str, Exercise] = field(init=False, repr=False, compare=False)
    #: Where each exercise is defined: id -> (file, line), when known (for merged catalogues).
    origins: Mapping[str, tuple[str, int]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {ex.id: ex for ex in self.exercises})

    def __len__(self) -> int:
        return len(self.exercises)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises)

    def get(self, exercise_id: str) -> Exercise | None:
        """The exercise with this id, or None."""
        return self.by_id.get(exercise_id)

    def filter(
        self,
        *,
        cause: str | None = None,
        severity: int | None = None,
        positions: Iterable[str] = (),
        kinds: Iterable[str] = (),
    ) -> list[Exercise]:
        """Exercises matching every given filter; an empty filter matches everything."""
        pos = frozenset(positions)
        kin = frozenset(kinds)
        return [
            ex
            for ex in self.exercises
            if (cause is None or cause in ex.causes)
            and (severity is None or ex.max_severity >= severity)
            and (not pos or ex.position in pos)
            and (not kin or ex.kind in kin)
        ]

    def count_by_cause(self) -> dict[str, int]:
        """How many exercises suit each cause."""
        return {c: sum(1 for ex in self.exercises if c in ex.causes) for c in CAUSES}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalogue file, located as precisely as possible."""

    source: str
    line: int | None
    message: str
    exercise_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        parts = []
        if self.exercise_id:
            parts.append(f"exercise '{self.exercise_id}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        context = ", ".join(parts)
        return f"{where}: {context + ': ' if context else ''}{self.message}"


class ProblemsError(StretchcoachError):
    """A file could not be used; carries every problem found, each on its own line."""

    #: How the message names the file, e.g. "The catalogue".
    subject = "The file"

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{self.subject} has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class CatalogueError(ProblemsError):
    """The catalogue could not be used (exit 1)."""

    subject = "The catalogue"


# --------------------------------------------------------------------------- locating


def packaged_path() -> Path:
    """The catalogue shipped with stretchcoach (inside the wheel, or data/ in a checkout)."""
    from importlib import resources
    from pathlib import Path

    bundled = resources.files("stretchcoach").joinpath("data").joinpath("exercises.yaml")
    if bundled.is_file():
        return Path(str(bundled))
    # A source checkout or editable install: data/exercises.yaml beside the package.
    return Path(__file__).resolve().parent.parent / "data" / "exercises.yaml"


def resolve_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Which catalogue to use: --catalogue, then $STRETCHCOACH_CATALOGUE, then the built-in one."""
    from pathlib import Path

    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return packaged_path()


def load(
    path: str | os.PathLike[str] | None = None, *, refs_elsewhere: Container[str] | None = None
) -> Catalogue:
    """Read, parse and validate a catalogue file; raise CatalogueError listing every problem.

    ``refs_elsewhere``: ids defined in other files that easier/harder/similar may name.
    """
    target = resolve_path(path)
    source = str(target)
    try:
        info = target.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a pipe or device (e.g. /dev/zero) never ends
            raise CatalogueError([Problem(source, None, "is not a regular file")])
        if info.st_size > MAX_BYTES:
            limit = MAX_BYTES // (1024 * 1024)
            raise CatalogueError([Problem(source, None, f"is larger than {limit} MB")])
        raw = target.read_bytes()
    except FileNotFoundError:
        raise CatalogueError([Problem(source, None, "file not found")]) from None
    except IsADirectoryError:
        raise CatalogueError([Problem(source, None, "is a folder, not a catalogue file")]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CatalogueError([Problem(source, None, f"cannot be read ({reason})")]) from None
    return parse(raw, source=source, refs_elsewhere=refs_elsewhere)


class _Anything:
    """Every id: references are checked later, once every file's ids are known."""

    def __contains__(self, item: object) -> bool:
        return True


class _Either:
    """Ids of this file or of the others."""

    def __init__(self, *parts: Container[str]) -> None:
        self.parts = parts

    def __contains__(self, item: object) -> bool:
        return any(item in part for part in self.parts)


def load_many(paths: Sequence[str | os.PathLike[str]]) -> Catalogue:
    """Several catalogue files as one (the built-in one first, then config.yaml's catalogues).

    Each file is validated on its own; easier/harder/similar may name an exercise of any of
    the files. An id defined in two files is a problem naming both files and lines. A similar
    link between two files goes both ways without being written twice (the built-in file
    cannot be edited). Raises CatalogueError listing every problem of every file.
    """
    if len(paths) == 1:
        return load(paths[0])
    problems: list[Problem] = []
    loaded: list[Catalogue] = []
    for path in paths:
        try:
            loaded.append(load(path, refs_elsewhere=_Anything()))
        except CatalogueError as exc:
            problems.extend(exc.problems)
    first: dict[str, tuple[str, int]] = {}
    for cat in loaded:
        for ex in cat:
            where = cat.origins.get(ex.id, (cat.source, 0))
            if ex.id in first:
                source, line = first[ex.id]
                problems.append(
                    Problem(
                        where[0],
                        where[1] or None,
                        f"duplicate id (first used at {source}:{line})",
                        ex.id,
                        "id",
                    )
                )
            else:
                first[ex.id] = where
    for cat in loaded:  # a reference to no file's exercise: load again to locate it
        if any(ref not in first for ex in cat for ref in _refs(ex)):
            try:
                load(cat.source, refs_elsewhere=first)
            except CatalogueError as exc:
                problems.extend(exc.problems)
    if problems:
        raise CatalogueError(problems)
    exercises = [ex for cat in loaded for ex in cat]
    similar: dict[str, list[str]] = {ex.id: list(ex.similar) for ex in exercises}
    for ex in exercises:
        for target in ex.similar:
            if ex.id not in similar[target]:
                similar[target].append(ex.id)
    from dataclasses import replace

    merged = tuple(
        ex if len(similar[ex.id]) == len(ex.similar) else replace(ex, similar=tuple(similar[ex.id]))
        for ex in exercises
    )
    return Catalogue(merged, source=", ".join(cat.source for cat in loaded), origins=first)


def _refs(ex: Exercise) -> list[str]:
    return [r for r in (ex.easier, ex.harder, *ex.similar) if r is not None]


# --------------------------------------------------------------------------- parsing


def _yaml_loader() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def decode_text(raw: bytes | str, *, source: str, error: type[ProblemsError]) -> str:
    """UTF-8 text without a byte-order mark; ``error`` (with the line) for other bytes."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise error(
                [Problem(source, line, f"is not UTF-8 text (byte {exc.start + 1})")]
            ) from None
    else:
        text = raw
    return text.removeprefix("\ufeff")


def compose_yaml(text: str, *, source: str, error: type[ProblemsError]) -> Any:
    """The YAML node tree (kept for line numbers), read safely; ``error`` for bad YAML."""
    import yaml

    try:
        return yaml.compose(text, Loader=_yaml_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        raise error([Problem(source, line, f"is not valid YAML: {what}")]) from None
    except yaml.YAMLError as exc:
        raise error([Problem(source, None, f"is not valid YAML: {exc}")]) from None
    except RecursionError:
        raise error([Problem(source, None, "is nested too deeply to read")]) from None


def parse(
    raw: bytes | str,
    *,
    source: str = "<catalogue>",
    refs_elsewhere: Container[str] | None = None,
) -> Catalogue:
    """Parse catalogue text (bytes must be UTF-8) and validate it.

    ``refs_elsewhere``: ids defined in other files that easier/harder/similar may name.
    """
    text = decode_text(raw, source=source, error=CatalogueError)
    fast = _fast_catalogue(text, source, refs_elsewhere)
    if fast is not None:
        return fast
    node = compose_yaml(text, source=source, error=CatalogueError)
    return _Validator(source).catalogue(
        node, refs_elsewhere
    )  # escapes ("\\e") may hide control characters


# --------------------------------------------------------------------------- fast path
#
# Composing YAML nodes (needed for line numbers) costs a few microseconds per node, which
# is several seconds for a 10,000-exercise file. Most catalogues use only a small, regular
# part of YAML, so a line reader handles that part directly: it resolves every scalar with
# PyYAML's own resolver, notes the line each value starts on, and runs the same field checks
# as the full path, so problems read exactly the same. Anything it does not fully understand
# (quotes, anchors, tags, multi-line values, unknown or repeated keys, other indentation...)
# sends the whole file through the full YAML path instead. The nested values it reads are
# 'notes:' with one '    condition: text' line per known condition, 'side_words:' with
# '    left: text' and '    right: text', and 'phases:' as a block list of '    - name: text'
# items, each followed by '      breath: in|out' lines; anything else there (an unknown key,
# a repeat, a nested value) is left to the full path, which reports it.
# Property tests check that both paths give the same catalogue or the same problems.

_FIELD_SET = frozenset(FIELDS)
_CONDITION_SET = frozenset(CONDITIONS)
#: The block mappings the fast reader reads, and the keys each may hold.
_FAST_MAPPINGS: dict[str, frozenset[str]] = {
    "notes": _CONDITION_SET,
    "side_words": frozenset(SIDES),
}
_PHASE_KEY_SET = frozenset(PHASE_KEYS)
#: Characters that make the YAML meaning of a value more than plain text or a number.
_FAST_BAD_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FAST_BAD_FLOW = frozenset("[]{}#&*!|>'\"%@`:?")
#: Characters the fast reader leaves to YAML: tabs, CR and other line breaks, non-printables.
#: (Listed positively: a negated class over all of Unicode costs milliseconds to compile.)
_FAST_BAD_TEXT = _LazyPattern(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
_MISSING = object()
_value_cache: dict[str, Any] = {}
_resolver_state: dict[str, Any] = {}


class _NotFast(Exception):
    """The fast reader met something it leaves to the full YAML path."""


class _BlockList(list[Any]):
    """The items under a bare 'key:' line (null in YAML when nothing follows)."""


class _Notes(dict[str, Any]):
    """A 'notes' mapping as read: equal to what YAML loads, plus every entry with its line.

    ``entries`` keeps (key, value, line) in file order, repeats included, so the checks can
    point at the very line of a wrong note on either path.
    """

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[tuple[Any, Any, int]] = []

    def add(self, key: Any, value: Any, line: int) -> None:
        self.entries.append((key, value, line))
        self[key] = value


class _Record(_Notes):
    """One mapping inside a list (a 'phases' entry), with the line it starts on."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line


def _resolver() -> tuple[Any, frozenset[str] | None]:
    """PyYAML's resolver and the first characters its implicit rules look at (None: all)."""
    if not _resolver_state:
        from yaml.resolver import Resolver

        firsts = Resolver.yaml_implicit_resolvers
        _resolver_state["r"] = Resolver()
        _resolver_state["firsts"] = None if None in firsts else frozenset(firsts)
    return _resolver_state["r"], _resolver_state["firsts"]


def _fast_scalar(text: str) -> Any:
    """A plain (unquoted) scalar resolved exactly as PyYAML would resolve it."""
    from yaml.nodes import ScalarNode

    resolver, firsts = _resolver()
    if firsts is not None and text[0] not in firsts:
        return text  # no implicit rule starts with this character: it is text
    tag = resolver.resolve(ScalarNode, text, (True, False))
    if tag not in _SAFE_TAGS:
        raise _NotFast
    value = text if tag == _STR_TAG else _scalar(ScalarNode(tag, text))
    if isinstance(value, _Invalid):
        raise _NotFast
    return value


def _fast_plain(raw: str) -> Any:
    """The value of a block-context plain scalar (comment already cut, stripped)."""
    if not raw or raw[0] in _FAST_BAD_START or ": " in raw or raw[-1] == ":":
        raise _NotFast
    return _fast_scalar(raw)


def _fast_note(rest: str) -> Any:
    """The text after 'condition:' in a notes entry: one plain scalar, nothing nested."""
    if rest[:1] != " ":
        raise _NotFast  # 'key:value' is one scalar; 'key:' alone is null or a nested block
    cut = rest.find(" #")
    return _fast_plain((rest[:cut] if cut >= 0 else rest).strip(" "))


def _fast_phase_line(line: str, number: int, block: list[Any]) -> bool:
    """Read a line of a 'phases' block list of mappings into ``block``; False: not one.

    '    - name: text' starts an entry, '      breath: in' adds to it. A plain '    - item'
    is left to the caller (it is an ordinary list item); anything else goes to the full path.
    """
    if line[2:6] == "  - ":
        key, colon, rest = line[6:].partition(":")
        if not colon or key not in _PHASE_KEY_SET:
            return False
        entry = _Record(number)
        entry.add(key, _fast_note(rest), number)
        block.append(entry)
        return True
    if line[2:6] == "    " and line[6:7] not in ("", " ", "#"):
        key, colon, rest = line[6:].partition(":")
        last = block[-1] if block else None
        if not colon or key not in _PHASE_KEY_SET or type(last) is not _Record or key in last:
            raise _NotFast
        last.add(key, _fast_note(rest), number)
        return True
    return False


def _fast_value(rest: str) -> Any:
    """The value after 'key:' on one line; a new _BlockList when the line ends there."""
    if rest and rest[0] != " ":
        raise _NotFast  # 'key:value' is one plain scalar in YAML, not a field
    cut = rest.find(" #")
    if cut >= 0:
        rest = rest[:cut]
    raw = rest.strip(" ")
    if not raw:
        return _BlockList()
    if raw[0] == "[":
        if raw[-1] != "]":
            raise _NotFast
        inner = raw[1:-1]
        if not inner.strip(" "):
            return []
        items = []
        for part in inner.split(","):
            part = part.strip(" ")
            if not part or part[0] in _FAST_BAD_START or not _FAST_BAD_FLOW.isdisjoint(part):
                raise _NotFast
            items.append(_fast_scalar(part))
        return items
    return _fast_plain(raw)


@dataclass
class _FastItem:
    """One record as the fast reader saw it: values, and the line each value starts on."""

    start: int
    values: dict[str, Any]
    lines: dict[str, int]
    id_text: str | None = None  # the id as written (what YAML would show as the node's text)


def _fast_read(text: str) -> list[_FastItem] | None:
    """Each record's fields with their lines, or None when the text needs the full YAML path."""
    if _FAST_BAD_TEXT.search(text):
        return None
    items: list[_FastItem] = []
    current: dict[str, Any] = {}
    lines: dict[str, int] = {}
    item: _FastItem | None = None
    block: _BlockList | _Notes | None = None
    block_key = ""
    cache = _value_cache
    fields = _FIELD_SET
    try:
        for number, line in enumerate(text.split("\n"), start=1):
            if line[:2] == "  ":
                if block_key == "phases" and type(block) is _BlockList:
                    first = not block
                    if _fast_phase_line(line, number, block):
                        if first:  # a block list starts on the line of its first item
                            lines[block_key] = number
                        continue
                if line[2:6] == "  - ":
                    if type(block) is not _BlockList:
                        return None
                    if not block:  # a block list starts on the line of its first item
                        lines[block_key] = number
                    cut = line.find(" #", 6)
                    block.append(_fast_plain((line[6:cut] if cut >= 0 else line[6:]).strip(" ")))
                    continue
                keys = _FAST_MAPPINGS.get(block_key) if block is not None else None
                if keys is not None and line[2:4] == "  ":
                    name, colon, rest = line[4:].partition(":")
                    if colon and name in keys:
                        if type(block) is _Notes:
                            notes = block
                            if name in notes:
                                return None  # a repeated key: the full path reports it
                        elif block:
                            return None  # list items, then mapping entries: not YAML
                        else:
                            # A block mapping, like a block list, starts on its first entry.
                            notes = block = current[block_key] = _Notes()
                            lines[block_key] = number
                        notes.add(name, _fast_note(rest), number)
                        continue
                key, _, rest = line[2:].partition(":")
            elif line[:2] == "- ":
                key, _, rest = line[2:].partition(":")
                if key in fields:
                    current, lines = {}, {}
                    item = _FastItem(number, current, lines)
                    items.append(item)
            else:
                key, rest = "", ""
            if key not in fields or item is None or key in current:
                stripped = line.strip(" ")
                if not stripped or stripped[0] == "#":
                    continue  # blank line or comment
                return None
            value = cache.get(rest, _MISSING)
            if value is _MISSING:
                value = _fast_value(rest)
                if len(rest) <= 40 and type(value) is not _BlockList and len(cache) < 4096:
                    cache[rest] = value
            if type(value) is _BlockList:
                block, block_key = value, key
            else:
                block = None
            current[key] = value
            lines[key] = number
            if key == "id":
                item.id_text = value if type(value) is str else _fast_text(rest, value)
    except _NotFast:
        return None
    for each in items:
        values = each.values
        for key, value in values.items():
            if type(value) is _BlockList:
                values[key] = list(value) if value else None  # (a _Notes is kept as it is)
    return items or None


def _fast_text(rest: str, value: Any) -> str | None:
    """A scalar's text as written (None for a list), to find ids the way the full path does."""
    if isinstance(value, list):
        return None
    cut = rest.find(" #")
    return (rest[:cut] if cut >= 0 else rest).strip(" ")


def _fast_items(text: str) -> list[dict[str, Any]] | None:
    """Just the values of each record (what YAML would load), or None."""
    items = _fast_read(text)
    return None if items is None else [item.values for item in items]


class _Mark:
    __slots__ = ("line",)

    def __init__(self, line: int) -> None:
        self.line = line


class _At:
    """Stands in for a YAML node where only its line is needed."""

    __slots__ = ("start_mark",)

    def __init__(self, line: int) -> None:
        self.start_mark = _Mark(line - 1)


class _LineNodes:
    """The key→node map the field checks expect, built from the fast reader's line numbers."""

    def __init__(self, lines: dict[str, int]) -> None:
        self.lines = lines

    def __getitem__(self, key: str) -> _At:
        return _At(self.lines[key])


def _fast_catalogue(
    text: str, source: str, refs_elsewhere: Container[str] | None = None
) -> Catalogue | None:
    """Read and check a plainly written catalogue; None when it needs the full YAML path.

    Problems are found and located exactly as the full path would (same checks, same order,
    same lines); tests compare the two on generated catalogues.
    """
    items = _fast_read(text)
    if items is None:
        return None
    checker = _Validator(source, text=text)
    problems = checker.problems
    seen: dict[str, int] = {}
    valid: list[tuple[Exercise, dict[str, int]]] = []
    for index, item in enumerate(items, start=1):
        id_text = item.id_text
        peeked = id_text if id_text is not None and _ID_RE.match(id_text) else None
        if peeked is not None and peeked in seen:
            checker.problem(
                _At(item.lines["id"]),
                f"duplicate id (first used at line {seen[peeked]})",
                exercise_id=peeked,
                field="id",
            )
        elif peeked is not None:
            seen[peeked] = item.start
        ex_id = peeked or f"#{index}"
        before = len(problems)
        values = item.values
        if not REQUIRED.issubset(values):
            for missing in (f for f in FIELDS if f in REQUIRED and f not in values):
                checker.problem(_At(item.start), "is missing", exercise_id=ex_id, field=missing)
        built = checker.check_fields(values, _LineNodes(item.lines), ex_id)  # type: ignore[arg-type]
        if built is None or len(problems) > before:
            continue
        if peeked is not None and seen[peeked] != item.start:
            continue
        valid.append((built, item.lines))
    _check_variant_refs(
        valid,
        seen if refs_elsewhere is None else _Either(seen, refs_elsewhere),
        lambda at, message, ex_id, field: checker.problem(
            _At(at), message, exercise_id=ex_id, field=field
        ),
    )
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise CatalogueError(problems)
    origins = {ex_id: (source, line) for ex_id, line in seen.items()}
    return Catalogue(tuple(ex for ex, _ in valid), source=source, origins=origins)


def _check_variant_refs(
    built: Sequence[tuple[Exercise, Mapping[str, Any]]],
    known: Container[str],
    report: Callable[[Any, str, str, str], None],
) -> None:
    """Each easier/harder/similar must name another exercise of the catalogue.

    ``built`` pairs each exercise with where its fields are (nodes or lines), which
    ``report(where, message, exercise_id, field)`` turns into a located problem. Similar
    links go both ways: when A lists B and B does not list A, the problem is B's.
    """
    usable = {ex.id: (ex, where) for ex, where in built}
    for ex, where in built:
        for name in ("easier", "harder"):
            target = getattr(ex, name)
            if target is None:
                continue
            if target == ex.id:
                report(where[name], "must name another exercise, not itself", ex.id, name)
            elif target not in known:
                report(where[name], f"names unknown exercise '{target}'", ex.id, name)
        for target in ex.similar:
            if target == ex.id:
                report(where["similar"], "must name other exercises, not itself", ex.id, "similar")
            elif target not in known:
                report(where["similar"], f"names unknown exercise '{target}'", ex.id, "similar")
            elif target in usable and ex.id not in usable[target][0].similar:
                at = usable[target][1]
                spot = at["similar"] if "similar" in at else at["id"]
                message = f"must list '{ex.id}', which lists this one as similar"
                report(spot, message, target, "similar")


class _Validator:
    """Walks the composed YAML node tree, building exercises and collecting problems."""

    def __init__(self, source: str, *, text: str | None = None) -> None:
        self.source = source
        self.problems: list[Problem] = []
        # The fast reader takes text as written (no escapes): one scan of the whole file then
        # spares a scan of every field in the common, clean case.
        self.may_have_control = text is None or _CONTROL.search(text) is not None

    def problem(
        self, node: Any, message: str, *, exercise_id: str | None = None, field: str | None = None
    ) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.source, line, message, exercise_id, field))

    def catalogue(self, root: Any, refs_elsewhere: Container[str] | None = None) -> Catalogue:
        import yaml

        if root is None or (
            isinstance(root, yaml.ScalarNode) and root.tag == "tag:yaml.org,2002:null"
        ):
            raise CatalogueError(
                [Problem(self.source, 1, "is empty: expected a list of exercises")]
            )
        if root.tag not in _SAFE_TAGS:
            self.problem(root, f"YAML tag '{_short_tag(root.tag)}' is not allowed")
            raise CatalogueError(self.problems)
        if not isinstance(root, yaml.SequenceNode):
            self.problem(root, f"must be a list of exercises, not {_describe(root)}")
            raise CatalogueError(self.problems)
        exercises: list[Exercise] = []
        seen: dict[str, int] = {}
        ref_nodes: list[tuple[Exercise, dict[str, Any]]] = []
        for index, item in enumerate(root.value, start=1):
            peeked = _peek_id(item) if isinstance(item, yaml.MappingNode) else None
            if peeked is not None and peeked in seen:
                self.problem(
                    _id_node(item) or item,
                    f"duplicate id (first used at line {seen[peeked]})",
                    exercise_id=peeked,
                    field="id",
                )
            elif peeked is not None:
                seen[peeked] = item.start_mark.line + 1
            built = self.exercise(item, index)
            if built is None or (peeked is not None and seen[peeked] != item.start_mark.line + 1):
                continue
            exercises.append(built[0])
            ref_nodes.append(built)
        if not root.value:
            self.problem(root, "has no exercises: expected a list of exercises")
        _check_variant_refs(
            ref_nodes,
            seen if refs_elsewhere is None else _Either(seen, refs_elsewhere),
            lambda node, message, ex_id, field: self.problem(
                node, message, exercise_id=ex_id, field=field
            ),
        )
        if self.problems:
            self.problems.sort(key=lambda p: p.line or 0)
            raise CatalogueError(self.problems)
        origins = {ex_id: (self.source, line) for ex_id, line in seen.items()}
        return Catalogue(tuple(exercises), source=self.source, origins=origins)

    def exercise(self, node: Any, index: int) -> tuple[Exercise, dict[str, Any]] | None:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            self.problem(
                node, f"exercise #{index} must be a mapping of fields, not {_describe(node)}"
            )
            return None
        if node.tag != "tag:yaml.org,2002:map":
            ex_id = _peek_id(node) or f"#{index}"
            tag = _short_tag(node.tag)
            self.problem(node, f"YAML tag '{tag}' is not allowed", exercise_id=ex_id)
            return None
        before = len(self.problems)
        values: dict[str, Any] = {}
        key_nodes: dict[str, Any] = {}
        ex_id = _peek_id(node) or f"#{index}"
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key_node.tag != "tag:yaml.org,2002:str":
                self.problem(key_node, "field names must be plain words", exercise_id=ex_id)
                continue
            if key not in FIELDS:
                hint = _suggest(key, FIELDS)
                self.problem(
                    key_node,
                    "unknown field" + (f" (did you mean '{hint}'?)" if hint else ""),
                    exercise_id=ex_id,
                    field=key,
                )
                continue
            if key in values:
                self.problem(key_node, "appears twice", exercise_id=ex_id, field=key)
                continue
            key_nodes[key] = value_node
            values[key] = self.value(value_node, ex_id, key)
        for missing in (f for f in FIELDS if f in REQUIRED and f not in values):
            self.problem(node, "is missing", exercise_id=ex_id, field=missing)
        checked = self.check_fields(values, key_nodes, ex_id)
        if checked is None or len(self.problems) > before:
            return None
        return checked, key_nodes

    def value(self, node: Any, ex_id: str, key: str) -> Any:
        """Turn a node into plain Python, refusing any tag outside the safe YAML set."""
        import yaml

        bad = _first_unsafe_tag(node)
        if bad is not None:
            tag = _short_tag(bad.tag)
            self.problem(bad, f"YAML tag '{tag}' is not allowed", exercise_id=ex_id, field=key)
            return _INVALID
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [
                _scalar(n)
                if isinstance(n, yaml.ScalarNode)
                else _mapping(n, _Record(n.start_mark.line + 1))
                if key == "phases" and isinstance(n, yaml.MappingNode)
                else _INVALID_NESTED
                for n in node.value
            ]
        if key in _FAST_MAPPINGS and isinstance(node, yaml.MappingNode):
            return _mapping(node, _Notes())  # notes (condition -> text), side_words
        return _INVALID_NESTED

    def check_fields(self, v: dict[str, Any], nodes: dict[str, Any], ex_id: str) -> Exercise | None:
        before = len(self.problems)
        # Missing fields and values that already produced a problem are checked no further,
        # but every other field still is, so one pass reports everything.
        usable = {k: val for k, val in v.items() if val is not _INVALID}
        if any(f not in usable for f in REQUIRED):
            ok = False
            v = {**dict.fromkeys(REQUIRED, _SKIP), **usable}
        else:
            ok = True

        def bad(key: str, message: str) -> None:
            self.problem(nodes[key], message, exercise_id=ex_id, field=key)

        def text(key: str) -> str:
            val = v[key]
            if val is _SKIP:
                return ""
            if not isinstance(val, str) or not val.strip():
                bad(key, f"must be non-empty text (got {_show(val)})")
                return ""
            if self.may_have_control and _CONTROL.search(val):
                bad(key, "must not contain control characters (such as escape codes)")
                return ""
            return val.strip()

        def whole(key: str, low: int, high: int | None = None) -> int:
            val = v[key]
            if val is _SKIP:
                return low
            if isinstance(val, bool) or not isinstance(val, int):
                bad(key, f"must be a whole number (got {_show(val)})")
                return low
            if val < low or (high is not None and val > high):
                rng = f"from {low} to {high}" if high is not None else f"at least {low}"
                bad(key, f"must be {rng} (got {val})")
            return val

        def choice(key: str, allowed: Sequence[str]) -> str:
            val = v[key]
            if val is _SKIP:
                return ""
            if val not in allowed:
                hint = _suggest(val, allowed) if isinstance(val, str) else None
                extra = f"; did you mean '{hint}'?" if hint else ""
                bad(key, f"must be one of {', '.join(allowed)} (got {_show(val)}){extra}")
            return val if isinstance(val, str) else ""

        def text_list(key: str, *, allow_empty: bool) -> tuple[str, ...]:
            val = v.get(key, [])
            if val is _SKIP:
                return ()
            if val is None and allow_empty:
                return ()
            if not isinstance(val, list):
                bad(key, f"must be a list (got {_show(val)})")
                return ()
            if not val and not allow_empty:
                bad(key, "must list at least one item")
            items = []
            for item in val:
                if not isinstance(item, str) or not item.strip():
                    bad(key, f"items must be non-empty text (got {_show(item)})")
                    return ()
                if self.may_have_control and _CONTROL.search(item):
                    bad(key, "must not contain control characters (such as escape codes)")
                    return ()
                items.append(item.strip())
            return tuple(items)

        ex_id_val = v["id"]
        if ex_id_val is not _SKIP and (
            not isinstance(ex_id_val, str) or not _ID_RE.match(ex_id_val)
        ):
            bad("id", f"must be lower-case words joined by hyphens (got {_show(ex_id_val)})")
        name = text("name")
        kind = choice("kind", KINDS)
        position = choice("position", POSITIONS)
        causes = text_list("causes", allow_empty=False)
        for cause in causes:
            if cause not in CAUSES:
                hint = _suggest(cause, CAUSES)
                extra = f"; did you mean '{hint}'?" if hint else ""
                bad("causes", f"unknown cause '{cause}' (known: {', '.join(CAUSES)}){extra}")
        if len(set(causes)) != len(causes):
            bad("causes", "lists a cause more than once")
        max_severity = whole("max_severity", 0, 10)
        hold = whole("hold_seconds", 1, 3600)
        reps = whole("reps", 1, 100)
        rest = whole("rest_seconds", 0, 3600)
        per_side = v["per_side"]
        if per_side is not _SKIP and not isinstance(per_side, bool):
            bad("per_side", f"must be true or false (got {_show(per_side)})")
        steps = text_list("steps", allow_empty=False)
        stop_if = text("stop_if")
        equipment = text_list("equipment", allow_empty=True) if "equipment" in v else ()
        movements = text_list("movements", allow_empty=True) if "movements" in v else ()
        for movement in movements:
            if movement not in MOVEMENTS:
                hint = _suggest(movement, MOVEMENTS)
                extra = f"; did you mean '{hint}'?" if hint else ""
                bad(
                    "movements",
                    f"unknown movement '{movement}' (known: {', '.join(MOVEMENTS)}){extra}",
                )
        if len(set(movements)) != len(movements):
            bad("movements", "lists a movement more than once")
        notes = self.check_notes(v.get("notes"), nodes, ex_id)
        refs: dict[str, str | None] = {}
        for key in ("easier", "harder"):
            val = v.get(key)
            if val is _INVALID:
                val = None
            if val is not None and (not isinstance(val, str) or not _ID_RE.match(val)):
                bad(key, f"must be an exercise id or null (got {_show(val)})")
                val = None
            refs[key] = val
        similar = text_list("similar", allow_empty=True) if "similar" in v else ()
        for other in similar:
            if not _ID_RE.match(other):
                bad("similar", f"must list exercise ids (got {_show(other)})")
                similar = ()
                break
        if len(set(similar)) != len(similar):
            bad("similar", "lists an exercise more than once")
        side_order = self.check_sides(v, nodes, ex_id, position)
        side_words = self.check_side_words(v.get("side_words"), nodes, ex_id)
        if side_words and per_side is False:
            bad("side_words", "only per-side exercises name their sides (per_side is false)")
        # Left out (or null): a plain hold, breathed steadily.
        action = choice("action", ACTIONS) if v.get("action") not in (None, _INVALID) else "hold"
        breathing = "steady"
        if v.get("breathing") not in (None, _INVALID):
            breathing = choice("breathing", BREATHING)
        phases = self.check_phases(v.get("phases"), nodes, ex_id)
        if breathing == "with-movement" and not phases and v.get("phases") is not _INVALID:
            if "phases" not in v or v["phases"] is None:
                bad(
                    "breathing",
                    "with-movement needs 'phases': the two positions of each rep, each with "
                    "its breath",
                )
        elif phases and breathing != "with-movement":
            bad("phases", f"only with-movement exercises name phases (breathing is {breathing})")
        if not ok or len(self.problems) > before:
            return None
        return Exercise(
            id=ex_id_val,
            name=name,
            kind=kind,
            position=position,
            causes=causes,
            max_severity=max_severity,
            hold_seconds=hold,
            reps=reps,
            per_side=per_side,
            rest_seconds=rest,
            steps=steps,
            stop_if=stop_if,
            equipment=equipment,
            movements=movements,
            notes=notes,
            easier=refs["easier"],
            harder=refs["harder"],
            similar=similar,
            side_order=side_order,
            side_words=side_words,
            action=action,
            breathing=breathing,
            phases=phases,
        )

    def check_sides(self, v: dict[str, Any], nodes: Any, ex_id: str, position: str) -> str | None:
        """'sides': required (alternate or in-turn) for per-side work, absent otherwise."""
        per_side, val = v["per_side"], v.get("sides")
        if val is _INVALID or not isinstance(per_side, bool):
            return None  # already reported, or per_side itself is wrong or missing

        def bad(at: Any, message: str) -> None:
            self.problem(at, message, exercise_id=ex_id, field="sides")

        if val is None:
            if per_side:
                at = nodes["sides"] if "sides" in v else nodes["per_side"]
                bad(
                    at,
                    "is missing: a per-side exercise says how it changes sides "
                    f"({' or '.join(SIDE_ORDERS)})",
                )
            return None
        if not per_side:
            bad(nodes["sides"], "only per-side exercises change sides (per_side is false)")
            return None
        if val not in SIDE_ORDERS:
            hint = _suggest(val, SIDE_ORDERS) if isinstance(val, str) else None
            extra = f"; did you mean '{hint}'?" if hint else ""
            bad(
                nodes["sides"], f"must be one of {', '.join(SIDE_ORDERS)} (got {_show(val)}){extra}"
            )
            return None
        if val != "in-turn" and position in IN_TURN_POSITIONS:
            bad(
                nodes["sides"],
                f"must be in-turn for an exercise done {position}: all reps on one side, then "
                "all on the other, because turning over between reps is itself a trigger",
            )
        return str(val)

    def check_side_words(self, val: Any, nodes: Any, ex_id: str) -> tuple[tuple[str, str], ...]:
        """'side_words': left and right, each in body words; each wrong entry at its line."""
        if val is None or isinstance(val, _Invalid):
            return ()
        before = len(self.problems)

        def bad(at: Any, message: str) -> None:
            self.problem(at, message, exercise_id=ex_id, field="side_words")

        if not isinstance(val, _Notes):
            bad(
                nodes["side_words"],
                f"must be a mapping of left and right to words (got {_show(val)})",
            )
            return ()
        found = self.text_entries(
            val,
            ex_id,
            "side_words",
            unknown=lambda side: f"unknown side {_show(side)} (known: {', '.join(SIDES)})",
            known=SIDES,
            twice=lambda side: f"names '{side}' more than once",
            text_of=lambda side: f"the words for '{side}'",
        )
        missing = [side for side in SIDES if side not in found]
        if missing and len(self.problems) == before:
            bad(nodes["side_words"], f"must name both sides (no '{missing[0]}')")
        if len(self.problems) > before:
            return ()
        return tuple((side, found[side]) for side in SIDES)

    def check_phases(self, val: Any, nodes: Any, ex_id: str) -> tuple[tuple[str, str], ...]:
        """'phases': exactly two entries, each a name and a breath (in or out), one of each."""
        if val is None or val is _INVALID:
            return ()
        before = len(self.problems)

        def bad(at: Any, message: str) -> None:
            self.problem(at, message, exercise_id=ex_id, field="phases")

        shape = "a list of two phases, each with a name and a breath"
        if not isinstance(val, list):
            bad(nodes["phases"], f"must be {shape} (got {_show(val)})")
            return ()
        if len(val) != 2:
            bad(nodes["phases"], f"must list exactly two phases (got {len(val)})")
        found: list[tuple[str, str]] = []
        for number, item in enumerate(val, start=1):
            if not isinstance(item, _Record):
                bad(
                    nodes["phases"],
                    f"phase {number} must be a name and a breath (got {_show(item)})",
                )
                continue
            given: dict[str, str] = {}
            for key, value, line in item.entries:
                if key not in PHASE_KEYS:
                    message = (
                        f"phase {number} has unknown key {_show(key)} "
                        f"(known: {', '.join(PHASE_KEYS)})"
                    )
                elif key in given:
                    message = f"phase {number} gives '{key}' more than once"
                elif key == "breath" and value not in BREATHS:
                    message = f"phase {number}: breath must be in or out (got {_show(value)})"
                elif not isinstance(value, str) or not value.strip():
                    message = f"phase {number}: {key} must be non-empty text (got {_show(value)})"
                elif self.may_have_control and _CONTROL.search(value):
                    message = f"phase {number}: {key} must not contain control characters"
                else:
                    given[key] = value.strip()
                    continue
                given.setdefault(key, "")  # reported: not 'missing' as well
                bad(_At(line), message)
            for key in PHASE_KEYS:
                if key not in given:
                    bad(_At(item.line), f"phase {number} is missing '{key}'")
            if all(given.get(key) for key in PHASE_KEYS):
                found.append((given["name"], given["breath"]))
        if len(found) == 2 and found[0][1] == found[1][1]:
            bad(
                nodes["phases"],
                f"one phase breathes in and the other out (both say '{found[0][1]}')",
            )
        if len(self.problems) > before:
            return ()
        return tuple(found)

    def check_notes(self, val: Any, nodes: Any, ex_id: str) -> tuple[tuple[str, str], ...]:
        """The (condition, text) pairs of a 'notes' mapping; each wrong entry at its own line."""
        if val is None or isinstance(val, _Invalid):
            return ()  # left out (or written as a bare 'notes:'), or already reported
        if not isinstance(val, _Notes):
            self.problem(
                nodes["notes"],
                f"must be a mapping of health condition to text (got {_show(val)})",
                exercise_id=ex_id,
                field="notes",
            )
            return ()
        found = self.text_entries(
            val,
            ex_id,
            "notes",
            unknown=_unknown_condition,
            known=CONDITIONS,
            twice=lambda condition: f"has more than one note for '{condition}'",
            text_of=lambda condition: f"the note for '{condition}'",
        )
        return tuple(found.items())

    def text_entries(
        self,
        val: _Notes,
        ex_id: str,
        field: str,
        *,
        known: Sequence[str],
        unknown: Callable[[Any], str],
        twice: Callable[[str], str],
        text_of: Callable[[str], str],
    ) -> dict[str, str]:
        """The key → text entries of a mapping field (notes, side_words), in file order.

        Each wrong entry is reported at its own line: a key not in ``known``, a key given
        twice, or a value that is not non-empty text without control characters.
        """
        found: dict[str, str] = {}
        for key, text, line in val.entries:
            if not isinstance(key, str) or key not in known:
                message = unknown(key)
            elif key in found:
                message = twice(key)
            elif not isinstance(text, str) or not text.strip():
                message = f"{text_of(key)} must be non-empty text (got {_show(text)})"
            elif self.may_have_control and _CONTROL.search(text):
                message = f"{text_of(key)} must not contain control characters"
            else:
                found[key] = text.strip()
                continue
            self.problem(_At(line), message, exercise_id=ex_id, field=field)
        return found


class _Invalid:
    """Marks a value that already produced a problem (or a nested structure we never accept)."""

    def __init__(self, label: str) -> None:
        self.label = label

    def __repr__(self) -> str:
        return self.label


#: A value that already produced a problem: checked no further.
_INVALID = _Invalid("an unusable value")
#: Values the field checks still see (and so report with what they expected).
_INVALID_NESTED = _Invalid("a nested structure")
_UNREADABLE = _Invalid("a value YAML cannot read")
_SKIP = _Invalid("a missing value")


_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(node: Any) -> Any:
    from yaml.constructor import ConstructorError, SafeConstructor

    tag = node.tag
    if tag == _STR_TAG or tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"):
        return node.value  # no catalogue field wants a date or bytes: keep them as text
    constructor = _resolver_state.get("constructor")
    if constructor is None:
        constructor = _resolver_state["constructor"] = SafeConstructor()
    try:
        # One shared constructor (making one per scalar is slow), emptied after each use.
        return constructor.construct_object(node)
    except (ConstructorError, ValueError, OverflowError):
        return _UNREADABLE
    finally:
        constructor.constructed_objects.clear()
        constructor.recursive_objects.clear()


def _mapping(node: Any, into: _Notes) -> _Notes:
    """A mapping node's entries, each with its line; nested values are never accepted."""
    import yaml

    for key_node, value_node in node.value:
        into.add(
            _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else _INVALID_NESTED,
            _scalar(value_node) if isinstance(value_node, yaml.ScalarNode) else _INVALID_NESTED,
            key_node.start_mark.line + 1,
        )
    return into


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _first_unsafe_tag(node: Any) -> Any | None:
    stack = [node]
    seen: set[int] = set()  # aliases share nodes: visit each once (no "billion laughs")
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if current.tag not in _SAFE_TAGS:
            return current
        value = current.value
        if isinstance(value, list):
            for item in value:
                if isinstance(item, tuple):
                    stack.extend(item)
                else:
                    stack.append(item)
    return None


def _peek_id(node: Any) -> str | None:
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == "id" and isinstance(value_node.value, str):
            return value_node.value if _ID_RE.match(value_node.value) else None
    return None


def _id_node(node: Any) -> Any | None:
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == "id":
            return value_node
    return None


def _describe(node: Any) -> str:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"the value {node.value!r}"[:60]


def _show(value: Any) -> str:
    if isinstance(value, _Invalid):
        return value.label
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _unknown_condition(condition: Any) -> str:
    """The problem for a notes key that names no health condition (with a suggestion)."""
    hint = _suggest(condition, CONDITIONS) if isinstance(condition, str) else None
    extra = f"; did you mean '{hint}'?" if hint else ""
    return f"unknown health condition {_show(condition)} (known: {', '.join(CONDITIONS)}){extra}"


def _suggest(word: str, options: Iterable[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None


def suggest_ids(word: str, catalogue: Catalogue, n: int = 3) -> list[str]:
    """The closest exercise ids to a mistyped one (for 'did you mean' hints)."""
    import difflib

    return difflib.get_close_matches(word, list(catalogue.by_id), n=n, cutoff=0.5)
