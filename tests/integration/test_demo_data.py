"""The demo data itself: it loads again without duplicates, and its outcomes are plain Danish."""

from portal import clock, demo
from portal.models import Outcome, Person, Plan
from portal.services import outcomes


def test_demo_data_can_be_loaded_again(session):
    people_before = session.query(Person).count()
    outcomes_before = session.query(Outcome).count()
    demo.load(session, clock.today())
    session.commit()
    demo.load(session, clock.today())
    session.commit()
    assert session.query(Person).count() == people_before
    assert session.query(Plan).count() == 5
    assert session.query(Outcome).count() == outcomes_before


def test_every_demo_outcome_is_plain_danish(session):
    """The demo's plain sections are easy to read: LIX at most 35, no long sentences, and every
    domain word explained where it first appears."""
    versions = [v for o in session.query(Outcome).all() for v in o.versions]
    assert len(versions) >= 5
    for version in versions:
        for name, report in outcomes.check(outcomes.Draft.of(version)).items():
            assert report.lix <= 35, (version.title, name, report.lix)
            assert report.long_sentences == [], (version.title, name)
            assert report.unexplained == [], (version.title, name, report.unexplained)
