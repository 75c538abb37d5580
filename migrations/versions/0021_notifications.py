"""notifications: the outbox of e-mails and text messages, and each person's contact settings

Revision ID: 0021
Revises: 0020

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("message_key", sa.String(length=60), nullable=False),
        sa.Column("event_key", sa.String(length=120), nullable=False),
        sa.Column("refs", sa.JSON(), nullable=False),
        sa.Column("urgency", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("sent_to", sa.String(length=120), nullable=True),
        sa.Column("sent_subject", sa.String(length=200), nullable=True),
        sa.Column("sent_text", sa.Text(), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.CheckConstraint("channel IN ('email', 'sms')", name=op.f("ck_notification_channel")),
        sa.CheckConstraint(
            "urgency IN ('receipt', 'notice', 'reminder')", name=op.f("ck_notification_urgency")
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'unconfirmed', 'failed', 'dropped')",
            name=op.f("ck_notification_status"),
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"], ["person.id"], name=op.f("fk_notification_recipient_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["person.id"], name=op.f("fk_notification_citizen_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
        sa.UniqueConstraint("event_key", "recipient_id", "channel", name="uq_notification_event"),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index("ix_notification_due", ["status", "due_at"], unique=False)
        batch_op.create_index(
            "ix_notification_recipient_created", ["recipient_id", "created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notification_citizen_id"), ["citizen_id"], unique=False
        )

    op.create_table(
        "contact_settings",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=120), nullable=True),
        sa.Column("mobile", sa.String(length=20), nullable=True),
        sa.Column("receipts", sa.String(length=10), nullable=False),
        sa.Column("reminders", sa.String(length=10), nullable=False),
        sa.Column("delegate_copies", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "receipts IN ('email', 'sms', 'none')", name=op.f("ck_contact_settings_receipts")
        ),
        sa.CheckConstraint(
            "reminders IN ('email', 'sms', 'none')", name=op.f("ck_contact_settings_reminders")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_contact_settings_person_id_person")
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_contact_settings")),
    )


def downgrade():
    op.drop_table("contact_settings")
    op.drop_table("notification")
