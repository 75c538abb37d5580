""" "Dine log-ins" in a browser: the person logged in on two devices sees both, in plain words,
and ends the other one, with JavaScript and without; axe finds nothing on a phone or a desktop,
in Danish or English."""

import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from portal.extensions import db
from tests.conftest import make_app
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as

ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_ending_the_other_log_ins(browser, base_url, javascript):
    phone = browser.new_context(
        base_url=base_url, locale="da-DK", user_agent=ANDROID_CHROME, viewport=PHONE
    )
    laptop = browser.new_context(
        base_url=base_url, locale="da-DK", java_script_enabled=javascript, viewport=DESKTOP
    )
    try:
        on_phone = phone.new_page()
        log_in_as(on_phone, "Hanne")
        on_laptop = laptop.new_page()
        log_in_as(on_laptop, "Hanne")

        on_laptop.get_by_role("link", name="Dine log-ins").click()
        expect(on_laptop.get_by_role("heading", level=1)).to_have_text("Dine log-ins")
        here = on_laptop.locator(".session-list > li").first
        expect(here).to_contain_text("Det er her, du er nu")
        expect(on_laptop.locator(".session-list")).to_contain_text("Chrome på Android")

        on_laptop.get_by_role("button", name="Log ud alle andre steder").click()
        expect(on_laptop.get_by_text("Du er nu logget ud alle andre steder.")).to_be_visible()
        expect(on_laptop.locator(".session-list > li")).to_have_count(1)
        expect(on_laptop.get_by_text("Du er ikke logget ind andre steder.")).to_be_visible()

        on_phone.goto("/plan")
        expect(on_phone.get_by_role("heading", level=1)).to_have_text("Log ind")
        on_laptop.goto("/plan")
        expect(on_laptop.get_by_role("heading", level=1)).to_have_text("Min plan")
    finally:
        phone.close()
        laptop.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_page_is_accessible(page, axe, viewport, lang):
    page.set_viewport_size(viewport)
    log_in_as(page, "Gitte")
    page.goto(f"/dine-log-ins?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(axe, page)
    page.goto(f"/dine-log-ins?afsluttet=1&lang={lang}")
    assert_accessible(axe, page)


def _serve(live_app, **limits):
    """A second app on the same database with rate limits on, served in a thread."""
    app = make_app(live_app.config["SQLALCHEMY_DATABASE_URI"], RATELIMIT_ENABLED=True, **limits)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="module")
def limited_server(live_app):
    """Its log-in limit is one attempt a minute."""
    yield from _serve(live_app, RATELIMIT_LOGIN="1 per minute")


@pytest.fixture(scope="module")
def few_views_server(live_app):
    """A visitor who is not logged in may see two pages a minute."""
    yield from _serve(live_app, RATELIMIT_ANONYMOUS_VIEWS="2 per minute")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_too_many_attempts_page_is_accessible(page, axe, lang, limited_server):
    for _ in range(2):
        page.goto(f"{limited_server}/log-ind?lang={lang}")
        page.locator("main button.login-button").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vent lidt, før du prøver igen" if lang == "da" else "Wait a little before you try again"
    )
    assert_accessible(axe, page)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_too_many_page_views_page_is_accessible(page, axe, lang, few_views_server):
    # One address for both languages: the count carries over, so read until it answers 429.
    for _ in range(3):
        response = page.goto(f"{few_views_server}/hjaelp?lang={lang}")
        if response.status == 429:
            break
    assert response.status == 429 and response.headers["retry-after"]
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vent lidt, før du prøver igen" if lang == "da" else "Wait a little before you try again"
    )
    assert_accessible(axe, page)
