"""The store: an embedded DuckDB file that keeps every Reading of a standoff.

Each article is one row of ``articles`` holding its Reading as JSON, plus rows
in relational tables (``events``, ``threats``, ``proposals``) for querying with
SQL; everything an article adds is written in one transaction, so a crash or
Ctrl-C never leaves half an article. The ledgers (``threat_records``,
``proposal_records`` and their ``*_history``) are derived from all Readings by
:func:`~standoff.track.merge.build_standoff` and rewritten by
:meth:`Store.refresh_ledgers`. A ``standoff_meta`` table names the format and
its version, so a DuckDB file that is not a standoff store is recognised and
refused without being touched. A ``corrections`` table keeps the analyst's review
decisions (:mod:`standoff.track.corrections`), applied by :meth:`Store.standoff`. The
store has no DuckDB indexes: the lookups an
ingest makes (content hash, id, LSH buckets) are held by the Store in compact arrays
(:mod:`standoff.track.lookup`), which also keep ``id`` and ``raw_hash`` unique. See
docs/store.md for the schema.
"""

from __future__ import annotations

import functools
import json
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, TypeVar

import duckdb

from standoff.errors import UserError
from standoff.files import is_no_space
from standoff.model import Reading, Standoff
from standoff.track import dedupe
from standoff.track.corrections import Correction, Decision, ItemKey, ItemKind, corrected_standoff
from standoff.track.lookup import ArticleLookup
from standoff.track.memory import map_large_blocks, release_free_memory

FORMAT = "standoff-store"
# 2: the Reading is stored zlib-compressed (BLOB), minhash_bands has an index on bucket.
# 3: no DuckDB indexes: articles has no PRIMARY KEY or UNIQUE constraint and
#    minhash_bands no index; Store keeps those lookups itself (track/lookup.py), in a
#    quarter of the memory the indexes took once loaded. A version-2 store is read as
#    it is and migrated the first time it is opened for writing (_migrate).
# 4: a ``corrections`` table keeps the analyst's review decisions (track/corrections.py);
#    a version-3 store is read as it is (no corrections) and migrated when written.
# 5: a ``skipped`` table: every input an ingest left out, with the reason; a version-4
#    store is read as it is (nothing skipped) and migrated when written.
STORE_VERSION = "5"
_READABLE_VERSIONS = {"2", "3", "4", STORE_VERSION}
DEFAULT_STORE = Path("standoff.duckdb")
_DUCKDB_MAGIC = b"DUCK"  # bytes 8..12 of every DuckDB database file

# id and raw_hash are unique; Store.add keeps them so (ArticleLookup), not DuckDB.
ARTICLES_TABLE = """
CREATE TABLE {name} (
    id VARCHAR NOT NULL,             -- Article.id
    raw_hash VARCHAR NOT NULL,       -- sha256 of the raw text or HTML
    story_id VARCHAR NOT NULL,       -- id of the story's first article (itself if first)
    similarity DOUBLE,               -- estimated Jaccard with the story's first article
    published DATE,
    source VARCHAR,
    url VARCHAR,
    title VARCHAR,
    origin VARCHAR,                  -- file or file:line it came from
    minhash BLOB,                    -- MinHash signature, NULL for very short texts
    reading BLOB NOT NULL            -- the Reading's model_dump_json, zlib-compressed
);
"""

# The analyst's decisions on extracted items (track/corrections.py), never rewritten: a
# later decision on the same item is a new row. Keyed on the item's identity (article,
# kind, sentence, fields), not on rows of the tables above, so no re-ingest loses them.
CORRECTIONS_TABLE = """
CREATE TABLE corrections (
    id BIGINT NOT NULL,              -- 1, 2, ... in the order decisions were made
    made_at TIMESTAMP NOT NULL,      -- when (UTC)
    article_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL,
    sentence VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL,
    decision VARCHAR NOT NULL,       -- confirm, reject, correct, reopen
    item VARCHAR,                    -- the item as it should be (JSON), for confirm/correct
    state VARCHAR,                   -- a proposal's corrected ledger state
    changes VARCHAR,                 -- {field: [before, after]} (JSON)
    why VARCHAR                      -- the analyst's reason
);
"""

# One row per input an ingest left out: an article the reader failed on or ran out of
# time on, a bad JSON Lines record, an unreadable file. raw_hash is NULL when no article
# could be taken from the input. Rows of articles stored since are removed at the end of
# each ingest, so the table lists what is still missing.
SKIPPED_TABLE = """
CREATE TABLE skipped (
    raw_hash VARCHAR, origin VARCHAR NOT NULL, reason VARCHAR NOT NULL,
    skipped_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
"""

# Whether the ledger tables follow from the articles: marked stale by the first article
# an ingest stores and fresh by refresh_ledgers, so a run killed in between leaves the
# mark and the next command rebuilds them. A table of its own, without a key: a write to
# standoff_meta (keyed) would load a DuckDB index into memory, which the store avoids.
LEDGER_STATE_TABLE = """
CREATE TABLE IF NOT EXISTS ledger_state (stale BOOLEAN NOT NULL);
INSERT INTO ledger_state SELECT false WHERE NOT EXISTS (SELECT 1 FROM ledger_state);
"""

