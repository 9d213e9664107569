"""Fleet: many sites over time. The watch list (what to scan, when, whom to tell), the history
store (SQLite or PostgreSQL through SQLAlchemy, migrated by Alembic), diffs between stored scans,
and alerts (signed webhooks, e-mail). See docs/fleet.md."""
