"""Drawing the history: the summary lines, the sessions table and a pain chart.

The chart is text: one row of bars per reading with the number printed beside it, so it reads
the same with or without colour (and with plain ASCII where the terminal cannot show blocks).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date

from stretchcoach.routine import SessionRecord
from stretchcoach.stats import Summary, real
from stretchcoach.ui import console
from stretchcoach.walking import PAIN_LABELS, WalkRecord

ENDING_LABELS = {
    "completed": "completed",
    "ended-by-user": "ended early",
    "stopped-for-pain": "stopped: pain",
    "interrupted": "interrupted",
    "safety-stop": "safety stop",
}


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}"


def summary_lines(summary: Summary) -> list[str]:
    """The lines above the table: streak, this week, pain before vs after."""
    days = "day" if summary.streak == 1 else "days"
    lines = [
        f"Current streak: {summary.streak} {days} in a row (longest {summary.longest_streak})",
        f"Sessions in the last 7 days: {summary.last_7_days}",
    ]
    if summary.avg_before is not None:
        lines.append(
            f"Average pain: {_num(summary.avg_before)} before, {_num(summary.avg_after)} after "
            "(0–10, sessions where both were asked)"
        )
    if summary.practice:
        runs = "run" if summary.practice == 1 else "runs"
        lines.append(
            f"Practice {runs} shown (sped up, marked below): {summary.practice}, "
            "not counted in the streak, the week or the averages"
        )
    return lines


def when(record: SessionRecord) -> str:
    return record.started_at.strftime("%a %d %b %H:%M")


def pain_text(record: SessionRecord) -> str:
    after = "–" if record.severity_after is None else str(record.severity_after)
    return f"{record.severity_before} → {after}"


def ending_label(record: SessionRecord) -> str:
    """The ending cell: 'completed', 'ended early', ... and '(practice)' for a sped-up run."""
    label = ENDING_LABELS.get(record.ending, record.ending)
    return f"{label} (practice)" if record.practice else label


def exercises_text(record: SessionRecord) -> str:
    """'4/6': done of the routine as it went on (those left out after a pain report are
    not counted against it), as the session's summary said."""
    from stretchcoach.stats import exercise_counts

    counts = exercise_counts(record)
    return f"{counts.done}/{counts.total}"


def cause_label(cause: str) -> str:
    """The cause's plain label (e.g. "Long sitting or staying still"); the id if unknown."""
    from stretchcoach.safety import CAUSE_INFO

    info = CAUSE_INFO.get(cause)
    return info.label if info else cause


def sessions_table(sessions: Sequence[SessionRecord], summary: Summary) -> None:
    """Summary lines, then the recent sessions (newest first), then the chart."""
    from stretchcoach.ui.tables import Column, print_rows, say

    out = console()
    for line in summary_lines(summary):
        say(out, line)
    out.print()
    columns = [
        Column("when", no_wrap=True),
        Column("cause"),
        Column("pain", no_wrap=True, justify="center"),
        Column("minutes", justify="right"),
        Column("done", justify="right"),
        Column("ending"),
    ]
    rows = [
        [
            when(s),
            cause_label(s.cause),
            pain_text(s),
            f"{s.minutes_done:g} of {s.minutes_planned:g}",
            exercises_text(s),
            ending_label(s),
        ]
        for s in sessions
    ]
    print_rows(out, columns, rows)
    # A practice run's pain numbers are not part of the trend the chart shows.
    width = out.width
    chart = chart_lines(
        real(sessions), ascii_only=not _can_draw_blocks(), scale=2 if width >= 60 else 1
    )
    if chart:
        out.print()
        for line in chart:
            if len(line) > width:  # the dates on their own line, then the bars
                label, _, bars = line.partition("  before ")
                if bars:
                    say(out, label.rstrip())
                    line = f"  before {bars}"
                else:
                    line = "  " + line.lstrip()
            if len(line) > width:
                say(out, line)
            else:
                out.print(line, markup=False, highlight=False)


def walks_table(walks: Sequence[WalkRecord], *, today: date, after_sessions: bool) -> None:
    """The walks shown (newest first), with a line on the last 7 days."""
    from datetime import timedelta

    from stretchcoach.ui.tables import Column, print_rows, say
    from stretchcoach.walking import local_day

    out = console()
    if after_sessions:
        out.print()
    week = [w for w in walks if today - timedelta(days=6) <= local_day(w.started_at) <= today]
    minutes = sum(w.minutes for w in week)
    say(out, f"Walks in the last 7 days: {len(week)} ({minutes:g} minutes)")
    out.print()
    columns = [
        Column("walk", no_wrap=True),
        Column("minutes", justify="right"),
        Column("how"),
        Column("back afterwards"),
    ]
    rows = [
        [
            w.started_at.strftime("%a %d %b %H:%M"),
            f"{w.minutes:g}" + ("" if w.planned_minutes is None else f" of {w.planned_minutes:g}"),
            WALK_HOW.get(w.ending, w.ending),
            PAIN_LABELS.get(w.pain_change or "", "–"),
        ]
        for w in walks
    ]
    print_rows(out, columns, rows)


