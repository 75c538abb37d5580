"""effort sensitivity: health and social treatment efforts are hidden from a fuldmagt's "se"
unless the citizen chooses to share them

Revision ID: 0010
Revises: 0009

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

OLD_KINDS = "'effort_added', 'status_changed', 'dates_moved', 'goal_changed'"
NEW_KINDS = OLD_KINDS + ", 'sensitivity_changed'"


def upgrade():
    with op.batch_alter_table("effort", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sensitive", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    # The default for what exists: health, and the social department's treatment efforts.
    op.execute(
        "UPDATE effort SET sensitive = TRUE WHERE department = 'health' OR "
        "(department = 'social' AND law IN ('sundhedsloven', 'serviceloven'))"
    )
    with op.batch_alter_table("plan_change", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_plan_change_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_plan_change_kind"), f"kind IN ({NEW_KINDS})")


def downgrade():
    op.execute("DELETE FROM plan_change WHERE kind = 'sensitivity_changed'")
    with op.batch_alter_table("plan_change", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_plan_change_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_plan_change_kind"), f"kind IN ({OLD_KINDS})")
    with op.batch_alter_table("effort", schema=None) as batch_op:
        batch_op.drop_column("sensitive")
