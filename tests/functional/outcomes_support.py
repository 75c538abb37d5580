"""Reading outcome rows for the functional outcome tests (test_outcomes*.py)."""

from portal.models import Outcome, OutcomeReceipt, OutcomeVersion


def outcome_of_kind(read_db, citizen_id, kind):
    return read_db(
        lambda s: s.query(Outcome).filter_by(citizen_id=citizen_id, kind=kind).first().id
    )


def latest_version(read_db, outcome_id):
    return read_db(
        lambda s: (
            s.query(OutcomeVersion)
            .filter(
                OutcomeVersion.outcome_id == outcome_id, OutcomeVersion.published_at.is_not(None)
            )
            .order_by(OutcomeVersion.number.desc())
            .first()
            .id
        )
    )


def receipt_count(read_db):
    return read_db(lambda s: s.query(OutcomeReceipt).count())
