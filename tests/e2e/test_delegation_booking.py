"""The issue's delegate case across features: Mads (fuldmagt se + booke) books a conversation
for Hanne, cannot change her consent, and Hanne sees the booking in her log."""

from playwright.sync_api import expect
from sqlalchemy import func, select

from portal import clock
from portal.demo import booking as demo_booking
from portal.models import Booking, ConsentRecord, Meeting, Person
from tests.e2e.conftest import assert_accessible, log_in_as


def _h1(page):
    return page.get_by_role("heading", level=1)


def test_mads_books_for_hanne_cannot_touch_consent_and_hanne_sees_it(
    browser, base_url, axe, db_read
):
    def reset(session):
        demo_booking.load(
            session, clock.today(), {p.first_name: p for p in session.scalars(select(Person))}
        )
        session.commit()
        return session.scalar(select(Person.id).where(Person.first_name == "Hanne"))

    hanne_id = db_read(reset)
    mads_context = browser.new_context(base_url=base_url, locale="da-DK")
    hanne_context = browser.new_context(base_url=base_url, locale="da-DK")
    mads, hanne = mads_context.new_page(), hanne_context.new_page()
    try:
        log_in_as(mads, "Mads")
        mads.get_by_role("button", name="Handl på vegne af Hanne").click()
        expect(mads.locator("#acting-banner")).to_contain_text("Du handler på vegne af Hanne")
        nav = mads.get_by_role("navigation", name="Hovedmenu")
        nav.get_by_role("link", name="Samtaler").click()
        expect(_h1(mads)).to_have_text("Hannes samtaler")
        mads.get_by_role("link", name="Book en tid").click()
        mads.locator("input[name=tid]").first.check()
        mads.get_by_role("button", name="Vælg tiden").click()
        mads.get_by_label("Telefon – sagsbehandleren ringer til Hanne").check()
        mads.get_by_role("button", name="Fortsæt").click()
        expect(_h1(mads)).to_have_text("Tjek tiden")
        mads.get_by_role("button", name="Bekræft tiden").click()
        expect(mads.get_by_role("heading", name="Tiden er booket")).to_be_visible()
        booked = db_read(
            lambda s: s.scalar(
                select(func.count())
                .select_from(Booking)
                .where(Booking.citizen_id == hanne_id, Booking.status == "active")
            )
        )
        assert booked == 1

        # Consent is Hanne's own: no button for Mads, and a plain sentence saying so.
        consents_before = db_read(
            lambda s: s.scalar(select(func.count()).select_from(ConsentRecord))
        )
        nav.get_by_role("link", name="Hannes møde").click()
        expect(_h1(mads)).to_have_text("Hannes rehabiliteringsmøde")
        consent = mads.locator("#samtykke")
        expect(consent.get_by_role("button")).to_have_count(0)
        expect(consent.locator("form")).to_have_count(0)
        expect(consent).to_contain_text(
            "Samtykket er Hannes eget. Kun Hanne kan give det eller trække det tilbage"
        )
        assert_accessible(axe, mads)
        # A forged consent POST from Mads (with a valid CSRF token and the real meeting id) is
        # refused by the access policy and changes nothing.
        token = mads.locator("#acting-banner input[name=csrf_token]").get_attribute("value")
        meeting_id = db_read(
            lambda s: s.scalar(select(Meeting.id).where(Meeting.citizen_id == hanne_id))
        )
        form = {"csrf_token": token, "meeting_id": str(meeting_id)}
        response = mads.request.post(
            "/moede/samtykke", form={**form, "choice": "give"}, fail_on_status_code=False
        )
        assert response.status == 403
        assert db_read(lambda s: s.scalar(select(func.count()).select_from(ConsentRecord))) == (
            consents_before
        )

        log_in_as(hanne, "Hanne")
        hanne.locator(".nav-more summary").click()  # the rest of the menu is under "Mere"
        hanne.get_by_role("link", name="Hvem har set mine oplysninger?").click()
        expect(hanne.locator(".access-log")).to_contain_text(
            "Mads Sørensen har med din fuldmagt booket en samtale til dig."
        )
    finally:
        mads_context.close()
        hanne_context.close()