SCHEMA = (
    """
CREATE TABLE standoff_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
"""
    + ARTICLES_TABLE.format(name="articles")
    + """
CREATE TABLE minhash_bands (band SMALLINT NOT NULL, bucket BIGINT NOT NULL,
                            article_id VARCHAR NOT NULL);
CREATE TABLE events (
    article_id VARCHAR NOT NULL, n INTEGER NOT NULL, type VARCHAR NOT NULL, mode VARCHAR,
    context VARCHAR[], source VARCHAR NOT NULL, target VARCHAR, date DATE, date_text VARCHAR,
    cue VARCHAR, sentence VARCHAR NOT NULL, published DATE, outlet VARCHAR
);
CREATE TABLE threats (
    article_id VARCHAR NOT NULL, n INTEGER NOT NULL, sender VARCHAR NOT NULL,
    target VARCHAR NOT NULL, third_parties VARCHAR[], demand VARCHAR, measures VARCHAR[],
    deadline DATE, deadline_text VARCHAR, status VARCHAR NOT NULL, sentence VARCHAR
);
CREATE TABLE proposals (
    article_id VARCHAR NOT NULL, n INTEGER NOT NULL, name VARCHAR NOT NULL, text VARCHAR,
    sponsors VARCHAR[], supporters VARCHAR[], opponents VARCHAR[], sentence VARCHAR
);
CREATE TABLE threat_records (
    id VARCHAR PRIMARY KEY, sender VARCHAR, target VARCHAR, third_parties VARCHAR[],
    demand VARCHAR, measures VARCHAR[], deadline DATE, status VARCHAR, n_evidence INTEGER
);
CREATE TABLE proposal_records (
    id VARCHAR PRIMARY KEY, name VARCHAR, sponsors VARCHAR[], supporters VARCHAR[],
    opponents VARCHAR[], state VARCHAR, n_evidence INTEGER
);
CREATE TABLE ledger_history (
    record_id VARCHAR NOT NULL, seq INTEGER NOT NULL, date DATE, state VARCHAR NOT NULL,
    detail VARCHAR, sentence VARCHAR, source VARCHAR, article_id VARCHAR, published DATE
);
"""
    + CORRECTIONS_TABLE
    + SKIPPED_TABLE
    + LEDGER_STATE_TABLE
)

# Version 2 -> 3: articles rebuilt without its constraints (DuckDB cannot drop a PRIMARY
# KEY or UNIQUE constraint in place) and the bucket index dropped, in one transaction.
_MIGRATE_2_TO_3 = (
    ARTICLES_TABLE.format(name="articles_v3")
    + """
INSERT INTO articles_v3 SELECT * FROM articles;
DROP INDEX IF EXISTS minhash_bucket;
DROP TABLE articles;
ALTER TABLE articles_v3 RENAME TO articles;
UPDATE standoff_meta SET value = '3' WHERE key = 'version';
"""
)
# Version 3 -> 4: the corrections table.
_MIGRATE_3_TO_4 = (
    CORRECTIONS_TABLE.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS")
    + "UPDATE standoff_meta SET value = '4' WHERE key = 'version';\n"
)
# Version 4 -> 5: the skipped table and the ledgers' state.
_MIGRATE_4_TO_5 = (
    SKIPPED_TABLE.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS")
    + LEDGER_STATE_TABLE
    + "UPDATE standoff_meta SET value = '5' WHERE key = 'version';\n"
)
_MIGRATIONS = {"2": _MIGRATE_2_TO_3, "3": _MIGRATE_3_TO_4, "4": _MIGRATE_4_TO_5}
# the version that added each table
_TABLE_SINCE = {"corrections": 4, "skipped": 5, "ledger_state": 5}

# The candidates' signatures, by id: a filtered scan of the id column (there is no index),
# run only for an article whose LSH buckets met a stored article's.
CANDIDATE_LOOKUP = "SELECT story_id, minhash FROM articles WHERE id IN ({marks})"
# The stored article an exact duplicate repeats: a scan, run only for a duplicate.
DUPLICATE_LOOKUP = "SELECT id, story_id FROM articles WHERE raw_hash = ? OR id = ? LIMIT 1"


class Outcome(StrEnum):
    STORED = "stored"
    DUPLICATE = "duplicate"  # the same content hash is already stored
    NEAR_DUPLICATE = "near_duplicate"  # stored as another source of an earlier story


@dataclass(frozen=True)
class AddResult:
    outcome: Outcome
    article_id: str
    story_id: str
    similarity: float | None = None


@dataclass(frozen=True)
class StorySources:
    """One story and the outlets that ran it (first article first)."""

    story_id: str
    title: str | None
    published: date | None
    sources: list[str]


