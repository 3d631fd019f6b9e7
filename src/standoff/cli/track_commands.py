"""``standoff ingest``, ``timeline``, ``threats``, ``proposals``, ``actors``, ``export``.

All work on a store (``--store FILE``, default ``./standoff.duckdb``): ingest
writes it, the others read it as of a date. Tables are drawn with rich.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from standoff.cli import app
from standoff.cli.brief_commands import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    DrawsOption,
    SeedOption,
    run_forecast,
)
from standoff.cli.read_commands import TimeLimitOption
from standoff.errors import Interrupted, PartialFailure, UserError
from standoff.grammar import count
from standoff.model import Standoff, StateChange
from standoff.read.budget import DEFAULT_SECONDS
from standoff.show import dated_rows
from standoff.show import formats as fmt
from standoff.show.dated_rows import DatedRow
from standoff.track.store import DEFAULT_STORE, Store

StoreOption = Annotated[Path, typer.Option("--store", help="The standoff store (a DuckDB file).")]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="As known on YYYY-MM-DD (only what was published).")
]


def _as_of(value: str | None) -> date | None:
    from standoff.read.inputs import parse_date_option

    return parse_date_option(value, "--as-of")


def _standoff(store: Path, as_of: str | None) -> Standoff:
    with Store(store, read_only=True) as opened:
        return opened.standoff(_as_of(as_of))


def _out() -> Console:
    return Console(soft_wrap=False)


def _day(value: date | None) -> str:
    return value.isoformat() if value else "-"


# --------------------------------------------------------------------------- ingest


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Article files, folders or JSON Lines.")],
    store: StoreOption = DEFAULT_STORE,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Read in N parallel processes.")
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Read on the Dask cluster at this scheduler address."),
    ] = None,
    actors: Annotated[
        str | None, typer.Option("--actors", help="An extra actors dictionary for the reader.")
    ] = None,
    time_limit: TimeLimitOption = DEFAULT_SECONDS,
    date_: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Publication date (YYYY-MM-DD) for articles that state none; "
            "a date an article states wins.",
        ),
    ] = None,
    dates_file: Annotated[
        Path | None,
        typer.Option(
            "--dates",
            help="A CSV manifest (header file,date) dating files that state no date; "
            "before --date, and a date an article states wins.",
        ),
    ] = None,
) -> None:
    """Read articles into the store: one transaction per article, duplicates merged.

    An input that cannot be read is skipped with its reason (also kept in the store's
    ``skipped`` table) and the rest goes in (exit status 1). Ctrl-C stops after the
    article being stored (exit status 130); running the command again resumes.
    An article with no date is stored undated, with a warning on stderr."""
    from standoff.read.inputs import load_date_manifest, parse_date_option

    # a malformed --date or manifest stops before anything is read
    supplied = parse_date_option(date_)
    dates = load_date_manifest(dates_file) if dates_file is not None else None
    try:
        _ingest(paths, store, workers, scheduler, actors, time_limit or None, supplied, dates)
    except KeyboardInterrupt:  # before the first article: ingest() reports its own
        raise Interrupted("interrupted: 0 articles stored, re-run to resume") from None


def _ingest(
    paths: list[Path],
    store: Path,
    workers: int,
    scheduler: str | None,
    actors: str | None,
    time_limit: float | None,
    supplied: date | None = None,
    dates: dict[Path, date] | None = None,
) -> None:
    from standoff.track.backends import Backend, DaskCluster, InProcess, ProcessPool
    from standoff.track.ingest import count_articles, ingest
    from standoff.track.memory import map_large_blocks

    total = count_articles(paths)
    if total == 0:
        from standoff.read.inputs import display

        given = ", ".join(display(p) for p in paths)
        raise UserError(f"{given}: no article files found (.txt, .html, .jsonl, ...)")
    # Before the reader loads, so every large block of the run is its own mapping and
    # goes back to the system when freed (track/memory.py; Store.ingesting does it too,
    # for library callers, but by then the parser's model is already on the heap).
    map_large_blocks()
    parts = store.with_name(store.name + ".parts")
    with Store(store) as opened:
        backend: Backend
        if scheduler is not None:
            backend = DaskCluster(scheduler, parts, actors, time_limit=time_limit)
        elif workers > 1:
            backend = ProcessPool(workers, parts, actors, time_limit=time_limit)
        else:
            backend = InProcess(actors_file=actors, time_limit=time_limit)
        err = Console(stderr=True)
        with Progress(
            TextColumn("ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        ) as bar:
            task = bar.add_task("ingest", total=total)
            summary = ingest(
                paths,
                opened,
                backend,
                lambda n: bar.advance(task, n),
                supplied_date=supplied,
                dates=dates,
            )
    print(f"{store}: {summary.line()}")
    for warning in summary.date_warnings:  # plain print: one line each, never wrapped
        print(f"standoff: warning: {warning}", file=sys.stderr)
    for skipped in summary.skipped:
        print(f"standoff: skipped {skipped.reason}", file=sys.stderr)
    if summary.failed_files:
        raise PartialFailure(
            f"{count(len(summary.failed_files), 'input')} failed and were skipped; "
            "the rest is stored"
        )


# --------------------------------------------------------------------------- queries


FullOption = Annotated[
    bool, typer.Option("--full", help="Show whole evidence sentences on a narrow terminal.")
]


def _change_row(label: str, change: StateChange) -> DatedRow:
    evidence = change.evidence
    return DatedRow(
        change.date,
        label,
        change.detail,
        evidence.sentence if evidence else "-",
        (evidence.source if evidence else None) or "-",
    )


@app.command("timeline")
def timeline_command(
    store: StoreOption = DEFAULT_STORE, as_of: AsOfOption = None, full: FullOption = False
) -> None:
    """The events and ledger changes of the standoff, by date, each with its source."""
    standoff = _standoff(store, as_of)
    from standoff.track.merge import event_day

    rows = [
        DatedRow(
            event_day(event, event.evidence.published),
            fmt.event_label(event),
            f"{event.source} -> {event.target or '-'}",
            event.evidence.sentence,
            event.evidence.source or "-",
        )
        for event in standoff.events
    ]
    ledgers = [(t.id, t.history) for t in standoff.threats]
    ledgers += [(p.id, p.history) for p in standoff.proposals]
    for record_id, history in ledgers:
        rows.extend(
            _change_row(f"{record_id} {fmt.label(change.state)}", change) for change in history
        )
    # By day, then sentence: the events of one sentence stand together and share it.
    rows.sort(key=lambda r: (r.day or date.max, r.source, r.evidence, r.what))
    changes = len(rows) - len(standoff.events)
    title = (
        f"Timeline as of {_day(standoff.as_of)}: {count(len(standoff.events), 'event')}, "
        f"{count(changes, 'ledger change')}"
    )
    dated_rows.render(_out(), title, TIMELINE_COLUMNS, rows, full=full)


TIMELINE_COLUMNS = ("date", "what", "who / detail", "evidence", "source")
HISTORY_COLUMNS = ("date", "state", "detail", "evidence", "source")


def _history(title: str, history: list[StateChange], full: bool) -> None:
    """A ledger entry's dated history with the evidence and source of each change."""
    rows = [_change_row(fmt.label(h.state), h) for h in history]
    dated_rows.render(_out(), title, HISTORY_COLUMNS, rows, full=full)


