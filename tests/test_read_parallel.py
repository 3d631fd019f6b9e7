"""`standoff read --workers N`: the same Readings, in the same order, as one process."""

from __future__ import annotations

from pathlib import Path

from standoff.read.inputs import load_file
from standoff.read.parallel import read_in_processes

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "standoff" / "data" / "examples"


def test_two_workers_read_exactly_what_one_process_reads() -> None:
    raws = [raw for path in sorted(EXAMPLES.glob("*.txt"))[:4] for raw in load_file(path)]
    alone = read_in_processes(raws, workers=1)
    pooled = read_in_processes(raws, workers=2, chunk_size=1)
    assert [r.article.id for r in pooled] == [r.article.id for r in alone]
    assert [r.model_dump() for r in pooled] == [r.model_dump() for r in alone]
    assert any(r.threats for r in pooled)  # the examples do hold threats: the check has teeth
