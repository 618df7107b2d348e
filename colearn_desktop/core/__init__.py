"""The journal's meaning, free of any user interface.

Everything the app can do is reachable from here without a QApplication: the tables, storage,
migrations, backups, and the :class:`~colearn_desktop.core.journal.Journal` service that every
screen and command goes through.
"""
