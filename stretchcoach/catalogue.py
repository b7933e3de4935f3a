"""The exercise catalogue: loading, merging and looking up exercises.

The public face of the catalogue: ``load``, ``load_many``, ``parse`` and ``Catalogue``.
The work is split: ``stretchcoach.yamlsrc`` reads YAML safely with line numbers,
``stretchcoach.exercise`` is the record and its vocabularies, ``stretchcoach.validator``
checks each field against a table of specs, and ``stretchcoach.catalogue_cache`` keeps
validated catalogues so a second load is quick. Names other modules import from here are
re-exported below.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from stretchcoach.exercise import (
    ACTIONS,
    BREATHING,
    BREATHS,
    CAUSES,
    CONDITIONS,
    DESK_POSITIONS,
    FIELDS,
    ID_RE,
    IN_TURN_POSITIONS,
    KINDS,
    MOVEMENTS,
    OPTIONAL,
    PHASE_KEYS,
    POSITIONS,
    REQUIRED,
    SIDE_ORDERS,
    SIDES,
    Exercise,
)
from stretchcoach.validator import WHY_MAX, CatalogueError, Either, Validator
from stretchcoach.yamlsrc import Problem, ProblemsError, compose_yaml, decode_text

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "ACTIONS",
    "BREATHING",
    "BREATHS",
    "CAUSES",
    "CONDITIONS",
    "DESK_POSITIONS",
    "ENV_VAR",
    "FIELDS",
    "IN_TURN_POSITIONS",
    "KINDS",
    "MAX_BYTES",
    "MOVEMENTS",
    "OPTIONAL",
    "PHASE_KEYS",
    "POSITIONS",
    "REQUIRED",
    "SIDES",
    "SIDE_ORDERS",
    "WHY_MAX",
    "Catalogue",
    "CatalogueError",
    "Exercise",
    "Problem",
    "ProblemsError",
    "compose_yaml",
    "decode_text",
    "ids_beside",
    "listed_in_config",
    "load",
    "load_many",
    "load_to_add",
    "packaged_path",
    "parse",
    "resolve_path",
    "suggest_ids",
]

ENV_VAR = "STRETCHCOACH_CATALOGUE"
#: The largest catalogue file read (far above any real one; keeps a wrong path harmless).
MAX_BYTES = 64 * 1024 * 1024
#: Kept for callers that match ids: lower-case words joined by hyphens.
_ID_RE = ID_RE


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


# --------------------------------------------------------------------------- locating


def packaged_path() -> Path:
    """The catalogue shipped with stretchcoach (inside the wheel, or data/ in a checkout)."""
    from pathlib import Path

    here = Path(__file__).resolve().parent
    installed = here / "data" / "exercises.yaml"  # inside an installed wheel
    if installed.is_file():
        return installed
    checkout = here.parent / "data" / "exercises.yaml"  # a source checkout or editable install
    if checkout.is_file():
        return checkout
    # Anything else (a zip import, say): ask the import system. Looked up last because
    # importing importlib.resources costs more start-up time than the two checks above.
    from importlib import resources

    return Path(str(resources.files("stretchcoach").joinpath("data").joinpath("exercises.yaml")))


def resolve_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Which catalogue to use: --catalogue, then $STRETCHCOACH_CATALOGUE, then the built-in one."""
    from pathlib import Path

    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return packaged_path()


# --------------------------------------------------------------------------- loading


def load(
    path: str | os.PathLike[str] | None = None, *, refs_elsewhere: Container[str] | None = None
) -> Catalogue:
    """Read and validate a catalogue file; raise CatalogueError listing every problem.

    A file already validated (same content, same program version) comes from the cache.
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
    from stretchcoach import catalogue_cache

    key = catalogue_cache.digest(raw)
    cached = catalogue_cache.read(source, key)
    if cached is not None:
        exercises, lines = cached
        known: Container[str] = lines if refs_elsewhere is None else Either(lines, refs_elsewhere)
        # Valid when cached; its references must still resolve here (else: report them).
        if all(ref in known for ex in exercises for ref in _refs(ex)):
            return _catalogue(exercises, lines, source)
    exercises, lines = _validate(raw, source, refs_elsewhere)
    catalogue_cache.write(source, key, exercises, lines)
    return _catalogue(exercises, lines, source)


def parse(
    raw: bytes | str,
    *,
    source: str = "<catalogue>",
    refs_elsewhere: Container[str] | None = None,
) -> Catalogue:
    """Parse catalogue text (bytes must be UTF-8) and validate it (never cached).

    ``refs_elsewhere``: ids defined in other files that easier/harder/similar may name.
    """
    exercises, lines = _validate(raw, source, refs_elsewhere)
    return _catalogue(exercises, lines, source)


def _validate(
    raw: bytes | str, source: str, refs_elsewhere: Container[str] | None
) -> tuple[list[Exercise], dict[str, int]]:
    text = decode_text(raw, source=source, error=CatalogueError)
    root = compose_yaml(text, source=source, error=CatalogueError)
    return Validator(source).catalogue(root, refs_elsewhere)


def _catalogue(exercises: list[Exercise], lines: Mapping[str, int], source: str) -> Catalogue:
    origins = {ex_id: (source, line) for ex_id, line in lines.items()}
    return Catalogue(tuple(exercises), source=source, origins=origins)


class _Anything:
    """Every id: references are checked later, once every file's ids are known."""

    def __contains__(self, item: object) -> bool:
        return True


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
            problems.extend(_say_where_listed(exc.problems))
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


