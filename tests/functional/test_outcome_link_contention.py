"""Two caseworker windows remove the same outcome link at the same moment: it is removed once and
the plan history says so once; the other is told it was already removed (never an error).

Each attempt runs on its own connection in its own thread, released together by a barrier, on
the file-based SQLite database and on PostgreSQL when configured."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import ChangeKind, Effort, Outcome, OutcomeEffort, OutcomeKind, Plan, PlanChange
from portal.services import outcome_links
from portal.services.errors import DomainError

RACERS = 4


def test_a_link_removed_at_once_by_several_is_removed_once(app, demo_data, read_db):
    hanne, anders = demo_data["Hanne"], demo_data["Anders"]

    def ids(session):
        outcome = session.scalar(
            select(Outcome.id).where(
                Outcome.citizen_id == hanne, Outcome.kind == OutcomeKind.RECOMMENDATION
            )
        )
        effort = session.scalar(
            select(Effort.id)
            .join(Plan, Plan.id == Effort.plan_id)
            .where(Plan.citizen_id == hanne, Effort.title == "Samtaler med psykolog")
        )
        return outcome, effort

    outcome_id, effort_id = read_db(ids)
    barrier = threading.Barrier(RACERS)
    results: list[str] = []
    lock = threading.Lock()

    def attempt() -> None:
        with app.app_context():
            try:
                outcome = db.session.get(Outcome, outcome_id)
                barrier.wait(timeout=30)
                try:
                    outcome_links.unlink(
                        db.session, outcome, effort_id, actor_id=anders, at=clock.now()
                    )
                    db.session.commit()
                    result = "removed"
                except DomainError as error:
                    db.session.rollback()
                    result = error.code
                except Exception as error:  # anything else fails the test
                    db.session.rollback()
                    result = f"error: {error!r}"
            finally:
                db.session.remove()
        with lock:
            results.append(result)

    threads = [threading.Thread(target=attempt) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == ["link_already_removed"] * (RACERS - 1) + ["removed"], results
    assert read_db(lambda s: s.get(OutcomeEffort, (outcome_id, effort_id))) is None
    unlinked = read_db(
        lambda s: s.scalar(
            select(func.count())
            .select_from(PlanChange)
            .where(PlanChange.kind == ChangeKind.OUTCOME_UNLINKED)
        )
    )
    assert unlinked == 1
