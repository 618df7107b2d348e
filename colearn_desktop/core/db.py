"""The engine, its pragmas, and real transactions.

Python's sqlite3 driver, left alone, opens transactions lazily and commits silently before DDL,
so a multi-step change (or a migration) could be half-applied.  We use SQLAlchemy's documented
recipe instead: the driver never issues BEGIN itself (``isolation_level = None``) and we emit
our own BEGIN when SQLAlchemy starts a transaction.  Writes use ``BEGIN IMMEDIATE`` so that two
writers queue on the lock instead of failing halfway through with "database is locked".

Every connection runs in WAL mode with ``synchronous=FULL`` (a committed note survives a power
cut) and ``foreign_keys=ON``.

A journal that cannot be written (read-only file, folder or disk, a full disk) is opened
read-only instead (see :mod:`core.opening`): its :class:`Database` carries the reason, and every
write is refused with that same sentence before SQLite is asked.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, CursorResult, Engine, Insert, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from .errors import (
    DamagedJournalError,
    DiskFullError,
    LockedError,
    ReadOnlyError,
    StorageError,
)
from .journal_files import read_only_cause

BUSY_TIMEOUT_MS = 5000
_BEGIN_OPTION = "colearn_begin"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _on_connect_read_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    """A read-only connection cannot switch the journal to WAL (that is a write)."""
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}").close()


def _on_begin(connection: Connection) -> None:
    begin = connection.get_execution_options().get(_BEGIN_OPTION, "BEGIN")
    connection.exec_driver_sql(begin)


def create_journal_engine(path: Path, *, read_only_uri: str | None = None) -> Engine:
    """An engine for the journal at ``path`` with the pragmas and transaction recipe applied
    (through ``read_only_uri`` instead, when given: see :func:`journal_files.reading_uri`).

    ``check_same_thread`` is off because import and export workers borrow their own pooled
    connections from other threads; a connection is still only used by one thread at a time.
    """
    connect_args: dict[str, Any] = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
    if read_only_uri is None:
        engine = create_engine(f"sqlite:///{path}", connect_args=connect_args)
        event.listen(engine, "connect", _on_connect)
    else:
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(read_only_uri, uri=True, **connect_args),
        )
        event.listen(engine, "connect", _on_connect_read_only)
    event.listen(engine, "begin", _on_begin)
    return engine


def translate(error: BaseException, path: Path) -> BaseException:
    """Map a driver error to the journal's error for what the user can do about it."""
    original = error.orig if isinstance(error, DBAPIError) else error
    text = str(original).lower()
    if "database or disk is full" in text:
        return DiskFullError(
            "The disk is full, so the change was not saved. Free some space and try again."
        )
    if "readonly" in text or "read-only" in text:
        cause = read_only_cause(path)  # which file or folder, and what to do
        if cause:
            return ReadOnlyError(f"The change was not saved because {cause}")
        return ReadOnlyError(
            "The journal is read-only, so the change was not saved. "
            "Check the file's permissions or whether the disk is mounted read-only."
        )
    if "database is locked" in text or "database table is locked" in text:
        return LockedError(
            "Another program is using the journal right now, so the change was not saved. "
            "Close the other program (or the other CoLearn window) and try again."
        )
    if "malformed" in text or "not a database" in text:
        return DamagedJournalError(path, f"The journal file {path} is damaged: {original}")
    if isinstance(original, sqlite3.OperationalError):
        return StorageError(f"The journal could not complete the change: {original}")
    return error


class Database:
    """A thin typed wrapper over the engine: one way to read, one way to write.

    ``read_only``: why the journal was opened read-only, in the sentence every refused save
    repeats (empty: writable)."""

    def __init__(self, engine: Engine, path: Path, read_only: str = ""):
        self.engine = engine
        self.path = path
        self.read_only = read_only

    def check_writable(self) -> None:
        """Refuse, before anything is touched, to change a journal opened read-only."""
        if self.read_only:
            raise ReadOnlyError(self.read_only)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session inside ``BEGIN IMMEDIATE``; commits on success, rolls back everything
        on any exception (re-raised as a :class:`StorageError` when it is one)."""
        self.check_writable()
        with self._session("BEGIN IMMEDIATE") as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session inside a plain (deferred) transaction: a consistent snapshot."""
        with self._session("BEGIN") as session:
            yield session

    @contextmanager
    def _session(self, begin: str) -> Iterator[Session]:
        try:
            with self.engine.connect() as connection:
                connection.execution_options(**{_BEGIN_OPTION: begin})
                with (
                    connection.begin(),
                    Session(bind=connection, expire_on_commit=False, autoflush=True) as session,
                ):
                    yield session
                    session.flush()
        except DBAPIError as error:
            raise translate(error, self.path) from error
        except sqlite3.Error as error:
            raise translate(error, self.path) from error

    @contextmanager
    def raw(self) -> Iterator[sqlite3.Connection]:
        """The driver connection, in a write transaction, for bulk work (demo data, imports)
        where going through SQLAlchemy per row would cost more than the insert itself."""
        with self.write() as session:
            driver = session.connection().connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            yield driver

    @contextmanager
    def read_raw(self) -> Iterator[sqlite3.Connection]:
        """The driver connection inside a read transaction, for big lists where SQLAlchemy's
        per-row result processing would cost more than the query (plain tuples come back).

        The pooled connection is used directly, without an ORM session around it (a session
        costs ~0.2 ms, more than a page of the contacts list or most searches take in SQL).
        The transaction is rolled back at the end: a read keeps nothing it might have
        written, and writing in one is a bug, raised as such (the change tag of the backups
        only follows transactions that ``write()`` opens)."""
        try:
            pooled = self.engine.raw_connection()
        except DBAPIError as error:
            raise translate(error, self.path) from error
        try:
            driver = pooled.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            changes = driver.total_changes
            driver.execute("BEGIN")
            try:
                yield driver
            finally:
                if driver.in_transaction:
                    driver.execute("ROLLBACK")
            if driver.total_changes != changes:
                raise RuntimeError("Database.read_raw() is for reading; use write() or raw()")
        except sqlite3.Error as error:
            raise translate(error, self.path) from error
        finally:
            pooled.close()

    def dispose(self) -> None:
        self.engine.dispose()


def scalar(session: Session, sql: str, **params: Any) -> Any:
    """Run a text query and return its single value (bound parameters only)."""
    from sqlalchemy import text

    return session.execute(text(sql), params).scalar()


def inserted_id(session: Session, statement: Insert) -> int:
    """Run an INSERT of one row in the session's transaction and return the new row's id.

    ``Session.execute`` is typed as returning a plain ``Result``, but an INSERT always comes
    back as a ``CursorResult``, the only kind that knows the inserted primary key."""
    result = session.execute(statement)
    assert isinstance(result, CursorResult)
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])
