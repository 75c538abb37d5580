"""Warning before the idle log-out (WCAG 2.2.1) and the way to stay logged in."""

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
