"""The catalogue validator: walks the YAML node tree and checks each exercise against the
table of field specs (``EXERCISE_SPECS``), plus the rules that tie fields together.

Every problem is collected before failing, each located by file, line, exercise id and
field, so a catalogue author fixes the whole file in one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping, Sequence
from typing import Any

from stretchcoach import fields as f
from stretchcoach.exercise import (
    ACTIONS,
    BREATHING,
    BREATHS,
    CAUSES,
    CONDITIONS,
    FIELDS,
    ID_RE,
    IN_TURN_POSITIONS,
    KINDS,
    MOVEMENTS,
    PHASE_KEYS,
    POSITIONS,
    REQUIRED,
    SIDE_ORDERS,
    SIDES,
    Exercise,
)
from stretchcoach.fields import BAD, NESTED, SKIP, Spec, show
from stretchcoach.yamlsrc import (
    MAP_TAG,
    MERGE_MESSAGE,
    MERGE_TAG,
    NULL_TAG,
    SAFE_TAGS,
    STR_TAG,
    At,
    Problem,
    ProblemsError,
    describe,
    duplicate_keys,
    first_unsafe,
    is_mapping,
    is_scalar,
    is_sequence,
    line_at,
    scalar,
    short_tag,
    to_plain,
    unsafe_message,
)

#: The longest ``why`` line (one line of a narrow terminal panel, about).
WHY_MAX = 120

#: Every field of an exercise, in the order they are checked (problems on one line keep
#: this order). ``custom`` fields have their own method on the validator.
EXERCISE_SPECS: tuple[Spec, ...] = (
    Spec("id", "id"),
    Spec("name", "text"),
    Spec("why", "text", required=False, nullable=True, max_length=WHY_MAX, one_line=True),
    Spec("kind", "choice", choices=KINDS),
    Spec("position", "choice", choices=POSITIONS),
    Spec("causes", "texts", choices=CAUSES, noun="cause"),
    Spec("max_severity", "whole", low=0, high=10),
    Spec("hold_seconds", "whole", low=1, high=3600),
    Spec("reps", "whole", low=1, high=100),
    Spec("rest_seconds", "whole", low=0, high=3600),
    Spec("per_side", "flag"),
    Spec("steps", "texts"),
    Spec("stop_if", "text"),
    Spec("equipment", "texts", required=False, nullable=True, default=(), allow_empty=True),
    Spec(
        "movements",
        "texts",
        required=False,
        nullable=True,
        default=(),
        allow_empty=True,
        choices=MOVEMENTS,
        noun="movement",
    ),
    Spec("notes", "custom", required=False, nullable=True, default=()),
    Spec("easier", "ref", required=False, nullable=True),
    Spec("harder", "ref", required=False, nullable=True),
    Spec("similar", "ids", required=False, nullable=True, default=(), allow_empty=True),
    Spec("sides", "custom", required=False),  # checked when left out too: per-side work needs it
    Spec("side_words", "custom", required=False, nullable=True, default=()),
    Spec("action", "choice", required=False, nullable=True, default="hold", choices=ACTIONS),
    Spec("breathing", "choice", required=False, nullable=True, default="steady", choices=BREATHING),
    Spec("phases", "custom", required=False, nullable=True, default=()),
    Spec("figure", "custom", required=False, nullable=True),
)
assert {s.name for s in EXERCISE_SPECS} == set(FIELDS)
#: Fields whose value is a mapping of words to text, read entry by entry with their lines.
TEXT_MAPPINGS = frozenset({"notes", "side_words"})


class CatalogueError(ProblemsError):
    """The catalogue could not be used (exit 1)."""

    subject = "The catalogue"


class Entries(dict[str, Any]):
    """A mapping as read: its values, plus every entry with its line, repeats included."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[tuple[Any, Any, int]] = []

    def add(self, key: Any, value: Any, line: int) -> None:
        self.entries.append((key, value, line))
        self[key] = value


class Record(Entries):
    """One mapping inside a list (a 'phases' entry), with the line it starts on."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line


def _entries(node: Any, into: Entries) -> Entries:
    """A mapping node's entries, each with its line; nested values are never accepted."""
    for key_node, value_node in node.value:
        into.add(
            scalar(key_node) if is_scalar(key_node) else NESTED,
            scalar(value_node) if is_scalar(value_node) else NESTED,
            key_node.start_mark.line + 1,
        )
    return into


def peek_id(node: Any) -> str | None:
    """A record's id as written, when it is a well-formed one."""
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == "id" and isinstance(value_node.value, str):
            return value_node.value if ID_RE.match(value_node.value) else None
    return None