def _check_file(path: Path) -> None:
    """Refuse, before DuckDB touches it, a path that is not a DuckDB database file."""
    if path.is_dir():
        raise UserError(f"{path}: is a folder, not a standoff store")
    with path.open("rb") as handle:
        head = handle.read(16)
    if len(head) < 12 or head[8:12] != _DUCKDB_MAGIC:
        raise UserError(
            f"{path}: not a standoff store (not a DuckDB database file); nothing was changed"
        )


# DuckDB keeps pages it has read or written in memory up to its limit (by default 80%
# of RAM); a store grows with every article, so an unbounded cache would make a long
# ingest's memory grow with the corpus. Past this limit DuckDB spills to the file.
MEMORY_LIMIT = "128MB"
# While an ingest adds articles, DuckDB needs little working memory (the rows of the
# articles not yet checkpointed, a checkpoint of the newest row groups), but it keeps
# every block it has read or written cached up to its limit: with 128 MB that cache grew
# with the store (~4 KB an article), and with 32 MB the blocks the near-duplicate
# candidates' signatures are read from still did (~0.7 KB an article up to 5,000
# articles). Ingest lowers the limit to this (see Store.ingesting), under which that
# cache stays at ~3 MB; queries afterwards get MEMORY_LIMIT back. Should 16 MB ever be
# too little for an article, Store.add lifts the limit rather than fail.
INGEST_MEMORY_LIMIT = "16MB"
# Even under that limit, a connection that lives through a whole ingest holds native
# memory that grows with the store (blocks it has touched, freed blocks the allocator
# keeps). Every this many articles an ingest checkpoints, reopens its connection and
# hands freed memory back to the system (Store._recycle), so its peak does not grow
# with the corpus (docs/store.md, "Memory of a long ingest").
RECYCLE_EVERY = 500
# A checkpoint rewrites every row group that gained rows since the last one, whole. With
# DuckDB's default row groups (122,880 rows) a store of 10,000 articles is one row group
# per table, so each checkpoint re-read and re-compressed every stored Reading and peak
# memory grew with the store (most of the ~16 KB an article). The smallest row group allowed
# (one vector, 2,048 rows) bounds what a checkpoint rewrites by a constant.
ROW_GROUP_SIZE = 2048
_ALIAS = "store"
_FETCH_BATCH = 256  # rows fetched at a time when streaming a query's result


