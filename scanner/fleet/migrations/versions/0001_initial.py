"""The first history schema: sites, scans and what each scan saw.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _child(name: str, *columns: sa.Column) -> None:
    """A table of one scan's rows (findings, third parties, ...)."""
    op.create_table(
        name,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scan_id", sa.Integer, sa.ForeignKey("scans.id"), nullable=False),
        *columns,
    )
    op.create_index(f"ix_{name}_scan_id", name, ["scan_id"])


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(200), nullable=False, unique=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "scans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("site_id", sa.Integer, sa.ForeignKey("sites.id"), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tool_version", sa.String(50), nullable=False),
        sa.Column("data_versions", sa.JSON, nullable=False),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("incomplete", sa.Boolean, nullable=False),
        sa.Column("report_json", sa.Text),
        sa.Column("report_html", sa.Text),
    )
    op.create_index("ix_scans_site_id", "scans", ["site_id"])
    op.create_index("ix_scans_started_at", "scans", ["started_at"])
    _child(
        "findings",
        sa.Column("rule_id", sa.String(20), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("fingerprint", sa.String(200), nullable=False),
        sa.Column("phase", sa.String(20)),
        sa.Column("title", sa.Text, nullable=False),
    )
    _child(
        "third_parties",
        sa.Column("host", sa.Text, nullable=False),
        sa.Column("owner", sa.Text),
        sa.Column("country", sa.String(10)),
        sa.Column("tracker", sa.Boolean, nullable=False),
        sa.Column("phases", sa.JSON, nullable=False),
    )
    _child(
        "cookies",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("domain", sa.Text, nullable=False),
        sa.Column("owner", sa.Text),
        sa.Column("category", sa.String(50)),
        sa.Column("third_party", sa.Boolean, nullable=False),
        sa.Column("phases", sa.JSON, nullable=False),
    )
    _child(
        "banner_outcomes",
        sa.Column("phase", sa.String(20), nullable=False),
        sa.Column("outcome", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    for name in ("banner_outcomes", "cookies", "third_parties", "findings", "scans", "sites"):
        op.drop_table(name)
