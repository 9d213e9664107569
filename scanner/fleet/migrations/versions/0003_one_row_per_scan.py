"""One row per scan: (site, target, start time) is unique, so two workers storing the same
report at once cannot both succeed.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("scans") as batch:
        batch.create_unique_constraint(
            "uq_scans_site_target_started", ["site_id", "target", "started_at"]
        )


def downgrade() -> None:
    with op.batch_alter_table("scans") as batch:
        batch.drop_constraint("uq_scans_site_target_started", type_="unique")
