""" "Dine log-ins": the person's active sessions in plain words, and ending all the others."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.models import AuditEvent
from tests.functional.session_support import (
    CHROME_ON_ANDROID,
    FIREFOX_ON_WINDOWS,
    STORES,
    session_cookie,
    store_param,
)
from tests.helpers import check_page, csrf_token, login


@pytest.fixture(params=STORES)
def web(request, app, database_url, demo_data):
    yield from store_param(request, app, database_url)


def _browser(web, user_agent: str):
    client = web.test_client()
    client.environ_base["HTTP_USER_AGENT"] = user_agent
    return client


def _items(page) -> list[str]:
    return [li.get_text(" ", strip=True) for li in page.select(".session-list > li")]


def test_the_page_lists_where_the_person_is_logged_in(web):
    phone = _browser(web, CHROME_ON_ANDROID)
    laptop = _browser(web, FIREFOX_ON_WINDOWS)
    login(phone, "demo-hanne")
    login(laptop, "demo-hanne")
    login(_browser(web, CHROME_ON_ANDROID), "demo-laerke")  # someone else: not listed

    page = check_page(laptop.get("/dine-log-ins"))
    assert page.h1.get_text(strip=True) == "Dine log-ins"
    items = _items(page)
    assert len(items) == 2
    assert items[0].startswith("Firefox på Windows Det er her, du er nu")  # this one first
    assert items[1].startswith("Chrome på Android")
    assert "Det er her" not in items[1]
    assert "Logget ind" in items[1] and "Sidst brugt" in items[1]
    assert page.find("button", string="Log ud alle andre steder") is not None

    english = check_page(laptop.get("/dine-log-ins?lang=en"))
    assert english.h1.get_text(strip=True) == "Your log-ins"
    assert _items(english)[1].startswith("Chrome on Android")


def test_ending_the_other_sessions(web, read_db, demo_data):
    phone = _browser(web, CHROME_ON_ANDROID)
    laptop = _browser(web, FIREFOX_ON_WINDOWS)
    login(phone, "demo-hanne")
    login(laptop, "demo-hanne")
    other_person = web.test_client()
    login(other_person, "demo-laerke")
    before = session_cookie(laptop)

    page = laptop.get("/dine-log-ins")
    response = laptop.post("/dine-log-ins/afslut-andre", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302 and response.location == "/dine-log-ins?afsluttet=1"
    page = check_page(laptop.get(response.location))
    assert "Du er nu logget ud alle andre steder" in page.get_text()
    assert len(_items(page)) == 1
    assert "Du er ikke logget ind andre steder." in page.get_text()
    assert page.find("button", string="Log ud alle andre steder") is None

    assert phone.get("/plan").status_code == 302  # logged out over there
    assert laptop.get("/plan").status_code == 200  # still in here, under a new id
    assert session_cookie(laptop) != before
    assert other_person.get("/plan").status_code == 200  # nobody else is touched

    rows = read_db(
        lambda s: list(
            s.scalars(select(AuditEvent).where(AuditEvent.action == "auth.sessions.end_others"))
        )
    )
    assert [(r.actor_id, r.detail, r.outcome) for r in rows] == [
        (demo_data["Hanne"], "1 ended", "allowed")
    ]


def test_ending_the_others_needs_a_csrf_token_and_a_log_in(web):
    client = web.test_client()
    login(client, "demo-hanne")
    response = client.post("/dine-log-ins/afslut-andre", data={})
    assert response.status_code == 400
    anonymous = web.test_client()
    token = csrf_token(anonymous.get("/log-ind"))
    response = anonymous.post("/dine-log-ins/afslut-andre", data={"csrf_token": token})
    assert response.status_code == 302 and response.location.startswith("/log-ind")
    assert anonymous.get("/dine-log-ins").location.startswith("/log-ind")


def test_a_delegate_and_a_caseworker_see_their_own_sessions(web, demo_data):
    mads = web.test_client()
    login(mads, "demo-mads")
    mads.post(
        "/fuldmagt/handl-for",
        data={"csrf_token": csrf_token(mads.get("/")), "citizen_id": demo_data["Hanne"]},
    )
    login(web.test_client(), "demo-hanne")
    assert len(_items(check_page(mads.get("/dine-log-ins")))) == 1  # Mads's, not Hanne's

    anders = web.test_client()
    login(anders, "demo-anders")
    page = check_page(anders.get("/dine-log-ins"))
    assert len(_items(page)) == 1


def test_a_preview_shows_the_page_but_ends_nothing(web, demo_data):
    anders = web.test_client()
    login(anders, "demo-anders")
    login(web.test_client(), "demo-anders")  # a second session of his
    hanne = demo_data["Hanne"]
    page = anders.get(f"/medarbejder/borger/{hanne}")
    anders.post(
        f"/medarbejder/borger/{hanne}/forhaandsvis",
        data={"csrf_token": csrf_token(page), "som": "borger"},
    )
    shown = anders.get("/dine-log-ins")
    button = check_page(shown).find("button", string="Log ud alle andre steder")
    assert button is not None and button.has_attr("disabled")
    response = anders.post("/dine-log-ins/afslut-andre", data={"csrf_token": csrf_token(shown)})
    assert response.status_code == 403
    assert len(_items(check_page(anders.get("/dine-log-ins")))) == 2


def test_an_unknown_browser_is_worded_calmly(web):
    client = _browser(web, "")
    login(client, "demo-hanne")
    assert _items(check_page(client.get("/dine-log-ins")))[0].startswith("En ukendt browser")
