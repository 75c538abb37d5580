"""audit trail the database keeps: append-only triggers, hourly seals, retention record,
index (citizen_id, at) for the access log

Revision ID: 0019
Revises: 0018

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

_APPEND_ONLY = ("audit_event", "audit_seal", "audit_retention")

# PostgreSQL: one function for every append-only table. The one deletion let through is an audit
# row inside a sealed batch, in a transaction that said `SET LOCAL portal.audit_retention = 'on'`
# (the retention command, portal/services/audit_seal.py). TRUNCATE is refused outright.
_PG_FUNCTION = """
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_event' THEN
        IF current_setting('portal.audit_retention', true) = 'on' AND EXISTS (
            SELECT 1 FROM audit_seal s WHERE s.batch_start <= OLD.at AND OLD.at < s.batch_end
        ) THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$
"""

# SQLite: the same rule; the retention transaction marks itself with a row in
# audit_retention_guard (removed again before it commits).
_SQLITE_NO_UPDATE = """
CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only: UPDATE refused'); END
"""
_SQLITE_NO_DELETE = """
CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only: DELETE refused'); END
"""
_SQLITE_AUDIT_EVENT_NO_DELETE = """
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
WHEN NOT EXISTS (SELECT 1 FROM audit_retention_guard)
  OR NOT EXISTS (
    SELECT 1 FROM audit_seal s WHERE s.batch_start <= OLD.at AND OLD.at < s.batch_end
  )
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only: DELETE refused'); END
"""


def upgrade():
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_citizen_id"))
        batch_op.create_index("ix_audit_event_citizen_at", ["citizen_id", "at"], unique=False)

    op.create_table(
        "audit_seal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_start", sa.DateTime(), nullable=False),
        sa.Column("batch_end", sa.DateTime(), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("seal_hash", sa.String(length=64), nullable=False),
        sa.Column("sealed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_seal")),
        sa.UniqueConstraint("batch_start", name=op.f("uq_audit_seal_batch_start")),
        sa.UniqueConstraint("batch_end", name=op.f("uq_audit_seal_batch_end")),
        sa.UniqueConstraint("seal_hash", name=op.f("uq_audit_seal_seal_hash")),
    )
    op.create_table(
        "audit_retention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("cutoff", sa.DateTime(), nullable=False),
        sa.Column("rows_deleted", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_retention")),
    )
    op.create_table(
        "audit_retention_guard",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_retention_guard")),
    )

    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for table in _APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION audit_append_only()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()"
            )
    else:
        for table in _APPEND_ONLY:
            op.execute(_SQLITE_NO_UPDATE.format(table=table))
            if table != "audit_event":
                op.execute(_SQLITE_NO_DELETE.format(table=table))
        op.execute(_SQLITE_AUDIT_EVENT_NO_DELETE)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for table in _APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS audit_append_only()")
    else:
        for table in _APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    op.drop_table("audit_retention_guard")
    op.drop_table("audit_retention")
    op.drop_table("audit_seal")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_citizen_at")
        batch_op.create_index(batch_op.f("ix_audit_event_citizen_id"), ["citizen_id"], unique=False)
