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
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, CursorResult, Engine, Insert, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from colearn_desktop.core.errors import (
    DamagedJournalError,
    DiskFullError,
    LockedError,
    ReadOnlyError,
    StorageError,
)
from colearn_desktop.core.storage.constraint_errors import constraint_error
from colearn_desktop.core.storage.files.journal_files import read_only_cause
from colearn_desktop.core.storage.undo_log import finish as finish_recording
from colearn_desktop.core.storage.undo_log import start as start_recording

BUSY_TIMEOUT_MS = 5000
_BEGIN_OPTION = "colearn_begin"
# How long a commit waits for the disk.  FULL, the app's only setting, makes a committed note
# survive a power cut.  It is a module value, read as each connection opens, so that the test
# suite can lower it to OFF for tests that are not about durability (tests/conftest.py): an
# fsync per commit is most of what a test's writes cost.
SYNCHRONOUS = "FULL"


class _Operation:
    """An operation that spans several write transactions, recorded as one undo step."""

    def __init__(self, label: str):
        self.label = label
        self.step: int | None = None


_OPERATION: ContextVar[_Operation | None] = ContextVar("colearn_operation", default=None)
_LABEL = "colearn_operation_label"


def name_operation(session: Session, label: str) -> None:
    """Give the operation of this write its final name once the transaction has read what it
    needs ("Archive contact" becomes "Archive Ana García" without a read beforehand)."""
    session.info[_LABEL] = label


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
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
    """Map a driver error to the journal's error for what the user can do about it.

    Sorted by SQLite's result code (the primary code is the low byte of the extended one that
    ``sqlite3.Error.sqlite_errorcode`` holds), not by the wording of its message.  An error the
    driver raised itself carries no code: an ``OperationalError`` is still a storage error,
    anything else is returned as it is (a bug)."""
    original = error.orig if isinstance(error, DBAPIError) else error
    if not isinstance(original, sqlite3.Error):
        return error
    code = getattr(original, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == sqlite3.SQLITE_FULL:
        return DiskFullError(
            "The disk is full, so the change was not saved. Free some space and try again."
        )
    if primary == sqlite3.SQLITE_READONLY:
        cause = read_only_cause(path)  # which file or folder, and what to do
        if cause:
            return ReadOnlyError(f"The change was not saved because {cause}")
        return ReadOnlyError(
            "The journal is read-only, so the change was not saved. "
            "Check the file's permissions or whether the disk is mounted read-only."
        )
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return LockedError(
            "Another program is using the journal right now, so the change was not saved. "
            "Close the other program (or the other CoLearn window) and try again."
        )
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return DamagedJournalError(path, f"The journal file {path} is damaged: {original}")
    if primary == sqlite3.SQLITE_CONSTRAINT:
        return constraint_error(original)
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
    def write(self, operation: str = "", *, undoable: bool = True) -> Iterator[Session]:
        """A session inside ``BEGIN IMMEDIATE``; commits on success, rolls back everything
        on any exception (re-raised as a :class:`StorageError` when it is one).

        ``operation`` names the user's action ("Log conversation with Ana García"): its row
        changes are recorded in the undo log as one step, in this same transaction (see
        :mod:`undo_log`).  A write without a name (housekeeping) is not recorded.
        ``undoable`` False: an operation too big to record row by row (a big import); it
        is kept by name, and undo says it cannot take it back."""
        self.check_writable()
        scope = _OPERATION.get()
        label = scope.label if scope is not None else operation
        with self._session("BEGIN IMMEDIATE") as session:
            if not label:
                yield session
                return
            driver: sqlite3.Connection = session.connection().connection.driver_connection  # type: ignore[assignment]
            started = start_recording(driver, record=undoable)
            yield session
            session.flush()
            if scope is None:
                label = session.info.get(_LABEL, label)
            step = finish_recording(
                driver,
                started,
                label,
                scope.step if scope is not None else None,
                recorded=undoable,
            )
            if scope is not None:
                scope.step = step

    @contextmanager
    def operation(self, label: str) -> Iterator[None]:
        """Record every write inside as one undo step named ``label`` (for an action that
        takes more than one transaction, like settling a favour and clearing its snooze)."""
        if _OPERATION.get() is not None:  # the outer operation names the whole
            yield
            return
        token = _OPERATION.set(_Operation(label))
        try:
            yield
        finally:
            _OPERATION.reset(token)

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
    def raw(self, operation: str = "", *, undoable: bool = True) -> Iterator[sqlite3.Connection]:
        """The driver connection, in a write transaction, for bulk work (demo data, imports)
        where going through SQLAlchemy per row would cost more than the insert itself.
        ``operation``: as for :meth:`write`."""
        with self.write(operation, undoable=undoable) as session:
            connection = session.connection()
            yield connection.connection.driver_connection  # type: ignore[misc]

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
