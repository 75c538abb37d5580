"""Language switching, and the security headers on every kind of response."""

from tests.conftest import app_variant
from tests.helpers import check_headers, check_page, login, soup
from tests.page_checks import check_static_headers


def asset_path(client, rel: str) -> str:
    """The stylesheet a page links to, found as a browser finds it."""
    return soup(client.get("/hjaelp")).select_one(f'link[rel="{rel}"]')["href"]


def test_language_switch_is_a_plain_link_and_is_remembered(client):
    page = check_page(client.get("/hjaelp"))
    assert page.html["lang"] == "da"
    switch = page.select_one(".language-links a")
    assert switch.get_text(strip=True) == "English" and switch["href"] == "/hjaelp?lang=en"
    page = check_page(client.get(switch["href"]))
    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True) == "Help"
    # Remembered for the next page, and across log-in.
    login(client, "demo-hanne")
    page = check_page(client.get("/plan"))
    assert page.html["lang"] == "en" and page.h1.get_text(strip=True) == "My plan"
    back = page.select_one(".language-links a")
    assert back.get_text(strip=True) == "Dansk"
    assert check_page(client.get(back["href"])).h1.get_text(strip=True) == "Min plan"


def test_danish_whatever_the_browser_asks_for(client):
    page = soup(client.get("/hjaelp", headers={"Accept-Language": "en-GB,en;q=0.9"}))
    assert page.html["lang"] == "da"
    assert page.h1.get_text(strip=True) == "Hjælp"
    page = soup(client.get("/hjaelp", headers={"Accept-Language": "fr"}))
    assert page.html["lang"] == "da"


def test_unknown_language_falls_back_to_danish(client):
    assert soup(client.get("/hjaelp?lang=xx")).html["lang"] == "da"


def test_dates_are_in_full_danish(client):
    login(client, "demo-hanne")
    item = soup(client.get("/plan/historik")).select_one(".history-date").get_text()
    months = (
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    )
    assert any(month in item for month in months)


def test_headers_on_redirects_errors_and_static_files(client):
    check_headers(client.get("/plan"))  # redirect to log-in
    check_headers(client.get("/findes-ikke"))
    static = client.get(asset_path(client, "stylesheet"))
    check_static_headers(static)
    static.close()
    assert "Strict-Transport-Security" not in client.get("/hjaelp").headers


def test_hsts_and_secure_cookies_outside_development(database_url, demo_data):
    with app_variant(database_url, SECURE_TRANSPORT=True, SESSION_COOKIE_SECURE=True) as app:
        client = app.test_client()
        response = client.get("/hjaelp")
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        response = login(client, "demo-hanne")
        assert "Secure" in response.headers["Set-Cookie"]


def test_csp_nonce_is_fresh_on_every_response(client):
    first = client.get("/hjaelp").headers["Content-Security-Policy"]
    second = client.get("/hjaelp").headers["Content-Security-Policy"]
    assert first != second
    nonce = first.split("'nonce-")[1].split("'")[0]
    assert len(nonce) >= 16


def test_no_500_on_odd_requests(client):
    login(client, "demo-hanne")
    assert client.post("/plan").status_code == 405
    assert client.get("/plan?lang=" + "x" * 5000).status_code == 200
    assert client.get("/log-ind?next=" + "%00" * 10).status_code == 200


def test_static_files_never_send_the_session_cookie(client):
    login(client, "demo-hanne")
    static = client.get(asset_path(client, "stylesheet"))
    assert static.status_code == 200
    assert "Set-Cookie" not in static.headers
    static.close()
    # A page tells the idle timer's seconds left (the session lives on the server, so the cookie
    # is not re-sent to refresh it).
    assert "X-Session-Seconds" in client.get("/plan").headers