#: Problems with a file itself (not its content): the file config.yaml lists is not usable.
_FILE_PROBLEMS = ("file not found", "is a folder, not a catalogue file", "is not a regular file")


def _say_where_listed(problems: Sequence[Problem]) -> list[Problem]:
    """A file that cannot be used says where config.yaml lists it, for the person to fix the
    list or the file (config.yaml is read again only then, to find the line)."""
    out = []
    for problem in problems:
        if problem.line is None and (
            problem.message in _FILE_PROBLEMS or problem.message.startswith("cannot be read")
        ):
            where = listed_in_config(problem.source)
            if where is not None:
                message = f"{problem.message} (listed in config.yaml's 'catalogues', {where})"
                problem = Problem(problem.source, None, message)
        out.append(problem)
    return out


def listed_in_config(path: str | os.PathLike[str]) -> str | None:
    """Where config.yaml's ``catalogues`` lists this file, as ``<config path>:<line>``, or None.

    Entries resolve as the config loader resolves them: relative to config.yaml's folder.
    A config file that cannot be read or parsed lists nothing.
    """
    from pathlib import Path

    from stretchcoach import paths
    from stretchcoach.yamlsrc import is_mapping, is_scalar, is_sequence

    config = paths.config_path()
    try:
        text = decode_text(config.read_bytes(), source=str(config), error=CatalogueError)
        root = compose_yaml(text, source=str(config), error=CatalogueError)
    except (OSError, CatalogueError):
        return None
    if not is_mapping(root):
        return None
    folder = config.expanduser().resolve().parent
    wanted = Path(path).expanduser().resolve()
    for key, value in root.value:
        if not (is_scalar(key) and key.value == "catalogues"):
            continue
        entries = value.value if is_sequence(value) else [value]
        for entry in entries:
            if not (is_scalar(entry) and isinstance(entry.value, str) and entry.value):
                continue
            if (folder / Path(entry.value).expanduser()).resolve() == wanted:
                return f"{config}:{entry.start_mark.line + 1}"
    return None


def ids_beside(paths: Sequence[str | os.PathLike[str]]) -> dict[str, str]:
    """Every exercise id of these catalogue files, each with the file it is defined in.

    For a file meant to be added beside them: its links may name these. A file that cannot
    be read or is not valid adds nothing (``validate`` checks one file at a time).
    """
    out: dict[str, str] = {}
    for path in paths:
        try:
            cat = load(path, refs_elsewhere=_Anything())
        except CatalogueError:
            continue
        for ex in cat:
            out.setdefault(ex.id, cat.source)
    return out


def load_to_add(
    path: str | os.PathLike[str], beside: Callable[[], Mapping[str, str]]
) -> tuple[Catalogue, list[str]]:
    """A catalogue file checked on its own, or as a file added beside other catalogues.

    When its only problems are easier/harder/similar links naming exercises of the other
    files (``beside()``: id -> file, asked only then), the file is valid to add: returns it
    with the ids it links to elsewhere, in file order. A link to an id that exists nowhere
    stays a problem (CatalogueError, as from ``load``).
    """
    try:
        return load(path), []
    except CatalogueError as exc:
        if not any(p.field in LINK_FIELDS for p in exc.problems):
            raise
    cat = load(path, refs_elsewhere=beside())
    linked = [ref for ex in cat for ref in _refs(ex) if ref not in cat.by_id]
    return cat, list(dict.fromkeys(linked))


#: The fields that link one exercise to others.
LINK_FIELDS = ("easier", "harder", "similar")


def _refs(ex: Exercise) -> list[str]:
    return [r for r in (ex.easier, ex.harder, *ex.similar) if r is not None]


def suggest_ids(word: str, catalogue: Catalogue, n: int = 3) -> list[str]:
    """The closest exercise ids to a mistyped one (for 'did you mean' hints)."""
    import difflib

    return difflib.get_close_matches(word, list(catalogue.by_id), n=n, cutoff=0.5)