WALK_HOW = {
    "completed": "timed",
    "ended-early": "timed, ended early",
    "interrupted": "timed, interrupted",
    "logged": "logged",
}


def _can_draw_blocks() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower()
    return "utf" in encoding


def chart_lines(
    sessions: Sequence[SessionRecord], *, ascii_only: bool = False, scale: int = 2
) -> list[str]:
    """Pain before and after each session, oldest first, as labelled bars with numbers.

    ``scale`` characters per point (10 points → 20 characters by default).
    """
    if not sessions:
        return []
    before_mark, after_mark = ("#", "=") if ascii_only else ("█", "▒")
    lines = [
        "Pain before and after each session (0–10), oldest first:",
        f"  {before_mark} before   {after_mark} after",
    ]
    width = 10 * scale
    for s in reversed(sessions):
        label = when(s)
        pad = " " * len(label)
        bar = before_mark * (s.severity_before * scale)
        lines.append(f"  {label}  before {bar:<{width}} {s.severity_before:>2}")
        if s.severity_after is None:
            lines.append(f"  {pad}  after  (not asked)")
        else:
            bar = after_mark * (s.severity_after * scale)
            lines.append(f"  {pad}  after  {bar:<{width}} {s.severity_after:>2}")
    return lines


def csv_rows(sessions: Sequence[SessionRecord]) -> list[list[str]]:
    """CSV header and rows (one per session, newest first) for spreadsheets."""
    header = [
        "started_at",
        "ended_at",
        "cause",
        "severity_before",
        "severity_after",
        "minutes_planned",
        "minutes_done",
        "ending",
        "checkins_asked",
        "practice",
        "worse_after_last",
        "exercises_done",
        "exercises_skipped",
        "exercises_ended",
        "exercises_stopped_for_pain",
        "exercises_not_reached",
        "exercises_left_out",
        "exercises",
    ]
    from stretchcoach.stats import exercise_counts, session_to_dict

    rows = [header]
    for s in sessions:
        d = session_to_dict(s)
        counts = exercise_counts(s)
        rows.append(
            [
                d["started_at"] or "",
                d["ended_at"] or "",
                s.cause,
                str(s.severity_before),
                "" if s.severity_after is None else str(s.severity_after),
                f"{s.minutes_planned:g}",
                f"{s.minutes_done:g}",
                s.ending,
                "true" if s.checkins_asked else "false",
                "true" if s.practice else "false",
                {True: "true", False: "false", None: ""}[s.worse_after_last],
                *(
                    str(n)
                    for n in (
                        counts.done,
                        counts.skipped,
                        counts.ended,
                        counts.stopped_for_pain,
                        counts.not_reached,
                        counts.left_out,
                    )
                ),
                " ".join(f"{e.id}:{e.outcome}" for e in s.exercises),
            ]
        )
    return rows


# --- the physiotherapist's report (text documents, no terminal needed) -------------------------

REPORT_TITLE = "stretchcoach report"
REPORT_NOTE = (
    "Written from the person's own entries in stretchcoach (pain on a 0–10 scale, what they "
    "did and how each session ended). It is a self-care log, not a clinical assessment."
)
ENDING_WORDS = {
    "completed": "completed",
    "ended-by-user": "ended early by choice",
    "stopped-for-pain": "stopped because of pain",
    "interrupted": "interrupted (terminal closed or program stopped)",
    "safety-stop": "stopped for safety (a warning sign, pain of 9-10 or a health note)",
}


def ending_words(ending: str, before: object = None) -> str:
    """How a session ended, for a reader; a safety stop at pain 9-10 names the pain, so a
    clinician does not read it as a warning sign answered yes."""
    if ending == "safety-stop" and isinstance(before, int) and before >= 9:
        return f"stopped for safety: pain {before}/10"
    return ENDING_WORDS.get(ending, ending)


def _day_time(iso: str) -> str:
    from datetime import datetime

    return datetime.fromisoformat(iso).strftime("%a %d %b %Y %H:%M")


