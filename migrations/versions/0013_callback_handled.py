"""callback handled, booking help: the caseworker marks a call-me request as handled, with a
short note; "Jeg kan ikke booke selv" requests

Revision ID: 0013
Revises: 0012

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
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

    op.create_table(
        "booking_help_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("window_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answer", sa.String(length=10), nullable=True),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["person.id"], name=op.f("fk_booking_help_request_citizen_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["window_id"],
            ["deadline_window.id"],
            name=op.f("fk_booking_help_request_window_id_deadline_window"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["person.id"],
            name=op.f("fk_booking_help_request_requested_by_id_person"),
        ),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["person.id"],
            name=op.f("fk_booking_help_request_answered_by_id_person"),
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["booking.id"], name=op.f("fk_booking_help_request_booking_id_booking")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_help_request")),
        sa.UniqueConstraint(
            "citizen_id", "window_id", name="uq_booking_help_request_citizen_window"
        ),
    )
    with op.batch_alter_table("booking_help_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_booking_help_request_citizen_id"), ["citizen_id"], unique=False
        )


def downgrade():
    op.drop_table("booking_help_request")
    with op.batch_alter_table("callback_request", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_callback_request_handled_by_id_person"), type_="foreignkey"
        )
        batch_op.drop_column("handled_note")
        batch_op.drop_column("handled_by_id")
        batch_op.drop_column("handled_at")
