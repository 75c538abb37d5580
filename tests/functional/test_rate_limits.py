"""Limits on abuse (portal/web/limits.py): each limit answers 429 when it is used up, with a calm
page in Danish or English that says when to try again, and the security headers (the test
client checks them on every response, and every page is validated). The suite's own app runs
without limits; these tests build apps with small ones."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import AuditEvent, WebSession
from tests.conftest import app_variant
from tests.functional.session_support import needs_redis, redis_app
from tests.helpers import check_page, csrf_token, login

SMALL = {
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_LOGIN": "3 per minute",
    "RATELIMIT_LOGIN_RETURN": "2 per minute",
    "RATELIMIT_CHANGES": "4 per minute",
    "RATELIMIT_READABILITY": "2 per minute",
    "RATELIMIT_CALLBACK": "1 per hour",
    "RATELIMIT_LOOKUP": "2 per hour",
    "RATELIMIT_ANONYMOUS_VIEWS": "50 per minute",  # out of the way of the tests above
}
VIEWS = 3  # RATELIMIT_ANONYMOUS_VIEWS in the tests of anonymous page views


@contextmanager
def limited_app(database_url, **overrides):
    with app_variant(database_url, **{**SMALL, **overrides}) as app:
        yield app


@pytest.fixture
def limited(database_url, demo_data):
    with limited_app(database_url) as app:
        yield app


def _demo_login(client, subject="demo-hanne"):
    token = csrf_token(client.get("/log-ind"))
    return client.post("/log-ind", data={"csrf_token": token, "subject": subject, "next": ""})


def _assert_calm_429(response, language="da"):
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 3601
    page = check_page(response)
    text = page.get_text(" ", strip=True)
    if language == "da":
        assert page.h1.get_text(strip=True) == "Vent lidt, før du prøver igen"
        assert "Du kan prøve igen om" in text and "kl." in text
    else:
        assert page.h1.get_text(strip=True) == "Wait a little before you try again"
        assert "You can try again in" in text


def test_log_in_attempts_are_limited_per_address(limited):
    client = limited.test_client()
    for _ in range(3):
        assert _demo_login(client, "nobody-at-all").status_code == 400  # failed log-ins count
    _assert_calm_429(_demo_login(client, "demo-hanne"))
    # In English for someone who chose it.
    client.set_cookie("lang", "en")
    _assert_calm_429(_demo_login(client, "demo-hanne"), language="en")
    # Another address is not held back; showing the log-in page is not held back by this limit.
    other = limited.test_client()
    other.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert _demo_login(other).status_code == 302
    assert client.get("/log-ind").status_code == 200


def test_provider_answers_are_limited_per_address(limited):
    client = limited.test_client()
    for _ in range(2):  # no provider configured: a calm 404, but counted all the same
        assert client.get("/log-ind/mitid/retur?code=x&state=y").status_code == 404
    _assert_calm_429(client.get("/log-ind/mitid/retur?code=x&state=y"))
    _assert_calm_429(client.get("/log-ind/medarbejder/retur"))  # one limit for both answers


def test_changes_are_limited_per_person(limited):
    hanne = limited.test_client()
    login(hanne, "demo-hanne")  # counted for the address: nobody was logged in yet
    token = csrf_token(hanne.get("/plan"))
    for _ in range(4):
        assert hanne.post("/session/forlaeng", data={"csrf_token": token}).status_code == 302
    _assert_calm_429(hanne.post("/session/forlaeng", data={"csrf_token": token}))
    assert hanne.get("/plan").status_code == 200  # reading is not limited
    laerke = limited.test_client()
    laerke.environ_base["REMOTE_ADDR"] = "192.0.2.8"
    login(laerke, "demo-laerke")
    token = csrf_token(laerke.get("/plan"))
    assert laerke.post("/session/forlaeng", data={"csrf_token": token}).status_code == 302


def test_the_language_check_is_limited_per_person(limited, demo_data):
    anders = limited.test_client()
    login(anders, "demo-anders")
    url = f"/medarbejder/borger/{demo_data['Sofie']}/resultater/ny"
    token = csrf_token(anders.get(url))
    data = {"csrf_token": token, "action": "check", "meaning": "Kort tekst."}
    for _ in range(2):
        assert anders.post(url, data=data).status_code == 200
    _assert_calm_429(anders.post(url, data=data, headers={"HX-Request": "true"}))


def test_ring_mig_op_is_limited_per_person(limited):
    hanne = limited.test_client()
    login(hanne, "demo-hanne")
    token = csrf_token(hanne.get("/samtaler"))
    first = hanne.post("/samtaler/ring-mig-op", data={"csrf_token": token})
    assert first.status_code != 429
    _assert_calm_429(hanne.post("/samtaler/ring-mig-op", data={"csrf_token": token}))


def test_the_fuldmagt_look_up_is_limited_per_person(limited):
    hanne = limited.test_client()
    login(hanne, "demo-hanne")
    token = csrf_token(hanne.get("/fuldmagt/ny"))
    guess = {"csrf_token": token, "holder_name": "Birgit Holm", "scopes": "se"}
    for number in ("010101-0001", "010101-0002"):
        response = hanne.post("/fuldmagt/ny", data={**guess, "holder_identifier": number})
        assert response.status_code in (400, 404)
    response = hanne.post("/fuldmagt/ny", data={**guess, "holder_identifier": "990101-3002"})
    _assert_calm_429(response)
    # "Ret" (back to the form) looks nobody up and is not held back by this limit.
    response = hanne.post("/fuldmagt/ny", data={**guess, "ret": "1"})
    assert response.status_code == 200


def test_limits_can_be_turned_off(database_url, demo_data):
    with limited_app(database_url, RATELIMIT_ENABLED=False) as app:
        client = app.test_client()
        for _ in range(5):
            assert _demo_login(client, "nobody-at-all").status_code == 400


@needs_redis
def test_two_apps_on_one_redis_share_the_counts(database_url, demo_data):
    with (
        redis_app(database_url, **SMALL) as first,
        redis_app(database_url, prefix=first.config["REDIS_PREFIX"], **SMALL) as second,
    ):
        assert _demo_login(first.test_client(), "nobody-at-all").status_code == 400
        assert _demo_login(second.test_client(), "nobody-at-all").status_code == 400
        assert _demo_login(first.test_client(), "nobody-at-all").status_code == 400
        _assert_calm_429(_demo_login(second.test_client(), "demo-hanne"))


# --- Page views by visitors who are not logged in ----------------------------------------------


@pytest.fixture
def few_views(database_url, demo_data):
    with limited_app(database_url, RATELIMIT_ANONYMOUS_VIEWS=f"{VIEWS} per minute") as app:
        yield app


def _rows(app) -> tuple[int, int]:
    """(sessions, audit rows): what an anonymous view could leave behind."""
    with app.app_context():
        try:
            return (
                db.session.scalar(select(func.count()).select_from(WebSession)),
                db.session.scalar(select(func.count()).select_from(AuditEvent)),
            )
        finally:
            db.session.remove()


def test_anonymous_page_views_are_limited_per_address(few_views):
    client = few_views.test_client()
    # A public page, the log-in page, and a page that sends the visitor to log in: all count.
    assert client.get("/hjaelp").status_code == 200
    assert client.get("/log-ind").status_code == 200
    assert client.get("/plan").status_code == 302
    before = _rows(few_views)
    over = client.get("/log-ind")
    _assert_calm_429(over)
    assert "Set-Cookie" not in over.headers
    assert client.head("/privatliv").status_code == 429  # HEAD counts as a view too
    client.set_cookie("lang", "en")
    _assert_calm_429(client.get("/hjaelp"), language="en")
    # The view did not run: no session row, no audit row.
    assert _rows(few_views) == before
    # Another address has its own count; asking for pages that do not exist counts too.
    other = few_views.test_client()
    other.environ_base["REMOTE_ADDR"] = "192.0.2.9"
    for _ in range(VIEWS):
        assert other.get("/findes-ikke").status_code == 404
    _assert_calm_429(other.get("/findes-ikke"))


def test_a_visitor_without_a_cookie_starts_sessions_only_within_the_limit(few_views):
    """Only the log-in page keeps something in an anonymous session (its form's CSRF token), and
    a client that never sends the cookie back starts one each time: as many as the limit lets."""
    reader = few_views.test_client()
    before = _rows(few_views)
    for path in ("/hjaelp", "/privatliv", "/plan"):
        assert "Set-Cookie" not in reader.get(path).headers
    assert _rows(few_views) == before  # reading starts no session

    start = _rows(few_views)[0]
    for number in range(VIEWS + 2):
        response = few_views.test_client().get(
            "/log-ind", environ_base={"REMOTE_ADDR": "192.0.2.10"}
        )
        assert response.status_code == (200 if number < VIEWS else 429)
    assert _rows(few_views)[0] == start + VIEWS

    # A browser that keeps its cookie keeps its one session, however often it reloads.
    browser = few_views.test_client()
    browser.environ_base["REMOTE_ADDR"] = "192.0.2.11"
    browser.get("/log-ind")
    cookie = browser.get_cookie("enplan_session").value
    browser.get("/log-ind")
    assert browser.get_cookie("enplan_session").value == cookie
    assert _rows(few_views)[0] == start + VIEWS + 1


def test_of_the_public_pages_only_the_log_in_page_starts_a_session(app, demo_data):
    """What the README promises: reading starts no session; the log-in page's form does."""
    from portal.web import access

    starting, shown = set(), set()
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if "GET" not in rule.methods or rule.arguments or rule.endpoint == "static":
            continue
        if access.declared_action(view) is not access.Action.PUBLIC:
            continue
        shown.add(rule.endpoint)
        with app.test_client().get(rule.rule) as response:
            if "Set-Cookie" in response.headers:
                starting.add(rule.endpoint)
    assert {"auth.login", "auth.logged_out", "pages.help", "health.healthz"} <= shown
    assert starting == {"auth.login"}


def test_logged_in_views_are_not_counted(few_views):
    hanne = few_views.test_client()
    login(hanne, "demo-hanne")  # its log-in page was one anonymous view
    for _ in range(VIEWS + 3):
        assert hanne.get("/plan").status_code == 200
    # The address's anonymous views were not used up by Hanne's.
    stranger = few_views.test_client()
    for _ in range(VIEWS - 1):
        assert stranger.get("/hjaelp").status_code == 200
    _assert_calm_429(stranger.get("/hjaelp"))


def test_health_checks_metrics_and_files_are_not_counted(database_url, demo_data):
    with limited_app(
        database_url, RATELIMIT_ANONYMOUS_VIEWS=f"{VIEWS} per minute", METRICS_TOKEN="t0ken"
    ) as app:
        probe = app.test_client()
        for _ in range(VIEWS + 2):
            assert probe.get("/healthz").status_code == 200
            assert probe.get("/readyz").status_code == 200
            assert probe.head("/healthz").status_code == 200
            scrape = probe.get("/metrics", headers={"Authorization": "Bearer t0ken"})
            assert scrape.status_code == 200
            with probe.get("/favicon.ico") as icon:
                assert icon.status_code == 200
        with app.test_request_context():
            stylesheet = app.jinja_env.globals["asset_url"]("portal.css")
        for _ in range(VIEWS + 2):
            with probe.get(stylesheet) as served:  # WhiteNoise answers, before Flask
                assert served.status_code == 200
        for _ in range(VIEWS):
            assert probe.get("/hjaelp").status_code == 200
        _assert_calm_429(probe.get("/hjaelp"))
        assert probe.get("/healthz").status_code == 200  # still answered over the limit


def test_anonymous_views_can_be_turned_off_with_the_other_limits(database_url, demo_data):
    with limited_app(
        database_url, RATELIMIT_ENABLED=False, RATELIMIT_ANONYMOUS_VIEWS="1 per minute"
    ) as app:
        client = app.test_client()
        for _ in range(3):
            assert client.get("/hjaelp").status_code == 200


@needs_redis
def test_two_apps_on_one_redis_share_the_anonymous_count(database_url, demo_data):
    few = {**SMALL, "RATELIMIT_ANONYMOUS_VIEWS": "2 per minute"}
    with (
        redis_app(database_url, **few) as first,
        redis_app(database_url, prefix=first.config["REDIS_PREFIX"], **few) as second,
    ):
        assert first.test_client().get("/hjaelp").status_code == 200
        assert second.test_client().get("/log-ind").status_code == 200
        _assert_calm_429(first.test_client().get("/privatliv"))
