"""YAML read safely, keeping every node's line: shared by the catalogue and the config file.

PyYAML is the only YAML reader (``CSafeLoader`` when it has its C extension): tags such as
``!!python/object`` are refused, never executed. The composed node tree is kept so any
path inside a document, e.g. ``("exercises", 3, "steps", 1)``, maps back to a line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from stretchcoach.errors import StretchcoachError

#: The YAML tags a document may use; anything else is refused.
SAFE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "binary")
)
STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"
MAP_TAG = "tag:yaml.org,2002:map"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located as precisely as possible."""

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


class Invalid:
    """Marks a value that already produced a problem (or a nested value a field never takes)."""

    def __init__(self, label: str) -> None:
        self.label = label

    def __repr__(self) -> str:
        return self.label


#: A scalar YAML itself cannot turn into a value (e.g. an out-of-range date).
UNREADABLE = Invalid("a value YAML cannot read")


class _Mark:
    __slots__ = ("line",)

    def __init__(self, line: int) -> None:
        self.line = line


class At:
    """Stands in for a YAML node where only its (1-based) line is known."""

    __slots__ = ("start_mark",)

    def __init__(self, line: int) -> None:
        self.start_mark = _Mark(line - 1)


def line_of(node: Any) -> int | None:
    """The 1-based line a node (or an ``At``) starts on; None for no node."""
    return node.start_mark.line + 1 if node is not None else None


def yaml_loader() -> type:
    """PyYAML's safe loader, the C one when available."""
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
        return yaml.compose(text, Loader=yaml_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        raise error([Problem(source, line, f"is not valid YAML: {what}")]) from None
    except yaml.YAMLError as exc:
        raise error([Problem(source, None, f"is not valid YAML: {exc}")]) from None
    except RecursionError:
        raise error([Problem(source, None, "is nested too deeply to read")]) from None


_constructor: list[Any] = []


def scalar(node: Any) -> Any:
    """A scalar node's value as safe YAML reads it; dates and bytes stay the text written."""
    from yaml.constructor import ConstructorError, SafeConstructor

    tag = node.tag
    if tag == STR_TAG or tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"):
        return node.value  # no field wants a date or bytes: keep them as text
    if not _constructor:
        _constructor.append(SafeConstructor())  # one shared (making one per scalar is slow)
    constructor = _constructor[0]
    try:
        return constructor.construct_object(node)
    except (ConstructorError, ValueError, OverflowError):
        return UNREADABLE
    finally:
        constructor.constructed_objects.clear()
        constructor.recursive_objects.clear()


def is_null(node: Any) -> bool:
    """Whether a node is YAML's null (``~``, ``null`` or nothing at all)."""
    import yaml

    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG


def is_scalar(node: Any) -> bool:
    import yaml

    return isinstance(node, yaml.ScalarNode)


def is_mapping(node: Any) -> bool:
    import yaml

    return isinstance(node, yaml.MappingNode)


def is_sequence(node: Any) -> bool:
    import yaml

    return isinstance(node, yaml.SequenceNode)


def short_tag(tag: str) -> str:
    """A tag as people write it (``!!python/object``)."""
    return tag.replace("tag:yaml.org,2002:", "!!")


def first_unsafe_tag(node: Any) -> Any | None:
    """The first node under ``node`` whose tag is outside the safe set, or None."""
    stack = [node]
    seen: set[int] = set()  # aliases share nodes: visit each once (no "billion laughs")
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if current.tag not in SAFE_TAGS:
            return current
        value = current.value
        if isinstance(value, list):
            for item in value:
                if isinstance(item, tuple):
                    stack.extend(item)
                else:
                    stack.append(item)
    return None


def describe(node: Any) -> str:
    """A node in words, for 'must be a list, not ...' messages."""
    if is_mapping(node):
        return "a mapping"
    if is_sequence(node):
        return "a list"
    return f"the value {node.value!r}"[:60]


def to_plain(node: Any) -> Any:
    """A node as plain Python (dicts, lists, scalars); alias cycles become UNREADABLE."""
    return _plain(node, set())


def _plain(node: Any, active: set[int]) -> Any:
    if is_scalar(node):
        return scalar(node)
    if id(node) in active:
        return UNREADABLE
    active.add(id(node))
    try:
        if is_sequence(node):
            return [_plain(item, active) for item in node.value]
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = scalar(key_node) if is_scalar(key_node) else UNREADABLE
            try:
                out[key] = _plain(value_node, active)
            except TypeError:  # an unhashable key
                out[repr(key)] = UNREADABLE
        return out
    finally:
        active.discard(id(node))


def node_at(node: Any, path: Sequence[str | int]) -> Any:
    """The deepest node along ``path`` (mapping keys and list indexes) that exists."""
    current = node
    for step in path:
        found = None
        if is_mapping(current):
            for key_node, value_node in current.value:
                if is_scalar(key_node) and (key_node.value == step or str(step) == key_node.value):
                    found = value_node
                    break
        elif is_sequence(current) and isinstance(step, int) and 0 <= step < len(current.value):
            found = current.value[step]
        if found is None:
            break
        current = found
    return current


def line_at(node: Any, path: Sequence[str | int]) -> int | None:
    """The line of the node at ``path`` (or of the deepest part of it that exists)."""
    return line_of(node_at(node, path))