def _attach(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A connection with the store file attached (as the default catalog).

    The row group size is an option of ATTACH, not of ``duckdb.connect``, so the file
    is attached to an in-memory connection that holds nothing itself.
    """
    con = duckdb.connect(
        config={
            "memory_limit": MEMORY_LIMIT,
            "threads": 2,
            # where DuckDB spills past the limit: beside the store, as for a file connection
            "temp_directory": f"{path}.tmp",
        }
    )
    options = f"ROW_GROUP_SIZE {ROW_GROUP_SIZE}" + (", READ_ONLY" if read_only else "")
    quoted = str(path).replace("'", "''")
    try:
        con.execute(f"ATTACH '{quoted}' AS {_ALIAS} ({options})")
        con.execute(f"USE {_ALIAS}")
    except BaseException:
        con.close()
        raise
    return con


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return _attach(path, read_only)
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            holder = text[text.find("(PID") :].split(")")[0] + ")" if "(PID" in text else ""
            raise UserError(
                f"{path}: the store is locked by another process {holder}".rstrip()
                + "; wait for it to finish, then try again (nothing was changed)"
            ) from None
        raise UserError(f"{path}: cannot open the store ({text.splitlines()[0]})") from None
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        if _CORRUPT in first.lower():
            raise UserError(
                f"{path}: the store is damaged ({first}); nothing was changed; restore it "
                "from a copy or ingest the articles again into a new store"
            ) from None
        raise UserError(f"{path}: not a standoff store ({first}); nothing was changed") from None


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()"
    ).fetchall()
    return {str(r[0]) for r in rows}


def _validate(con: duckdb.DuckDBPyConnection, path: Path) -> str | None:
    """The store version of ``con``, or None when it is an empty database.

    Raises UserError for a database with other tables or a store version this
    standoff does not read.
    """
    tables = _tables(con)
    if "standoff_meta" not in tables:
        if tables:
            shown = ", ".join(sorted(tables)[:5])
            raise UserError(
                f"{path}: not a standoff store (a DuckDB database with tables {shown}); "
                "nothing was changed"
            )
        return None
    meta = dict(con.execute("SELECT key, value FROM standoff_meta").fetchall())
    if meta.get("format") != FORMAT:
        raise UserError(f"{path}: not a standoff store (format {meta.get('format')!r})")
    version = meta.get("version")
    if version not in _READABLE_VERSIONS:
        raise UserError(
            f"{path}: store version {version} is not a version this standoff "
            f"reads ({', '.join(sorted(_READABLE_VERSIONS))}); nothing was changed"
        )
    return str(version)


def _migrate(con: duckdb.DuckDBPyConnection, version: str) -> None:
    """Bring a store opened for writing up to :data:`STORE_VERSION`, in one transaction."""
    if version == STORE_VERSION:
        return
    with _transaction(con):
        while version != STORE_VERSION:
            con.execute(_MIGRATIONS[version])
            version = str(int(version) + 1)


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One transaction: committed when the block ends, rolled back when it raises.

    A failed rollback (DuckDB has already ended the transaction after a fatal error,
    such as a full disk: "cannot rollback - no transaction is active") never hides the
    error that caused it.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        raise


_SET_LEDGERS = "UPDATE ledger_state SET stale = ?"
_P = ParamSpec("_P")
_R = TypeVar("_R")


def _guarded(method: Callable[Concatenate[Store, _P], _R]) -> Callable[Concatenate[Store, _P], _R]:
    """A Store method whose DuckDB errors for a damaged file or a full disk are one line."""

    @functools.wraps(method)
    def guarded(self: Store, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with damage_is_user_error(self.path):
            return method(self, *args, **kwargs)

    return guarded


_HEADERS = 3 * 4096  # DuckDB's file header and its two database headers, before the blocks


def _check_length(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse a file cut short. DuckDB reads a block only when a query needs it, so a
    truncated store can open and answer some queries wrongly; its headers count the
    blocks it holds, and a file shorter than those is truncated."""
    row = first_row(con, "SELECT block_size, total_blocks FROM pragma_database_size()")
    if row is None:
        return
    expected, actual = _HEADERS + int(row[0]) * int(row[1]), path.stat().st_size
    if actual < expected:
        raise UserError(
            f"{path}: the store is damaged or truncated ({actual:,} bytes, its header counts "
            f"{expected:,}); restore it from a copy or ingest the articles again into a new store"
        )


def _ledgers_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether articles were added since the ledger tables were last rebuilt (an ingest
    that was killed or interrupted before its end)."""
    row = first_row(con, "SELECT bool_or(stale) FROM ledger_state")
    return bool(row and row[0])


def _rebuild_ledgers(path: Path) -> None:
    """Rebuild stale ledgers for a query command, which opens the store read-only: briefly
    open it for writing. Skipped when that is not possible (an ingest holds the store
    and will rebuild them at its end; the file is read-only); the query's answers never
    depend on these tables, which are kept for SQL users."""
    try:
        with Store(path) as writer:
            writer.refresh_ledgers()
    except UserError:
        pass


@contextmanager
def damage_is_user_error(path: Path) -> Iterator[None]:
    """DuckDB's errors for a damaged or truncated file, and a full disk, as one line."""
    try:
        yield
    except duckdb.Error as exc:
        if is_no_space(exc):
            raise UserError(
                f"{path}: no space left on device; the articles stored before are kept "
                "(free some space and run the command again to resume)"
            ) from None
        if isinstance(exc, _DAMAGE) or _CORRUPT in str(exc).lower():
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise UserError(
                f"{path}: the store is damaged or truncated ({first}); "
                "restore it from a copy or ingest the articles again into a new store"
            ) from None
        raise


_CORRUPT = "corrupt database file"  # DuckDB's checksum failure, raised as a bare duckdb.Error
# What DuckDB raises for a file it cannot make sense of: unreadable or missing blocks, a
# checksum that does not match, a database invalidated by an earlier fatal write error.
_DAMAGE = (
    duckdb.IOException,
    duckdb.SerializationException,
    duckdb.InternalException,
    duckdb.FatalException,
    duckdb.InvalidInputException,
)


class Store:
    """A standoff store in a DuckDB file. Use as a context manager, or call :meth:`close`.

    ``read_only`` opens an existing store for queries (several readers may share
    it); otherwise the file is created when missing. Raises UserError when the
    file is not a standoff store or another process holds it.
    """

    def __init__(self, path: Path | str = DEFAULT_STORE, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        exists = self.path.exists()
        if exists:
            _check_file(self.path)
            # Validate read-only first: a foreign database is never opened for writing.
            probe = _connect(self.path, read_only=True)
            try:
                with damage_is_user_error(self.path):
                    version = _validate(probe, self.path)
                    _check_length(probe, self.path)
                    # only a store of this version has the mark (older ones are migrated
                    # when written, and a query never writes them)
                    stale = version == STORE_VERSION and _ledgers_stale(probe)
            finally:
                probe.close()
            if read_only and version is None:
                raise UserError(f"{self.path}: an empty DuckDB database, not a standoff store")
            if read_only and stale:
                _rebuild_ledgers(self.path)
        elif read_only:
            raise UserError(
                f"{self.path}: no such store; create it with "
                f"'standoff ingest PATH --store {self.path}'"
            )
        else:
            version = None
        self.con = _connect(self.path, read_only=read_only)
        if version is not None and not read_only:
            _migrate(self.con, version)
        # The version of the open store: a read-only store of an older version is read as
        # it is (without a corrections table, it has no corrections).
        self.version = version if read_only and version is not None else STORE_VERSION
        # Built from the tables when an add first needs it, then kept up to date.
        self._lookup: ArticleLookup | None = None
        self._recycling = False  # set while an ingest adds articles (Store.ingesting)
        self._added = 0
        # The limit an ingest holds DuckDB to: INGEST_MEMORY_LIMIT, or MEMORY_LIMIT once
        # Store.add has had to lift it; a recycled connection gets the same one back.
        self._ingest_limit = INGEST_MEMORY_LIMIT
        # Set once this Store has marked the ledgers stale in the file (Store.add).
        self._ledgers_marked_stale = False
        if version is None:
            self._create()

    # ----------------------------------------------------------------- lifecycle

    def _create(self) -> None:
        with _transaction(self.con):
            self.con.execute(SCHEMA)
            self.con.execute(
                "INSERT INTO standoff_meta VALUES ('format', ?), ('version', ?)",
                [FORMAT, STORE_VERSION],
            )

    def close(self) -> None:
        self.con.close()

    def _recycle(self) -> None:
        """Checkpoint, close and reopen the connection under the ingest's memory limit,
        returning freed memory to the system before and after (see :data:`RECYCLE_EVERY`)."""
        self._checkpoint()
        self.con.close()
        self.con = _connect(self.path, read_only=False)
        self._hold_to(self._ingest_limit)
        release_free_memory()

    def _checkpoint(self) -> None:
        """CHECKPOINT, with freed memory handed back to the system first.

        Without that the checkpoint's peak grew with the rows it rewrites (up to ~14 MB
        above the resident memory with 2,000 rows in the newest row group); after it,
        ~4 MB at any fill (docs/store.md, "Memory of a long ingest").
        """
        release_free_memory()
        self.con.execute("CHECKPOINT")

    def _hold_to(self, limit: str) -> None:
        """Set DuckDB's memory limit to ``limit``, keeping the one in force when DuckDB
        already holds more than that (e.g. a huge store's indexes)."""
        try:
            self.con.execute(f"SET memory_limit = '{limit}'")
        except duckdb.OutOfMemoryException:
            pass

    @contextmanager
    def ingesting(self) -> Iterator[None]:
        """Hold DuckDB to :data:`INGEST_MEMORY_LIMIT` while articles are added one by one,
        so an ingest's memory does not grow with the store; restored on leaving."""
        self._ingest_limit = INGEST_MEMORY_LIMIT
        self._hold_to(self._ingest_limit)
        map_large_blocks()
        self._added = 0
        self._recycling = True
        try:
            yield
            # The last articles' rows are checkpointed here, under the ingest's limit,
            # rather than at close, after the limit is lifted (which had raised the peak).
            with damage_is_user_error(self.path):
                self._checkpoint()
        finally:
            self._recycling = False
            self.con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            self.close()
        except duckdb.Error:
            if kind is None:  # a database invalidated by the error in flight fails to close
                raise

    # ----------------------------------------------------------------- writing

    def _lookups(self) -> ArticleLookup:
        if self._lookup is None:
            self._lookup = ArticleLookup.build(self.con)
        return self._lookup

    @_guarded
    def has(self, raw_hash: str) -> bool:
        """Whether an article with this content hash is stored."""
        return self._lookups().has_hash(raw_hash)

    @_guarded
    def add(self, reading: Reading, raw_hash: str, origin: str | None = None) -> AddResult:
        """Store one article's Reading in one transaction.

        An article whose content hash is stored changes nothing (DUPLICATE). One
        whose text is a near-duplicate of a stored article is kept as another
        source of that story (NEAR_DUPLICATE): its Reading is stored but
        :meth:`readings` returns only each story's first article, so a story
        told by several outlets counts once.
        """
        try:
            result = self._add(reading, raw_hash, origin)
        except duckdb.OutOfMemoryException:
            # The ingest's low limit (Store.ingesting) was too tight for this article; its
            # transaction was rolled back. Lift the limit for the rest of the run, not fail.
            self._ingest_limit = MEMORY_LIMIT
            self._hold_to(MEMORY_LIMIT)
            result = self._add(reading, raw_hash, origin)
        if self._recycling and result.outcome is not Outcome.DUPLICATE:
            self._added += 1
            if self._added % RECYCLE_EVERY == 0:
                self._recycle()
        return result

    def _add(self, reading: Reading, raw_hash: str, origin: str | None) -> AddResult:
        article = reading.article
        lookup = self._lookups()
        if lookup.has_hash(raw_hash) or lookup.has_id(article.id):
            existing = first_row(self.con, DUPLICATE_LOOKUP, [raw_hash, article.id])
            if existing is not None:
                return AddResult(Outcome.DUPLICATE, str(existing[0]), str(existing[1]))
        sig = dedupe.signature(article.text)
        buckets = dedupe.bands(sig) if sig is not None else []
        story_id, sim = article.id, None
        if buckets:
            match = self._near_duplicate(sig, buckets)
            if match is not None:
                story_id, sim = match
        with _transaction(self.con):
            if not self._ledgers_marked_stale:
                # the ledgers no longer follow from the articles until refresh_ledgers runs;
                # a run killed before then leaves the mark, and the next opening rebuilds them
                self.con.execute(_SET_LEDGERS, [True])
            self._insert(reading, raw_hash, origin, story_id, sim, sig, buckets)
        self._ledgers_marked_stale = True
        lookup.add(article.id, raw_hash, buckets)
        outcome = Outcome.STORED if story_id == article.id else Outcome.NEAR_DUPLICATE
        return AddResult(outcome, article.id, story_id, sim)

    def _near_duplicate(self, sig: Any, buckets: list[tuple[int, int]]) -> tuple[str, float] | None:
        """The story of the most similar stored article at or above the threshold.

        The candidates, stored articles sharing an LSH bucket, come from the lookup in
        memory; only their signatures are read from the store, so an article with no
        near-duplicate reads nothing and the cost of one that has does not hold the
        store in memory.
        """
        ids = self._lookups().candidates(buckets)
        if not ids:
            return None
        candidates = self.con.execute(
            CANDIDATE_LOOKUP.format(marks=_marks(len(ids))), ids
        ).fetchall()
        best: tuple[str, float] | None = None
        for story_id, blob in sorted(candidates):
            sim = dedupe.similarity(sig, dedupe.from_bytes(blob))
            if sim >= dedupe.THRESHOLD and (best is None or sim > best[1]):
                best = (str(story_id), sim)
        return best

    def _insert(
        self,
        reading: Reading,
        raw_hash: str,
        origin: str | None,
        story_id: str,
        sim: float | None,
        sig: Any,
        buckets: list[tuple[int, int]],
    ) -> None:
        article = reading.article
        con = self.con
        con.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                article.id,
                raw_hash,
                story_id,
                sim,
                article.published,
                article.source,
                article.url,
                article.title,
                origin,
                None if sig is None else dedupe.to_bytes(sig),
                pack(reading),
            ],
        )
        if buckets:
            con.execute(
                "INSERT INTO minhash_bands SELECT unnest(?), unnest(?), ?",
                [[b for b, _ in buckets], [h for _, h in buckets], article.id],
            )
        if reading.events:
            con.executemany(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    [
                        article.id,
                        n,
                        e.type,
                        e.mode,
                        e.context,
                        e.source,
                        e.target,
                        e.date.value if e.date else None,
                        e.date.text if e.date else None,
                        e.cue,
                        e.evidence.sentence,
                        e.evidence.published or article.published,
                        e.evidence.source or article.source,
                    ]
                    for n, e in enumerate(reading.events)
                ],
            )
        if reading.threats:
            con.executemany(
                "INSERT INTO threats VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    [
                        article.id,
                        n,
                        t.sender,
                        t.target,
                        t.third_parties,
                        t.demand,
                        t.measures,
                        t.deadline.value if t.deadline else None,
                        t.deadline.text if t.deadline else None,
                        t.status.value,
                        t.evidence[0].sentence if t.evidence else None,
                    ]
                    for n, t in enumerate(reading.threats)
                ],
            )
        if reading.proposals:
            con.executemany(
                "INSERT INTO proposals VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    [
                        article.id,
                        n,
                        p.name,
                        p.text,
                        p.sponsors,
                        p.supporters,
                        p.opponents,
                        p.evidence[0].sentence if p.evidence else None,
                    ]
                    for n, p in enumerate(reading.proposals)
                ],
            )

    @_guarded
    def skip(self, origin: str, reason: str, raw_hash: str | None = None) -> None:
        """Record an input an ingest left out (``skipped`` table), replacing an earlier
        row for the same input."""
        with _transaction(self.con):
            self.con.execute(
                "DELETE FROM skipped WHERE origin = ? AND raw_hash IS NOT DISTINCT FROM ?",
                [origin, raw_hash],
            )
            self.con.execute(
                "INSERT INTO skipped (raw_hash, origin, reason) VALUES (?, ?, ?)",
                [raw_hash, origin, reason],
            )

    @_guarded
    def forget_stored_skips(self) -> None:
        """Drop the skipped rows of articles that have been stored since (one query, at
        the end of an ingest)."""
        self.con.execute("DELETE FROM skipped WHERE raw_hash IN (SELECT raw_hash FROM articles)")

    @_guarded
    def skipped(self) -> list[tuple[str, str, str | None]]:
        """(origin, reason, content hash or None) of every input left out, oldest first;
        none for a store from before the table (version 2 or 3)."""
        if not self._has("skipped"):
            return []
        rows = self.con.execute(
            "SELECT origin, reason, raw_hash FROM skipped ORDER BY skipped_at, origin"
        ).fetchall()
        return [(str(o), str(r), h) for o, r, h in rows]

    @_guarded
    def ledgers_stale(self) -> bool:
        """Whether articles were added since the ledger tables were last rebuilt."""
        return self._has("ledger_state") and _ledgers_stale(self.con)

    @_guarded
    def refresh_ledgers(self, standoff: Standoff | None = None) -> Standoff:
        """Rewrite the ledger tables from all stored Readings, in one transaction.

        ``standoff``: the store's (corrected) standoff as of its latest article, when the
        caller has it already (it is built from the Readings otherwise).
        """
        standoff = self.standoff() if standoff is None else standoff
        con = self.con
        with _transaction(con):
            for table in ("threat_records", "proposal_records", "ledger_history"):
                con.execute(f"DELETE FROM {table}")
            history: list[list[Any]] = []
            for t in standoff.threats:
                con.execute(
                    "INSERT INTO threat_records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        t.id,
                        t.sender,
                        t.target,
                        t.third_parties,
                        t.demand,
                        t.measures,
                        t.deadline.value if t.deadline else None,
                        t.status.value,
                        len(t.evidence),
                    ],
                )
                history.extend(_history_rows(t.id, t.history))
            for p in standoff.proposals:
                con.execute(
                    "INSERT INTO proposal_records VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        p.id,
                        p.name,
                        p.sponsors,
                        p.supporters,
                        p.opponents,
                        p.state.value,
                        len(p.evidence),
                    ],
                )
                history.extend(_history_rows(p.id, p.history))
            _insert_rows(con, "ledger_history", _HISTORY_COLUMNS, history)
            con.execute(_SET_LEDGERS, [False])
        self._ledgers_marked_stale = False
        return standoff

    # ----------------------------------------------------------------- reading

    @_guarded
    def readings(self, as_of: date | None = None) -> list[Reading]:
        """The Reading of each story's first article, published on or before ``as_of``
        (all stories when None; undated articles only when ``as_of`` is None)."""
        query = "SELECT published, id, reading FROM articles WHERE story_id = id"
        params: list[Any] = []
        if as_of is not None:
            query += " AND published <= ?"
            params.append(as_of)
        # Streamed in batches and sorted here (by publication date, undated last, then id):
        # an ORDER BY in DuckDB would hold every compressed Reading in its sort at once.
        keyed: list[tuple[bool, date, str, Reading]] = []
        result = self.con.execute(query, params)
        while batch := result.fetchmany(_FETCH_BATCH):
            for published, ident, blob in batch:
                keyed.append((published is None, published or date.min, str(ident), unpack(blob)))
        keyed.sort(key=lambda row: row[:3])
        return [row[3] for row in keyed]

    def standoff(self, as_of: date | None = None) -> Standoff:
        """The standoff as known on ``as_of``: only what had been published by then, with
        the analyst's corrections applied (:mod:`standoff.track.corrections`)."""
        return corrected_standoff(self.readings(as_of), self.corrections(), as_of)

    def _has(self, table: str) -> bool:
        """Whether this store's version has ``table`` (an older store opened read-only
        is read as it is)."""
        return int(self.version) >= _TABLE_SINCE[table]

    # ----------------------------------------------------------------- corrections

    def corrections(self, article_id: str | None = None) -> list[Correction]:
        """Every review decision (of one article, if given), oldest first."""
        if not self._has("corrections"):
            return []  # an older store opened read-only: no corrections table yet
        query = f"SELECT {_CORRECTION_COLUMNS} FROM corrections"
        params: list[Any] = []
        if article_id is not None:
            query += " WHERE article_id = ?"
            params.append(article_id)
        rows = self.con.execute(query + " ORDER BY id", params).fetchall()
        return [_correction(row) for row in rows]

    def add_correction(self, correction: Correction) -> Correction:
        """Store one decision (in its own transaction); returns it with its id and time."""
        if self.version != STORE_VERSION:
            raise UserError(f"{self.path}: opened read-only; corrections cannot be stored")
        at = correction.at if correction.at.tzinfo is None else correction.at.astimezone(UTC)
        at = at.replace(tzinfo=None)
        key = correction.key
        self.con.execute("BEGIN TRANSACTION")
        try:
            rows = self.con.execute("SELECT coalesce(max(id), 0) + 1 FROM corrections").fetchall()
            ident = int(rows[0][0])
            self.con.execute(
                "INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    ident,
                    at,
                    key.article_id,
                    key.kind.value,
                    key.start,
                    key.end,
                    key.sentence,
                    key.fingerprint,
                    correction.decision.value,
                    None if correction.item is None else json.dumps(correction.item),
                    None if correction.state is None else correction.state.value,
                    json.dumps(correction.changes, default=str),
                    correction.why,
                ],
            )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return correction.model_copy(update={"id": ident, "at": at})

    def data_version(self) -> tuple[int, int]:
        """(articles stored, decisions stored): changes whenever what a standoff is built
        from changes (articles and decisions are only ever added), so callers may cache a
        standoff under it."""
        # fetchall, not fetchone: a result left unfinished makes DuckDB refuse the next
        # relation query on this connection (Store.has builds its lookups with one).
        articles = int(self.con.execute("SELECT count(*) FROM articles").fetchall()[0][0])
        decisions = 0
        if self._has("corrections"):
            decisions = int(self.con.execute("SELECT count(*) FROM corrections").fetchall()[0][0])
        return articles, decisions

    @_guarded
    def stories(self) -> list[StorySources]:
        """Every story with the outlets that ran it, in order of first publication."""
        rows = self.con.execute(
            """
            SELECT s.id, s.title, s.published,
                   list(coalesce(a.source, a.origin, a.id) ORDER BY a.published, a.id)
            FROM articles s JOIN articles a ON a.story_id = s.id
            WHERE s.story_id = s.id
            GROUP BY s.id, s.title, s.published
            ORDER BY s.published NULLS LAST, s.id
            """
        ).fetchall()
        return [StorySources(str(r[0]), r[1], r[2], list(r[3])) for r in rows]

    @_guarded
    def counts(self) -> dict[str, int]:
        """Rows per table, for summaries and tests."""
        out = {}
        for table in ("articles", "events", "threats", "proposals", "minhash_bands"):
            row = first_row(self.con, f"SELECT count(*) FROM {table}")
            out[table] = int(row[0]) if row else 0
        row = first_row(self.con, "SELECT count(*) FROM articles WHERE story_id = id")
        out["stories"] = int(row[0]) if row else 0
        return out


