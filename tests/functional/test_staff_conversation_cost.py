"""What the caseworker's conversation page for a citizen reads, in each of its states.

The newest exemption, the open window and its help request come in one statement; the
caseworker's free slots are read only when a section offers them (an exempted citizen: summon;
an open help request: answer it), as one more statement whatever their number. The statement
budget (test_statement_budget.py) counts the page with a citizen who books herself; these count
the other states too.
"""

from __future__ import annotations

from portal import clock
from portal.services import booking as bookings
from tests.functional.test_booking_help import _ask
from tests.functional.test_statement_budget import BUDGET, _grow
from tests.helpers import check_page, login
from tests.statements import counting

# The read of the caseworker's free slots (reading.caseworker_free_slots).
FREE_SLOTS = "FROM slot WHERE slot.caseworker_id"


def _page(app, client, citizen_id: int):
    with counting(app) as counted:
        response = client.get(f"/medarbejder/borger/{citizen_id}/samtaler")
    assert response.status_code == 200
    return check_page(response), counted.queries


def _standing_reads(queries: list[str]) -> list[str]:
    return [q for q in queries if "booking_exemption" in q or "booking_help_request" in q]


def _exempt(app, citizen_id: int, caseworker_id: int) -> None:
    from portal.extensions import db

    with app.app_context():
        bookings.set_exemption(
            db.session, citizen_id, True, "Indkaldes", actor_id=caseworker_id, now=clock.now()
        )
        db.session.commit()
        db.session.remove()


def test_a_citizen_who_books_herself_costs_no_read_of_free_slots(app, client, demo_data):
    login(client, "demo-anders")
    html, queries = _page(app, client, demo_data["Hanne"])
    assert html.select_one("section[aria-labelledby=summon-heading]") is None
    assert html.select_one("section[aria-labelledby=help-heading]") is None
    assert [q for q in queries if FREE_SLOTS in q] == []
    (standing,) = _standing_reads(queries)
    assert "deadline_window" in standing and "booking_help_request" in standing


def test_an_exempted_citizen_adds_one_read_of_free_slots_whatever_their_number(
    app, client, demo_data
):
    hanne, anders = demo_data["Hanne"], demo_data["Anders"]
    login(client, "demo-anders")
    _, before = _page(app, client, hanne)
    _exempt(app, hanne, anders)

    html, queries = _page(app, client, hanne)
    section = html.select_one("section[aria-labelledby=summon-heading]")
    offered = section.select("input[name=indkald-slot]")
    assert offered and len(queries) == len(before) + 1
    assert len([q for q in queries if FREE_SLOTS in q]) == 1
    assert len(_standing_reads(queries)) == 1
    # Who exempted, and why, is shown from the same read.
    assert "Indkaldes" in html.get_text()

    _grow(app)  # 50 more free slots of Anders's, and more of everything around Hanne
    html, larger = _page(app, client, hanne)
    assert len(larger) == len(queries) <= BUDGET
    summon = html.select_one("section[aria-labelledby=summon-heading]")
    assert len(summon.select("input[name=indkald-slot]")) == 20  # the nearest 20


def test_an_open_help_request_is_read_with_the_window_and_offers_the_free_slots(
    app, client, demo_data
):
    sofie = demo_data["Sofie"]
    login(client, "demo-anders")
    _, before = _page(app, client, sofie)
    assert _ask(client).status_code == 302  # Sofie asks the job centre to book for her

    login(client, "demo-anders")
    html, queries = _page(app, client, sofie)
    section = html.select_one("section[aria-labelledby=help-heading]")
    assert section.select("input[name=hjaelp-slot]")
    assert section.select_one("input[name=hjaelp-request_id]")["value"]
    assert len(_standing_reads(queries)) == 1
    assert len([q for q in queries if FREE_SLOTS in q]) == 1
    assert len(queries) == len(before) + 1 <= BUDGET
