"""`standoff read` and `standoff score`: one article in, one Reading out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from standoff.cli import app
from standoff.errors import PartialFailure, UserError
from standoff.grammar import count
from standoff.model import Reading
from standoff.read.budget import DEFAULT_SECONDS
from standoff.read.inputs import load_file, parse_date_option
from standoff.show.formats import event_label

TimeLimitOption = Annotated[
    float,
    typer.Option(
        "--time-limit",
        min=0,
        help="seconds one article may take; a slower one is skipped (0: no limit)",
    ),
]
ActorsOption = Annotated[
    Path | None,
    typer.Option(
        "--actors", help="YAML file of extra actors (default: ./standoff-actors.yaml if present)"
    ),
]


@app.command("read")
def read_command(
    files: Annotated[list[Path], typer.Argument(help="article files: .txt, .html or .jsonl")],
    date_: Annotated[
        str | None, typer.Option("--date", help="publication date, YYYY-MM-DD")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="print Readings as JSON (one per line)")
    ] = False,
    actors: ActorsOption = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="read in N processes")] = 1,
    time_limit: TimeLimitOption = DEFAULT_SECONDS,
) -> None:
    """Read articles: actors, PLOVER events, claims, threats with deadlines, proposals."""
    published = parse_date_option(date_)
    raws = [raw for path in files for raw in load_file(path)]  # every input checked before reading
    if actors is not None and not actors.exists():
        raise UserError(f"{actors}: no such actor file")
    from standoff.read.parallel import read_in_processes

    results = read_in_processes(
        raws,
        published,
        workers=workers,
        actors_file=str(actors) if actors else None,
        time_limit=time_limit or None,
    )
    readings = [r for r in results if isinstance(r, Reading)]
    kept = [raw for raw, r in zip(raws, results, strict=True) if isinstance(r, Reading)]
    for reading in results:
        if not isinstance(reading, Reading):
            print(f"standoff: skipped {reading}", file=sys.stderr)
    for raw, reading in zip(kept, readings, strict=True):
        for w in reading.warnings:
            if w.kind == "no-date":  # plain print: one line, never wrapped
                print(f"standoff: warning: {raw.origin}: {w.message}", file=sys.stderr)
            elif w.kind == "encoding":  # the message names the file already
                print(f"standoff: warning: {w.message}", file=sys.stderr)
    if as_json:
        for reading in readings:
            sys.stdout.write(reading.model_dump_json() + "\n")
    else:
        console = Console()
        for reading in readings:
            _print_reading(console, reading)
    if len(readings) < len(results):
        raise PartialFailure(
            f"{count(len(results) - len(readings), 'article')} skipped for taking over "
            f"{time_limit:g} s; the rest was read"
        )


def _print_reading(console: Console, r: Reading) -> None:
    a = r.article
    console.rule(f"[bold]{a.title or a.id}[/bold]")
    console.print(
        f"published {a.published or 'unknown'} · source {a.source or 'unknown'} · "
        f"{count(len(a.paragraphs), 'paragraph')} kept, "
        f"{count(a.duplicate_paragraphs_dropped, 'duplicate')} and "
        f"{count(len(a.boilerplate_dropped), 'furniture line')} dropped"
    )
    actors = Table(title="Actors", show_lines=False)
    for col in ("code", "name", "kind", "mentions"):
        actors.add_column(col)
    for actor in r.actors:
        actors.add_row(actor.code, actor.name, actor.kind.value, str(len(actor.mentions)))
    console.print(actors)
    events = Table(title="Events (PLOVER)")
    for col in ("date", "type", "source", "target", "cue", "evidence"):
        events.add_column(col, overflow="fold")
    for e in r.events:
        when = e.date.value.isoformat() if e.date and e.date.value else ""
        events.add_row(
            when,
            event_label(e),
            e.source,
            e.target or "",
            e.cue,
            e.evidence.sentence[:90],
        )
    console.print(events)
    for t in r.threats:
        dl = t.deadline
        deadline = (
            f'{dl.value} ({dl.precision.value}, from "{dl.text}")' if dl and dl.value else "none"
        )
        console.print(
            f"[bold]Threat[/bold] {t.sender} -> {t.target}; third parties "
            f"{', '.join(t.third_parties) or 'none'}; measures {', '.join(t.measures) or '?'}; "
            f"demand: {t.demand or '?'}; deadline {deadline}; status {t.status.value}"
        )
    for p in r.proposals:
        console.print(
            f"[bold]Proposal[/bold] {p.name}: {p.text} - sponsors {', '.join(p.sponsors) or '?'}"
            f"; supporters {', '.join(p.supporters) or '-'}; opponents "
            f"{', '.join(p.opponents) or '-'}" + (f"; origin {p.origin}" if p.origin else "")
        )
    for c in r.claims:
        if c.kind.value in ("condition", "belief"):
            console.print(f"[bold]{c.kind.value.title()}[/bold] {c.actor}: {c.text}")
    for w in r.warnings:
        console.print(f"[yellow]Warning[/yellow] ({w.kind}) {w.message}")


@app.command("score")
def score_command(
    reading_file: Annotated[
        Path, typer.Argument(help="a Reading as JSON (from `standoff read --json`)")
    ],
    gold_file: Annotated[Path, typer.Argument(help="gold YAML in the seed.yaml format")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Score a Reading against a gold file: found, precision, recall per section."""
    from pydantic import ValidationError

    from standoff.read.score import load_gold, score_article
    from standoff.userfiles import read_text

    text = read_text(reading_file, "Reading file").strip()
    if not text:
        raise UserError(f"{reading_file}: the file is empty")
    try:
        reading = Reading.model_validate_json(text.splitlines()[0])
    except ValidationError:
        raise UserError(
            f"{reading_file}: not a Reading (make it with `standoff read --json`)"
        ) from None
    gold = load_gold(gold_file)[0]
    result = score_article(reading, gold)
    if as_json:
        print(json.dumps(result, indent=2))
        return
    table = Table(title=f"{reading_file.name} against {gold_file.name}")
    for col in ("section", "gold", "found", "output", "precision", "recall", "F1"):
        table.add_column(col, justify="right" if col != "section" else "left")
    for name, s in result["sections"].items():
        table.add_row(
            name,
            str(s["gold"]),
            str(s["found"]),
            str(s["output"]),
            f"{s['precision']:.2f}",
            f"{s['recall']:.2f}",
            f"{s['f1']:.2f}",
        )
    console = Console()
    console.print(table)
    for key, value in result["article"].items():
        console.print(f"{key}: gold {value['gold']}, got {value['got']}")
    for name, s in result["sections"].items():
        for line in s["details"]:
            if "ok" not in line.split(": ")[-1]:
                console.print(f"  {name}: {line}")
