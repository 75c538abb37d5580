"""Anders removes the link between Hanne's recommendation and her psychologist sessions on the
outcome's page, with JavaScript on and off; Hanne reads it in her plan's history and on the
effort's page. axe on the outcome page with its remove buttons, the confirmation and the two
history pages, phone and desktop, Danish and English. The browser tests share one database: the
link and its history go back as they were afterwards."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import delete, select

from portal.models import (
    ChangeKind,
    Effort,
    Outcome,
    OutcomeEffort,
    OutcomeKind,
    Person,
    Plan,
    PlanChange,
)
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as

PSYCHOLOGIST = "Samtaler med psykolog"
RECOMMENDATION = "Teamet anbefaler et ressourceforløb"


def _ids(session):
    hanne = session.scalar(select(Person.id).where(Person.subject == "demo-hanne"))
    outcome = session.scalar(
        select(Outcome.id).where(
            Outcome.citizen_id == hanne, Outcome.kind == OutcomeKind.RECOMMENDATION
        )
    )
    effort = session.scalar(
        select(Effort.id)
        .join(Plan, Plan.id == Effort.plan_id)
        .where(Plan.citizen_id == hanne, Effort.title == PSYCHOLOGIST)
    )
    return hanne, outcome, effort


def _restore(outcome, effort):
    def run(session):
        session.execute(
            delete(PlanChange).where(
                PlanChange.outcome_id == outcome, PlanChange.kind == ChangeKind.OUTCOME_UNLINKED
            )
        )
        if session.get(OutcomeEffort, (outcome, effort)) is None:
            session.add(OutcomeEffort(outcome_id=outcome, effort_id=effort))
        session.commit()

    return run


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_anders_removes_a_link_and_hanne_reads_it_in_her_history(
    browser, base_url, db_read, javascript
):
    hanne, outcome, effort = db_read(_ids)
    context = browser.new_context(base_url=base_url, locale="da-DK", java_script_enabled=javascript)
    page = context.new_page()
    try:
        log_in_as(page, "Anders")
        page.goto(f"/medarbejder/borger/{hanne}/resultater/{outcome}")
        links = page.get_by_role("region", name="Indsatser, resultatet handler om")
        expect(links).to_contain_text(PSYCHOLOGIST)
        links.get_by_role("button", name=f'Fjern "{PSYCHOLOGIST}" fra resultatet').click()
        expect(
            page.get_by_role("heading", name="Indsatsen er fjernet fra resultatet")
        ).to_be_visible()
        expect(
            links.get_by_role("button", name=f'Fjern "{PSYCHOLOGIST}" fra resultatet')
        ).to_have_count(0)
        log_in_as(page, "Hanne")
        said = f'mødets resultat "{RECOMMENDATION}" ikke længere handler om "{PSYCHOLOGIST}"'
        page.goto("/plan/historik")
        expect(page.locator(".history-list li").first).to_contain_text(said)
        expect(page.locator(".history-list li").first).to_contain_text("Anders Mikkelsen")
        page.goto(f"/plan/indsats/{effort}")
        expect(page.locator(".history-list li").first).to_contain_text(said)
        assert db_read(lambda s: s.get(OutcomeEffort, (outcome, effort))) is None
    finally:
        context.close()
        db_read(_restore(outcome, effort))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_link_pages_are_accessible(page, axe, viewport, lang, db_read):
    hanne, outcome, effort = db_read(_ids)
    page.set_viewport_size(viewport)
    try:
        log_in_as(page, "Anders")
        page.goto(f"/medarbejder/borger/{hanne}/resultater/{outcome}?lang={lang}")
        expect(page.locator("form[action$='/fjern-indsats']")).to_have_count(1)
        assert_accessible(axe, page)
        page.locator("form[action$='/fjern-indsats'] button").click()
        expect(page.locator(".confirmation-panel")).to_be_visible()
        assert_accessible(axe, page)
        log_in_as(page, "Hanne")
        for path in ("/plan/historik", f"/plan/indsats/{effort}"):
            page.goto(f"{path}?lang={lang}")
            expect(page.locator(".history-list")).to_contain_text(PSYCHOLOGIST)
            assert_accessible(axe, page)
    finally:
        db_read(_restore(outcome, effort))
