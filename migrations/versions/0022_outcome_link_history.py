"""outcome links in the plan history: a link between a meeting outcome and an effort is added or
removed, and the citizen sees it in the plan's history

Revision ID: 0022
Revises: 0021

`plan_change` gets two kinds and `outcome_id`: which outcome a link change is about, so a
fuldmagt holder who may not see that outcome (linked to a sensitive effort) does not see the
change either. Links that exist already get no history entry (nobody recorded when they came).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

OLD_KINDS = "'effort_added', 'status_changed', 'dates_moved', 'goal_changed', 'sensitivity_changed'"
NEW_KINDS = OLD_KINDS + ", 'outcome_linked', 'outcome_unlinked'"


def upgrade():
    with op.batch_alter_table("plan_change", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_plan_change_outcome_id_outcome"), "outcome", ["outcome_id"], ["id"]
        )
        batch_op.drop_constraint(op.f("ck_plan_change_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_plan_change_kind"), f"kind IN ({NEW_KINDS})")


def downgrade():
    op.execute("DELETE FROM plan_change WHERE kind IN ('outcome_linked', 'outcome_unlinked')")
    with op.batch_alter_table("plan_change", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_plan_change_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_plan_change_kind"), f"kind IN ({OLD_KINDS})")
        batch_op.drop_constraint(
            batch_op.f("fk_plan_change_outcome_id_outcome"), type_="foreignkey"
        )
        batch_op.drop_column("outcome_id")
