"""Alembic environment and revisions, shipped inside the package so the app upgrades a journal
on its own when it opens one (see :mod:`colearn_desktop.core.storage.migrate`)."""
