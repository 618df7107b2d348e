"""``journal.merge``: plan a merge of contacts that are one person, and carry it out.

A merge is one write transaction (see :mod:`.apply`) recorded as one undo step named
"Merge Freja Dahl and 2 others": Ctrl+Z in the window and ``colearn undo`` bring every
merged contact back with everything that was theirs.  Merging more than one other contact
at once (a bulk merge) takes a backup first.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from colearn_desktop.core.errors import NotFoundError, ValidationError
from colearn_desktop.core.events import Action, Change, Topic
from colearn_desktop.core.people.contacts import ContactService
from colearn_desktop.core.people.merge.apply import apply_merge
from colearn_desktop.core.people.merge.plan import (
    MergePlan,
    check_contacts,
    check_request,
    count_moves,
    make_plan,
)
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.db import scalar
from colearn_desktop.core.storage.models import Contact

_PRESENT = (
    "SELECT count(*) FROM contact WHERE archived_at IS NULL "
    "AND id IN (SELECT value FROM json_each(:ids))"
)
# What else a merge changes, for the screens that show it (the contacts' own change first).
_ALSO_CHANGED = (
    Topic.CONVERSATIONS,
    Topic.FAVOURS,
    Topic.PURCHASES,
    Topic.REMINDERS,
    Topic.REFERRALS,
)


@dataclass(frozen=True)
class MergeResult:
    change: Change  # contacts: the kept one updated, the others deleted
    kept_id: int
    backup: Path | None  # taken before a bulk merge


class MergeService:
    def __init__(
        self,
        ctx: ServiceContext,
        contacts: ContactService,
        region: Callable[[], str],
        backup: Callable[[str], Path | None],
    ):
        self._ctx = ctx
        self._contacts = contacts
        self._region = region
        self._backup = backup

    def plan(
        self, kept_id: int, other_ids: Sequence[int], prefer: Mapping[str, int] | None = None
    ) -> MergePlan:
        """What merging ``other_ids`` into ``kept_id`` would do; ``prefer`` picks the winner
        of single fields (field key -> contact id).  Reads only.  Refuses (ValidationError,
        NotFoundError) a contact named twice, one that does not exist or is archived."""
        check_request(kept_id, other_ids)
        details = []
        for contact_id in (kept_id, *other_ids):
            try:
                details.append(self._contacts.get(contact_id))
            except NotFoundError:
                raise NotFoundError(
                    f"#{contact_id} is not a contact of this journal; nothing was merged"
                ) from None
        check_contacts(details)
        with self._ctx.db.read_raw() as connection:
            moves = count_moves(connection, other_ids)
        return make_plan(details, prefer or {}, self._region(), self._ctx.clock.today(), moves)

    def merge(self, plan: MergePlan) -> MergeResult:
        """Carry ``plan`` out in one transaction (one undo step); a backup first when more
        than one contact is merged into the kept one."""
        backup = self._backup("bulk-merge") if len(plan.others) > 1 else None
        with self._ctx.db.write(plan.label) as session:
            ids = json.dumps([c.id for c in plan.contacts])
            present = scalar(session, _PRESENT, ids=ids)
            edited = [
                c.display_name
                for c in plan.contacts
                if (row := session.get(Contact, c.id)) is not None
                and row.updated_at != c.updated_at
            ]
            if present != len(plan.contacts) or edited:
                # The plan holds the values it showed: merging it now would put back what
                # was edited since (elsewhere in the window, or by sync).
                changed = f" ({', '.join(edited)} was edited)" if edited else ""
                raise ValidationError.single(
                    "contacts",
                    f"a contact of this merge was changed or removed meanwhile{changed}; "
                    "nothing was merged. Open the merge again.",
                )
            apply_merge(session, self._contacts, plan, self._ctx.clock.utcnow())
        change = self._ctx.changed(
            Topic.CONTACTS,
            plan.kept.id,
            *plan.other_ids,
            action=Action.UPDATED | Action.DELETED,
        )
        for topic in _ALSO_CHANGED:
            self._ctx.changed(topic, action=Action.UPDATED)
        return MergeResult(change, plan.kept.id, backup)
