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
#: The tag of a merge key (``<<: *anchor``), which a catalogue may not use.
MERGE_TAG = "tag:yaml.org,2002:merge"
#: What a merge key is told, wherever it is written.
MERGE_MESSAGE = "merge keys (<<) are not supported: write the fields out in full"
#: Added to a YAML syntax error on a line indented with a tab.
TAB_HINT = " (tabs cannot indent YAML: use spaces)"

#: A path inside a document: mapping keys and list indexes.
NodePath = tuple[str | int, ...]


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
    """The YAML node tree (kept for line numbers), read safely; ``error`` for bad YAML.

    Every problem is one line with the file and line: a control character YAML refuses is
    located from its position, and a line indented with a tab gets a hint.
    """
    import yaml

    try:
        return yaml.compose(text, Loader=yaml_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        if " a tab " in what or (line is not None and _tab_indented(text, line)):
            what += TAB_HINT
        raise error([Problem(source, line, f"is not valid YAML: {what}")]) from None
    except yaml.reader.ReaderError as exc:
        line, column = _line_and_column(text, exc.position, yaml_loader() is yaml.SafeLoader)
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        message = (
            f"contains the control character #x{code:04x} at column {column}, "
            "which YAML does not allow; remove it"
        )
        raise error([Problem(source, line, message)]) from None
    except yaml.YAMLError as exc:
        what = " ".join(str(exc).split())
        raise error([Problem(source, None, f"is not valid YAML: {what}")]) from None
    except RecursionError:
        raise error([Problem(source, None, "is nested too deeply to read")]) from None


def _line_and_column(text: str, position: int, in_characters: bool) -> tuple[int, int]:
    """The 1-based line and column of a reader position (the C reader counts UTF-8 bytes,
    the pure-Python one characters)."""
    if in_characters:
        before = text[: max(0, position)]
    else:
        before = text.encode("utf-8", "surrogatepass")[: max(0, position)].decode(
            "utf-8", "replace"
        )
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def _tab_indented(text: str, line: int) -> bool:
    """Whether the (1-based) line, or the one before it, is indented with a tab."""
    lines = text.split("\n")
    for number in (line, line - 1):
        if 1 <= number <= len(lines):
            body = lines[number - 1]
            if "\t" in body[: len(body) - len(body.lstrip(" \t"))]:
                return True
    return False


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
    found = first_unsafe(node)
    return found[0] if found is not None else None


def first_unsafe(node: Any) -> tuple[Any, NodePath] | None:
    """The first node (in file order) whose tag is outside the safe set, with its path.

    A mapping key's path is the mapping's (a merge key ``<<`` belongs to the mapping it is
    written in); a value's is the mapping's plus its key.
    """
    stack: list[tuple[Any, NodePath]] = [(node, ())]
    seen: set[int] = set()  # aliases share nodes: visit each once (no "billion laughs")
    while stack:
        current, path = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if current.tag not in SAFE_TAGS:
            return current, path
        stack.extend(reversed(_children(current, path)))
    return None


def unsafe_message(node: Any) -> str:
    """What an unsafe node is told: merge keys plainly, any other tag by name."""
    if node.tag == MERGE_TAG:
        return MERGE_MESSAGE
    return f"YAML tag '{short_tag(node.tag)}' is not allowed"


def _children(node: Any, path: NodePath) -> list[tuple[Any, NodePath]]:
    """A node's keys and values (or items), each with its path, in file order."""
    value = node.value
    if not isinstance(value, list):
        return []
    out: list[tuple[Any, NodePath]] = []
    for index, item in enumerate(value):
        if isinstance(item, tuple):
            key_node, value_node = item
            out.append((key_node, path))
            out.append((value_node, (*path, _key_name(key_node))))
        else:
            out.append((item, (*path, index)))
    return out


def _key_name(key_node: Any) -> str:
    return str(key_node.value) if is_scalar(key_node) else "?"


def duplicate_keys(node: Any) -> list[tuple[Any, NodePath]]:
    """Every key written a second time in a mapping under ``node``, with the key's path
    (in file order; YAML itself would keep the last one quietly)."""
    found: list[tuple[Any, NodePath]] = []
    stack: list[tuple[Any, NodePath]] = [(node, ())]
    seen: set[int] = set()
    while stack:
        current, path = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if is_mapping(current):
            keys: set[Any] = set()
            for key_node, _ in current.value:
                if not is_scalar(key_node):
                    continue
                key = (key_node.tag, key_node.value)
                if key in keys:
                    found.append((key_node, (*path, _key_name(key_node))))
                keys.add(key)
        stack.extend(reversed(_children(current, path)))
    found.sort(key=lambda item: (item[0].start_mark.line, item[0].start_mark.column))
    return found


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
