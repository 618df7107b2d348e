"""What every live output shares: the protocol, atomic writes, and failures as sentences.

A live output runs after a change the user already saved.  So its failure (the folder was
unplugged, the disk is full, the file became read-only) must never undo or fail that save:
:func:`refresh_outputs` turns it into a :class:`LiveResult` whose message names the file, says
what was kept and what to do, and the caller shows or prints it.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.interchange.writers.export_target import (
    check_export_target,
    replacing,
)

if TYPE_CHECKING:
    from colearn_desktop.core.journal import Journal

log = logging.getLogger(__name__)


class LiveOutput(Protocol):
    """An output kept up to date: ``refresh`` brings it in step with the journal and returns
    one sentence saying what it did; it raises :class:`OSError` or :class:`JournalError`
    when it cannot (:func:`refresh_outputs` turns those into sentences)."""

    @property
    def name(self) -> str: ...

    def refresh(self, journal: Journal) -> str: ...


@dataclass(frozen=True)
class LiveResult:
    name: str
    ok: bool
    message: str


_OS_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "CoLearn may not write there",
    errno.EPERM: "CoLearn may not write there",
    errno.ENOENT: "its folder no longer exists",
}


def failure_sentence(name: str, path: Path | None, error: BaseException) -> str:
    """Why output ``name`` could not be brought up to date, what was kept, what to do."""
    if isinstance(error, OSError):
        reason = _OS_REASONS.get(error.errno or 0, error.strerror or str(error))
        where = Path(error.filename) if error.filename else path
        return (
            f"The {name} {where} could not be updated: {reason}. Your change is saved in the "
            "journal and the file keeps its earlier version; free space or fix the folder, or "
            "choose another file, and it is written again after the next change."
        )
    return (
        f"The {name} could not be updated: {error} Your change is saved in the journal; "
        "choose another file, and it is written again after the next change."
    )


def write_if_changed(
    path: Path,
    data: bytes,
    journal: Journal,
    *,
    same: Callable[[bytes, bytes], bool] = bytes.__eq__,
) -> bool:
    """Write ``data`` to ``path`` unless the file already holds the same (by ``same``);
    True when it wrote.  The target passes the export rule first (never the journal, its
    side files, the backups, or a folder CoLearn keeps), then is replaced atomically: a
    temporary file beside it, flushed to disk, renamed over it; a failure leaves it as it
    was.  Raises :class:`OSError` or :class:`JournalError` (the target's sentence)."""
    target = check_export_target(path, journal.path, journal.backups_dir).path
    try:
        if same(target.read_bytes(), data):
            return False
    except FileNotFoundError:
        pass
    with replacing(target, encoding=None) as out:
        out.write(data)
    return True


def refresh_outputs(outputs: Iterable[LiveOutput], journal: Journal) -> list[LiveResult]:
    """Refresh every output; one failing never stops the others or raises."""
    results = []
    for output in outputs:
        try:
            results.append(LiveResult(output.name, True, output.refresh(journal)))
        except (OSError, JournalError) as error:
            path = getattr(output, "path", None)
            results.append(
                LiveResult(output.name, False, failure_sentence(output.name, path, error))
            )
        except Exception as error:  # a bug in one output: logged, the save stands
            log.exception("live output %s failed", output.name)
            results.append(
                LiveResult(output.name, False, failure_sentence(output.name, None, error))
            )
    return results
