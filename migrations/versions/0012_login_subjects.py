"""login subjects: per OpenID provider, and CPR number and staff key for a first log-in

Revision ID: 0012
Revises: 0011

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "login_subject",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=10), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "provider IN ('citizen', 'staff')", name=op.f("ck_login_subject_provider")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_login_subject_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_subject")),
        sa.UniqueConstraint("provider", "person_id", name=op.f("uq_login_subject_provider_person")),
        sa.UniqueConstraint("provider", "subject", name=op.f("uq_login_subject_provider_subject")),
    )
    with op.batch_alter_table("login_subject", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_subject_person_id"), ["person_id"], unique=False)

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cpr", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("staff_key", sa.String(length=120), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_person_cpr"), ["cpr"])
        batch_op.create_unique_constraint(batch_op.f("uq_person_staff_key"), ["staff_key"])


def downgrade():
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_person_staff_key"), type_="unique")
        batch_op.drop_constraint(batch_op.f("uq_person_cpr"), type_="unique")
        batch_op.drop_column("staff_key")
        batch_op.drop_column("cpr")

    with op.batch_alter_table("login_subject", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_subject_person_id"))

    op.drop_table("login_subject")
