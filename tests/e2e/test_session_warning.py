"""Before the log-out a calm dialog warns. After a while unused one button keeps the person
logged in; near the end SESSION_MAX_HOURS after the log-in nothing can, and the dialog says so:
when, that what is not saved should be saved now, and that they can log in again after."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal.web import sessions
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as


def test_warning_before_log_out_and_staying_logged_in(page, axe):
    page.clock.install()
    log_in_as(page, "Hanne")
    page.goto("/plan")
    dialog = page.locator("#session-warning")
    expect(dialog).to_be_hidden()
    page.clock.fast_forward("25:01")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text("Du bliver snart logget ud")
    expect(dialog.get_by_role("button", name="Bliv logget ind")).to_be_focused()
    assert_accessible(axe, page)
    dialog.get_by_role("button", name="Bliv logget ind").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min plan")
    # The timer starts again: no warning until the next 25 minutes have passed.
    page.clock.fast_forward("20:00")
    expect(dialog).to_be_hidden()
    page.clock.fast_forward("10:00")
    page.wait_for_url(lambda url: "/log-ind" in url and "udloebet=1" in url)


def _busy_until(page, elapsed: timedelta):
    """Log in as Hanne and use the portal every 25 minutes (the idle timer never ends it) until
    `elapsed` after the log-in, by the sessions' time; the log-in's moment."""
    start = sessions.session_time()
    with sessions.moved_to(start):
        log_in_as(page, "Hanne")
    used = timedelta(0)
    while used + timedelta(minutes=25) < elapsed:
        used += timedelta(minutes=25)
        with sessions.moved_to(start + used):
            assert page.request.get("/plan").ok
    return start


def test_the_warning_near_the_8_hours_says_the_log_out_is_final(page, axe):
    page.clock.install()
    start = _busy_until(page, timedelta(hours=7, minutes=40))
    with sessions.moved_to(start + timedelta(hours=7, minutes=40)):
        page.goto("/plan")
    dialog = page.locator("#session-warning")
    expect(dialog).to_be_hidden()
    page.clock.fast_forward("15:01")  # 20 minutes left: the warning comes 5 minutes before
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text("Snart har du været logget ind i 8 timer")
    expect(dialog).to_contain_text("Gem det, du er i gang med, nu.")
    expect(dialog).to_contain_text("Bagefter kan du logge ind igen med det samme.")
    expect(dialog.get_by_role("button", name="Bliv logget ind")).to_have_count(0)
    close = dialog.get_by_role("button", name="Luk")
    expect(close).to_be_focused()
    # Screen readers hear the dialog's name and text: its own heading and words, not the other's.
    assert dialog.get_attribute("aria-labelledby") == "session-warning-heading-max"
    expect(dialog).to_have_accessible_name("Snart har du været logget ind i 8 timer")
    assert_accessible(axe, page)
    page.keyboard.press("Enter")  # the keyboard closes it
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min plan")
    with sessions.moved_to(start + timedelta(hours=8)):
        page.clock.fast_forward("05:00")
        page.wait_for_url(lambda url: "/log-ind" in url and "udloebet=max" in url)
        expect(page.locator(".alert[role=status]")).to_contain_text("logget ind i 8 timer")


def test_staying_logged_in_shortly_before_the_8_hours_turns_the_warning_final(page):
    """The idle warning shows when the idle end still comes first; "Bliv logget ind" then gives
    only the time left to the 8 hours, and the next warning says the end is final."""
    page.clock.install()
    start = _busy_until(page, timedelta(hours=7, minutes=25))
    with sessions.moved_to(start + timedelta(hours=7, minutes=25)):
        page.goto("/plan")  # the idle end, 7 h 55 min, comes before the 8 hours
    dialog = page.locator("#session-warning")
    page.clock.fast_forward("25:01")
    expect(dialog.get_by_role("heading")).to_have_text("Du bliver snart logget ud")
    with sessions.moved_to(start + timedelta(hours=7, minutes=50, seconds=1)):
        dialog.get_by_role("button", name="Bliv logget ind").click()
        expect(dialog).to_be_hidden()
    page.clock.fast_forward("05:00")  # under 10 minutes left: the warning comes again, final
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text("Snart har du været logget ind i 8 timer")
    expect(dialog.get_by_role("button", name="Luk")).to_be_focused()
    expect(dialog).to_have_accessible_name("Snart har du været logget ind i 8 timer")
    page.keyboard.press("Escape")  # as any dialog
    expect(dialog).to_be_hidden()


def test_without_javascript_the_log_in_page_explains_the_8_hours(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        start = _busy_until(page, timedelta(hours=7, minutes=40))
        with sessions.moved_to(start + timedelta(hours=8)):
            page.goto("/plan")
            expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
            expect(page.locator(".alert[role=status]")).to_contain_text("logget ind i 8 timer")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_open_dialogs_are_accessible(page, axe, viewport, lang):
    page.set_viewport_size(viewport)
    page.clock.install()
    start = _busy_until(page, timedelta(hours=7, minutes=25))
    dialog = page.locator("#session-warning")
    with sessions.moved_to(start + timedelta(hours=7, minutes=25)):
        page.goto(f"/plan?lang={lang}")
        page.clock.fast_forward("25:01")
        expect(dialog).to_be_visible()
        assert_accessible(axe, page)
    with sessions.moved_to(start + timedelta(hours=7, minutes=40)):
        page.goto("/plan")
        page.clock.fast_forward("15:01")
        expect(dialog).to_be_visible()
        name = "Snart har du været logget ind i 8 timer"
        if lang == "en":
            name = "Soon you will have been logged in for 8 hours"
        expect(dialog).to_have_accessible_name(name)
        assert_accessible(axe, page)
