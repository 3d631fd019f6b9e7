"""Export a Standoff: events as PLOVER-style records, ledgers with their histories.

Event records follow PLOVER's data fields (manual chapter 6, Table 6.1): ``id``,
``date``, ``actor`` and ``recipient`` (entity objects with ``code`` and
``sector``), ``event``, ``mode``, ``context``, ``quad_code``, ``event_scale``
(the PLOVER score), ``event_text`` (the cue) and ``text`` (the sentence); we
add ``article``, ``source`` and ``published`` so every record traces to its
article. JSON is one document; CSV and Parquet are one table per kind in a
folder (``events``, ``threats``, ``proposals``, ``history``, ``scores``).
Outputs are written beside their destination and renamed into place, so a
failed export leaves no half-written file.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from standoff.files import atomic_dir, check_output, write_text
from standoff.model import Event, Standoff, StateChange
from standoff.track.keys import country
from standoff.track.merge import event_day
from standoff.track.scores import daily_scores, event_score, score_table

FORMATS = ("json", "csv", "parquet")
TABLES = ("events", "threats", "proposals", "history", "scores")


def _entity(code: str | None) -> list[dict[str, str]]:
    if code is None:
        return []
    top = country(code)
    sector = code[len(top) :] if code.upper().startswith(top) else ""
    return [{"code": top, **({"sector": sector} if sector else {})}]


def plover_event(event: Event, index: int) -> dict[str, Any]:
    """One event as a PLOVER JSON record (nested ``actor``/``recipient`` entity lists)."""
    day = event_day(event, event.evidence.published)
    category = score_table()["categories"].get(event.type.upper(), {})
    return {
        "id": f"standoff-{event.evidence.article_id or 'na'}-{index:04d}",
        "date": day.isoformat() if day else None,
        "actor": _entity(event.source),
        "recipient": _entity(event.target),
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "context": list(event.context),
        "quad_code": category.get("quad"),
        "event_scale": event_score(event.type, event.mode),
        "event_text": [event.cue] if event.cue else [],
        "text": event.evidence.sentence,
        "article": event.evidence.article_id,
        "source": event.evidence.source,
        "published": event.evidence.published.isoformat() if event.evidence.published else None,
    }


def _flat_event(record: dict[str, Any]) -> dict[str, Any]:
    def codes(entities: list[dict[str, str]]) -> str | None:
        return ";".join(e["code"] + e.get("sector", "") for e in entities) or None

    return {
        **record,
        "actor": codes(record["actor"]),
        "recipient": codes(record["recipient"]),
        "event": ";".join(record["event"]),
        "mode": ";".join(record["mode"]) or None,
        "context": ";".join(record["context"]) or None,
        "event_text": ";".join(record["event_text"]) or None,
    }


def _history(record_id: str, kind: str, history: list[StateChange]) -> list[dict[str, Any]]:
    return [
        {
            "record_id": record_id,
            "kind": kind,
            "seq": seq,
            "date": change.date.isoformat() if change.date else None,
            "state": change.state,
            "detail": change.detail,
            "sentence": change.evidence.sentence if change.evidence else None,
            "source": change.evidence.source if change.evidence else None,
            "article": change.evidence.article_id if change.evidence else None,
        }
        for seq, change in enumerate(history)
    ]


def tables(standoff: Standoff) -> dict[str, list[dict[str, Any]]]:
    """The flat tables of a standoff: events, threats, proposals, history, scores."""
    threats = [
        {
            "id": t.id,
            "label": t.label or None,
            "rank": t.rank,
            "sender": t.sender,
            "target": t.target,
            "third_parties": ";".join(t.third_parties) or None,
            "demand": t.demand,
            "measures": ";".join(t.measures) or None,
            "deadline": t.deadline.value.isoformat() if t.deadline and t.deadline.value else None,
            "status": t.status.value,
            "live": t.live,
            "carried_out": ";".join(
                f"{x.measure or 'measures'} on {x.on}"
                + (f" {x.date.isoformat()}" if x.date else "")
                for x in t.executions
            )
            or None,
            "n_evidence": len(t.evidence),
        }
        for t in standoff.threats
    ]
    proposals = [
        {
            "id": p.id,
            "name": p.name,
            "sponsors": ";".join(p.sponsors) or None,
            "supporters": ";".join(p.supporters) or None,
            "opponents": ";".join(p.opponents) or None,
            "state": p.state.value,
            "n_evidence": len(p.evidence),
        }
        for p in standoff.proposals
    ]
    history = [row for t in standoff.threats for row in _history(t.id, "threat", t.history)]
    history += [row for p in standoff.proposals for row in _history(p.id, "proposal", p.history)]
    scores = [{**row._asdict(), "date": row.date.isoformat()} for row in daily_scores(standoff)]
    return {
        "events": [_flat_event(plover_event(e, i)) for i, e in enumerate(standoff.events)],
        "threats": threats,
        "proposals": proposals,
        "history": history,
        "scores": scores,
    }


def as_json(standoff: Standoff) -> str:
    """The whole export as one JSON document (nested PLOVER event records, full ledgers)."""
    document = {
        "as_of": standoff.as_of.isoformat() if standoff.as_of else None,
        "plover_scores": score_table()["citation"],
        "events": [plover_event(e, i) for i, e in enumerate(standoff.events)],
        "threats": [t.model_dump(mode="json") for t in standoff.threats],
        "proposals": [p.model_dump(mode="json") for p in standoff.proposals],
        "scores": tables(standoff)["scores"],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _write_csv(rows: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        if not rows:
            return
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _write_parquet(rows: list[dict[str, Any]], path: Path) -> None:
    pq.write_table(pa.Table.from_pylist(rows), path)


_WRITERS: dict[str, tuple[str, Callable[[list[dict[str, Any]], Path], None]]] = {
    "csv": (".csv", _write_csv),
    "parquet": (".parquet", _write_parquet),
}


def _earlier_export(suffix: str) -> Callable[[Path], bool]:
    """Whether an existing ``--out`` is an earlier export of this format, which alone
    may be replaced: a folder of our tables, or a JSON document that starts as ours."""

    def ours(out: Path) -> bool:
        if suffix == ".json":
            if not out.is_file() or out.is_symlink():
                return False
            with out.open("rb") as handle:
                head = handle.read(_JSON_HEAD)
            return head.startswith(b'{\n  "as_of": ') and b'"plover_scores":' in head
        names = {f"{name}{suffix}" for name in TABLES}
        return out.is_dir() and not out.is_symlink() and all(
            p.name in names for p in out.iterdir()
        )

    return ours


_JSON_HEAD = 512  # enough for as_json's first two keys


def _policy(fmt: str, out: Path) -> dict[str, Any]:
    """What may be replaced at ``out`` and how errors name it, for :mod:`standoff.files`."""
    suffix = ".json" if fmt == "json" else _WRITERS[fmt][0]
    refusal = f"exists and is not an earlier {fmt} export"
    return {"replace": _earlier_export(suffix), "refusal": refusal, "label": f"--out {out}"}


def check_target(fmt: str, out: Path) -> None:
    """Refuse, before the store is read, an ``--out`` that the export could not write."""
    check_output(out, make_parents=True, folder_output=fmt != "json", **_policy(fmt, out))


def export(standoff: Standoff, fmt: str, out: Path) -> list[Path]:
    """Write the export to ``out`` (a file for json, a folder for csv and parquet).

    Returns the files written. Everything is written to a temporary sibling and
    moved into place at the end (:mod:`standoff.files`); an existing ``out`` is
    replaced only when it is an earlier export of the same format.
    """
    policy = _policy(fmt, out)
    if fmt == "json":
        write_text(out, as_json(standoff) + "\n", make_parents=True, **policy)
        return [out]
    suffix, write = _WRITERS[fmt]
    with atomic_dir(out, **policy) as tmp:
        for name, rows in tables(standoff).items():
            write(rows, tmp / f"{name}{suffix}")
    return sorted(out.iterdir())