@app.command("threats")
def threats_command(
    store: StoreOption = DEFAULT_STORE, as_of: AsOfOption = None, full: FullOption = False
) -> None:
    """The threat ledger: each threat's state and its dated history with evidence."""
    standoff = _standoff(store, as_of)
    if not standoff.threats:
        _out().print(f"No threats known as of {_day(standoff.as_of)}.")
    for t in standoff.threats:
        deadline = t.deadline.value if t.deadline else None
        title = (
            f"{t.label or t.sender + ' -> ' + t.target} ({t.id}): "
            f"{', '.join(t.measures) or 'measures unstated'}"
            f"; third parties {', '.join(t.third_parties) or '-'}; deadline {_day(deadline)}"
            f"; {fmt.label(t.status.value)}; {count(len(t.evidence), 'piece of evidence')}"
        )
        _history(title, t.history, full)


@app.command("proposals")
def proposals_command(
    store: StoreOption = DEFAULT_STORE, as_of: AsOfOption = None, full: FullOption = False
) -> None:
    """The proposal ledger: who floated, backed and rejected what, with evidence."""
    standoff = _standoff(store, as_of)
    if not standoff.proposals:
        _out().print(f"No proposals known as of {_day(standoff.as_of)}.")
    for p in standoff.proposals:
        title = (
            f"{p.id}: {p.name} - {fmt.label(p.state.value)}; "
            f"sponsors {', '.join(p.sponsors) or '-'}; "
            f"supporters {', '.join(p.supporters) or '-'}; "
            f"opponents {', '.join(p.opponents) or '-'}"
        )
        _history(title, p.history, full)