def _id_node(node: Any) -> Any | None:
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == "id":
            return value_node
    return None


def _unknown_condition(condition: Any) -> str:
    """The problem for a notes key that names no health condition (with a suggestion)."""
    extra = f.did_you_mean(condition, CONDITIONS)
    return f"unknown health condition {show(condition)} (known: {', '.join(CONDITIONS)}){extra}"


def figure_field(path: Sequence[str | int]) -> str:
    """A path inside a figure as a field name, e.g. ``figure.keyframes[1].right.knee``."""
    out = "figure"
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else f".{step}"
    return out


def figure_problems(raw: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """What the figures package finds wrong with a figure (nothing, if it is not installed)."""
    try:
        from stretchcoach.figures import problems  # type: ignore[attr-defined,import-not-found,unused-ignore]
    except ImportError:
        return []
    return list(problems(raw))


class Either:
    """Ids of this file or of the others."""

    def __init__(self, *parts: Container[str]) -> None:
        self.parts = parts

    def __contains__(self, item: object) -> bool:
        return any(item in part for part in self.parts)


def check_variant_refs(
    built: Sequence[tuple[Exercise, Mapping[str, Any]]],
    known: Container[str],
    report: Callable[[Any, str, str, str], None],
) -> None:
    """Each easier/harder/similar must name another exercise of the catalogue.

    ``built`` pairs each exercise with its field nodes, which ``report(node, message,
    exercise_id, field)`` turns into a located problem. Similar links go both ways: when A
    lists B and B does not list A, the problem is B's.
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


class Validator:
    """Walks the composed YAML node tree, building exercises and collecting problems."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def problem(
        self, node: Any, message: str, *, exercise_id: str | None = None, field: str | None = None
    ) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.source, line, message, exercise_id, field))

    def catalogue(
        self, root: Any, refs_elsewhere: Container[str] | None = None
    ) -> tuple[list[Exercise], dict[str, int]]:
        """The valid exercises and the line each id is defined on; CatalogueError otherwise."""
        if root is None or (is_scalar(root) and root.tag == NULL_TAG):
            raise CatalogueError(
                [Problem(self.source, 1, "is empty: expected a list of exercises")]
            )
        if root.tag not in SAFE_TAGS:
            self.problem(root, f"YAML tag '{short_tag(root.tag)}' is not allowed")
            raise CatalogueError(self.problems)
        if not is_sequence(root):
            self.problem(root, f"must be a list of exercises, not {describe(root)}")
            raise CatalogueError(self.problems)
        exercises: list[Exercise] = []
        seen: dict[str, int] = {}
        ref_nodes: list[tuple[Exercise, dict[str, Any]]] = []
        for index, item in enumerate(root.value, start=1):
            peeked = peek_id(item) if is_mapping(item) else None
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
        check_variant_refs(
            ref_nodes,
            seen if refs_elsewhere is None else Either(seen, refs_elsewhere),
            lambda node, message, ex_id, field: self.problem(
                node, message, exercise_id=ex_id, field=field
            ),
        )
        if self.problems:
            self.problems.sort(key=lambda p: p.line or 0)
            raise CatalogueError(self.problems)
        return exercises, seen

    def exercise(self, node: Any, index: int) -> tuple[Exercise, dict[str, Any]] | None:
        if not is_mapping(node):
            self.problem(
                node, f"exercise #{index} must be a mapping of fields, not {describe(node)}"
            )
            return None
        if node.tag != MAP_TAG:
            ex_id = peek_id(node) or f"#{index}"
            tag = short_tag(node.tag)
            self.problem(node, f"YAML tag '{tag}' is not allowed", exercise_id=ex_id)
            return None
        before = len(self.problems)
        values: dict[str, Any] = {}
        key_nodes: dict[str, Any] = {}
        ex_id = peek_id(node) or f"#{index}"
        for key_node, value_node in node.value:
            key = key_node.value if is_scalar(key_node) else None
            if key_node.tag == MERGE_TAG:
                self.problem(key_node, MERGE_MESSAGE, exercise_id=ex_id)
                continue
            if not isinstance(key, str) or key_node.tag != STR_TAG:
                self.problem(key_node, "field names must be plain words", exercise_id=ex_id)
                continue
            if key not in FIELDS:
                hint = f.suggest(key, FIELDS)
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
        for missing in (name for name in FIELDS if name in REQUIRED and name not in values):
            self.problem(node, "is missing", exercise_id=ex_id, field=missing)
        checked = self.check_fields(values, key_nodes, ex_id)
        if checked is None or len(self.problems) > before:
            return None
        return checked, key_nodes

    def value(self, node: Any, ex_id: str, key: str) -> Any:
        """Turn a node into plain Python, refusing any tag outside the safe YAML set."""
        unsafe = first_unsafe(node)
        if unsafe is not None:
            bad, path = unsafe
            field = figure_field(path) if key == "figure" else key
            self.problem(bad, unsafe_message(bad), exercise_id=ex_id, field=field)
            return BAD
        if is_scalar(node):
            return scalar(node)
        if key == "figure":
            repeated = duplicate_keys(node)
            for key_node, path in repeated:
                self.problem(key_node, "appears twice", exercise_id=ex_id, field=figure_field(path))
            return BAD if repeated else to_plain(node)
        if is_sequence(node):
            return [
                scalar(n)
                if is_scalar(n)
                else _entries(n, Record(n.start_mark.line + 1))
                if key == "phases" and is_mapping(n)
                else NESTED
                for n in node.value
            ]
        if key in TEXT_MAPPINGS and is_mapping(node):
            return _entries(node, Entries())  # notes (condition -> text), side_words
        return NESTED

    def check_fields(
        self, given: dict[str, Any], nodes: dict[str, Any], ex_id: str
    ) -> Exercise | None:
        """Check every field by its spec, then the rules between fields; None if any failed."""
        before = len(self.problems)
        # Missing fields and values that already produced a problem are checked no further,
        # but every other field still is, so one pass reports everything.
        v = {**dict.fromkeys(REQUIRED, SKIP), **given}
        for spec in EXERCISE_SPECS:  # an empty list ([]) or mapping ({}) reads as left out
            empty = Entries if spec.name in TEXT_MAPPINGS else list
            if spec.default == () and isinstance(v.get(spec.name), empty) and not v[spec.name]:
                v[spec.name] = None
        out: dict[str, Any] = {}

        for spec in EXERCISE_SPECS:
            name = spec.name
            node = nodes.get(name)

            def report(
                message: str, *path: int | str, _node: Any = node, _name: str = name
            ) -> None:
                at = At(line_at(_node, path) or 1) if path else _node
                self.problem(at, message, exercise_id=ex_id, field=_name)

            value = v.get(name, SKIP if spec.required else None)
            if spec.kind == "custom":
                if value is SKIP or value is BAD or (value is None and spec.nullable):
                    out[name] = spec.default
                else:
                    out[name] = getattr(self, f"check_{name}")(value, nodes, ex_id, out)
            else:
                out[name] = f.check_field(spec, value, report, id_pattern=ID_RE)
        if out["side_words"] and out["per_side"] is False:
            self.problem(
                nodes["side_words"],
                "only per-side exercises name their sides (per_side is false)",
                exercise_id=ex_id,
                field="side_words",
            )
        breathing, phases = out["breathing"], out["phases"]
        if breathing == "with-movement" and not phases and v.get("phases") is not BAD:
            if v.get("phases") is None:
                self.problem(
                    nodes["breathing"],
                    "with-movement needs 'phases': the two positions of each rep, each with "
                    "its breath",
                    exercise_id=ex_id,
                    field="breathing",
                )
        elif phases and breathing is not BAD and breathing != "with-movement":
            self.problem(
                nodes["phases"],
                f"only with-movement exercises name phases (breathing is {breathing})",
                exercise_id=ex_id,
                field="phases",
            )
        if len(self.problems) > before or any(out[s.name] is BAD for s in EXERCISE_SPECS):
            return None
        return Exercise(
            id=out["id"],
            name=out["name"],
            kind=out["kind"],
            position=out["position"],
            causes=out["causes"],
            max_severity=out["max_severity"],
            hold_seconds=out["hold_seconds"],
            reps=out["reps"],
            per_side=out["per_side"],
            rest_seconds=out["rest_seconds"],
            steps=out["steps"],
            stop_if=out["stop_if"],
            equipment=out["equipment"],
            movements=out["movements"],
            notes=out["notes"],
            easier=out["easier"],
            harder=out["harder"],
            similar=out["similar"],
            side_order=out["sides"],
            side_words=out["side_words"],
            action=out["action"],
            breathing=out["breathing"],
            phases=out["phases"],
            why=out["why"],
            figure=out["figure"],
        )

    def check_sides(self, val: Any, nodes: Any, ex_id: str, out: dict[str, Any]) -> Any:
        """'sides': required (alternate or in-turn) for per-side work, absent otherwise."""
        per_side, position = out["per_side"], out["position"]
        if not isinstance(per_side, bool):
            return None  # per_side itself is wrong or missing (already reported)

        def bad(at: Any, message: str) -> None:
            self.problem(at, message, exercise_id=ex_id, field="sides")

        if val is None:
            if per_side:
                at = nodes["sides"] if "sides" in nodes else nodes["per_side"]
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
            extra = f.did_you_mean(val, SIDE_ORDERS)
            bad(nodes["sides"], f"must be one of {', '.join(SIDE_ORDERS)} (got {show(val)}){extra}")
            return None
        if val != "in-turn" and isinstance(position, str) and position in IN_TURN_POSITIONS:
            bad(
                nodes["sides"],
                f"must be in-turn for an exercise done {position}: all reps on one side, then "
                "all on the other, because turning over between reps is itself a trigger",
            )
        return str(val)

    def check_side_words(
        self, val: Any, nodes: Any, ex_id: str, out: dict[str, Any]
    ) -> tuple[tuple[str, str], ...]:
        """'side_words': left and right, each in body words; each wrong entry at its line."""
        before = len(self.problems)

        def bad(at: Any, message: str) -> None:
            self.problem(at, message, exercise_id=ex_id, field="side_words")

        if not isinstance(val, Entries):
            bad(
                nodes["side_words"],
                f"must be a mapping of left and right to words (got {show(val)})",
            )
            return ()
        found = self.text_entries(
            val,
            ex_id,
            "side_words",
            unknown=lambda side: f"unknown side {show(side)} (known: {', '.join(SIDES)})",
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

    def check_phases(
        self, val: Any, nodes: Any, ex_id: str, out: dict[str, Any]
    ) -> tuple[tuple[str, str], ...]:
        """'phases': exactly two entries, each a name and a breath (in or out), one of each."""
        before = len(self.problems)

        def bad(at: Any, message: str) -> None:
            self.problem(at, message, exercise_id=ex_id, field="phases")

        shape = "a list of two phases, each with a name and a breath"
        if not isinstance(val, list):
            bad(nodes["phases"], f"must be {shape} (got {show(val)})")
            return ()
        if len(val) != 2:
            bad(nodes["phases"], f"must list exactly two phases (got {len(val)})")
        found: list[tuple[str, str]] = []
        for number, item in enumerate(val, start=1):
            if not isinstance(item, Record):
                bad(
                    nodes["phases"],
                    f"phase {number} must be a name and a breath (got {show(item)})",
                )
                continue
            given: dict[str, str] = {}
            for key, value, line in item.entries:
                if key not in PHASE_KEYS:
                    message = (
                        f"phase {number} has unknown key {show(key)} "
                        f"(known: {', '.join(PHASE_KEYS)})"
                    )
                elif key in given:
                    message = f"phase {number} gives '{key}' more than once"
                elif key == "breath" and value not in BREATHS:
                    message = f"phase {number}: breath must be in or out (got {show(value)})"
                elif not isinstance(value, str) or not value.strip():
                    message = f"phase {number}: {key} must be non-empty text (got {show(value)})"
                elif f.CONTROL.search(value):
                    message = f"phase {number}: {key} must not contain control characters"
                else:
                    given[key] = value.strip()
                    continue
                given.setdefault(key, "")  # reported: not 'missing' as well
                bad(At(line), message)
            for key in PHASE_KEYS:
                if key not in given:
                    bad(At(item.line), f"phase {number} is missing '{key}'")
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

    def check_notes(
        self, val: Any, nodes: Any, ex_id: str, out: dict[str, Any]
    ) -> tuple[tuple[str, str], ...]:
        """The (condition, text) pairs of a 'notes' mapping; each wrong entry at its own line."""
        if not isinstance(val, Entries):
            self.problem(
                nodes["notes"],
                f"must be a mapping of health condition to text (got {show(val)})",
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

    def check_figure(self, val: Any, nodes: Any, ex_id: str, out: dict[str, Any]) -> Any:
        """'figure': a mapping, checked by the figures package (each problem at its line)."""
        node = nodes["figure"]
        if not isinstance(val, dict):
            self.problem(
                node,
                f"must be a mapping describing the figure (got {show(val)})",
                exercise_id=ex_id,
                field="figure",
            )
            return BAD
        found = figure_problems(val)
        for path, sentence in found:
            self.problem(
                At(line_at(node, path) or node.start_mark.line + 1),
                sentence,
                exercise_id=ex_id,
                field=figure_field(path),
            )
        return BAD if found else val

    def text_entries(
        self,
        val: Entries,
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
                message = f"{text_of(key)} must be non-empty text (got {show(text)})"
            elif f.CONTROL.search(text):
                message = f"{text_of(key)} must not contain control characters"
            else:
                found[key] = text.strip()
                continue
            self.problem(At(line), message, exercise_id=ex_id, field=field)
        return found
