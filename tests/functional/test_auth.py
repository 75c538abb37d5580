"""Demo log-in and log-out, with CSRF on, and the refusals around them."""

from portal.models import AuditEvent
from tests.conftest import app_variant
from tests.helpers import check_page, csrf_token, login, soup


def test_login_page_lists_the_demo_people_by_first_name(client):
    page = check_page(client.get("/log-ind"))
    buttons = [b.get_text(strip=True) for b in page.select("form button")]
    for name in ("Hanne", "Lærke", "Gitte", "Sofie", "Jens", "Mads", "Birgit", "Anders", "Rikke"):
        assert f"Log ind som {name}" in buttons
    assert all(form["method"] == "post" for form in page.select(".login-list form"))


def test_login_then_logout(client, read_db):
    response = login(client, "demo-hanne")
    assert response.headers["Location"] == "/"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/plan").status_code == 200
    assert read_db(lambda s: s.query(AuditEvent).filter_by(action="auth.login").count()) == 1

    logout_page = client.get("/log-ud")
    response = client.post("/log-ud", data={"csrf_token": csrf_token(logout_page)})
    assert response.headers["Location"] == "/logget-ud"
    assert client.get("/plan").status_code == 302
    rows = read_db(
        lambda s: [
            (e.action, e.outcome, e.actor_id, e.detail)
            for e in s.query(AuditEvent).filter(AuditEvent.action.like("auth.%"))
        ]
    )
    hanne = read_db(lambda s: s.query(AuditEvent).filter_by(action="auth.login").one().actor_id)
    assert rows == [
        ("auth.login", "allowed", hanne, "demo"),
        ("auth.logout", "allowed", hanne, "demo"),
    ]


def test_login_redirects_back_to_the_page_asked_for_but_never_off_site(client):
    response = client.get("/plan/historik")
    assert response.headers["Location"] == "/log-ind?next=/plan/historik"
    page = client.get("/log-ind?next=/plan/historik")
    assert soup(page).find("input", attrs={"name": "next"})["value"] == "/plan/historik"
    response = client.post(
        "/log-ind",
        data={"csrf_token": csrf_token(page), "subject": "demo-hanne", "next": "/plan/historik"},
    )
    assert response.headers["Location"] == "/plan/historik"
    for evil in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        page = client.get("/log-ind")  # the CSRF token is renewed at every log-in
        response = client.post(
            "/log-ind", data={"csrf_token": csrf_token(page), "subject": "demo-hanne", "next": evil}
        )
        assert response.headers["Location"] == "/"


def test_login_without_csrf_token_changes_nothing(client, read_db):
    response = client.post("/log-ind", data={"subject": "demo-hanne"})
    assert response.status_code == 400
    assert "Der er ikke ændret noget" in response.get_data(as_text=True)
    assert client.get("/plan").status_code == 302
    assert read_db(lambda s: s.query(AuditEvent).filter_by(action="auth.login").count()) == 0


def test_login_with_unknown_or_tampered_person_is_refused(client, read_db):
    page = client.get("/log-ind")
    for subject in ("demo-nobody", "", "x" * 500):
        response = client.post(
            "/log-ind", data={"csrf_token": csrf_token(page), "subject": subject}
        )
        assert response.status_code == 400
        check_page(response)
    assert client.get("/plan").status_code == 302
    refused = read_db(
        lambda s: [
            (e.outcome, e.actor_id, e.detail)
            for e in s.query(AuditEvent).filter_by(action="auth.login.demo").order_by(AuditEvent.id)
        ]
    )
    # Each failed log-in is one refused row, naming what was tried (cut short).
    assert [r[:2] for r in refused] == [("refused", None)] * 3
    assert refused[0][2] == "login_unknown_person subject='demo-nobody'"
    assert refused[2][2].startswith("login_unknown_person subject='xxx")
    assert len(refused[2][2]) < 120


def test_logout_needs_a_post_with_csrf(client):
    login(client, "demo-hanne")
    assert client.post("/log-ud", data={}).status_code == 400
    assert client.get("/plan").status_code == 200


def test_demo_login_off_outside_development(database_url, demo_data):
    # CSRF off here only so the forged POST reaches the view: the page offers no form to take a token from.
    with app_variant(database_url, DEMO_LOGIN=False, WTF_CSRF_ENABLED=False) as app:
        client = app.test_client()
        page = client.get("/log-ind")
        assert page.status_code == 200
        assert soup(page).select(".login-list") == []
        response = client.post("/log-ind", data={"subject": "demo-hanne"})
        assert response.status_code == 404
        assert client.get("/plan").status_code == 302
