"""How values read on screen (ui/kit/format.py)."""

from __future__ import annotations

from colearn_desktop.core import contact_fields
from colearn_desktop.core.contact_fields import FIELDS
from colearn_desktop.ui.kit import format as fmt


def test_field_labels_are_translated_in_the_contact_field_lists_context():
    """format names the context itself, so a screen that shows no field (Today, at start)
    does not load the contact field list (issue 14)."""
    assert fmt.LABEL_CONTEXT == contact_fields.LABEL_CONTEXT
    assert fmt.field_label(FIELDS[0]) == FIELDS[0].label  # (no translation installed)
