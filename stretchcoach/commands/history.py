"""``stretchcoach history``: recent sessions, the streak and the pain trend."""

from __future__ import annotations

import click

from stretchcoach.commands._options import format_option, now

#: The most days ``--days`` covers (about ten years, as for ``report``): far more would run
#: past the first date the calendar can hold.
MAX_DAYS = 3660


def require_history() -> None:
    """Raise HistoryError (exit 1, one line naming the path) when the history file cannot
    even be reached: a folder on its way is a file, or may not be looked into.

    The history store treats a file it cannot see as "nothing saved yet"; a command that
    shows the history must not say that when the file is really out of reach.
    """
    import os

    from stretchcoach import paths
    from stretchcoach.history import HistoryError

    target = paths.history_path()
    try:
        os.stat(target)
    except FileNotFoundError:
        return  # nothing saved yet
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        for folder in reversed(target.parents):
            if folder.exists() and not folder.is_dir():
                reason = f"{folder} is a file, not a folder"
                break
        raise HistoryError(
            f"The history file {target} cannot be opened: {reason}; it was left as it is."
        ) from None


@click.command()
@click.option(
    "--days",
    type=click.IntRange(min=1, max=MAX_DAYS),
    default=30,
    show_default=True,
    metavar="N",
    help="Sessions and walks from today and the N-1 days before.",
)
@click.option("--all", "show_all", is_flag=True, help="Every saved session (ignores --days).")
@click.option(
    "--today",
    is_flag=True,
    help=(
        "Print nothing; exit 0 if a session was completed today, 1 if not (for scripts). "
        "Practice runs do not count."
    ),
)
@format_option("table", "json", "csv", default="table")
@click.pass_context
def history(ctx: click.Context, days: int, show_all: bool, today: bool, fmt: str) -> None:
    """Show recent sessions, your streak and how your pain has changed.

    Walks are listed after the sessions; in JSON every entry has "kind": "routine" or
    "kind": "walk" (CSV lists routine sessions only).

    \b
    Examples:
      stretchcoach history
      stretchcoach history --days 7 --format json
      stretchcoach history --all --format csv > sessions.csv
      stretchcoach history --today || stretchcoach start --minutes 5

    The summary counts a day towards the streak when a session on it was completed.
    Practice runs (any --speed other than 1) are listed, marked "(practice)", but never
    counted in the streak, the week, the averages or --today.
    """
    from stretchcoach import history as store
    from stretchcoach import stats, ui

    moment = now(ctx)
    require_history()
    if today:
        done = stats.done_today(store.load_sessions(days=1, now=moment), moment.date())
        raise SystemExit(0 if done else 1)
    everything = store.load_sessions(now=moment)
    shown = everything if show_all else store.load_sessions(days=days, now=moment)
    walks = store.load_walks(days=None if show_all else days, now=moment)
    from stretchcoach.ui import history as view
    from stretchcoach.ui.emit import emit

    def entries() -> list[dict[str, object]]:
        """Sessions and walks together, newest first, each with its "kind"."""
        from stretchcoach.walking import walk_to_dict

        both = [(s.started_at, stats.session_to_dict(s)) for s in shown]
        both += [(w.started_at, walk_to_dict(w)) for w in walks]
        both.sort(key=lambda e: store.aware(e[0]), reverse=True)
        return [entry for _, entry in both]

    def table() -> None:
        if not everything and not walks:
            ui.message("No sessions saved yet. Start one with 'stretchcoach start'.")
            return
        if everything:
            summary = stats.summarise(shown, today=moment.date(), all_sessions=everything)
            view.sessions_table(shown, summary)
            if not shown:
                ui.message(f"No sessions in the last {days} days; '--all' shows every one.")
        if walks:
            view.walks_table(walks, today=moment.date(), after_sessions=bool(everything))

    emit(fmt, entries, human=table, csv=lambda: view.csv_rows(shown))
