"""Alembic environment of the history store.

The store runs migrations itself when it opens a database (``upgrade head``) and hands Alembic
its open connection through ``config.attributes["connection"]``, so there is no alembic.ini and
no second way to reach the database.
"""

from __future__ import annotations

from alembic import context

from scanner.fleet.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the store drives these migrations
    raise RuntimeError("the history store runs its migrations with an open connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