# Readings are the bulk of a store (~7.5 KB of JSON an article). DuckDB's own string
# compression leaves JSON near that size, and a checkpoint rewrites the newest row group
# whole, so its memory is proportional to the Readings' stored size: zlib (level 6)
# makes them about 3.5x smaller, on disk and in that rewrite.
_ZLIB_LEVEL = 6


def first_row(
    con: duckdb.DuckDBPyConnection, query: str, params: list[Any] | None = None
) -> tuple[Any, ...] | None:
    """The first row of ``query``, or None. Use it, never ``execute(...).fetchone()``: a
    result left unfinished makes DuckDB refuse the next query on the connection that
    goes through a relation (``con.sql``, as the lookups are built) with a
    ResourceInUseException. The rest of the result is read and dropped."""
    rows = con.execute(query, params or []).fetchall()
    return tuple(rows[0]) if rows else None


def pack(reading: Reading) -> bytes:
    """A Reading as stored in ``articles.reading``: its JSON, zlib-compressed."""
    return zlib.compress(reading.model_dump_json().encode("utf-8"), _ZLIB_LEVEL)


def unpack(blob: bytes) -> Reading:
    """The Reading of an ``articles.reading`` value (the inverse of :func:`pack`)."""
    return Reading.model_validate_json(zlib.decompress(blob))


