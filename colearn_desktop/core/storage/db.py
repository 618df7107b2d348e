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
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any

from colearn_desktop.core.errors import (
    DamagedJournalError,
    DiskFullError,
    LockedError,
    ReadOnlyError,
    StorageError,
)
from colearn_desktop.core.storage.constraint_errors import constraint_error
from colearn_desktop.core.storage.files.journal_files import read_only_cause

if TYPE_CHECKING:  # SQLAlchemy is imported when the engine is made (after the first paint)
    from sqlalchemy import Connection, Engine, Insert
    from sqlalchemy.orm import Session

    from colearn_desktop.core.storage.checkpoint import Checkpointer

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


# The page cache a write on many rows gets for its transaction (SQLite's default is 2 MB).
ROOMY_CACHE_KB = 128 * 1024


@contextmanager
def roomy_cache(connection: sqlite3.Connection) -> Iterator[None]:
    """A bigger page cache for this connection while a write touches many rows at random
    places of a big journal: archiving 30,000 of 100,000 contacts changes 11 list indexes
    each, and with 2 MB of cache most of those page writes go to disk and back (22 s row by
    row, 9 s with 128 MB).  The usual size comes back afterwards, which frees the pages."""
    (before,) = connection.execute("PRAGMA cache_size").fetchone()
    connection.execute(f"PRAGMA cache_size = -{ROOMY_CACHE_KB}")
    try:
        yield
    finally:
        connection.execute(f"PRAGMA cache_size = {int(before)}")


def set_write_pragmas(dbapi_connection: sqlite3.Connection, _record: object = None) -> None:
    """WAL, `synchronous`, foreign keys: every writing connection (the engine's, and the
    one `core.opening` checks the journal with before the engine is made)."""
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


def writing_uri(path: Path) -> str:
    """A URI that opens the journal for writing but never creates it (``mode=rw``): a read
    after the file was moved aside (a restore, a move to another folder) must fail, not leave
    an empty journal where the user's was."""
    return path.absolute().as_uri() + "?mode=rw"


def create_journal_engine(
    path: Path, *, read_only_uri: str | None = None, must_exist: bool = False
) -> Engine:
    """An engine for the journal at ``path`` with the pragmas and transaction recipe applied
    (through ``read_only_uri`` instead, when given: see :func:`journal_files.reading_uri`).
    ``must_exist``: connect through :func:`writing_uri`, so a missing file is an error rather
    than a new empty journal (an open journal's engine; the upgrade that makes one creates).

    ``check_same_thread`` is off because import and export workers borrow their own pooled
    connections from other threads; a connection is still only used by one thread at a time.
    """
    from sqlalchemy import create_engine, event

    connect_args: dict[str, Any] = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
    if read_only_uri is None and must_exist:
        uri = writing_uri(path)
        engine = create_engine(  # the file URL picks the pool a file needs; the creator connects
            f"sqlite:///{path}", creator=lambda: sqlite3.connect(uri, uri=True, **connect_args)
        )
        event.listen(engine, "connect", set_write_pragmas)
    elif read_only_uri is None:
        engine = create_engine(f"sqlite:///{path}", connect_args=connect_args)
        event.listen(engine, "connect", set_write_pragmas)
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
    from sqlalchemy.exc import DBAPIError

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


def own_connection(path: Path, read_only_uri: str | None = None) -> sqlite3.Connection:
    """A connection opened as the engine opens its own (pragmas, timeout, usable from the
    thread it is lent to), for the reads before the engine is made (see
    :meth:`Database._raw_connection`)."""
    timeout = BUSY_TIMEOUT_MS / 1000
    if read_only_uri is None:
        connection = sqlite3.connect(
            writing_uri(path), uri=True, timeout=timeout, check_same_thread=False
        )
        set_write_pragmas(connection)
    else:
        connection = sqlite3.connect(
            read_only_uri, uri=True, timeout=timeout, check_same_thread=False
        )
        _on_connect_read_only(connection, None)
    return connection


class _OwnConnection:
    """A connection of the database's own, lent for one read before the engine is made;
    shaped like a pooled one (``driver_connection``, ``close``, which gives it back)."""

    def __init__(
        self, connection: sqlite3.Connection, give_back: Callable[[sqlite3.Connection], None]
    ):
        self.driver_connection = connection
        self._give_back = give_back

    def close(self) -> None:
        self._give_back(self.driver_connection)


