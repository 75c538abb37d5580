"""Before the idle log-out a calm dialog warns, and one button keeps the person logged in."""

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, log_in_as


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
