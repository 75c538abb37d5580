"""Danish by default; English only when the person chooses it, kept in a `lang` cookie and, for a
signed-in person, on the person too. The choice survives log-in and log-out."""

from sqlalchemy import select

from portal.models import Person
from tests.conftest import app_variant
from tests.helpers import csrf_token, login, soup

ENGLISH_BROWSER = {"Accept-Language": "en-GB,en;q=0.9"}


def _heading(client, path: str) -> str:
    return soup(client.get(path, headers=ENGLISH_BROWSER)).h1.get_text(strip=True)


def _logout(client) -> None:
    response = client.post("/log-ud", data={"csrf_token": csrf_token(client.get("/log-ud"))})
    assert response.status_code == 302


def _stored_language(read_db, first_name: str) -> str | None:
    return read_db(
        lambda s: s.scalar(select(Person.language).where(Person.first_name == first_name))
    )


def test_an_english_browser_gets_danish(client):
    page = soup(client.get("/", headers=ENGLISH_BROWSER, follow_redirects=True))
    assert page.html["lang"] == "da"
    assert client.get_cookie("lang") is None  # nothing chosen, nothing remembered


def test_choosing_english_sets_a_long_lived_cookie(client):
    response = client.get("/hjaelp?lang=en")
    cookie = client.get_cookie("lang")
    assert cookie.value == "en"
    assert cookie.max_age == 365 * 24 * 60 * 60
    assert cookie.http_only and cookie.same_site == "Lax"
    assert not cookie.secure  # plain http in development and tests
    assert soup(response).html["lang"] == "en"
    assert _heading(client, "/hjaelp") == "Help"  # the next request, without ?lang=


def test_the_choice_survives_log_in_and_log_out(client, read_db):
    client.get("/hjaelp?lang=en")
    login(client, "demo-hanne")
    assert _heading(client, "/plan") == "My plan"
    assert _stored_language(read_db, "Hanne") is None  # chosen before log-in: only the browser
    _logout(client)
    assert _heading(client, "/hjaelp") == "Help"
    login(client, "demo-hanne")
    assert _heading(client, "/plan") == "My plan"


def test_a_choice_while_signed_in_is_stored_on_the_person(client, read_db):
    login(client, "demo-hanne")
    client.get("/plan?lang=en")
    assert _stored_language(read_db, "Hanne") == "en"
    assert client.get_cookie("lang").value == "en"
    _logout(client)
    assert _heading(client, "/hjaelp") == "Help"
    client.get("/hjaelp?lang=da")  # signed out: only the browser changes
    assert _stored_language(read_db, "Hanne") == "en"
    login(client, "demo-hanne")  # the stored choice wins on log-in
    assert client.get_cookie("lang").value == "en"
    assert _heading(client, "/plan") == "My plan"


def test_a_stored_language_follows_the_person_to_a_fresh_browser(app, client, read_db):
    login(client, "demo-hanne")
    client.get("/plan?lang=en")
    fresh = app.test_client()
    assert _heading(fresh, "/hjaelp") == "Hjælp"
    login(fresh, "demo-hanne")
    assert fresh.get_cookie("lang").value == "en"
    assert _heading(fresh, "/plan") == "My plan"
    # Someone without a stored choice keeps Danish on a fresh browser.
    other = app.test_client()
    login(other, "demo-laerke")
    assert other.get_cookie("lang") is None
    assert soup(other.get("/plan", headers=ENGLISH_BROWSER)).html["lang"] == "da"


def test_unknown_values_fall_back_to_danish(client, read_db):
    client.set_cookie("lang", "xx")
    assert soup(client.get("/hjaelp")).html["lang"] == "da"
    login(client, "demo-hanne")
    client.get("/plan?lang=klingon")
    assert _stored_language(read_db, "Hanne") is None
    assert client.get_cookie("lang").value == "xx"  # left alone, and ignored


def test_the_cookie_is_secure_outside_development(database_url, demo_data):
    with app_variant(database_url, SECURE_TRANSPORT=True, SESSION_COOKIE_SECURE=True) as app:
        client = app.test_client()
        client.get("/hjaelp?lang=en", base_url="https://localhost")
        cookie = client.get_cookie("lang", domain="localhost")
        assert cookie is not None and cookie.secure


def test_template_gettext_translates_escapes_and_formats(app):
    """Templates' `_()` and `{% trans %}` (portal/web/i18n.py's one-call gettext): the
    catalogue's text in the chosen language, values escaped, `%%` read as a percent sign."""
    from flask import render_template_string

    page = (
        '{{ _("Logget ind som %(name)s", name=who) }}|{{ _("100%% klar") }}|'
        "{% trans %}Forside{% endtrans %}"
    )
    with app.test_request_context("/?lang=en"):
        app.preprocess_request()
        english = render_template_string(page, who="<b>Hanne</b>")
    with app.test_request_context("/"):
        danish = render_template_string(page, who="<b>Hanne</b>")
    assert english == "Logged in as &lt;b&gt;Hanne&lt;/b&gt;|100% klar|Home"
    assert danish == "Logget ind som &lt;b&gt;Hanne&lt;/b&gt;|100% klar|Forside"
