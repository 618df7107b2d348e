"""The journal's side of sync: capture local changes, stamp them with a hybrid logical clock,
hand them out as batches, and apply other devices' batches (issue #18).

``JournalSync`` (``service.py``) is what the exchange talks to (``core.sync.records.JournalSide``).
"""
