"""The person's written flare-up plan: what helps, what to drop for a few days, who to call.

Pure: no terminal and no files. The plan lives in config.yaml under ``flare_plan:``; this
module validates that part of the YAML (with file and line), turns a plan back into YAML
text, and decides when a pain score means the plan should be shown without being asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stretchcoach.catalogue import Problem, ProblemsError, compose_yaml

#: The three lists of a plan, in the order they are shown and written.
SECTIONS: tuple[str, ...] = ("helps", "avoid", "contacts")
#: How each list is introduced to the person.
SECTION_TITLES: dict[str, str] = {
    "helps": "What helps me",
    "avoid": "What I drop for a few days",
    "contacts": "Who I call",
}
#: What each list is for, asked when the plan is written item by item.
SECTION_QUESTIONS: dict[str, str] = {
    "helps": "What helps you through a flare-up (a position, heat, a short walk...)?",
    "avoid": "What do you drop or cut down for a few days (lifting, long drives...)?",
    "contacts": "Who do you call if it does not settle (your GP, physio, a friend)?",
}
#: Limits that keep a plan short enough to read on a bad day.
MAX_ITEMS = 12
MAX_ITEM_CHARS = 200

#: Pain 7-8 shows the plan (9-10 is a safety stop with its own advice).
SHOW_AT: tuple[int, int] = (7, 8)
#: A rise of this many points (clinically meaningful on the 0-10 scale) shows the plan.
SHOW_RISE = 2

#: Short, general flare-up advice, shown above the person's own plan.
GENERAL_ADVICE: tuple[str, ...] = (
    "Flare-ups are common and usually settle within days to a few weeks. A flare hurts, "
    "but it does not usually mean new damage.",
    "Keep gently moving as you can: short walks around the house, changing position often. "
    "Long spells in bed tend to slow recovery.",
    "Do less for a few days rather than stopping everything, then build back up slowly.",
    "Slow breathing, heat and a comfortable resting position can take the edge off.",
    "Call your local emergency number for new numbness around your bottom or genitals, new "
    "trouble peeing or pooing, or weakness in both legs. See a doctor if the pain is not "
    "settling, keeps getting worse, or you are worried.",
)
#: Said when there is no plan yet.
NO_PLAN_HINT = (
    "You have no flare-up plan of your own yet. Write one while you feel well: "
    "stretchcoach flare --edit"
)


@dataclass(frozen=True)
class FlarePlan:
    """A written flare-up plan: three lists of short texts (any may be empty)."""

    helps: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.helps or self.avoid or self.contacts)

    def section(self, name: str) -> tuple[str, ...]:
        """One list by its name (``helps``, ``avoid`` or ``contacts``)."""
        value: tuple[str, ...] = getattr(self, name)
        return value

    def to_dict(self) -> dict[str, list[str]]:
        """The plan as config.yaml and ``--format json`` hold it."""
        return {name: list(self.section(name)) for name in SECTIONS}


def from_dict(data: Any) -> FlarePlan | None:
    """A plan from an already-validated ``flare_plan`` value (None when there is none)."""
    if not data:
        return None
    return FlarePlan(**{name: tuple(data.get(name) or ()) for name in SECTIONS})


#: Records one problem: (YAML node or None, field, message).
Report = Callable[[Any, str, str], None]


def validate_node(node: Any, report: Report, field: str = "flare_plan") -> dict[str, Any] | None:
    """Validate the YAML node of ``flare_plan``; the plan as a dict, or None when absent.

    Each shape problem is reported once, at the node that is wrong (so the message has its
    line): the plan must be a mapping of ``helps``, ``avoid`` and ``contacts`` to lists of
    short texts. Returns None (after reporting) when the plan cannot be used.
    """
    import yaml

    from stretchcoach.yamlsrc import first_unsafe_tag, unsafe_message

    if _is_null(node):
        return None
    unsafe = first_unsafe_tag(node)
    if unsafe is not None:  # e.g. !!python/object: refused by name, at its own line
        report(unsafe, field, f"uses a {unsafe_message(unsafe)}; write plain lists of text")
        return None
    if not isinstance(node, yaml.MappingNode):
        report(node, field, _SHAPE)
        return None
    out: dict[str, list[str]] = {name: [] for name in SECTIONS}
    seen: set[str] = set()
    ok = True
    for key_node, value in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in SECTIONS:
            report(
                key_node,
                f"{field}.{key}" if key else field,
                f"is not a list of the plan ({', '.join(SECTIONS)})",
            )
            ok = False
            continue
        if key in seen:
            report(key_node, f"{field}.{key}", "is repeated")
            ok = False
            continue
        seen.add(key)
        items = _items(value, report, f"{field}.{key}")
        if items is None:
            ok = False
        else:
            out[key] = items
    return out if ok else None


_SHAPE = (
    "must be a mapping with the lists helps, avoid and contacts, e.g. "
    "'helps: [a short walk, heat on my back]'"
)


def _items(node: Any, report: Report, field: str) -> list[str] | None:
    """One list of short texts (null or [] for none); None when bad.

    A bare value (``helps: heat``, ``helps: 5``) is refused rather than guessed at: the
    plan is a list, written ``helps: [heat]`` or one ``- item`` a line.
    """
    import yaml

    if _is_null(node):
        return []
    if isinstance(node, yaml.SequenceNode):
        nodes = list(node.value)
    else:
        name = field.rsplit(".", 1)[-1]
        example = f"{name}: [{node.value}]" if isinstance(node, yaml.ScalarNode) else ""
        hint = f", e.g. '{example}'" if example and "\n" not in example else ""
        report(
            node,
            field,
            f"must be a list of short texts, one per line starting with '- '{hint}",
        )
        return None
    if len(nodes) > MAX_ITEMS:
        report(node, field, f"has {len(nodes)} items; keep it to {MAX_ITEMS} or fewer")
        return None
    out: list[str] = []
    for item in nodes:
        if not isinstance(item, yaml.ScalarNode) or _is_null(item):
            report(item, field, "each item must be a short text on one line")
            return None
        text = " ".join(str(item.value).split())
        if not text:
            continue
        if len(text) > MAX_ITEM_CHARS:
            report(
                item,
                field,
                f"an item is {len(text)} characters; keep each to {MAX_ITEM_CHARS} or fewer",
            )
            return None
        out.append(text)
    return out


def _is_null(node: Any) -> bool:
    import yaml

    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def parse_text(text: str, *, source: str) -> FlarePlan:
    """A plan from YAML text holding only the three lists (what ``flare --edit`` opens).

    Raises FlarePlanError (exit 1) with file and line for the first problem found.
    """
    root = compose_yaml(text, source=source, error=FlarePlanError)
    problems: list[Problem] = []

    def report(node: Any, field: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        problems.append(Problem(source, line, message, None, field))

    plan = validate_node(root, report, field="flare plan")
    if problems:
        raise FlarePlanError(problems[:1])
    return from_dict(plan) or FlarePlan()


class FlarePlanError(ProblemsError):
    """The edited flare-up plan cannot be used (exit 1); nothing is saved."""

    subject = "The flare-up plan"


# --------------------------------------------------------------------------- YAML text


def to_yaml(plan: FlarePlan, *, key: str | None = "flare_plan") -> str:
    """The plan as a YAML block (under ``key``, or bare when key is None), one item a line."""
    import json

    indent = "  " if key else ""
    lines = [f"{key}:"] if key else []
    for name in SECTIONS:
        items = plan.section(name)
        if not items:
            lines.append(f"{indent}{name}: []")
            continue
        lines.append(f"{indent}{name}:")
        # JSON strings are valid YAML double-quoted scalars: any text round-trips safely.
        lines.extend(f"{indent}  - {_scalar(item, json.dumps)}" for item in items)
    return "\n".join(lines) + "\n"


def _scalar(text: str, quote: Callable[..., str]) -> str:
    """The text bare when YAML would read it back unchanged, else double-quoted."""
    import yaml

    try:
        if yaml.safe_load(text) == text and text.strip() == text and "#" not in text:
            return text
    except yaml.YAMLError:
        pass
    return quote(text, ensure_ascii=False)


EDIT_HEADER = (
    "# Your flare-up plan. Write it while you feel well, so it is ready on a bad day.\n"
    "# helps: what helps you (a position, heat, slow breathing, a short walk...)\n"
    "# avoid: what you drop or cut down for a few days (lifting, long drives...)\n"
    "# contacts: who you call if it does not settle (GP, physiotherapist, a friend)\n"
    "# One item per line, starting with '- '. Lines starting with # are ignored.\n"
)


def edit_text(plan: FlarePlan | None) -> str:
    """What ``flare --edit`` opens in the editor: a short guide, then the three lists."""
    return EDIT_HEADER + to_yaml(plan or FlarePlan(), key=None)


def replace_in_config(text: str, plan: FlarePlan, *, source: str) -> str:
    """config.yaml text with its top-level ``flare_plan`` block replaced by ``plan``.

    Everything else (other settings, profiles, comments) is kept as it was. The block is
    appended when the file has none. ``text`` must already be a valid config file.
    """
    import yaml

    from stretchcoach.config import ConfigError

    root = compose_yaml(text, source=source, error=ConfigError)
    newline = line_ending(text)
    block = to_yaml(plan).replace("\n", newline)
    lines = text.splitlines(keepends=True)
    if isinstance(root, yaml.MappingNode):
        pairs = root.value
        for n, (key_node, _value) in enumerate(pairs):
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == "flare_plan":
                first = key_node.start_mark.line
                end = pairs[n + 1][0].start_mark.line if n + 1 < len(pairs) else len(lines)
                # Comments and blank lines just before the next setting (or at the end of
                # the file) stay where they are.
                while end - 1 > first and _blank_or_comment(lines[end - 1]):
                    end -= 1
                return "".join([*lines[:first], block, *lines[end:]])
    prefix = "".join(lines)
    if prefix and not prefix.endswith("\n"):
        prefix += newline
    return prefix + block


def line_ending(text: str) -> str:
    """The file's own line ending ("\\r\\n" when most lines end so), kept when it is edited."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf >= text.count("\n") - crlf else "\n"


def _blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


# --------------------------------------------------------------------------- when to show it


def show_automatically(pain_now: int | None, *, since: int | None) -> bool:
    """Whether a pain score should bring up the flare-up plan unasked.

    Yes at pain 7-8, or when pain has risen by 2 or more since ``since`` (the score at the
    session's start or at the last check). 9-10 is a safety stop with its own advice, so
    only a rise brings the plan there.
    """
    if pain_now is None:
        return False
    if SHOW_AT[0] <= pain_now <= SHOW_AT[1]:
        return True
    return since is not None and pain_now - since >= SHOW_RISE


#: Why the plan is shown when a check-in during the routine said the pain rose by 2 or more.
ROSE_IN_CHECK_IN = (
    "You said your pain went up by 2 points or more. Here is your flare-up plan, in case you "
    "need it."
)


def reason(pain_now: int, *, since: int | None) -> str:
    """One line saying why the plan is shown."""
    if since is not None and pain_now - since >= SHOW_RISE:
        return (
            f"Your pain has gone up from {since} to {pain_now}. Here is your flare-up plan, "
            "in case you need it."
        )
    return f"Your pain is {pain_now} out of 10. Here is your flare-up plan, in case it helps."
