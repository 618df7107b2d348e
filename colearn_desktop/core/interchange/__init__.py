"""Moving contacts in and out of the journal: CSV, vCard and JSON.

Reading is split in small steps, each testable alone: ``encoding`` (which bytes are these?),
``formats`` (which kind of file?), the readers in ``readers/`` (``csv_source`` +
``csv_profiles``, ``vcard_lines`` + ``vcard_reader``, ``json_import`` + ``json_stream``) that
turn a file into a stream of :class:`~colearn_desktop.core.interchange.record.ImportRecord`,
``matching`` (is this person already here?), ``plan`` (what would happen, row by row) and
``apply`` (do it, all or nothing, as one undoable batch).  Writing is in ``writers/``:
``csv_export``, ``vcard_export``, ``json_export`` and ``ics``.

The facade is :class:`~colearn_desktop.core.interchange.service.InterchangeService`, reachable
as ``journal.interchange``.
"""
