"""audit log of agents' reads

Revision ID: 0004_audit_log
Revises: 0003_dialogue
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from walletbot.storage.types import UtcDateTime

revision = "0004_audit_log"
down_revision = "0003_dialogue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("agent", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("conversation_id", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_log_conversation", "audit_log", ["conversation_id", "at"])
    op.create_index("ix_audit_log_agent", "audit_log", ["agent", "at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_agent", table_name="audit_log")
    op.drop_index("ix_audit_log_conversation", table_name="audit_log")
    op.drop_table("audit_log")
