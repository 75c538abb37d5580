"""audit actor index: a person's own actions read by who acted (their copy of their data)

Revision ID: 0023
Revises: 0022

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade():
    # A plain CREATE INDEX, not a batch operation: on SQLite a batch rebuilds the table and
    # would drop the trail's append-only triggers.
    op.create_index("ix_audit_event_actor_at", "audit_event", ["actor_id", "at"])


def downgrade():
    op.drop_index("ix_audit_event_actor_at", table_name="audit_event")
