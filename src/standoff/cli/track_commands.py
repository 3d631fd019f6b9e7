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
from standoff.errors import PartialFailure, UserError
from standoff.model import Standoff, StateChange
from standoff.show import formats as fmt
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
) -> None:
    """Read articles into the store: one transaction per article, duplicates merged."""
    from standoff.track.backends import Backend, DaskCluster, InProcess, ProcessPool
    from standoff.track.ingest import count_articles, ingest
    from standoff.track.memory import map_large_blocks

    # Before the reader loads, so every large block of the run is its own mapping and
    # goes back to the system when freed (track/memory.py; Store.ingesting does it too,
    # for library callers, but by then the parser's model is already on the heap).
    map_large_blocks()
    parts = store.with_name(store.name + ".parts")
    with Store(store) as opened:
        backend: Backend
        if scheduler is not None:
            backend = DaskCluster(scheduler, parts, actors)
        elif workers > 1:
            backend = ProcessPool(workers, parts, actors)
        else:
            backend = InProcess(actors_file=actors)
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
            task = bar.add_task("ingest", total=count_articles(paths))
            summary = ingest(paths, opened, backend, lambda n: bar.advance(task, n))
    print(f"{store}: {summary.line()}")
    for skipped in summary.skipped:
        print(f"standoff: skipped {skipped.reason}", file=sys.stderr)
    if summary.failed_files:
        raise PartialFailure(
            f"{len(summary.failed_files)} input(s) failed and were skipped; the rest is stored"
        )


# --------------------------------------------------------------------------- queries


@app.command("timeline")
def timeline_command(store: StoreOption = DEFAULT_STORE, as_of: AsOfOption = None) -> None:
    """The events and ledger changes of the standoff, by date, each with its source."""
    standoff = _standoff(store, as_of)
    from standoff.track.merge import event_day

    rows: list[tuple[date | None, str, str, str, str]] = []
    for event in standoff.events:
        rows.append(
            (
                event_day(event, event.evidence.published),
                fmt.event_label(event),
                f"{event.source} -> {event.target or '-'}",
                event.evidence.sentence,
                event.evidence.source or "-",
            )
        )
    ledgers = [(t.id, t.history) for t in standoff.threats]
    ledgers += [(p.id, p.history) for p in standoff.proposals]
    for record_id, history in ledgers:
        for change in history:
            rows.append(
                (
                    change.date,
                    f"{record_id} {fmt.label(change.state)}",
                    change.detail,
                    change.evidence.sentence if change.evidence else "-",
                    (change.evidence.source if change.evidence else None) or "-",
                )
            )
    rows.sort(key=lambda r: (r[0] or date.max, r[1]))
    table = Table(title=f"Timeline as of {_day(standoff.as_of)}")
    for name in ("date", "what", "who / detail", "evidence", "source"):
        table.add_column(name, overflow="fold")
    for day, *rest in rows:
        table.add_row(_day(day), *rest)
    _out().print(table)


def _history_table(title: str, history: list[StateChange]) -> Table:
    """A ledger entry's dated history with the evidence and source of each change."""
    table = Table(title=title, title_justify="left")
    for name in ("date", "state", "detail", "evidence", "source"):
        table.add_column(name, overflow="fold")
    for h in history:
        table.add_row(
            _day(h.date),
            fmt.label(h.state),
            h.detail,
            h.evidence.sentence if h.evidence else "-",
            (h.evidence.source if h.evidence else None) or "-",
        )
    return table


@app.command("threats")
def threats_command(store: StoreOption = DEFAULT_STORE, as_of: AsOfOption = None) -> None:
    """The threat ledger: each threat's state and its dated history with evidence."""
    standoff = _standoff(store, as_of)
    console = _out()
    if not standoff.threats:
        console.print(f"No threats known as of {_day(standoff.as_of)}.")
    for t in standoff.threats:
        deadline = t.deadline.value if t.deadline else None
        title = (
            f"{t.label or t.sender + ' -> ' + t.target} ({t.id}): "
            f"{', '.join(t.measures) or 'measures unstated'}"
            f"; third parties {', '.join(t.third_parties) or '-'}; deadline {_day(deadline)}"
            f"; {fmt.label(t.status.value)}; {len(t.evidence)} pieces of evidence"
        )
        console.print(_history_table(title, t.history))


@app.command("proposals")
def proposals_command(store: StoreOption = DEFAULT_STORE, as_of: AsOfOption = None) -> None:
    """The proposal ledger: who floated, backed and rejected what, with evidence."""
    standoff = _standoff(store, as_of)
    console = _out()
    if not standoff.proposals:
        console.print(f"No proposals known as of {_day(standoff.as_of)}.")
    for p in standoff.proposals:
        title = (
            f"{p.id}: {p.name} - {fmt.label(p.state.value)}; "
            f"sponsors {', '.join(p.sponsors) or '-'}; "
            f"supporters {', '.join(p.supporters) or '-'}; "
            f"opponents {', '.join(p.opponents) or '-'}"
        )
        console.print(_history_table(title, p.history))


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
) -> None:
    """Export events as PLOVER-style records and the ledgers with their histories."""
    from standoff.track.export import FORMATS, as_json, check_target, export

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
    if out is None:
        print(as_json(standoff))
        return
    written = export(standoff, fmt, out)
    print(f"wrote {', '.join(str(p) for p in written)}", file=sys.stderr)


def _export_gold(store: Path, out: Path | None, as_of: str | None) -> None:
    """``export --format gold``: the fully reviewed articles as gold files (track/gold.py)."""
    from standoff.track.gold import write_gold

    if out is None:
        raise UserError("--format gold writes a folder of files: give one with --out")
    with Store(store, read_only=True) as opened:
        readings = opened.readings(_as_of(as_of))
        corrections = opened.corrections()
    written = write_gold(readings, corrections, out)
    print(f"wrote {len(written)} reviewed article(s) with their gold to {out}", file=sys.stderr)
