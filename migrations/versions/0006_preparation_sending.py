"""preparation sending: what was sent to the caseworker, kept as sent

Revision ID: 0006
Revises: 0005

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "preparation_sending",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("situation", sa.Text(), nullable=True),
        sa.Column("health", sa.Text(), nullable=True),
        sa.Column("abilities", sa.Text(), nullable=True),
        sa.Column("goal", sa.Text(), nullable=True),
        sa.Column("team_note", sa.Text(), nullable=True),
        sa.Column("companion", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["person.id"], name=op.f("fk_preparation_sending_actor_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_preparation_sending_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_preparation_sending")),
    )
    with op.batch_alter_table("preparation_sending", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_preparation_sending_meeting_id"), ["meeting_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("preparation_sending", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_preparation_sending_meeting_id"))
    op.drop_table("preparation_sending")
