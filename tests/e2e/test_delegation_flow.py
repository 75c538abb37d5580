"""Fuldmagt end to end: Hanne gives Birgit access, Birgit acts for her, Hanne sees it in her log
and revokes; a caseworker previews Hanne's pages read-only."""

from datetime import timedelta

from playwright.sync_api import expect
from sqlalchemy import func, select

from portal import clock
from portal.models import Fuldmagt, FuldmagtEvent
from tests.e2e.conftest import assert_accessible, fill_date, log_in_as

SE = "Se: læse din plan, dit møde, dine samtaler og dine resultater"
BOOKE = "Booke: booke, flytte og aflyse dine samtaler"


def _h1(page):
    return page.get_by_role("heading", level=1)


def _grant_birgit(page, months=3, axe=None):
    page.locator(".nav-more summary").click()  # the rest of the menu is under "Mere"
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Fuldmagt").click()
    expect(_h1(page)).to_have_text("Fuldmagt")
    page.get_by_role("link", name="Giv en fuldmagt").click()
    expect(_h1(page)).to_have_text("Giv en fuldmagt")
    # The holder is named with name and number, never picked from a list of people.
    expect(page.get_by_label("Birgit Holm")).to_have_count(0)
    page.get_by_label("Personens fulde navn").fill("Birgit Holm")
    page.get_by_label("Personens CPR-nummer").fill("990101-3002")
    page.get_by_label(SE).check()
    page.get_by_label(BOOKE).check()
    ends = clock.today() + timedelta(days=30 * months)
    fill_date(page, "Sidste dag fuldmagten gælder", ends)
    page.get_by_role("button", name="Giv fuldmagt").click()
    # The check page: what Birgit can and cannot, until when; nothing is given yet.
    expect(_h1(page)).to_have_text("Tjek fuldmagten, før du giver den")
    expect(page.locator("main")).to_contain_text("Birgit kan ikke:")
    expect(page.locator("main")).to_contain_text("Samtaler med psykolog")
    if axe is not None:
        assert_accessible(axe, page)
    page.get_by_role("button", name="Giv fuldmagt").click()
    expect(page.get_by_role("heading", name="Fuldmagten er givet")).to_be_visible()
    expect(page.locator(".confirmation-panel")).to_contain_text("Kvittering")


def _revoke_birgit(page):
    page.goto("/fuldmagt?lang=da")
    page.get_by_role("link", name="Tilbagekald fuldmagten til Birgit").click()
    expect(_h1(page)).to_have_text("Tilbagekald fuldmagten til Birgit Holm")
    page.get_by_role("button", name="Tilbagekald fuldmagten").click()
    expect(page.get_by_role("heading", name="Fuldmagten er tilbagekaldt")).to_be_visible()


def test_fuldmagt_given_used_seen_in_the_log_and_revoked(browser, base_url, axe):
    hanne_context = browser.new_context(base_url=base_url, locale="da-DK")
    birgit_context = browser.new_context(base_url=base_url, locale="da-DK")
    hanne, birgit = hanne_context.new_page(), birgit_context.new_page()
    try:
        log_in_as(hanne, "Hanne")
        _grant_birgit(hanne, axe=axe)
        expect(hanne.locator(".fuldmagt-list")).to_contain_text("Birgit Holm")

        log_in_as(birgit, "Birgit")
        expect(birgit.locator(".fuldmagt-list")).to_contain_text("Hanne Sørensen")
        birgit.get_by_role("button", name="Handl på vegne af Hanne").click()
        expect(birgit.locator("#acting-banner")).to_contain_text(
            "Du handler på vegne af Hanne Sørensen."
        )
        assert_accessible(axe, birgit)
        # The menu names Hanne's plan, not "Min plan".
        birgit.get_by_role("navigation", name="Hovedmenu").get_by_role(
            "link", name="Hannes plan"
        ).click()
        expect(_h1(birgit)).to_have_text("Hannes plan")
        expect(birgit.locator("#acting-banner")).to_be_visible()
        expect(birgit.get_by_role("heading", name="Jobafklaringsforløb")).to_be_visible()
        # Health data was not chosen: the physiotherapy is not shown.
        expect(birgit.get_by_role("heading", name="Fysioterapi for skulderen")).to_have_count(0)
        # The citizen's own pages are not in the delegate's menu.
        nav = birgit.get_by_role("navigation", name="Hovedmenu")
        expect(nav.get_by_role("link", name="Fuldmagt")).to_have_count(0)

        hanne.locator(".nav-more summary").click()
        hanne.get_by_role("link", name="Hvem har set mine oplysninger?").click()
        expect(_h1(hanne)).to_have_text("Hvem har set mine oplysninger?")
        expect(hanne.locator(".access-log li").first).to_contain_text(
            "Birgit Holm har set din plan på dine vegne."
        )
        assert_accessible(axe, hanne)

        _revoke_birgit(hanne)
        birgit.get_by_role("link", name="Se hvad der er ændret i planen").click()
        expect(_h1(birgit)).to_have_text("Din fuldmagt gælder ikke længere")
        expect(birgit.get_by_role("main")).to_contain_text(
            "Fuldmagten fra Hanne Sørensen er stoppet"
        )
        expect(birgit.locator("#acting-banner")).to_have_count(0)
        assert_accessible(axe, birgit)
    finally:
        hanne_context.close()
        birgit_context.close()


