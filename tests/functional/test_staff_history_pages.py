"""The caseworker's look back on a citizen's conversation page comes a bounded page at a time:
the bookings 50 and the call-me requests 20 a page, newest first, each row on exactly one page,
and a page key that is odd, unknown or another citizen's never shows a 500 or anyone else's rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal import clock
from portal.models import Booking, CallbackRequest, Person
from portal.services.booking import CALLBACKS_SHOWN, HISTORY_SHOWN
from portal.web.i18n import long_datetime
from tests.conftest import database_reader
from tests.functional.scale_support import grow
from tests.helpers import login, soup


def _grown(app):
    from portal.extensions import db

    with app.app_context():
        # 100 more bookings for Hanne, booked at the same instant (the id breaks the tie on the
        # page boundaries), and 50 more call-me requests.
        grow(db.session, "demo-hanne")
        db.session.flush()
        # Every third one booked a little earlier, the newest ids the earliest: time order is
        # not id order, so paging by id alone would fail here.
        hanne = db.session.scalar(select(Person.id).where(Person.subject == "demo-hanne"))
        ids = db.session.scalars(
            select(Booking.id).where(Booking.citizen_id == hanne).order_by(Booking.id)
        ).all()
        for n, booking_id in enumerate(ids[::3]):
            booking = db.session.get(Booking, booking_id)
            booking.booked_at -= timedelta(minutes=n + 1)
        db.session.commit()
        db.session.remove()


def _expected(app, model, when, citizen_id: int) -> list[tuple[int, str]]:
    """Every row of the citizen's, newest first, with the time the page shows for it."""

    def read(session):
        rows = session.scalars(
            select(model)
            .where(model.citizen_id == citizen_id)
            .order_by(when.desc(), model.id.desc())
        ).all()
        shown = (lambda r: r.slot.starts_at) if model is Booking else (lambda r: r.at)
        with app.test_request_context("/?lang=da"):
            return [(r.id, long_datetime(shown(r))) for r in rows]

    return database_reader(app)(read)


def _booking_times(page) -> list[str]:
    table = soup(page).find(id="bookings-heading").parent.find("table")
    return (
        [row.find("td").get_text(strip=True) for row in table.select("tbody tr")] if table else []
    )


def _callback_texts(page) -> list[str]:
    section = soup(page).find(id="callbacks-heading").parent
    return [li.get_text(" ", strip=True) for li in section.select("ul.nobullet-list li")]


def _link(page, words: str) -> str | None:
    found = soup(page).find("a", string=words)
    return found["href"] if found else None


def _walk(client, first: str, rows, older_words: str, newest_words: str):
    """Follow the "older" links from the first page to the last: the rows each page showed and
    the links it had."""
    pages, url = [], first
    while url is not None:
        page = client.get(url)
        assert page.status_code == 200, url
        older = _link(page, older_words)
        pages.append((url, rows(page), older, _link(page, newest_words)))
        url = older
        assert len(pages) < 10
    return pages


def test_the_booking_history_comes_fifty_a_page_newest_first_each_booking_once(
    app, client, demo_data
):
    _grown(app)
    hanne = demo_data["Hanne"]
    expected = _expected(app, Booking, Booking.booked_at, hanne)
    assert len(expected) >= 2 * HISTORY_SHOWN
    login(client, "demo-anders")
    base = f"/medarbejder/borger/{hanne}/samtaler"
    pages = _walk(client, base, _booking_times, "Vis ældre samtaler", "Vis de nyeste samtaler")
    shown = [time for _, rows, _, _ in pages for time in rows]
    assert shown == [time for _, time in expected]  # newest first, each exactly once, no gaps
    assert [len(rows) for _, rows, _, _ in pages][:-1] == [HISTORY_SHOWN] * (len(pages) - 1)
    # Each later page is keyed by the last booking of the page before it, and leads back.
    for n, (_, _, older, newest) in enumerate(pages):
        if older:
            key = expected[(n + 1) * HISTORY_SHOWN - 1][0]
            assert older == f"{base}?aeldre={key}#bookings-heading"
        assert newest == (None if n == 0 else f"{base}#bookings-heading")
    assert pages[-1][2] is None


