"""Our JSON journal export read row by row, so memory does not grow with the file.

``json.load`` of a 65 MB export (10,000 contacts, 100,000 conversations) peaked at 380 MB; a
decade-long journal of 100,000 contacts exports to ~650 MB and would have needed gigabytes.
ijson's C parser reads the same file as a stream of events; each row is built on its own and
handed on.  A reader that needs rows of several tables in a certain order simply reads the
file again (parsing is fast next to inserting), so nothing but the rows in hand is kept.
"""

from __future__ import annotations

import codecs
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import ijson

from colearn_desktop.core.interchange.formats import JSON_MARK
from colearn_desktop.core.interchange.record import ImportFileError
from colearn_desktop.core.interchange.writers.json_export import FORMAT_VERSION

_CONTAINER_START = {"start_map", "start_array"}
_CONTAINER_END = {"end_map", "end_array"}


class JournalExport:
    """A JSON journal export, checked to be one (format mark and version) when made."""

    def __init__(self, path: Path):
        self.path = path
        self._check_header()

    # -- reading --------------------------------------------------------------------------

    def rows(
        self, tables: Collection[str] | None = None, counts: dict[str, int] | None = None
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(table, row)`` for every row of ``tables`` (all when None), in file order; with
        ``counts``, every table's rows are counted into it on the way (so a reader that needs
        both does not read the file once more).  Raises ImportFileError where the file stops
        being a readable export (the caller's transaction or plan then leaves nothing
        behind)."""
        name = self.path.name
        with self._events() as events:
            table = ""
            depth = 0  # inside a row: how deeply nested
            builder: ijson.ObjectBuilder | None = None
            for prefix, event, value in events:
                if depth:
                    if builder is not None:
                        builder.event(event, value)
                    if event in _CONTAINER_START:
                        depth += 1
                    elif event in _CONTAINER_END:
                        depth -= 1
                        if depth == 0 and builder is not None:
                            yield table, builder.value
                            builder = None
                    continue
                if prefix == "tables" and event not in ("start_map", "map_key", "end_map"):
                    raise ImportFileError(f"{name} has no readable tables; nothing was imported.")
                if prefix.startswith("tables.") and prefix.count(".") == 1:
                    if event not in ("start_array", "end_array"):
                        raise ImportFileError(
                            f"{name}: table {prefix[7:]!r} is not a list of rows; "
                            "nothing was imported."
                        )
                elif _is_row(prefix):
                    table = prefix[7:-5]
                    if event != "start_map":
                        raise ImportFileError(
                            f"{name}: a row of table {table!r} is not an object; "
                            "nothing was imported."
                        )
                    depth = 1
                    if counts is not None:
                        counts[table] = counts.get(table, 0) + 1
                    if tables is None or table in tables:
                        builder = ijson.ObjectBuilder()
                        builder.event(event, value)

    def count_rows(self) -> dict[str, int]:
        """How many rows each table has (tables without rows left out)."""
        counts: dict[str, int] = {}
        for _row in self.rows(tables=(), counts=counts):
            pass  # (no table wanted: nothing is built, only counted)
        return counts

    # -- the file -------------------------------------------------------------------------

    def _check_header(self) -> None:
        name = self.path.name
        found: dict[str, Any] = {}
        with self._events() as events:
            for prefix, event, value in events:
                if prefix == "" and event == "start_array":
                    break
                if prefix in ("format", "version") and event not in ("start_map", "start_array"):
                    found[prefix] = value
                if prefix == "tables" and event == "start_map":
                    found["tables"] = True
                    if "format" in found and "version" in found:
                        break  # (an export names itself first; no need to read on)
        if found.get("format") != JSON_MARK:
            raise ImportFileError(f"{name} is JSON, but not a CoLearn journal export.")
        version = found.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
            raise ImportFileError(
                f"{name} was written by a newer CoLearn (export format {version!r}); "
                "install the newer version to import it."
            )
        if "tables" not in found:
            raise ImportFileError(f"{name} has no readable tables; nothing was imported.")

    @contextmanager
    def _events(self) -> Iterator[Iterator[tuple[str, str, Any]]]:
        try:
            with self.path.open("rb") as handle:
                _skip_bom(handle)
                yield _translated(self.path.name, ijson.parse(handle, use_float=True))
        except OSError as error:
            raise ImportFileError(f"{self.path.name} cannot be read: {error.strerror}") from error


def _is_row(prefix: str) -> bool:
    """Whether ``prefix`` is where the rows of a table are (``tables.contact.item``)."""
    return prefix.startswith("tables.") and prefix.endswith(".item") and prefix.count(".") == 2


def _skip_bom(handle: IO[bytes]) -> None:
    if handle.read(len(codecs.BOM_UTF8)) != codecs.BOM_UTF8:
        handle.seek(0)


def _translated(
    name: str, events: Iterator[tuple[str, str, Any]]
) -> Iterator[tuple[str, str, Any]]:
    """The parser's events, its errors told as the user needs them."""
    try:
        yield from events
    except ijson.IncompleteJSONError as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else "it ends early"
        if "utf" in detail.casefold():
            raise ImportFileError(f"{name} is not UTF-8 text, so it is not our JSON.") from error
        raise ImportFileError(
            f"{name} is not valid JSON ({detail}); it may be cut short. Nothing was imported."
        ) from error
    except ijson.JSONError as error:
        raise ImportFileError(
            f"{name} is not valid JSON ({error}); nothing was imported."
        ) from error
