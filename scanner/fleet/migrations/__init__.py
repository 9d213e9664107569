"""Alembic migrations of the history store; applied on open (scanner/fleet/store.py)."""
