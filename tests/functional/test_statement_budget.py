"""Every page's cost in SQL statements is a fixed number, at most BUDGET, whatever the size of the
database: each page is counted on the demo data, then again after 50 more of everything around
the person (slots, bookings, outcomes, efforts, records, fuldmagter, citizens, audit rows), and
the two counts must be equal. An N+1 (one query per row shown) fails here at once.

The audit row a page view writes is not counted (tests/statements.py): where and when it is
written belongs to the request cycle, and it is one insert whatever the page.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event, select

from portal import clock
from portal.models import (
    CallbackRequest,
    ConsentRecord,
    Effort,
    Meeting,
    Outcome,
    OutcomeVersion,
    Person,
    Plan,
)
from tests.conftest import database_reader
from tests.functional.delegation_support import act_for
from tests.functional.scale_support import grow, upcoming_booking
from tests.helpers import login
from tests.statements import counting

BUDGET = 10


def _ids(app, citizen_id: int) -> dict[str, int]:
    from portal.extensions import db

    with app.app_context():
        booking = upcoming_booking(db.session)
        # A call-me request of Hanne's, the key of the later page of that list.
        callback = CallbackRequest(citizen_id=citizen_id, at=clock.now() - timedelta(days=1))
        db.session.add(callback)
        db.session.commit()
        callback_id = callback.id
        db.session.remove()

    def find(session):
        return {
            "booking": booking,
            "outcome": session.scalar(
                select(Outcome.id)
                .join(OutcomeVersion)
                .where(Outcome.citizen_id == citizen_id, OutcomeVersion.published_at.is_not(None))
                .limit(1)
            ),
            "effort": session.scalar(
                select(Effort.id).join(Plan).where(Plan.citizen_id == citizen_id).limit(1)
            ),
            "callback": callback_id,
            "consent": session.scalar(
                select(ConsentRecord.id)
                .join(Meeting)
                .where(Meeting.citizen_id == citizen_id)
                .limit(1)
            ),
        }

    return database_reader(app)(find)


def _citizen_pages(ids: dict[str, int]) -> list[str]:
    return [
        "/",
        "/det-sker-snart",
        "/plan",
        "/plan/historik",
        f"/plan/indsats/{ids['effort']}",
        "/samtaler",
        "/samtaler/book",
        f"/samtaler/{ids['booking']}",
        "/moede",
        "/moede/deltagelse",
        "/moede/forbered/situation",
        "/moede/forbered/tjek",
        f"/moede/kvittering/{ids['consent']}",
        "/resultater",
        f"/resultater/{ids['outcome']}",
        "/fuldmagt",
        "/fuldmagt/ny",
        "/log",
        "/mine-oplysninger",
        "/hjaelp",
        "/privatliv",
    ]


def _staff_pages(citizen_id: int, ids: dict[str, int]) -> list[str]:
    base = f"/medarbejder/borger/{citizen_id}"
    return [
        "/medarbejder",
        "/medarbejder?q=han",
        base,
        f"{base}/samtaler",
        # The later pages of its bookings and call-me requests (keyed by a row of Hanne's).
        f"{base}/samtaler?aeldre={ids['booking']}&aeldre_opkald={ids['callback']}",
        f"{base}/moede",
        f"{base}/moede/planlaeg",
        f"{base}/resultater",
        f"{base}/resultater/{ids['outcome']}",
        "/medarbejder/tider",
    ]


def _counts(app, client, pages: list[str]) -> dict[str, int]:
    counts = {}
    for page in pages:
        with counting(app) as counted:
            response = client.get(page)
        assert response.status_code == 200, page
        counts[page] = len(counted)
    return counts


def _grow(app):
    from portal.extensions import db

    with app.app_context():
        grow(db.session, "demo-hanne")
        db.session.commit()
        db.session.remove()


@pytest.mark.parametrize("who", ["demo-hanne", "demo-mads", "demo-anders"])
def test_every_page_stays_within_its_statements_on_a_small_and_a_larger_database(
    app, client, demo_data, who
):
    hanne = demo_data["Hanne"]
    ids = _ids(app, hanne)
    login(client, who)
    if who == "demo-mads":  # a delegate (se + booke for Hanne): the pages their fuldmagt covers
        act_for(client, hanne)
        pages = ["/", "/plan", "/plan/historik", "/samtaler", "/samtaler/book", "/resultater"]
    elif who == "demo-anders":
        pages = _staff_pages(hanne, ids)
    else:
        pages = _citizen_pages(ids)
    small = _counts(app, client, pages)
    _grow(app)
    large = _counts(app, client, pages)
    over = {page: n for page, n in large.items() if n > BUDGET}
    assert not over, f"over {BUDGET} statements: {over}"
    assert large == small, {p: (small[p], large[p]) for p in pages if small[p] != large[p]}


def test_a_relatives_own_pages_stay_within_their_statements(app, client, demo_data):
    """Mads in his own view (not acting for Hanne): his start page and "Hent dine oplysninger"."""
    login(client, "demo-mads")
    pages = ["/", "/mine-oplysninger"]
    small = _counts(app, client, pages)
    _grow(app)
    large = _counts(app, client, pages)
    assert all(n <= BUDGET for n in large.values()), large
    assert large == small


def test_the_counter_sees_an_n_plus_one(app, demo_data):
    """The fixture itself: one query per row is counted as such."""
    from portal.extensions import db

    with app.app_context(), counting(app) as counted:
        for person_id in list(demo_data.values())[:3]:
            db.session.execute(select(Person.first_name).where(Person.id == person_id))
        db.session.remove()
    assert len(counted) == 3


@pytest.mark.parametrize("who", ["demo-hanne", "demo-anders"])
def test_a_page_view_ends_its_transactions_with_a_commit_not_a_rollback(
    app, client, demo_data, who
):
    """psycopg forgets every prepared statement of a connection on a rollback; a page view that
    rolled back (the session store's read included) would plan its queries anew every time."""
    from portal.extensions import db

    hanne = demo_data["Hanne"]
    ids = _ids(app, hanne)
    login(client, who)
    pages = _staff_pages(hanne, ids) if who == "demo-anders" else _citizen_pages(ids)
    with app.app_context():
        engine = db.engine
    rolled_back: list[str] = []
    current = {"page": ""}

    def note(conn) -> None:
        rolled_back.append(current["page"])

    event.listen(engine, "rollback", note)
    try:
        for page in pages:
            current["page"] = page
            assert client.get(page).status_code == 200, page
    finally:
        event.remove(engine, "rollback", note)
    assert rolled_back == []
