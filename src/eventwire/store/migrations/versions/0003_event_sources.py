"""Events keep how their canonical date and place were found, and the place's gazetteer id,
for the cross-article merge's comparisons (eventwire.compare).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("date_source", sa.String(20), nullable=True))
    op.add_column("events", sa.Column("place_source", sa.String(20), nullable=True))
    op.add_column("events", sa.Column("geonameid", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("geonameid")
        batch.drop_column("place_source")
        batch.drop_column("date_source")
