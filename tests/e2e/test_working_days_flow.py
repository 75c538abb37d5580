"""The caseworker plans a meeting just after Easter; the citizen sees a change deadline with the
Easter holidays skipped (and with JavaScript off the same)."""

from datetime import timedelta

import pytest
from dateutil.easter import easter
from playwright.sync_api import expect

from portal import clock
from portal.models import Person
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as


def _next_easter():
    """The next Easter Sunday whose Tuesday after is still well ahead."""
    year = clock.today().year
    while easter(year) - timedelta(days=10) <= clock.today():
        year += 1
    return easter(year)


def _log_out(page):
    page.goto("/log-ud?lang=da")
    page.locator("main").get_by_role("button", name="Log ud").click()
    page.wait_for_url(lambda url: "/logget-ud" in url)


def test_a_meeting_after_easter_closes_choices_before_the_easter_holidays(page, axe, db_read):
    sunday = _next_easter()
    tuesday_after, tuesday_before = sunday + timedelta(days=2), sunday - timedelta(days=5)
    jens = db_read(lambda s: s.query(Person).filter_by(first_name="Jens").one().id)

    log_in_as(page, "Rikke")
    page.goto(f"/medarbejder/borger/{jens}/moede/planlaeg?lang=da")
    group = page.get_by_role("group", name="Dato", exact=True)
    for label, value in (("Dag", tuesday_after.day), ("Måned", tuesday_after.month)):
        group.get_by_label(label, exact=True).fill(str(value))
    group.get_by_label("År", exact=True).fill(str(tuesday_after.year))
    page.get_by_label("Klokkeslæt", exact=True).fill("13:00")
    page.get_by_label("Sted", exact=True).fill("Jobcentret, mødelokale 2")
    page.get_by_role("button", name="Gem mødet").click()
    page.wait_for_url(lambda url: "/planlaeg" not in url)
    _log_out(page)

    log_in_as(page, "Jens")
    page.goto("/moede/deltagelse?lang=da")
    deadline = f"tirsdag {tuesday_before.day}. {_MONTHS[tuesday_before.month]} "
    deadline += f"{tuesday_before.year} kl. 13.00"
    expect(page.locator("main")).to_contain_text(f"Du kan vælge og ændre indtil {deadline}")
    assert_accessible(axe, page)
    page.goto("/moede?lang=da")
    expect(page.locator("main")).to_contain_text(deadline)


_MONTHS = {3: "marts", 4: "april"}


def test_the_deadline_without_javascript(browser, base_url):
    """Runs after the test above planned Jens's meeting (same live database)."""
    tuesday_before = _next_easter() - timedelta(days=5)
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="da-DK")
    page = context.new_page()
    try:
        log_in_as(page, "Jens")
        page.goto("/moede/deltagelse?lang=da")
        expect(page.locator("main")).to_contain_text(
            f"indtil tirsdag {tuesday_before.day}. {_MONTHS[tuesday_before.month]}"
        )
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_deadline_pages_are_accessible(page, axe, viewport, lang, db_read):
    page.set_viewport_size(viewport)
    log_in_as(page, "Jens")
    for path in ("/moede", "/moede/deltagelse"):
        page.goto(f"{path}?lang={lang}")
        assert_accessible(axe, page)
    jens = db_read(lambda s: s.query(Person).filter_by(first_name="Jens").one().id)
    _log_out(page)
    log_in_as(page, "Rikke")
    for path in (f"/medarbejder/borger/{jens}/moede/planlaeg", "/medarbejder/tider"):
        page.goto(f"{path}?lang={lang}")
        assert_accessible(axe, page)
