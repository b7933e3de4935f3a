"""Field checks driven by a table of specs, shared by the catalogue and the config file.

A ``Spec`` says what one field holds (text, a whole number in a range, one of some words,
a list...). ``check_field`` checks one value against its spec and reports each problem
through a callback, so the caller decides how a problem is located (file, line, exercise,
field). Messages are the same wherever a kind of field is used, unless the spec gives its
own wording (the config file speaks of minutes and days, for instance).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from stretchcoach.exercise import CONTROL
from stretchcoach.yamlsrc import Invalid

#: A value that already produced a problem: checked no further.
BAD: Any = Invalid("an unusable value")
#: A nested list or mapping where a field takes plain values.
NESTED: Any = Invalid("a nested structure")
#: A required field that is missing (reported once as missing, then checked no further).
SKIP: Any = Invalid("a missing value")

#: Reports one problem: a message and, for list fields, the index of the item it is about.
Report = Callable[..., None]


@dataclass(frozen=True)
class Spec:
    """What one field may hold.

    kind: ``text``, ``whole``, ``choice``, ``flag``, ``flag-or-choice``, ``texts`` (a list
    of text, optionally of ``choices``), ``id``, ``ref`` (an id or null), ``ids`` (a list of
    ids) or ``custom`` (``check`` does the work).
    """

    name: str
    kind: str
    required: bool = True
    #: Null (or left out) means ``default``; otherwise null is checked like any value.
    nullable: bool = False
    default: Any = None
    low: int = 0
    high: int | None = None
    choices: tuple[str, ...] = ()
    #: For ``texts`` with choices: the word for one item ("cause") in messages.
    noun: str = ""
    allow_empty: bool = False
    #: For ``texts``: repeats are dropped quietly instead of reported.
    drop_repeats: bool = False
    max_length: int | None = None
    one_line: bool = False
    #: Fixed wording for any problem with the value as a whole.
    message: str | None = None
    #: Fixed wording for a wrong list item, with ``{item}``; reported at the item's index.
    item_message: str | None = None
    check: Callable[[Any, Report], Any] | None = None


def show(value: Any) -> str:
    """A value as a message quotes it: short, and in words for the markers."""
    if isinstance(value, Invalid):
        return value.label
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def suggest(word: str, options: Iterable[str]) -> str | None:
    """The closest option to a mistyped word, or None."""
    import difflib

    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(value: Any, options: Sequence[str]) -> str:
    hint = suggest(value, options) if isinstance(value, str) else None
    return f"; did you mean '{hint}'?" if hint else ""


def check_field(spec: Spec, value: Any, report: Report, *, id_pattern: Any = None) -> Any:
    """The checked value of one field, or BAD after reporting what is wrong with it.

    ``value`` is SKIP for a missing required field (checked no further), or BAD for one
    already reported. Text comes back stripped and lists as tuples.
    """
    if value is SKIP or value is BAD:
        return BAD if spec.required else spec.default
    if value is None and spec.nullable:
        return spec.default
    if spec.check is not None:
        return spec.check(value, report)

    def bad(message: str) -> Any:
        report(spec.message or message)
        return BAD

    kind = spec.kind
    if kind == "text":
        return _text(spec, value, bad)
    if kind == "whole":
        if isinstance(value, bool) or not isinstance(value, int):
            return bad(f"must be a whole number (got {show(value)})")
        if value < spec.low or (spec.high is not None and value > spec.high):
            rng = (
                f"from {spec.low} to {spec.high}"
                if spec.high is not None
                else f"at least {spec.low}"
            )
            return bad(f"must be {rng} (got {value})")
        return value
    if kind == "flag":
        if isinstance(value, bool):
            return value
        return bad(f"must be true or false (got {show(value)})")
    if kind in ("choice", "flag-or-choice"):
        if (kind == "flag-or-choice" and isinstance(value, bool)) or value in spec.choices:
            return value
        extra = did_you_mean(value, spec.choices)
        return bad(f"must be one of {', '.join(spec.choices)} (got {show(value)}){extra}")
    if kind == "id":
        if isinstance(value, str) and id_pattern is not None and id_pattern.match(value):
            return value
        return bad(f"must be lower-case words joined by hyphens (got {show(value)})")
    if kind == "ref":
        if isinstance(value, str) and id_pattern is not None and id_pattern.match(value):
            return value
        return bad(f"must be an exercise id or null (got {show(value)})")
    if kind == "ids":
        items = _texts(spec, value, report, bad)
        if items is BAD:
            return BAD
        for item in items:
            if id_pattern is None or not id_pattern.match(item):
                return bad(f"must list exercise ids (got {show(item)})")
        if len(set(items)) != len(items):
            return bad("lists an exercise more than once")
        return items
    if kind == "texts":
        return _texts(spec, value, report, bad)
    raise ValueError(f"unknown field kind {kind!r}")


def _text(spec: Spec, value: Any, bad: Callable[[str], Any]) -> Any:
    if not isinstance(value, str) or not value.strip():
        return bad(f"must be non-empty text (got {show(value)})")
    if CONTROL.search(value):
        return bad("must not contain control characters (such as escape codes)")
    text = value.strip()
    if spec.one_line and "\n" in text:
        return bad("must be one line")
    if "\t" in text:
        return bad("must not contain tabs (use spaces)")
    if spec.max_length is not None and len(text) > spec.max_length:
        return bad(f"must be at most {spec.max_length} characters (got {len(text)})")
    return text


def _texts(spec: Spec, value: Any, report: Report, bad: Callable[[str], Any]) -> Any:
    """A list of text (``texts`` and ``ids``): tuple of stripped items, or BAD."""
    if not isinstance(value, list):
        return bad(f"must be a list (got {show(value)})")
    if not value and not spec.allow_empty:
        return bad("must list at least one item")
    items: list[str] = []
    ok = True
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip() or CONTROL.search(item):
            if spec.item_message is not None:
                report(spec.item_message.format(item=item), index)
                ok = False
                continue
            if isinstance(item, str) and item.strip():
                return bad("must not contain control characters (such as escape codes)")
            return bad(f"items must be non-empty text (got {show(item)})")
        text = item.strip()
        if "\t" in text:
            return bad("must not contain tabs (use spaces)")
        if spec.choices and text not in spec.choices:
            ok = False
            if spec.item_message is not None:
                report(spec.item_message.format(item=text), index)
            else:
                known = ", ".join(spec.choices)
                extra = did_you_mean(text, spec.choices)
                report(f"unknown {spec.noun} '{text}' (known: {known}){extra}")
        if spec.drop_repeats and text in items:
            continue
        items.append(text)
    if spec.choices and not spec.drop_repeats and len(set(items)) != len(items):
        report(f"lists a{'n' if spec.noun[:1] in 'aeiou' else ''} {spec.noun} more than once")
        ok = False
    return tuple(items) if ok else BAD
