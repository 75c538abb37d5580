"""axe-core finds no violations on any page, on a phone and a desktop, in Danish and English."""

import pytest

from portal.services import plan as plans
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as

ANONYMOUS_PAGES = [
    "/log-ind",
    "/hjaelp",
    "/ordforklaring",
    "/tilgaengelighed",
    "/logget-ud",
    "/findes-ikke",
]
CITIZEN_PAGES = ["/", "/det-sker-snart", "/plan", "/plan/historik", "/plan/udskriv", "/log-ud"]
STAFF_PAGES = ["/medarbejder", "/medarbejder?q=zzz"]

VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
LANGUAGES = pytest.mark.parametrize("lang", ["da", "en"])


def _check(page, axe, paths, lang):
    for path in paths:
        separator = "&" if "?" in path else "?"
        page.goto(f"{path}{separator}lang={lang}")
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(axe, page)


@VIEWPORTS
@LANGUAGES
def test_public_pages(page, axe, viewport, lang):
    page.set_viewport_size(viewport)
    _check(page, axe, ANONYMOUS_PAGES, lang)


@VIEWPORTS
@LANGUAGES
def test_citizen_pages(page, axe, viewport, lang, db_read):
    page.set_viewport_size(viewport)
    log_in_as(page, "Hanne")
    effort_id = db_read(
        lambda s: (
            plans.plan_of(s, next(p.id for p in _people(s) if p.first_name == "Hanne"))
            .efforts[0]
            .id
        )
    )
    _check(page, axe, [*CITIZEN_PAGES, f"/plan/indsats/{effort_id}"], lang)


@VIEWPORTS
@LANGUAGES
def test_staff_and_relative_pages(page, axe, viewport, lang, db_read):
    page.set_viewport_size(viewport)
    log_in_as(page, "Anders")
    hanne = db_read(lambda s: next(p.id for p in _people(s) if p.first_name == "Hanne"))
    _check(page, axe, [*STAFF_PAGES, f"/medarbejder/borger/{hanne}"], lang)
    page.goto("/log-ind")
    log_in_as(page, "Mads")
    _check(page, axe, ["/"], lang)


def _people(session):
    from portal.models import Person

    return session.query(Person).all()


@LANGUAGES
def test_pages_with_danish_domain_words(page, axe, lang, db_read):
    """The pages whose English texts mark Danish domain words (portal/web/danish_terms.py)."""
    page.set_viewport_size(DESKTOP)
    log_in_as(page, "Hanne")
    decision = db_read(
        lambda s: next(
            o.id
            for p in _people(s)
            if p.first_name == "Hanne"
            for o in _outcomes(s, p.id)
            if o.kind == "afgoerelse"
        )
    )
    paths = ["/privatliv", "/resultater", f"/resultater/{decision}", "/moede"]
    paths += ["/moede/deltagelse", "/fuldmagt", "/mine-oplysninger"]
    _check(page, axe, paths, lang)
    marked = page.locator("main span[lang=da]").count()  # on /mine-oplysninger
    assert marked > 0 if lang == "en" else marked == 0


def _outcomes(session, citizen_id):
    from portal.models import Outcome

    return session.query(Outcome).filter_by(citizen_id=citizen_id).all()
