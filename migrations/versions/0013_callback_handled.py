"""callback handled: the caseworker marks a call-me request as handled, with a short note

Revision ID: 0013
Revises: 0008

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("callback_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handled_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("handled_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("handled_note", sa.String(length=500), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_callback_request_handled_by_id_person"),
            "person",
            ["handled_by_id"],
            ["id"],
        )


def downgrade():
    with op.batch_alter_table("callback_request", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_callback_request_handled_by_id_person"), type_="foreignkey"
        )
        batch_op.drop_column("handled_note")
        batch_op.drop_column("handled_by_id")
        batch_op.drop_column("handled_at")
