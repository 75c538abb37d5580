"""Warning before the idle log-out (WCAG 2.2.1) and the way to stay logged in."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from portal.web import sessions
from tests.helpers import check_page, csrf_token, login, soup


def test_signed_in_pages_carry_the_warning_dialog(client):
    assert soup(client.get("/hjaelp")).find(id="session-warning") is None
    login(client, "demo-hanne")
    page = check_page(client.get("/plan"))
    dialog = page.find("dialog", id="session-warning")
    assert dialog is not None
    # The server's own count of seconds left (the idle timer was renewed at the log-in).
    assert 1790 <= int(dialog["data-session-seconds"]) <= 1800
    assert dialog["data-warn-seconds"] == "300"
    assert dialog["data-login-url"] == "/log-ind?next=/plan&udloebet=1"
    assert dialog.find("form")["action"] == "/session/forlaeng"


def test_staying_logged_in_renews_the_session(client):
    login(client, "demo-hanne")
    page = client.get("/plan")
    response = client.post(
        "/session/forlaeng",
        headers={"X-CSRFToken": csrf_token(page), "X-Requested-With": "fetch"},
    )
    assert response.status_code == 204
    assert "enplan_session=" in response.headers["Set-Cookie"]
    # Without JavaScript the same button is a plain form that goes back to the page.
    response = client.post(
        "/session/forlaeng", data={"csrf_token": csrf_token(page), "next": "/plan"}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/plan"
    response = client.post(
        "/session/forlaeng", data={"csrf_token": csrf_token(page), "next": "https://evil.example/"}
    )
    assert response.headers["Location"] == "/"


def test_staying_logged_in_needs_a_login_and_a_csrf_token(client):
    assert client.post("/session/forlaeng").status_code == 400  # no CSRF token
    page = client.get("/log-ind")
    response = client.post("/session/forlaeng", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302 and response.headers["Location"].startswith("/log-ind")


def test_the_login_page_says_why_after_an_idle_log_out(client):
    page = check_page(client.get("/log-ind?udloebet=1&next=/plan"))
    assert "ikke havde brugt siden i et stykke tid" in page.get_text()


def _warning(response):
    """The dialog, and the half of it that shows ("idle" or "max")."""
    dialog = check_page(response).find("dialog", id="session-warning")
    shown = [
        half for half in dialog.find_all(attrs={"data-end": True}) if not half.has_attr("hidden")
    ]
    assert len(shown) == 1
    return dialog, shown[0]


def _busy_until(client, elapsed: timedelta):
    """Log in and use the portal every 25 minutes (so the idle timer never ends it) until
    `elapsed` after the log-in; the log-in's moment."""
    start = sessions.session_time()
    with sessions.moved_to(start):
        login(client, "demo-hanne")
    used = timedelta(0)
    while used + timedelta(minutes=25) < elapsed:
        used += timedelta(minutes=25)
        with sessions.moved_to(start + used):
            assert client.get("/plan").status_code == 200
    return start


def test_the_page_says_the_idle_time_out_comes_first_most_of_the_day(client):
    start = _busy_until(client, timedelta(hours=7, minutes=29))
    # At 7 h 29 min the idle end (30 minutes on) is still a minute before the 8 hours.
    with sessions.moved_to(start + timedelta(hours=7, minutes=29)):
        response = client.get("/plan")
    assert response.headers["X-Session-End"] == "idle"
    assert response.headers["X-Session-Seconds"] == "1800"
    dialog, shown = _warning(response)
    assert dialog["data-session-end"] == "idle"
    assert dialog["aria-labelledby"] == "session-warning-heading-idle"
    assert dialog["aria-describedby"] == "session-warning-text-idle"
    assert shown.find("h2").get_text() == "Du bliver snart logget ud"
    assert shown.find("button").get_text() == "Bliv logget ind"


def test_near_the_8_hours_the_page_says_the_end_is_final(client):
    start = _busy_until(client, timedelta(hours=7, minutes=40))
    with sessions.moved_to(start + timedelta(hours=7, minutes=40)):
        response = client.get("/plan")
        assert response.headers["X-Session-End"] == "max"
        assert response.headers["X-Session-Seconds"] == "1200"  # the 8 hours, not 30 minutes
        dialog, shown = _warning(response)
        assert dialog["data-session-end"] == "max"
        assert 1190 <= int(dialog["data-session-seconds"]) <= 1200
        assert dialog["aria-labelledby"] == "session-warning-heading-max"
        assert dialog["aria-describedby"] == "session-warning-text-max"
        assert dialog["data-max-login-url"] == "/log-ind?next=/plan&udloebet=max"
        ends = (start + timedelta(hours=8)).astimezone(ZoneInfo("Europe/Copenhagen"))
        text = " ".join(shown.get_text().split())
        assert shown.find("h2").get_text() == "Snart har du været logget ind i 8 timer"
        assert f"Det sker kl. {ends:%H.%M}." in text
        assert "Gem det, du er i gang med, nu." in text and "logge ind igen" in text
        # No "Bliv logget ind" here: it could not give more time. A button closes the dialog.
        assert [b.get_text() for b in shown.find_all("button")] == ["Luk"]
        assert shown.find("button").has_attr("data-close") and shown.find("form") is None

        english = _warning(client.get("/plan?lang=en"))[1]
        assert english.find("h2").get_text() == "Soon you will have been logged in for 8 hours"
        assert f"This happens at {ends:%H:%M}." in " ".join(english.get_text().split())

    # "Bliv logget ind" (if an older page still offers it) gives no time past the 8 hours.
    with sessions.moved_to(start + timedelta(hours=7, minutes=50)):
        response = client.post(
            "/session/forlaeng",
            headers={"X-CSRFToken": csrf_token(client.get("/plan")), "X-Requested-With": "fetch"},
        )
    assert response.status_code == 204
    assert response.headers["X-Session-End"] == "max"
    assert response.headers["X-Session-Seconds"] == "600"


def test_the_final_warning_names_the_configured_length(app, database_url, demo_data):
    from tests.conftest import app_variant

    with app_variant(database_url, SESSION_MAX_HOURS=1) as short:
        client = short.test_client()
        start = sessions.session_time()
        with sessions.moved_to(start):
            login(client, "demo-hanne")
        with sessions.moved_to(start + timedelta(minutes=20)):
            response = client.get("/plan")
        assert response.headers["X-Session-End"] == "idle"
        with sessions.moved_to(start + timedelta(minutes=31)):
            response = client.get("/plan")
        assert response.headers["X-Session-End"] == "max"
        assert (
            _warning(response)[1].find("h2").get_text() == "Snart har du været logget ind i 1 time"
        )
