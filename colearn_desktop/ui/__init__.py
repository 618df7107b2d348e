"""The Qt adapter over the journal: item models, widgets and dialogs.

Widgets receive the :class:`~colearn_desktop.core.journal.Journal` through their constructor,
never open sessions or write SQL, and refresh through one "journal changed" signal.
"""
