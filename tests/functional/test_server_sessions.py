"""Sessions the server controls (portal/web/sessions.py), with the database and with Redis.

The attacks the issue describes: a cookie copied before log-out opens nothing afterwards (not
/plan, and it cannot save the meeting preparation); a session used every 29 minutes still ends
8 hours after the log-in; the id changes at log-in and whenever the acting role changes.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.models import AuditEvent, Fuldmagt, Preparation, WebSession
from portal.web import sessions
from tests.functional.session_support import (
    COOKIE,
    STORES,
    session_cookie,
    store_param,
)
from tests.helpers import check_page, csrf_token, login


@pytest.fixture(params=STORES)
def web(request, app, database_url, demo_data):
    """An app whose sessions live in the database or in Redis."""
    yield from store_param(request, app, database_url)


def _copy(web, cookie: str):
    """Another browser holding a copy of the cookie (as an attacker who took it would)."""
    thief = web.test_client()
    thief.set_cookie(COOKIE, cookie)
    return thief


def _audit(read_db, action: str) -> list[AuditEvent]:
    return read_db(
        lambda s: list(
            s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))
        )
    )


def test_the_cookie_holds_only_a_random_id(app, client, read_db, demo_data):
    login(client, "demo-hanne")
    cookie = session_cookie(client)
    assert len(cookie) == 43 and "." not in cookie  # 32 random bytes, nothing signed inside
    row = read_db(lambda s: s.get(WebSession, hashlib.sha256(cookie.encode()).hexdigest()))
    assert row is not None and row.person_id == demo_data["Hanne"]
    assert read_db(lambda s: s.get(WebSession, cookie)) is None  # the id itself is not stored


def test_a_cookie_saved_before_log_out_opens_nothing_afterwards(web, read_db):
    client = web.test_client()
    login(client, "demo-gitte")
    page = client.get("/moede/forbered/situation")
    token = csrf_token(page)
    saved = session_cookie(client)
    thief = _copy(web, saved)
    assert thief.get("/plan").status_code == 200  # before log-out the copy works, as it would

    response = client.post("/log-ud", data={"csrf_token": csrf_token(client.get("/log-ud"))})
    assert response.status_code == 302

    for browser in (thief, client):
        response = browser.get("/plan")
        assert response.status_code == 302 and response.location.startswith("/log-ind")
    response = thief.post(
        "/moede/forbered/situation", data={"csrf_token": token, "answer": "Skrevet af en anden"}
    )
    assert response.status_code in (302, 400)
    assert read_db(lambda s: s.query(Preparation).count()) == 0
    assert [e.detail for e in _audit(read_db, "auth.logout")] == ["demo"]


def test_the_id_changes_at_log_in(web):
    client = web.test_client()
    client.get("/log-ind")
    before = session_cookie(client)
    assert before is not None  # the log-in page's form needs a session (its CSRF token)
    login(client, "demo-hanne")
    after = session_cookie(client)
    assert after != before
    # Whoever planted or saw the id before the log-in has nothing.
    assert _copy(web, before).get("/plan").status_code == 302


def test_the_id_changes_when_acting_for_someone_and_back(web, demo_data):
    client = web.test_client()
    login(client, "demo-mads")
    first = session_cookie(client)
    start = client.get("/")
    response = client.post(
        "/fuldmagt/handl-for",
        data={"csrf_token": csrf_token(start), "citizen_id": demo_data["Hanne"]},
    )
    assert response.status_code == 302
    acting = session_cookie(client)
    assert acting != first
    assert _copy(web, first).get("/").status_code == 302
    assert "Hannes plan" in check_page(client.get("/plan")).get_text()
    response = client.post("/fuldmagt/egen-side", data={"csrf_token": csrf_token(start)})
    assert response.status_code == 302
    assert session_cookie(client) not in (first, acting)


def test_the_id_changes_when_a_preview_starts_and_ends(web, demo_data):
    client = web.test_client()
    login(client, "demo-anders")
    first = session_cookie(client)
    hanne = demo_data["Hanne"]
    page = client.get(f"/medarbejder/borger/{hanne}")
    form = check_page(page).find("form", action=lambda a: a and "forhaandsvis" in a)
    assert form is not None, "the citizen page offers the preview"
    response = client.post(form["action"], data={"csrf_token": csrf_token(page), "som": "borger"})
    assert response.status_code == 302
    previewing = session_cookie(client)
    assert previewing != first
    end = check_page(client.get("/plan")).find("form", action=lambda a: a and "afslut" in a)
    response = client.post(end["action"], data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302
    assert session_cookie(client) not in (first, previewing)


def test_idle_for_30_minutes_ends_the_session_on_the_server(web, read_db):
    client = web.test_client()
    start = sessions.session_time()
    with sessions.moved_to(start):
        login(client, "demo-hanne")
    saved = session_cookie(client)
    with sessions.moved_to(start + timedelta(minutes=29)):
        assert client.get("/plan").status_code == 200
    with sessions.moved_to(start + timedelta(minutes=29 + 30, seconds=1)):
        response = _copy(web, saved).get("/plan")
        assert response.status_code == 302
        assert response.location == "/log-ind?next=/plan&udloebet=idle"
        page = check_page(client.get(response.location))
        assert "ikke havde brugt siden i et stykke tid" in page.get_text()
        assert client.get("/plan").status_code == 302
    assert [e.detail for e in _audit(read_db, "auth.timeout")] == ["idle"]


def test_a_session_used_every_29_minutes_still_ends_after_8_hours(web, read_db):
    client = web.test_client()
    start = sessions.session_time()
    with sessions.moved_to(start):
        login(client, "demo-hanne")
    elapsed = timedelta(0)
    while elapsed < timedelta(hours=8) - timedelta(minutes=29):
        elapsed += timedelta(minutes=29)
        with sessions.moved_to(start + elapsed):
            assert client.get("/plan").status_code == 200, f"ended early, after {elapsed}"
    with sessions.moved_to(start + timedelta(hours=8)):
        response = client.get("/plan")
        assert response.location == "/log-ind?next=/plan&udloebet=max"
        assert "logget ind i 8 timer" in check_page(client.get(response.location)).get_text()
    assert [e.detail for e in _audit(read_db, "auth.timeout")] == ["max"]


def test_the_lifetime_is_configurable(app, database_url, demo_data):
    from tests.conftest import app_variant

    with app_variant(database_url, SESSION_MAX_HOURS=1) as short:
        client = short.test_client()
        start = sessions.session_time()
        with sessions.moved_to(start):
            login(client, "demo-hanne")
        for minutes in (29, 58):
            with sessions.moved_to(start + timedelta(minutes=minutes)):
                assert client.get("/plan").status_code == 200
        with sessions.moved_to(start + timedelta(minutes=60)):
            ended = client.get("/plan").location
            assert ended.endswith("udloebet=max")
            # The log-in page says the configured length in words ("1 time", not "1 timer").
            assert "logget ind i 1 time." in check_page(client.get(ended)).get_text()


def test_the_clean_up_job_removes_ended_sessions_and_audits_time_outs(web, read_db):
    start = sessions.session_time()
    with sessions.moved_to(start):
        login(web.test_client(), "demo-hanne")
        web.test_client().get("/log-ind")  # a visitor who never logged in
        login(web.test_client(), "demo-laerke")
    runner = web.test_cli_runner()
    with sessions.moved_to(start + timedelta(minutes=10)):
        assert "Removed 0 ended sessions" in runner.invoke(args=["sessions-clean-up"]).output
    with sessions.moved_to(start + timedelta(minutes=31)):
        result = runner.invoke(args=["sessions-clean-up"])
    assert result.exit_code == 0 and "Removed 3 ended sessions" in result.output
    timeouts = _audit(read_db, "auth.timeout")
    assert sorted(e.detail for e in timeouts) == ["idle", "idle"]  # the visitor is nobody
    if web.config["REDIS_URL"] == "":
        assert read_db(lambda s: s.query(WebSession).count()) == 0


def test_a_revoked_fuldmagt_stops_the_delegate_on_the_next_request(web, read_db, demo_data):
    mads = web.test_client()
    login(mads, "demo-mads")
    start = mads.get("/")
    mads.post(
        "/fuldmagt/handl-for",
        data={"csrf_token": csrf_token(start), "citizen_id": demo_data["Hanne"]},
    )
    assert mads.get("/plan").status_code == 200
    hanne = web.test_client()
    login(hanne, "demo-hanne")
    fuldmagt_id = read_db(
        lambda s: s.scalar(select(Fuldmagt.id).where(Fuldmagt.holder_id == demo_data["Mads"]))
    )
    page = hanne.get(f"/fuldmagt/{fuldmagt_id}/tilbagekald")
    response = hanne.post(
        f"/fuldmagt/{fuldmagt_id}/tilbagekald", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 302
    assert mads.get("/plan").status_code == 403


def _logged_out_elsewhere_during(monkeypatch, web, name: str) -> None:
    """While this request runs `sessions.<name>`, another node logs the person out (the session
    is removed from the store), as a request racing a log-out would see it."""
    original = getattr(sessions, name)

    def racing(*args, **kwargs):
        key = sessions.current_key()
        if key is not None:
            web.session_interface.store.end(key)
        return original(*args, **kwargs)

    monkeypatch.setattr(sessions, name, racing)


def test_a_request_racing_a_log_out_does_not_bring_the_session_back(web, monkeypatch):
    client = web.test_client()
    login(client, "demo-hanne")
    token = csrf_token(client.get("/plan"))
    _logged_out_elsewhere_during(monkeypatch, web, "keep_alive")
    client.post("/session/forlaeng", data={"csrf_token": token, "next": "/plan"})
    assert client.get("/plan").status_code == 302


def test_a_role_change_racing_a_log_out_does_not_bring_the_session_back(
    web, monkeypatch, demo_data
):
    client = web.test_client()
    login(client, "demo-mads")
    token = csrf_token(client.get("/"))
    _logged_out_elsewhere_during(monkeypatch, web, "rotate")
    client.post("/fuldmagt/handl-for", data={"csrf_token": token, "citizen_id": demo_data["Hanne"]})
    monkeypatch.undo()
    assert client.get("/plan").status_code == 302
    assert client.get("/").location.startswith("/log-ind")