_CORRECTION_COLUMNS = (
    "id, made_at, article_id, kind, start_offset, end_offset, sentence, fingerprint, decision, "
    "item, state, changes, why"
)


def _correction(row: tuple[Any, ...]) -> Correction:
    ident, at, article_id, kind, start, end, sentence, fp, decision, item, state, changes, why = row
    return Correction(
        id=int(ident),
        at=at,
        key=ItemKey(
            article_id=article_id,
            kind=ItemKind(kind),
            start=int(start),
            end=int(end),
            sentence=sentence,
            fingerprint=fp,
        ),
        decision=Decision(decision),
        item=None if item is None else json.loads(item),
        state=state,
        changes=json.loads(changes) if changes else {},
        why=why or "",
    )


def _marks(count: int) -> str:
    """``count`` SQL parameter marks, for an IN list."""
    return ", ".join("?" * count)


_HISTORY_COLUMNS = (
    "record_id",
    "seq",
    "date",
    "state",
    "detail",
    "sentence",
    "source",
    "article_id",
    "published",
)


def _insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...], rows: list[list[Any]]
) -> None:
    """Insert ``rows`` (values in ``columns`` order) in one statement, through Arrow:
    ``executemany`` runs a statement a row (the 7,783 history rows of the 10,000-article
    benchmark store took ~20 s that way, on every correction in the workspace)."""
    if not rows:
        return
    import pyarrow as pa  # here: the CLI's commands that only query do not need it

    data = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})
    con.register("_rows_in", data)
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM _rows_in")
    finally:
        con.unregister("_rows_in")


def _history_rows(record_id: str, history: list[Any]) -> list[list[Any]]:
    rows = []
    for seq, change in enumerate(history):
        evidence = change.evidence
        rows.append(
            [
                record_id,
                seq,
                change.date,
                change.state,
                change.detail,
                evidence.sentence if evidence else None,
                evidence.source if evidence else None,
                evidence.article_id if evidence else None,
                evidence.published if evidence else None,
            ]
        )
    return rows


__all__ = ["DEFAULT_STORE", "AddResult", "Outcome", "Store", "StorySources", "first_row"]
