"""`standoff eval plover FILE` and `standoff eval gold DIR`: score the reader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from standoff.cli import eval_app
from standoff.grammar import count

ActorsOption = Annotated[Path | None, typer.Option("--actors", help="YAML file of extra actors")]


@eval_app.command("plover")
def eval_plover(
    path: Annotated[
        Path, typer.Argument(help="PLOVER_GSR_CAMEO.txt (JSON array of gold sentences)")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="print the scores as JSON")] = False,
    actors: ActorsOption = None,
) -> None:
    """Per-type precision/recall/F1, type accuracy, (type, source, target) F1, confusion matrix."""
    from standoff.read import Reader
    from standoff.read.evaluate import evaluate_plover, load_plover

    load_plover(path)  # a bad file fails before the pipeline loads
    result = evaluate_plover(path, Reader(actors_file=actors))
    if as_json:
        print(json.dumps(result, indent=2))
        return
    console = Console()
    console.print(
        f"{count(result['sentences'], 'gold sentence')} · event-type accuracy "
        f"[bold]{result['type_accuracy']:.3f}[/bold] · (type, source, target) "
        f"P {result['triples']['precision']:.3f} R {result['triples']['recall']:.3f} "
        f"F1 [bold]{result['triples']['f1']:.3f}[/bold]"
    )
    table = Table(title="Event type alone")
    for col in ("type", "support", "precision", "recall", "F1"):
        table.add_column(col, justify="right" if col != "type" else "left")
    for label, row in result["per_type"].items():
        table.add_row(
            label,
            str(row["support"]),
            f"{row['precision']:.2f}",
            f"{row['recall']:.2f}",
            f"{row['f1']:.2f}",
        )
    console.print(table)
    _confusion(console, result["confusion"])


def _confusion(console: Console, confusion: dict[str, dict[str, int]]) -> None:
    """The confusion matrix: predicted types as column headers when they fit the terminal;
    else numbered, the rows naming each number (``3 AID``), so 17 types fit 80 columns."""
    predicted = sorted({p for row in confusion.values() for p in row})
    title = "Confusion (rows gold, columns predicted)"
    named = _confusion_table(title, confusion, predicted, None)
    unbounded = console.options.update_width(10_000)  # its natural width, not the terminal's
    if console.measure(named, options=unbounded).maximum <= console.width:
        console.print(named)
        return
    types = sorted(set(confusion) | set(predicted))
    numbers = {t: str(i) for i, t in enumerate(types, start=1)}
    console.print(_confusion_table(title + ", by number", confusion, predicted, numbers))
    unnamed = [t for t in predicted if t not in confusion]  # predicted, never gold
    if unnamed:
        console.print("columns without a row: " + ", ".join(f"{numbers[t]} {t}" for t in unnamed))


def _confusion_table(
    title: str,
    confusion: dict[str, dict[str, int]],
    predicted: list[str],
    numbers: dict[str, str] | None,
) -> Table:
    """One row per gold type; columns headed by the predicted type, or by its number."""
    table = Table(
        title=title,
        box=box.SIMPLE_HEAD,  # columns apart by one space, a rule under the header
        show_edge=False,
        pad_edge=False,
        padding=(0, 0 if numbers else 1),
    )
    table.add_column("gold", no_wrap=True)
    for p in predicted:
        table.add_column(numbers[p] if numbers else p, justify="right", no_wrap=True)
    for gold, row in confusion.items():
        label = f"{numbers[gold]} {gold}" if numbers else gold
        table.add_row(label, *[str(row.get(p, "")) for p in predicted])
    return table


@eval_app.command("gold")
def eval_gold(
    folder: Annotated[
        Path, typer.Argument(help="folder of articles with gold .yaml files beside them")
    ],
    articles: Annotated[
        Path | None, typer.Option("--articles", help="where the articles are, if elsewhere")
    ] = None,
    no_gold_date: Annotated[
        bool,
        typer.Option("--no-gold-date", help="do not give the reader the gold publication date"),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print the scores as JSON")] = False,
    actors: ActorsOption = None,
) -> None:
    """Score each article against its gold file (shared/gold rules), and the total."""
    from standoff.read import Reader
    from standoff.read.evaluate import evaluate_gold_dir

    result = evaluate_gold_dir(folder, Reader(actors_file=actors), articles, not no_gold_date)
    if as_json:
        print(json.dumps(result, indent=2))
        return
    console = Console()
    table = Table(title=f"{folder}: F1 per section")
    sections = list(result["total"])
    table.add_column("article", overflow="fold")
    for s in sections:
        table.add_column(s, justify="right")
    for name, res in result["articles"].items():
        table.add_row(name, *[_cell(res["sections"][s]) for s in sections])
    table.add_row("[bold]total[/bold]", *[_cell(result["total"][s]) for s in sections])
    console.print(table)
    for s, row in result["total"].items():
        console.print(
            f"{s}: P {row['precision']:.3f} R {row['recall']:.3f} F1 {row['f1']:.3f} "
            f"({row['found']}/{row['gold']} gold found, {row['output']} output)"
        )
    d = result["deadlines"]
    console.print(
        "gold threats with a deadline found with the right date: "
        f"{d['found_with_right_deadline']}/{d['gold_threats_with_deadline']}"
    )


def _cell(s: dict[str, Any]) -> str:
    return f"{s['f1']:.2f}"
