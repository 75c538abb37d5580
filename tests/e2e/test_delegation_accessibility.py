"""axe-core finds no violations on the fuldmagt, access log and preview pages, on a phone and a
desktop, in Danish and English."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, update

from portal.models import Fuldmagt, Person
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as

VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
LANGUAGES = pytest.mark.parametrize("lang", ["da", "en"])


def _ids(session):
    people = {p.first_name: p.id for p in session.scalars(select(Person))}
    mads = session.scalar(select(Fuldmagt.id).where(Fuldmagt.holder_id == people["Mads"]))
    return people, mads


def _check(page, axe, paths, lang):
    for path in paths:
        separator = "&" if "?" in path else "?"
        page.goto(f"{path}{separator}lang={lang}")
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(axe, page)


@VIEWPORTS
@LANGUAGES
def test_citizen_fuldmagt_and_log_pages(page, axe, viewport, lang, db_read):
    page.set_viewport_size(viewport)
    _, mads = db_read(_ids)
    log_in_as(page, "Hanne")
    _check(
        page,
        axe,
        [
            "/fuldmagt",
            "/fuldmagt?udfoert=granted",
            "/fuldmagt/ny",
            f"/fuldmagt/{mads}/aendr",
            f"/fuldmagt/{mads}/tilbagekald",
            "/log",
        ],
        lang,
    )
    # The form with every error showing.
    page.goto(f"/fuldmagt/ny?lang={lang}")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(axe, page)
    # The check page before a fuldmagt is given, and before a change is saved.
    page.goto(f"/fuldmagt/ny?lang={lang}")
    page.locator("input[name=holder_name]").fill("Birgit Holm")
    page.locator("input[name=holder_identifier]").fill("990101-3002")
    page.locator("input[name=scopes][value=se]").check()
    ends = date.today() + timedelta(days=30)
    for part in ("day", "month", "year"):
        page.locator(f"input[name=ends_on-{part}]").fill(str(getattr(ends, part)))
    page.locator("main button[type=submit]").click()
    expect(page.locator("#can-heading")).to_be_visible()
    assert_accessible(axe, page)
    page.goto(f"/fuldmagt/{mads}/aendr?lang={lang}")
    page.locator("main button[type=submit]").click()
    expect(page.locator("#can-heading")).to_be_visible()
    assert_accessible(axe, page)


@VIEWPORTS
@LANGUAGES
def test_delegate_pages(page, axe, viewport, lang, db_read):
    page.set_viewport_size(viewport)
    _, mads = db_read(_ids)
    log_in_as(page, "Mads")
    _check(page, axe, ["/", f"/fuldmagt/modtaget/{mads}/opgiv"], lang)
    page.goto(f"/?lang={lang}")
    page.locator(".fuldmagt-list button").first.click()
    expect(page.locator("#acting-banner")).to_be_visible()
    # The delegate's pages speak about Hanne in the third person and explain what they cannot do.
    pages = ["/", "/plan", "/plan/historik", "/moede", "/samtaler", "/resultater"]
    _check(page, axe, [*pages, "/fuldmagt"], lang)  # the last one: a calm refusal
    page.locator("#acting-banner button").click()
    expect(page.locator("#acting-banner")).to_have_count(0)


@VIEWPORTS
@LANGUAGES
def test_delegate_pages_that_ask_about_the_citizen(page, axe, viewport, lang, db_read):
    """With the meeting scope too, Mads reads the participation form, the preparation and the
    booking steps, all asking about Hanne ("Hvordan vil Hanne deltage i mødet?")."""
    page.set_viewport_size(viewport)
    _, mads = db_read(_ids)

    def scopes(value):
        def run(session):
            session.execute(update(Fuldmagt).where(Fuldmagt.id == mads).values(scopes=value))
            session.commit()

        return run

    before = db_read(lambda session: session.get(Fuldmagt, mads).scopes)
    db_read(scopes("booke,moede,se"))
    try:
        log_in_as(page, "Mads")
        page.locator(".fuldmagt-list button").first.click()
        expect(page.locator("#acting-banner")).to_be_visible()
        page.goto("/moede/deltagelse?lang=da")
        expect(page.locator("main")).to_contain_text("Hvordan vil Hanne deltage i mødet?")
        expect(page.get_by_role("navigation", name="Hovedmenu")).to_contain_text("Hannes møde")
        _check(
            page,
            axe,
            [
                "/moede/deltagelse",
                "/moede/forbered/situation",
                "/moede/forbered/tjek",
                "/samtaler/book",
                "/samtaler/kan-ikke-booke",
            ],
            lang,
        )
        page.goto(f"/samtaler/book?lang={lang}")
        if page.locator(".day-list a").count():  # none once another test booked Hanne a time
            page.goto(page.locator(".day-list a").last.get_attribute("href"))  # no htmx race
            page.locator("input[name=tid]").first.check()
            page.locator("main form button[type=submit]").first.click()
            expect(page.locator("input[name=form]").first).to_be_visible()
            assert_accessible(axe, page)
    finally:
        db_read(scopes(before))


@VIEWPORTS
@LANGUAGES
def test_preview_pages(page, axe, viewport, lang, db_read):
    page.set_viewport_size(viewport)
    people, _ = db_read(_ids)
    log_in_as(page, "Anders")
    _check(page, axe, [f"/medarbejder/borger/{people['Hanne']}"], lang)
    page.locator("main form button").first.click()
    expect(page.locator("#acting-banner")).to_be_visible()
    _check(page, axe, ["/", "/plan", "/fuldmagt", "/fuldmagt/ny", "/log"], lang)
    page.locator("#acting-banner button").click()
    expect(page.locator("#acting-banner")).to_have_count(0)