def test_the_call_me_requests_come_twenty_a_page_and_keep_the_booking_page(app, client, demo_data):
    _grown(app)
    hanne = demo_data["Hanne"]
    expected = _expected(app, CallbackRequest, CallbackRequest.at, hanne)
    assert len(expected) > 2 * CALLBACKS_SHOWN
    bookings = _expected(app, Booking, Booking.booked_at, hanne)
    booking_key = bookings[HISTORY_SHOWN - 1][0]
    login(client, "demo-anders")
    base = f"/medarbejder/borger/{hanne}/samtaler"
    first = f"{base}?aeldre={booking_key}"
    pages = _walk(client, first, _callback_texts, "Vis ældre ønsker", "Vis de nyeste ønsker")
    shown = [text for _, rows, _, _ in pages for text in rows]
    assert len(shown) == len(expected) == len(set(shown))
    assert all(time in text for text, (_, time) in zip(shown, expected, strict=True))
    for _, _, older, _ in pages[:-1]:
        assert older.startswith(f"{base}?aeldre={booking_key}&aeldre_opkald=")
    # Paging the call-me requests kept the bookings on their second page.
    last = client.get(pages[-1][0])
    assert _booking_times(last)[0] == bookings[HISTORY_SHOWN][1]


def _other_citizens_rows(app, demo_data) -> tuple[int, int]:
    """A booking and a call-me request of Sofie's (also Anders's citizen, not Hanne)."""
    from portal.extensions import db

    with app.app_context():
        sofie = db.session.get(Person, demo_data["Sofie"])
        booking = db.session.scalar(select(Booking.id).where(Booking.citizen_id == sofie.id))
        request = CallbackRequest(
            citizen_id=sofie.id, requested_by_id=sofie.id, at=clock.now() - timedelta(days=1)
        )
        db.session.add(request)
        db.session.commit()
        ids = booking, request.id
        db.session.remove()
    assert ids[0] is not None
    return ids


@pytest.mark.parametrize("odd", ["abc", "-1", "0", "1e3", "99999999999999999999", "", "%20"])
def test_an_odd_page_key_shows_the_newest_page(app, client, demo_data, odd):
    _other_citizens_rows(app, demo_data)  # Sofie has a booking and a call-me request to show
    login(client, "demo-anders")
    base = f"/medarbejder/borger/{demo_data['Sofie']}/samtaler"
    newest = client.get(base)
    assert _callback_texts(newest) != []
    for key in ("aeldre", "aeldre_opkald"):
        response = client.get(f"{base}?{key}={odd}")
        assert response.status_code == 200
        assert _booking_times(response) == _booking_times(newest) != []
        assert _callback_texts(response) == _callback_texts(newest)
        assert _link(response, "Vis de nyeste samtaler") is None


def test_an_unknown_or_another_citizens_key_shows_no_rows_and_the_way_back(app, client, demo_data):
    _grown(app)  # Hanne's rows are all older than Sofie's: a key not checked would show them
    hanne = demo_data["Hanne"]
    sofies_booking, sofies_request = _other_citizens_rows(app, demo_data)
    login(client, "demo-anders")
    base = f"/medarbejder/borger/{hanne}/samtaler"
    assert _booking_times(client.get(base)) and _callback_texts(client.get(base))
    for key in ("2147483647", str(sofies_booking)):
        page = client.get(f"{base}?aeldre={key}")
        assert page.status_code == 200
        assert _booking_times(page) == []
        assert "Der er ingen ældre bookinger." in page.get_data(as_text=True)
        assert _link(page, "Vis de nyeste samtaler") == f"{base}#bookings-heading"
    for key in ("2147483647", str(sofies_request)):
        page = client.get(f"{base}?aeldre_opkald={key}")
        assert page.status_code == 200
        assert _callback_texts(page) == []
        assert "Der er ingen ældre ønsker om at blive ringet op." in page.get_data(as_text=True)
        assert _link(page, "Vis de nyeste ønsker") == f"{base}#callbacks-heading"
    # Sofie's own page with her request as the key: it is the newest, nothing is older.
    sofie = f"/medarbejder/borger/{demo_data['Sofie']}/samtaler"
    assert _callback_texts(client.get(f"{sofie}?aeldre_opkald={sofies_request}")) == []
    assert len(_callback_texts(client.get(sofie))) == 1


def test_a_page_key_opens_nothing_the_page_itself_refuses(client, demo_data):
    """The older page is the same route: outside the caseload and for a citizen it is refused
    exactly as the newest page is."""
    login(client, "demo-anders")
    jens = f"/medarbejder/borger/{demo_data['Jens']}/samtaler"
    assert client.get(f"{jens}?aeldre=1&aeldre_opkald=1").status_code == 404
    login(client, "demo-sofie")
    sofie = f"/medarbejder/borger/{demo_data['Sofie']}/samtaler"
    assert client.get(f"{sofie}?aeldre=1").status_code == 403
