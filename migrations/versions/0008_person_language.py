"""person language: the language a person chose in the portal

Revision ID: 0008
Revises: 0007

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=5), nullable=True))


def downgrade():
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("language")