def test_fuldmagt_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    try:
        log_in_as(page, "Hanne")
        page.goto("/fuldmagt/ny?lang=da")
        page.get_by_role("button", name="Giv fuldmagt").click()
        expect(page.get_by_role("heading", name="Der er noget, du skal rette")).to_be_visible()
        expect(page.locator(".error-summary")).to_contain_text("Skriv det fulde navn")
        _grant_birgit(page)
        page.get_by_role("link", name="Log ud").click()
        page.get_by_role("button", name="Log ud").click()
        log_in_as(page, "Birgit")
        page.get_by_role("button", name="Handl på vegne af Hanne").click()
        expect(page.locator("#acting-banner")).to_contain_text("Hanne Sørensen")
        page.goto("/plan")
        expect(_h1(page)).to_have_text("Hannes plan")
        page.get_by_role("button", name="Tilbage til min egen side").click()
        expect(_h1(page)).to_have_text("Hej Birgit")
        page.get_by_role("link", name="Log ud").click()
        page.get_by_role("button", name="Log ud").click()
        log_in_as(page, "Hanne")
        _revoke_birgit(page)
    finally:
        context.close()


def test_caseworker_previews_hannes_pages_and_a_forged_post_changes_nothing(page, axe, db_read):
    log_in_as(page, "Anders")
    page.get_by_label("Søg på navn").fill("Hanne")
    page.get_by_role("button", name="Søg").click()
    page.get_by_role("link", name="Hanne Sørensen", exact=True).click()
    page.get_by_role("button", name="Se som borgeren").click()
    banner = page.locator("#acting-banner")
    expect(banner).to_contain_text(
        "Forhåndsvisning – du ser siden som Hanne ser den. Du kan ikke ændre noget her."
    )
    expect(_h1(page)).to_have_text("Hej Hanne")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Min plan").click()
    expect(_h1(page)).to_have_text("Min plan")
    expect(banner).to_be_visible()
    assert_accessible(axe, page)

    page.goto("/fuldmagt/ny?lang=da")
    button = page.get_by_role("button", name="Giv fuldmagt")
    expect(button).to_be_disabled()
    assert_accessible(axe, page)

    counts = lambda s: (  # noqa: E731
        s.scalar(select(func.count()).select_from(Fuldmagt)),
        s.scalar(select(func.count()).select_from(FuldmagtEvent)),
    )
    before = db_read(counts)
    # Forge it: enable the button the way a curious user could, fill the form, and send it.
    page.get_by_label("Personens fulde navn").fill("Birgit Holm")
    page.get_by_label("Personens CPR-nummer").fill("990101-3002")
    page.get_by_label(SE).check()
    fill_date(page, "Sidste dag fuldmagten gælder", clock.today())
    page.evaluate(
        "const b = document.querySelector('main button[type=submit]');"
        "b.removeAttribute('disabled'); b.removeAttribute('aria-disabled');"
    )
    button.click()
    expect(_h1(page)).to_have_text("Du kan ikke ændre noget i en forhåndsvisning")
    assert db_read(counts) == before

    page.get_by_role("button", name="Afslut forhåndsvisning").click()
    expect(_h1(page)).to_have_text("Hanne Sørensen")
    expect(page.locator("#acting-banner")).to_have_count(0)


def test_caseworker_previews_laerkes_meeting_page_with_disabled_controls(page, axe, db_read):
    """The issue's preview case on the meeting page: banner, every control shown but disabled,
    and a forged consent POST from the preview changes nothing."""
    from portal.models import ConsentRecord, ParticipationRecord

    log_in_as(page, "Anders")
    page.get_by_role("link", name="Lærke Nielsen", exact=True).click()
    page.get_by_role("button", name="Se som borgeren").click()
    expect(page.locator("#acting-banner")).to_contain_text(
        "Forhåndsvisning – du ser siden som Lærke ser den. Du kan ikke ændre noget her."
    )
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Mit møde").click()
    expect(_h1(page)).to_have_text("Dit rehabiliteringsmøde")
    consent_button = page.locator("main form button[type=submit]").first
    expect(consent_button).to_be_visible()
    expect(consent_button).to_be_disabled()
    assert_accessible(axe, page)

    page.goto("/moede/deltagelse?lang=da")
    expect(page.get_by_role("button", name="Fortsæt")).to_be_disabled()
    assert_accessible(axe, page)

    counts = lambda s: (  # noqa: E731
        s.scalar(select(func.count()).select_from(ConsentRecord)),
        s.scalar(select(func.count()).select_from(ParticipationRecord)),
    )
    before = db_read(counts)
    page.goto("/moede?lang=da")
    page.evaluate(
        "const b = document.querySelector('main form button[type=submit]');"
        "b.removeAttribute('disabled'); b.removeAttribute('aria-disabled');"
    )
    page.locator("main form button[type=submit]").first.click()
    expect(_h1(page)).to_have_text("Du kan ikke ændre noget i en forhåndsvisning")
    assert db_read(counts) == before
