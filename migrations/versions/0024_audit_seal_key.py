"""audit seal key: which key made each seal (NULL: a plain-hash seal made before seals were keyed)

Revision ID: 0024
Revises: 0023

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN, not a batch operation: on SQLite a batch rebuilds the table and would
    # drop its append-only triggers. Adding a nullable column changes no row, so neither
    # database's append-only trigger (migration 0019, row-level on UPDATE and DELETE) fires, and
    # every existing seal reads as plain.
    op.add_column("audit_seal", sa.Column("key_id", sa.String(length=40), nullable=True))


def downgrade():
    # A plain DROP COLUMN (SQLite 3.35 and later keep the triggers). The older code would check
    # every keyed seal as a plain hash and report it changed: downgrade only before sealing.
    op.drop_column("audit_seal", "key_id")
