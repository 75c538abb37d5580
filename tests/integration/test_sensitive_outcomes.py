"""An outcome is linked to the efforts it is about (`outcome_effort`); a reader without health
and social data never sees one linked to a sensitive effort: not in the list, not by its id, not
as the recommendation a decision follows, not on the front page. The effort's flag decides, so
the caseworker changing it changes what is shown."""

from sqlalchemy import func, select

from portal import clock
from portal.models import Department, OutcomeEffort, OutcomeKind
from portal.services import outcomes, sensitivity, tasks
from portal.services.errors import NotFound
from tests.factories import outcomes as outcome_factory
from tests.factories import people
from tests.factories.plan import effort, plan


def _setup(session):
    anne = people.caseworker(session)
    bo = people.citizen(session, caseworker=anne)
    bos_plan = plan(session, bo)
    treatment = effort(session, bos_plan, "Samtaler med psykolog", department=Department.HEALTH)
    job = effort(session, bos_plan, "Jobafklaring", department=Department.EMPLOYMENT)
    assert treatment.sensitive and not job.sensitive
    return anne, bo, treatment, job


def _shown(session, citizen_id, include_sensitive):
    return {
        s.outcome.id
        for s in outcomes.citizen_outcomes(session, citizen_id, include_sensitive=include_sensitive)
    }


def test_an_outcome_linked_by_hand_is_hidden_though_its_text_names_no_effort(empty_session):
    session = empty_session
    anne, bo, treatment, _ = _setup(session)
    about_health = outcome_factory.outcome(
        session, bo, anne, title="Du får et ressourceforløb", meaning="Du går til det som før."
    )
    sensitivity.link_efforts(session, about_health, [treatment.id])
    outcome_factory.publish(session, about_health, anne)
    ordinary = outcome_factory.outcome(session, bo, anne, published=True)
    session.flush()

    assert _shown(session, bo.id, True) == {about_health.id, ordinary.id}
    assert _shown(session, bo.id, False) == {ordinary.id}
    outcomes.citizen_outcome(session, bo.id, about_health.id)  # the citizen reads it
    try:
        outcomes.citizen_outcome(session, bo.id, about_health.id, include_sensitive=False)
        raise AssertionError("a holder without health data reached a sensitive outcome")
    except NotFound:
        pass
    assert outcomes.unread_count(session, bo.id, include_sensitive=False) == 1


def test_publishing_links_the_efforts_its_text_names(empty_session):
    session = empty_session
    anne, bo, treatment, job = _setup(session)
    named = outcome_factory.outcome(
        session, bo, anne, meaning="Du fortsætter dine samtaler med psykolog og din jobafklaring."
    )
    assert named.efforts == []  # a draft is linked to nothing yet
    outcome_factory.publish(session, named, anne, confirmed=True)
    session.flush()
    linked = set(
        session.scalars(select(OutcomeEffort.effort_id).where(OutcomeEffort.outcome_id == named.id))
    )
    assert linked == {treatment.id, job.id}
    # Publishing a correction that no longer names them keeps the links (the first version
    # is still readable), and adds no second row.
    outcomes.save_draft(
        session,
        named,
        draft=outcome_factory.draft(correction_note="Rettet."),
        author_id=anne.id,
        at=clock.now(),
    )
    outcome_factory.publish(session, named, anne, confirmed=True)
    session.flush()
    count = session.scalar(
        select(func.count()).select_from(OutcomeEffort).where(OutcomeEffort.outcome_id == named.id)
    )
    assert count == 2


def test_the_effort_flag_decides_and_a_decision_hides_its_sensitive_recommendation(empty_session):
    session = empty_session
    anne, bo, treatment, _ = _setup(session)
    recommendation = outcome_factory.outcome(
        session, bo, anne, OutcomeKind.RECOMMENDATION, decision_expected=None
    )
    sensitivity.link_efforts(session, recommendation, [treatment.id])
    outcome_factory.publish(session, recommendation, anne)
    decision = outcome_factory.outcome(session, bo, anne, follows=recommendation, published=True)
    session.flush()

    view = outcomes.citizen_outcome(session, bo.id, decision.id, include_sensitive=False)
    assert view.related is None  # the recommendation it follows is not shown, nor linked
    assert outcomes.citizen_outcome(session, bo.id, decision.id).related.id == recommendation.id

    assert _read_tasks(session, bo.id, False) == {decision.id}
    assert _read_tasks(session, bo.id, True) == {recommendation.id, decision.id}
    sensitivity.set_sensitive(treatment, False, at=clock.now(), actor_id=anne.id)
    session.flush()
    assert _shown(session, bo.id, False) == {recommendation.id, decision.id}
    assert _read_tasks(session, bo.id, False) == {recommendation.id, decision.id}


def _read_tasks(session, citizen_id, include_sensitive):
    """The outcomes the front page asks the reader to read."""
    found = tasks.overview(
        session, citizen_id, clock.now(), include_sensitive=include_sensitive
    ).tasks
    return {t.args["outcome_id"] for t in found if t.endpoint == "outcomes.show"}


def test_links_only_to_the_citizens_own_efforts(empty_session):
    session = empty_session
    anne, bo, _, _ = _setup(session)
    other = people.citizen(session, caseworker=anne)
    others_effort = effort(session, plan(session, other), "Smerteklinik")
    mine = outcome_factory.outcome(session, bo, anne)
    sensitivity.link_efforts(session, mine, [others_effort.id, 999999])
    session.flush()
    assert mine.efforts == []
