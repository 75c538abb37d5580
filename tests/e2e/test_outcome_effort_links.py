"""Anders writes an outcome for Hanne about her psychologist sessions without naming them and
ticks the effort; Mads (fuldmagt se + booke, no health data) does not see it, Hanne does. The
caseworker's form works the same without JavaScript. axe on the form with the efforts."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import delete, select

from portal.models import (
    Outcome,
    OutcomeEffort,
    OutcomeReceipt,
    OutcomeVersion,
    Person,
    PlanChange,
)
from tests.e2e.conftest import assert_accessible, log_in_as

TITLE = "Du fortsætter som nu"


def _hanne(session):
    return session.scalar(select(Person.id).where(Person.first_name == "Hanne"))


def _remove(session):
    # Core deletes: the test's published outcome goes again (the ORM guard refuses it, rightly).
    outcome_ids = list(
        session.scalars(select(OutcomeVersion.outcome_id).where(OutcomeVersion.title == TITLE))
    )
    versions = select(OutcomeVersion.id).where(OutcomeVersion.outcome_id.in_(outcome_ids))
    session.execute(delete(OutcomeEffort).where(OutcomeEffort.outcome_id.in_(outcome_ids)))
    session.execute(delete(PlanChange).where(PlanChange.outcome_id.in_(outcome_ids)))
    session.execute(delete(OutcomeReceipt).where(OutcomeReceipt.version_id.in_(versions)))
    session.execute(delete(OutcomeVersion).where(OutcomeVersion.outcome_id.in_(outcome_ids)))
    session.execute(delete(Outcome).where(Outcome.id.in_(outcome_ids)))
    session.commit()


def _write(page, hanne):
    page.goto(f"/medarbejder/borger/{hanne}/resultater/ny")
    page.get_by_label("En indstilling fra rehabiliteringsteamet").check()
    page.get_by_label("Overskrift").fill(TITLE)
    page.get_by_label("Det blev besluttet").fill("Teamet råder kommunen til, at du fortsætter.")
    page.get_by_label("Det betyder for dig").fill("Du går til de samme samtaler som før.")
    page.get_by_label("Det sker nu").fill("Anders ringer til dig.")
    page.get_by_label("Hvis du er uenig").fill("Sig det til Anders.")
    page.get_by_label("Den formelle tekst").fill("Indstilling om fortsat behandling.")
    page.get_by_label("Samtaler med psykolog").check()
    page.get_by_role("button", name="Gem kladde").click()
    expect(page.get_by_role("heading", name="Kladden er gemt")).to_be_visible()
    page.get_by_role("button", name="Udgiv til borgeren").click()
    expect(page.get_by_role("heading", name="Resultatet er udgivet")).to_be_visible()


def _mads_and_hanne_read(page):
    page.goto("/log-ind")
    log_in_as(page, "Mads")
    page.get_by_role("button", name="Handl på vegne af Hanne").click()
    page.goto("/resultater")
    expect(page.get_by_role("heading", level=1)).to_have_text("Resultater af Hannes møder")
    expect(page.locator("main")).not_to_contain_text(TITLE)
    page.goto("/log-ind")
    log_in_as(page, "Hanne")
    page.goto("/resultater")
    expect(page.locator("main")).to_contain_text(TITLE)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_ticked_sensitive_effort_hides_the_outcome_from_mads(
    browser, base_url, axe, db_read, javascript
):
    hanne = db_read(_hanne)
    context = browser.new_context(base_url=base_url, locale="da-DK", java_script_enabled=javascript)
    page = context.new_page()
    try:
        log_in_as(page, "Anders")
        page.goto(f"/medarbejder/borger/{hanne}/resultater/ny")
        box = page.get_by_label("Samtaler med psykolog")
        expect(box).to_be_visible()
        if javascript:
            assert_accessible(axe, page)
        _write(page, hanne)
        _mads_and_hanne_read(page)
    finally:
        context.close()
        db_read(_remove)