class Database:
    """A thin typed wrapper over the engine: one way to read, one way to write.

    ``read_only``: why the journal was opened read-only, in the sentence every refused save
    repeats (empty: writable)."""

    def __init__(
        self,
        engine: Engine | None,
        path: Path,
        read_only: str = "",
        *,
        spare: sqlite3.Connection | None = None,
        **how: str,
    ):
        """``engine`` None: made on first use by :func:`create_journal_engine` (``how``: its
        ``read_only_uri``), so that opening a journal imports no SQLAlchemy: the window
        paints before the ORM loads (issue 14).  ``spare``: a connection made by
        :func:`own_connection` (the one opening checked the journal with), kept for the
        reads before the engine is made."""
        self._engine = engine
        # Until the engine is made, reads go through one connection of our own, kept open
        # between them: each new connection parses the whole schema again (~5 ms: some 300
        # tables, indexes and triggers), and the start-up checks and the window's first
        # reads took five of them before the first paint (issue 14).
        self._spare = spare
        self._engine_lock = threading.Lock()
        self._how = how
        self._on_engine: list[Callable[[Engine], None]] = []
        self.path = path
        self.read_only = read_only
        self._closed = False
        self._checkpointer: Checkpointer | None = None  # the app's (checkpoint_in_background)

    @property
    def engine(self) -> Engine:
        with self._engine_lock:
            self._refuse_if_closed()
            if self._engine is None:
                engine = create_journal_engine(self.path, must_exist=True, **self._how)
                for prepare in self._on_engine:
                    prepare(engine)
                self._engine = engine
                self._close_spare()  # from now on every read goes through the engine's pool
            return self._engine

    @engine.setter
    def engine(self, engine: Engine) -> None:
        """(A test puts an engine of its own in place: a read-only one, say.)"""
        with self._engine_lock:
            self._engine = engine

    def on_engine(self, prepare: Callable[[Engine], None]) -> None:
        """Call ``prepare(engine)`` before the engine is first used (at once if it is made):
        the backups' change tag follows every write, whoever made the engine."""
        with self._engine_lock:
            if self._engine is None:
                self._on_engine.append(prepare)
                return
        prepare(self._engine)

    def check_writable(self) -> None:
        """Refuse, before anything is touched, to change a journal opened read-only."""
        if self.read_only:
            raise ReadOnlyError(self.read_only)

    def checkpoint_in_background(self) -> None:
        """From now on the write-ahead log is copied into the journal after every commit on a
        thread of its own, not inside the commit that fills it (see :mod:`checkpoint`): for
        the app, where commits run on the UI thread."""
        from colearn_desktop.core.storage.checkpoint import Checkpointer

        if self._checkpointer is None and not self.read_only:
            self._checkpointer = Checkpointer(self._checkpoint_connection)

    def _checkpoint_connection(self) -> sqlite3.Connection:
        self._refuse_if_closed()
        connection = sqlite3.connect(
            writing_uri(self.path), uri=True, isolation_level=None, check_same_thread=False
        )
        connection.execute("PRAGMA busy_timeout = 0")  # passive: never waits for a lock
        connection.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        return connection

    def wait_for_checkpoint(self, timeout: float = 10.0) -> bool:
        """Wait for the background checkpoints asked so far (tests)."""
        return self._checkpointer is None or self._checkpointer.wait_idle(timeout)

    @contextmanager
    def write(
        self, operation: str = "", *, undoable: bool = True, bound: int | None = None
    ) -> Iterator[Session]:
        """See :meth:`_write`; once it has committed, the background checkpoint is asked."""
        with self._write(operation, undoable=undoable, bound=bound) as session:
            yield session
        if self._checkpointer is not None:
            self._checkpointer.poke()

    @contextmanager
    def _write(
        self, operation: str = "", *, undoable: bool = True, bound: int | None = None
    ) -> Iterator[Session]:
        """A session inside ``BEGIN IMMEDIATE``; commits on success, rolls back everything
        on any exception (re-raised as a :class:`StorageError` when it is one).

        ``operation`` names the user's action ("Log conversation with Ana García"): its row
        changes are recorded in the undo log as one step, in this same transaction (see
        :mod:`undo_log`).  A write without a name (housekeeping) is not recorded.
        ``undoable`` False: an operation too big to record row by row (a big import); it
        is kept by name, and undo says it cannot take it back; so is one that records more
        than ``bound`` row changes (a bulk action, recorded compactly, allows more)."""
        self.check_writable()
        scope = _OPERATION.get()
        label = scope.label if scope is not None else operation
        with self._session("BEGIN IMMEDIATE") as session:
            if not label:
                yield session
                return
            # (The undo log's module names every table it records, from the contact field
            # list: loaded with the first write, not before the window paints.)
            from colearn_desktop.core.storage.undo_log import finish as finish_recording
            from colearn_desktop.core.storage.undo_log import start as start_recording

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
                bound=bound,
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
        from sqlalchemy.exc import DBAPIError
        from sqlalchemy.orm import Session

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
        only follows transactions that ``write()`` opens).

        Before the engine is made (the start-up checks, before the window paints), the read
        runs on a connection of its own, opened like the engine's, so no SQLAlchemy is
        imported for it."""
        pooled = self._raw_connection()
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

    def wait_for_write_lock(self) -> None:
        """Take the write lock and give it back at once: waits (the busy timeout) for, then
        reports, a writer that keeps it; refused like any write when read-only.  On sqlite3
        alone (the start-up checks run it before the window paints)."""
        self.check_writable()
        pooled = self._raw_connection()
        try:
            driver = pooled.driver_connection
            driver.execute("BEGIN IMMEDIATE")
            driver.execute("ROLLBACK")
        except sqlite3.Error as error:
            raise translate(error, self.path) from error
        finally:
            pooled.close()

    def _raw_connection(self) -> Any:
        """A connection to read on (``.driver_connection``, ``.close()``): the engine's pooled
        one once the engine is made, else the database's own (the spare, or a new one when
        another thread has it), given back to be the spare when closed."""
        self._refuse_if_closed()
        if self._engine is None:
            with self._engine_lock:
                connection, self._spare = self._spare, None
            if connection is None:
                try:
                    connection = own_connection(self.path, self._how.get("read_only_uri"))
                except sqlite3.Error as error:
                    raise translate(error, self.path) from error
            return _OwnConnection(connection, self._keep_spare)
        from sqlalchemy.exc import DBAPIError

        try:
            return self.engine.raw_connection()
        except DBAPIError as error:
            raise translate(error, self.path) from error

    def _keep_spare(self, connection: sqlite3.Connection) -> None:
        """A connection of our own, given back: kept for the next read while there is no
        engine (and no other spare), else closed."""
        with self._engine_lock:
            if (
                self._engine is None
                and not self._closed
                and self._spare is None
                and not connection.in_transaction
            ):
                self._spare = connection
                return
        connection.close()

    def _close_spare(self) -> None:
        """(Called holding ``_engine_lock``.)"""
        spare, self._spare = self._spare, None
        if spare is not None:
            spare.close()

    def dispose(self) -> None:
        """Close the pooled connections (and the checkpoint's, and our own spare); the next
        use opens new ones."""
        if self._checkpointer is not None:
            self._checkpointer.release()
        with self._engine_lock:
            self._close_spare()
            if self._engine is not None:
                self._engine.dispose()

    def close(self) -> None:
        """Close for good: a screen's late read (a window being torn down while the start-up
        flow restores a backup) gets a sentence instead of reaching the file."""
        if self._checkpointer is not None:
            self._checkpointer.stop()
        with self._engine_lock:
            self._closed = True
            self._close_spare()
            if self._engine is not None:
                self._engine.dispose()

    def _refuse_if_closed(self) -> None:
        if self._closed:
            raise StorageError(f"The journal {self.path} has been closed; nothing was read.")


def scalar(session: Session, sql: str, **params: Any) -> Any:
    """Run a text query and return its single value (bound parameters only)."""
    from sqlalchemy import text

    return session.execute(text(sql), params).scalar()


def inserted_id(session: Session, statement: Insert) -> int:
    """Run an INSERT of one row in the session's transaction and return the new row's id.

    ``Session.execute`` is typed as returning a plain ``Result``, but an INSERT always comes
    back as a ``CursorResult``, the only kind that knows the inserted primary key."""
    from sqlalchemy import CursorResult

    result = session.execute(statement)
    assert isinstance(result, CursorResult)
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])
