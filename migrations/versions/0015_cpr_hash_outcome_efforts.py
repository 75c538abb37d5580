"""CPR numbers kept only as a keyed hash; outcomes linked to the efforts they are about

Revision ID: 0015
Revises: 0013

`person.cpr` (ten digits) becomes `person.cpr_hash` (HMAC-SHA256 with the installation's
PORTAL_CPR_KEY, portal/services/cpr.py); the numbers already stored are hashed here, so the key
must be set before upgrading. `outcome_effort` links an outcome to the efforts of the plan it is
about; for what exists, the efforts its published text names by title (the rule used until now).
Downgrading cannot turn the hashes back into numbers: `person.cpr` comes back empty.
"""

import sqlalchemy as sa
from alembic import op
from flask import current_app

from portal.services import cpr

# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None


def _hash_cpr_numbers(bind) -> None:
    key = current_app.config["CPR_KEY"]
    rows = bind.execute(sa.text("SELECT id, cpr FROM person WHERE cpr IS NOT NULL")).all()
    for person_id, number in rows:
        bind.execute(
            sa.text("UPDATE person SET cpr_hash = :h WHERE id = :id"),
            {"h": cpr.digest(number, key), "id": person_id},
        )


def _link_named_efforts(bind) -> None:
    efforts = bind.execute(
        sa.text("SELECT e.id, e.title, p.citizen_id FROM effort e JOIN plan p ON p.id = e.plan_id")
    ).all()
    by_citizen: dict[int, list[tuple[int, str]]] = {}
    for effort_id, title, citizen_id in efforts:
        by_citizen.setdefault(citizen_id, []).append((effort_id, title.casefold()))
    versions = bind.execute(
        sa.text(
            "SELECT o.id, o.citizen_id, v.title, v.decided, v.meaning, v.next_steps, "
            "v.if_you_disagree, v.formal_text FROM outcome o "
            "JOIN outcome_version v ON v.outcome_id = o.id WHERE v.published_at IS NOT NULL"
        )
    ).all()
    links: set[tuple[int, int]] = set()
    for outcome_id, citizen_id, *texts in versions:
        joined = " ".join(t for t in texts if t).casefold()
        for effort_id, title in by_citizen.get(citizen_id, []):
            if title in joined:
                links.add((outcome_id, effort_id))
    for outcome_id, effort_id in sorted(links):
        bind.execute(
            sa.text("INSERT INTO outcome_effort (outcome_id, effort_id) VALUES (:o, :e)"),
            {"o": outcome_id, "e": effort_id},
        )


def upgrade():
    op.create_table(
        "outcome_effort",
        sa.Column("outcome_id", sa.Integer(), nullable=False),
        sa.Column("effort_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["effort_id"], ["effort.id"], name=op.f("fk_outcome_effort_effort_id_effort")
        ),
        sa.ForeignKeyConstraint(
            ["outcome_id"], ["outcome.id"], name=op.f("fk_outcome_effort_outcome_id_outcome")
        ),
        sa.PrimaryKeyConstraint("outcome_id", "effort_id", name=op.f("pk_outcome_effort")),
    )
    with op.batch_alter_table("outcome_effort", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outcome_effort_effort_id"), ["effort_id"])
    bind = op.get_bind()
    _link_named_efforts(bind)

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cpr_hash", sa.String(length=64), nullable=True))
    _hash_cpr_numbers(bind)
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        # Dropping `cpr` rebuilds the person table, and dropping the old one would break the
        # foreign keys of every row pointing at a person: they are switched off for the
        # rebuild (SQLite's own recipe for changing a table) and checked afterwards.
        _sqlite_foreign_keys(bind, on=False)
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f("uq_person_cpr_hash"), ["cpr_hash"])
        batch_op.drop_constraint(batch_op.f("uq_person_cpr"), type_="unique")
        batch_op.drop_column("cpr")
    if sqlite:
        _sqlite_foreign_keys(bind, on=True)


def _sqlite_foreign_keys(bind, *, on: bool) -> None:
    # The pragma is ignored inside a transaction, so the driver's open one is committed first.
    bind.connection.driver_connection.commit()
    bind.exec_driver_sql(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")
    if on:
        broken = bind.exec_driver_sql("PRAGMA foreign_key_check").all()
        assert not broken, f"foreign keys broken by the rebuild: {broken}"


def downgrade():
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        _sqlite_foreign_keys(bind, on=False)
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cpr", sa.String(length=10), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_person_cpr"), ["cpr"])
        batch_op.drop_constraint(batch_op.f("uq_person_cpr_hash"), type_="unique")
        batch_op.drop_column("cpr_hash")
    if sqlite:
        _sqlite_foreign_keys(bind, on=True)
    with op.batch_alter_table("outcome_effort", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outcome_effort_effort_id"))
    op.drop_table("outcome_effort")