def _or_dash(value: object) -> str:
    return "–" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _facts(report: dict) -> list[tuple[str, str]]:
    adh = report["adherence"]
    endings = ", ".join(f"{n} {ENDING_WORDS.get(e, e)}" for e, n in adh["endings"].items() if n)
    return [
        ("Period", f"{report['from']} to {report['to']} ({report['days']} days)"),
        (
            "Adherence",
            f"a completed session on {adh['days_with_completed_session']} of {adh['days']} days",
        ),
        ("Sessions", f"{adh['sessions']} ({endings or 'none'})"),
        (
            "Minutes",
            f"{_or_dash(report['minutes']['done'])} done of "
            f"{_or_dash(report['minutes']['planned'])} planned",
        ),
        ("Causes given", ", ".join(report["causes"]) or "–"),
        *_practice_fact(report.get("practice_runs_left_out", 0)),
        *_walking_fact(report.get("walking")),
        (
            "Average pain (0–10)",
            f"{_or_dash(report['average_pain_before'])} before, "
            f"{_or_dash(report['average_pain_after'])} after "
            "(sessions where both were asked)",
        ),
    ]


def _practice_fact(runs: int) -> list[tuple[str, str]]:
    """Say that sped-up practice runs were left out (nothing when there were none)."""
    if not runs:
        return []
    return [
        (
            "Practice runs",
            f"{runs} sped-up run{'s' if runs != 1 else ''}, not counted in this report",
        )
    ]


def _walking_fact(walking: dict | None) -> list[tuple[str, str]]:
    """One line on the walks of the period."""
    if not walking:
        return []
    if not walking["walks"]:
        return [("Walking", "no walks recorded")]
    worse = walking["back_worse_after"]
    return [
        (
            "Walking",
            f"{walking['walks']} walk{'s' if walking['walks'] != 1 else ''} on "
            f"{walking['days_walked']} day{'s' if walking['days_walked'] != 1 else ''}, "
            f"{_or_dash(walking['minutes'])} minutes in all; back worse after {worse}",
        )
    ]


def _goal_text(goal: dict | None) -> str:
    if goal is None:
        return "–"
    from stretchcoach.goals import describe

    return describe(goal["sessions"], goal["walks"])


def _met_text(week: dict) -> str:
    if week["goal_met"] is None:
        return "in progress" if week.get("goal") else "–"
    return "yes" if week["goal_met"] else "no"


def _named(name: str, ex_id: str) -> str:
    return ex_id if name == ex_id else f"{name} ({ex_id})"


def _tables(report: dict) -> list[tuple[str, list[str], list[list[str]], str]]:
    """(heading, header, rows, text when empty) for each table of the report."""
    exercises = [
        [
            _named(e["name"], e["id"]),
            str(e["done"]),
            str(e["skipped"]),
            str(e["ended"]),
            str(e["stopped_for_pain"]),
            str(e["not_reached"]),
        ]
        for e in report["exercises"]
    ]
    pain = [
        [
            _day_time(p["started_at"]),
            p["cause"],
            str(p["before"]),
            _or_dash(p["after"]),
            _or_dash(p["minutes_done"]),
            ending_words(p["ending"], p["before"]),
        ]
        for p in report["pain"]
    ]
    reports = [
        [_day_time(r["started_at"]), _named(r["name"], r["exercise"])]
        for r in report["pain_reports"]
    ]
    walking = report.get("walking") or {"list": []}
    walks = [
        [
            _day_time(w["started_at"]),
            _or_dash(w["minutes"]),
            "timed" if w["timed"] else "logged",
            PAIN_LABELS.get(w["pain_change"] or "", "–"),
        ]
        for w in walking["list"]
    ]
    weeks = [
        [
            w["week_of"],
            _goal_text(w["goal"]),
            str(w["sessions"]),
            str(w["walks"]),
            _met_text(w),
            (w["reason"] or "–").replace("-", " "),
        ]
        for w in report.get("weeks") or []
    ]
    return [
        (
            "Exercises",
            ["exercise", "done", "skipped", "ended part-way", "stopped for pain", "not reached"],
            exercises,
            "No exercises recorded in this period.",
        ),
        (
            "Pain before and after, session by session",
            ["when", "cause", "before", "after", "minutes", "how it ended"],
            pain,
            "No sessions in this period.",
        ),
        (
            "Pain reports",
            ["when", "exercise that caused it"],
            reports,
            "No pain reports in this period.",
        ),
        (
            "Walks",
            ["when", "minutes", "timed or logged", "back afterwards"],
            walks,
            "No walks in this period.",
        ),
        (
            "Weekly goals",
            ["week of", "goal", "sessions", "walks", "goal met", "what got in the way"],
            weeks,
            "No weekly goals set.",
        ),
    ]


