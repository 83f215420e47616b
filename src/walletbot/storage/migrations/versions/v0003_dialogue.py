"""the conversation's dialogue state (docs/dialogue.md)

Revision ID: 0003_dialogue
Revises: 0002_ticket_follow
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_dialogue"
down_revision = "0002_ticket_follow"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # What the conversation remembers between messages (offered entries, the last answer, guided
    # details collected...): JSON, read and written with the conversation's row.
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("dialogue", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("dialogue")
