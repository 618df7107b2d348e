"""Alembic environment.

At run time the app hands over its own connection, already inside the one transaction that
covers every pending revision (see ``colearn_desktop.core.storage.migrate``).  Developers can
also run ``alembic`` against a scratch journal to autogenerate a new revision (see README).
"""

from typing import Any

from alembic import context
from sqlalchemy import create_engine

from colearn_desktop.core.storage import models

config = context.config
connection = config.attributes.get("connection")
options: dict[str, Any] = {
    "target_metadata": models.metadata,
    # SQLite cannot ALTER most things; batch mode copies the table instead.
    "render_as_batch": True,
    "compare_type": True,
    "on_version_apply": config.attributes.get("on_version_apply"),
    # The full-text index's tables and the list-cache indexes (expressions, collations) are
    # made by raw SQL in their revisions, not described by the models.
    "include_name": models.include_in_autogenerate,
}

if connection is not None:
    context.configure(connection=connection, **options)
    with context.begin_transaction():
        context.run_migrations()
else:  # developer use: `alembic -x db=path/to/journal.sqlite3 revision --autogenerate`
    url = "sqlite:///" + context.get_x_argument(as_dictionary=True)["db"]
    with create_engine(url).connect() as dev_connection:
        context.configure(connection=dev_connection, **options)
        with context.begin_transaction():
            context.run_migrations()
