"""list indexes: one index for every list a page shows, in the order it shows it

Revision ID: 0020
Revises: 0019

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

INDEXES = [
    # The caseworker's booking history and the citizen's ended conversations, newest first.
    ("ix_booking_citizen_booked", "booking", ["citizen_id", "booked_at"]),
    ("ix_booking_citizen_ended", "booking", ["citizen_id", "ended_at"]),
    # The open deadline window.
    ("ix_deadline_window_citizen_closes", "deadline_window", ["citizen_id", "closes_on"]),
    # The next meeting.
    ("ix_meeting_citizen_starts", "meeting", ["citizen_id", "starts_at"]),
    # The caseload, in name order, searched by name.
    ("ix_person_caseload", "person", ["caseworker_id", "kind", "first_name", "last_name", "id"]),
    # The plan's coming steps.
    ("ix_effort_plan_status_start", "effort", ["plan_id", "status", "start_date"]),
]


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
