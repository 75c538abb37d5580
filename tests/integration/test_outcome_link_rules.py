"""Which links between an outcome and an effort may be removed: never one that a version the
citizen has been given names by title, the newest or an earlier one (earlier versions stay
readable, so the outcome must stay hidden from a holder without health and social data)."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from portal.services import outcome_links, outcomes, sensitivity
from portal.services.errors import DomainError
from tests.factories import outcomes as outcome_factory
from tests.factories import people
from tests.factories.plan import effort, plan

PSYCHOLOGIST = "Samtaler med psykolog"


def _at(days: int) -> datetime:
    return datetime(2026, 3, 10, 12, tzinfo=UTC) + timedelta(days=days)


@pytest.fixture
def who(empty_session):
    anders = people.caseworker(empty_session, "Anders", last_name="Mikkelsen")
    hanne = people.citizen(empty_session, "Hanne", caseworker=anders)
    hanne_plan = plan(empty_session, hanne, "Mål", at=_at(-90))
    psych = effort(empty_session, hanne_plan, PSYCHOLOGIST, actor=anders, at=_at(-80))
    job = effort(empty_session, hanne_plan, "Jobafklaring", actor=anders, at=_at(-70))
    return SimpleNamespace(anders=anders, hanne=hanne, psych=psych, job=job)


def _published_naming_then_corrected(session, who):
    """Published with a text that names the psychologist; then a correction that does not."""
    about = outcome_factory.outcome(
        session, who.hanne, who.anders, at=_at(-6), meaning=f"Du fortsætter med {PSYCHOLOGIST}."
    )
    outcome_factory.publish(session, about, who.anders, at=_at(-5), confirmed=True)
    correction = outcome_factory.draft(correction_note="Rettet.")
    outcomes.save_draft(session, about, draft=correction, author_id=who.anders.id, at=_at(-4))
    outcome_factory.publish(session, about, who.anders, at=_at(-3), confirmed=True)
    session.flush()
    return about


def test_a_link_an_earlier_published_version_names_stays(empty_session, who):
    session = empty_session
    about = _published_naming_then_corrected(session, who)
    assert who.psych.sensitive
    assert not sensitivity.named(sensitivity.published_text(about), [who.psych])
    with pytest.raises(DomainError) as refused:
        outcome_links.unlink(session, about, who.psych.id, actor_id=who.anders.id, at=_at(-1))
    assert refused.value.code == "link_named_in_text"
    assert sensitivity.outcome_is_sensitive(session, about.id)
    assert outcome_links.named_in_text(session, about, [who.psych, who.job]) == {who.psych.id}


def test_a_link_no_published_text_names_can_be_removed(empty_session, who):
    session = empty_session
    about = _published_naming_then_corrected(session, who)
    outcomes.save_draft(
        session,
        about,
        draft=outcome_factory.draft(correction_note="Jobafklaring tilføjet."),
        author_id=who.anders.id,
        at=_at(-2),
        effort_ids=[who.job.id],
    )
    removed = outcome_links.unlink(session, about, who.job.id, actor_id=who.anders.id, at=_at(-1))
    assert removed.id == who.job.id
    assert {link.effort_id for link in about.efforts} == {who.psych.id}
