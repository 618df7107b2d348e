"""Importing the contacts of a JSON journal export holds what one contact needs, not what
the file holds (issue #15: 100,000 contacts peaked at 217 MB, 40 photos of 1.9 MB at up to
177 MB): the e-mails, phones, tags and photos wait in a scratch database, a chunk of records
holds at most a few photos, and nothing keeps a record alive after it was written."""

from __future__ import annotations

import base64
import gc
import json
import os
import tracemalloc
import uuid
import weakref
from datetime import date

from colearn_desktop.core.contact_fields import ContactInput, Labelled
from colearn_desktop.core.interchange.builder import finish
from colearn_desktop.core.interchange.record import ImportRecord, Photo

PHOTO_BYTES = 1_500_000


def _export_with_photos(journal, path, photos: int) -> None:
    """The journal's own export, with ``photos`` contacts of a 1.5 MB photo each added."""
    journal.interchange.export_journal(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    tables = document["tables"]
    template = tables["contact"][0]
    data = base64.b64encode(os.urandom(PHOTO_BYTES)).decode("ascii")
    tables["contact_photo"] = []
    for n in range(photos):
        uid = str(uuid.uuid4())
        name = f"Pictured {n}"
        row = dict(template, id=1000 + n, uid=uid, name=name, display_name=name)
        tables["contact"].append(dict(row, sort_name=name.lower()))
        tables["contact_photo"].append(
            {"contact_id": 1000 + n, "contact_uid": uid, "mime_type": "image/jpeg", "data": data}
        )
    path.write_text(json.dumps(document), encoding="utf-8")


def _peak_import(fresh, name, path) -> int:
    other = fresh(name)
    other.contacts.create(ContactInput(name="Already here"))  # only contacts are taken
    tracemalloc.start()
    report = other.interchange.import_file(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert report.imported
    other.close()
    return peak


def test_four_times_the_photos_take_no_more_memory(journal, tmp_path, fresh):
    journal.contacts.create(ContactInput(name="Ana", emails=(Labelled("ana@example.org"),)))
    few, many = tmp_path / "few.json", tmp_path / "many.json"
    _export_with_photos(journal, few, 6)
    _export_with_photos(journal, many, 24)
    _peak_import(fresh, "warm-up", few)  # modules and caches loaded
    small, big = _peak_import(fresh, "few", few), _peak_import(fresh, "many", many)
    # (Before: every photo at once, as text and as bytes: ~4x the peak of the few.)
    assert big < small * 1.3, (small, big)


def test_a_checked_record_is_freed_without_waiting_for_the_garbage_collector():
    """A record whose texts were checked for control characters was kept alive by a
    reference cycle until the collector ran: with photos, dozens of megabytes."""
    record = ImportRecord(1, ContactInput(name="Ana"), Photo("image/jpeg", b"x" * 1000))
    finish(record, date(2026, 11, 22))
    gone = weakref.ref(record)
    gc.disable()
    try:
        del record
        assert gone() is None
    finally:
        gc.enable()
