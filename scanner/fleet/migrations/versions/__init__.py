"""Revisions of the history store, oldest first (Alembic ignores this file)."""
