"""participation interpreter: whether an interpreter is needed at the meeting, and the language

Revision ID: 0009
Revises: 0008

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("participation_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("interpreter_language", sa.String(length=60), nullable=True))


def downgrade():
    with op.batch_alter_table("participation_record", schema=None) as batch_op:
        batch_op.drop_column("interpreter_language")
