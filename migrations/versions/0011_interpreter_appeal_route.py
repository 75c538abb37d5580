"""interpreter and appeal route: a booking's interpreter language, an outcome's place to appeal

The language of the interpreter the citizen needs, if any; where to appeal a decision when not to
the organisation's usual appeal address.

Revision ID: 0011
Revises: 0010

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.add_column(sa.Column("interpreter_language", sa.String(length=60), nullable=True))
    with op.batch_alter_table("outcome_version", schema=None) as batch_op:
        batch_op.add_column(sa.Column("appeal_route", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("outcome_version", schema=None) as batch_op:
        batch_op.drop_column("appeal_route")
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.drop_column("interpreter_language")