@app.command("actors")
def actors_command(store: StoreOption = DEFAULT_STORE, as_of: AsOfOption = None) -> None:
    """The actors of the standoff with how often they act and are acted on."""
    from collections import Counter

    from standoff.track.keys import country

    standoff = _standoff(store, as_of)
    as_source = Counter(country(e.source) for e in standoff.events)
    as_target = Counter(country(e.target) for e in standoff.events if e.target)
    threats = Counter(country(t.sender) for t in standoff.threats)
    threatened = Counter(country(t.target) for t in standoff.threats)
    table = Table(title=f"Actors as of {_day(standoff.as_of)}")
    for name in (
        "code",
        "name",
        "kind",
        "events as actor",
        "as recipient",
        "threats",
        "threatened",
    ):
        table.add_column(name)
    for actor in standoff.actors:
        c = country(actor.code)
        table.add_row(
            actor.code,
            actor.name,
            actor.kind.value,
            str(as_source[c]) if actor.code == c else "",
            str(as_target[c]) if actor.code == c else "",
            str(threats[c]) if actor.code == c else "",
            str(threatened[c]) if actor.code == c else "",
        )
    _out().print(table)


@app.command("export")
def export_command(
    store: StoreOption = DEFAULT_STORE,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="json, csv, parquet, or gold (the reviewed articles as development-set "
            "gold files, in the --out folder).",
        ),
    ] = "json",
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Output file (json) or folder (csv, parquet); json: stdout."),
    ] = None,
    as_of: AsOfOption = None,
    no_forecast: Annotated[
        bool, typer.Option("--no-forecast", help="Leave the forecast tables out.")
    ] = False,
    draws: DrawsOption = DEFAULT_DRAWS,
    seed: SeedOption = DEFAULT_SEED,
) -> None:
    """Export the events, ledgers, histories, scores, actors, claims and articles, and
    the forecast, as typed tables (csv, parquet) or PLOVER-style JSON records; or the
    reviewed articles as gold files (gold)."""
    from standoff.show.export import FORMATS, as_json, check_target, export

    if fmt == "gold":
        _export_gold(store, out, as_of)
        return
    if fmt not in FORMATS:
        raise UserError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}, gold")
    if out is None and fmt != "json":
        raise UserError(f"--format {fmt} writes several tables: give a folder with --out")
    if out is not None:
        check_target(fmt, out)  # before the store is read, not after
    standoff = _standoff(store, as_of)
    forecast = None if no_forecast else run_forecast(standoff, draws, seed)[0]
    if out is None:
        print(as_json(standoff, forecast))
        return
    written = export(standoff, fmt, out, forecast)
    what = count(len(written), "file" if fmt == "json" else "table")
    print(f"standoff: wrote {what} to {out}", file=sys.stderr)


def _export_gold(store: Path, out: Path | None, as_of: str | None) -> None:
    """``export --format gold``: the fully reviewed articles as gold files (track/gold.py)."""
    from standoff.track.gold import write_gold

    if out is None:
        raise UserError("--format gold writes a folder of files: give one with --out")
    with Store(store, read_only=True) as opened:
        readings = opened.readings(_as_of(as_of))
        corrections = opened.corrections()
    written = write_gold(readings, corrections, out)
    print(
        f"wrote {count(len(written), 'reviewed article')} with their gold to {out}",
        file=sys.stderr,
    )