def report_markdown(report: dict, *, width: int | None = None) -> str:
    """The report as Markdown: readable as plain text, pastes into an email.

    ``width`` is the terminal's, when the report is shown on one: paragraphs are then wrapped
    to it, and a table wider than it becomes a list with one block per row (still Markdown),
    so nothing runs off the screen. Written to a file or a pipe, the tables stay tables.
    """
    import textwrap

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    def para(text: str, indent: str = "", first: str = "") -> list[str]:
        if width is None:
            return [first + text]
        return textwrap.wrap(
            text,
            width=max(width, 20),
            initial_indent=first,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [first]

    out = [f"# {REPORT_TITLE}: {report['from']} to {report['to']}", "", *para(REPORT_NOTE), ""]
    for label, value in _facts(report):
        out += para(f"**{label}:** {cell(value)}", indent="  ", first="- ")
    for heading, header, rows, empty in _tables(report):
        out += ["", f"## {heading}", ""]
        if not rows:
            out += para(empty)
            continue
        table = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        table += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
        if width is None or max(len(line) for line in table) <= width:
            out += table
            continue
        for row in rows:  # too wide for the terminal: one block per row
            out += para(f"**{cell(row[0])}**", indent="  ", first="- ")
            for name, value in zip(header[1:], row[1:], strict=True):
                out += para(f"{name}: {cell(value)}", indent="      ", first="    - ")
    out += ["", *para(f"Generated {_day_time(report['generated_at'])}.")]
    return "\n".join(out) + "\n"


_CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #111; line-height: 1.4; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.6rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { border: 1px solid #999; padding: 0.25rem 0.5rem; text-align: left; }
th { background: #eee; } td.n { text-align: right; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: bold; } dd { margin: 0; }
.note { color: #444; } .bar { font-family: monospace; white-space: pre; }
.poses { display: flex; flex-wrap: wrap; gap: 1rem; }
figure.pose { margin: 0; max-width: 20rem; } figure.pose svg { max-width: 100%; height: auto; }
figure.pose figcaption { font-size: 0.9rem; }
@media print { body { margin: 0; max-width: none; } th { background: none; }
               table, tr { page-break-inside: avoid; } }
"""


def _figure_section(report: dict, figures: dict[str, tuple[str, str]]) -> list[str]:
    """'What the exercises look like': an inline SVG per exercise in the report that has one."""
    import re
    from html import escape

    shown = [e for e in report["exercises"] if e["id"] in figures]
    if not shown:
        return []
    out = ["<h2>What the exercises look like</h2>", '<div class="poses">']
    for n, e in enumerate(shown, start=1):
        picture, words = figures[e["id"]]
        # Inline in HTML the SVG namespace is implied; and each SVG names its title and
        # description by id, so make those unique in the page.
        picture = picture.replace(' xmlns="http://www.w3.org/2000/svg"', "", 1)
        picture = re.sub(r'\bid="(t|d)"', rf'id="pose{n}-\1"', picture)
        picture = picture.replace('aria-labelledby="t d"', f'aria-labelledby="pose{n}-t pose{n}-d"')
        caption = escape(_named(e["name"], e["id"])) + (f" — {escape(words)}" if words else "")
        out.append(
            f'<figure class="pose">{picture.strip()}<figcaption>{caption}</figcaption></figure>'
        )
    out.append("</div>")
    return out


def report_html(report: dict, figures: dict[str, tuple[str, str]] | None = None) -> str:
    """The report as one self-contained, escaped, printable HTML page (no scripts, no links).

    ``figures`` maps an exercise id to (SVG, caption): each exercise in the report that has
    one is shown as an inline picture, so the reader sees what was done.
    """
    from html import escape

    def cells(row: list[str], tag: str = "td") -> str:
        out = []
        for c in row:
            numeric = tag == "td" and c.replace(".", "", 1).isdigit()
            attr = ' class="n"' if numeric else ""
            out.append(f"<{tag}{attr}>{escape(c)}</{tag}>")
        return "".join(out)

    title = f"{REPORT_TITLE}: {report['from']} to {report['to']}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="note">{escape(REPORT_NOTE)}</p>',
        "<dl>",
        *(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in _facts(report)),
        "</dl>",
    ]
    for heading, header, rows, empty in _tables(report):
        parts.append(f"<h2>{escape(heading)}</h2>")
        if not rows:
            parts.append(f"<p>{escape(empty)}</p>")
            continue
        parts.append("<table>")
        parts.append(f"<thead><tr>{cells(header, 'th')}</tr></thead>")
        parts.append("<tbody>")
        parts += [f"<tr>{cells(row)}</tr>" for row in rows]
        parts.append("</tbody></table>")
    parts += _figure_section(report, figures or {})
    parts.append(f'<p class="note">Generated {escape(_day_time(report["generated_at"]))}.</p>')
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"
