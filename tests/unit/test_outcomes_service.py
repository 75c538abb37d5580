"""Outcomes: drafts stay hidden, publishing freezes a version, corrections are new versions,
read receipts are per version and given once."""

from datetime import UTC, datetime, timedelta

import pytest

from portal import clock
from portal.models import Outcome, OutcomeKind, OutcomeReceipt
from portal.models.outcomes import PublishedOutcomeIsFrozen
from portal.services import outcomes
from portal.services.errors import DomainError, NotFound

AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _draft(**changes):
    values = dict(
        title="Du får et fleksjob",
        decided="Kommunen har sagt ja. Du får et fleksjob (et job på særlige vilkår).",
        meaning="Du får løn for de timer, du arbejder.",
        next_steps="Anders ringer til dig i næste uge.",
        if_you_disagree="Du kan klage til jobcentret.",
        formal_text="Afgørelse om fleksjob.",
        decision_date=AT.date(),
    )
    values.update(changes)
    return outcomes.Draft(**values)


def _new(session, citizen_id, author_id, kind=OutcomeKind.DECISION, **changes):
    return outcomes.create(
        session,
        citizen_id,
        kind=kind,
        follows_id=None,
        draft=_draft(**changes),
        author_id=author_id,
        at=AT,
    )


def _publish(session, outcome, actor_id, at=AT, confirmed=False):
    return outcomes.publish(
        session,
        outcome,
        version_id=outcomes.draft_of(outcome).id,
        confirmed_hard_text=confirmed,
        actor_id=actor_id,
        at=at,
    )


def test_a_draft_is_not_visible_to_the_citizen(session, demo_data):
    gitte, rikke = demo_data["Gitte"], demo_data["Rikke"]
    outcome = _new(session, gitte, rikke)
    assert outcomes.citizen_outcomes(session, gitte) == []
    with pytest.raises(NotFound):
        outcomes.citizen_outcome(session, gitte, outcome.id)
    _publish(session, outcome, rikke)
    [summary] = outcomes.citizen_outcomes(session, gitte)
    assert summary.unread and summary.version.number == 1


def test_a_published_version_is_never_changed_in_place(session, demo_data):
    outcome = _new(session, demo_data["Gitte"], demo_data["Rikke"])
    version = _publish(session, outcome, demo_data["Rikke"])
    session.commit()
    version.decided = "Noget andet."
    with pytest.raises(PublishedOutcomeIsFrozen):
        session.flush()
    session.rollback()


def test_a_correction_is_a_new_version_and_the_old_one_stays(session, demo_data):
    gitte, rikke = demo_data["Gitte"], demo_data["Rikke"]
    outcome = _new(session, gitte, rikke)
    first = _publish(session, outcome, rikke)
    with pytest.raises(DomainError) as refused:
        outcomes.save_draft(session, outcome, draft=_draft(), author_id=rikke, at=AT)
    assert refused.value.field == "correction_note"
    outcomes.save_draft(
        session,
        outcome,
        draft=_draft(
            next_steps="Anders ringer til dig mandag.", correction_note="Ny dag for opkaldet."
        ),
        author_id=rikke,
        at=AT + timedelta(days=1),
    )
    second = _publish(session, outcome, rikke, at=AT + timedelta(days=1))
    view = outcomes.citizen_outcome(session, gitte, outcome.id)
    assert view.version.id == second.id and second.number == 2
    assert [v.id for v in view.earlier] == [first.id]
    old = outcomes.citizen_outcome(session, gitte, outcome.id, number=1)
    assert not old.is_latest and old.version.next_steps == "Anders ringer til dig i næste uge."
    [summary] = outcomes.citizen_outcomes(session, gitte)
    assert summary.corrected


def test_publishing_twice_is_refused(session, demo_data):
    outcome = _new(session, demo_data["Gitte"], demo_data["Rikke"])
    version_id = outcomes.draft_of(outcome).id
    _publish(session, outcome, demo_data["Rikke"])
    with pytest.raises(DomainError) as refused:
        outcomes.publish(
            session,
            outcome,
            version_id=version_id,
            confirmed_hard_text=False,
            actor_id=demo_data["Rikke"],
            at=AT,
        )
    assert refused.value.code == "nothing_to_publish"


def test_hard_text_needs_a_confirmation(session, demo_data):
    hard = "Rehabiliteringsteamets indstilling vedrørende ressourceforløbsydelse tilkendes."
    outcome = _new(session, demo_data["Gitte"], demo_data["Rikke"], meaning=hard)
    assert outcomes.too_hard(outcomes.check(outcomes.Draft.of(outcomes.draft_of(outcome)))) == [
        "meaning"
    ]
    with pytest.raises(DomainError) as refused:
        _publish(session, outcome, demo_data["Rikke"])
    assert refused.value.code == "hard_text_not_confirmed"
    assert _publish(session, outcome, demo_data["Rikke"], confirmed=True).is_published


def test_read_receipt_once_per_version(session, demo_data):
    gitte, rikke = demo_data["Gitte"], demo_data["Rikke"]
    outcome = _new(session, gitte, rikke)
    version = _publish(session, outcome, rikke)
    receipt, new = outcomes.mark_read(session, gitte, outcome.id, version.id, at=AT)
    again, new_again = outcomes.mark_read(
        session, gitte, outcome.id, version.id, at=AT + timedelta(hours=1)
    )
    assert new and not new_again and again.id == receipt.id and again.read_at == AT
    assert session.query(OutcomeReceipt).filter_by(version_id=version.id).count() == 1
    assert outcomes.unread_count(session, gitte) == 0


def test_read_receipt_for_an_old_version_or_another_citizen_is_refused(session, demo_data):
    gitte, rikke, jens = demo_data["Gitte"], demo_data["Rikke"], demo_data["Jens"]
    outcome = _new(session, gitte, rikke)
    version = _publish(session, outcome, rikke)
    with pytest.raises(NotFound):
        outcomes.mark_read(session, jens, outcome.id, version.id, at=AT)
    with pytest.raises(DomainError):
        outcomes.mark_read(session, gitte, outcome.id, version.id + 999, at=AT)


def test_a_decision_can_follow_only_the_citizens_own_published_recommendation(session, demo_data):
    gitte, rikke, hanne = demo_data["Gitte"], demo_data["Rikke"], demo_data["Hanne"]
    hannes = (
        session.query(Outcome).filter_by(citizen_id=hanne, kind=OutcomeKind.RECOMMENDATION).first()
    )
    with pytest.raises(DomainError) as refused:
        outcomes.create(
            session,
            gitte,
            kind=OutcomeKind.DECISION,
            follows_id=hannes.id,
            draft=_draft(),
            author_id=rikke,
            at=AT,
        )
    assert refused.value.field == "follows_id"
    recommendation = _new(session, gitte, rikke, kind=OutcomeKind.RECOMMENDATION)
    with pytest.raises(DomainError):  # still a draft
        outcomes.create(
            session,
            gitte,
            kind=OutcomeKind.DECISION,
            follows_id=recommendation.id,
            draft=_draft(),
            author_id=rikke,
            at=AT,
        )
    _publish(session, recommendation, rikke)
    decision = outcomes.create(
        session,
        gitte,
        kind=OutcomeKind.DECISION,
        follows_id=recommendation.id,
        draft=_draft(),
        author_id=rikke,
        at=AT,
    )
    _publish(session, decision, rikke)
    view = outcomes.citizen_outcome(session, gitte, recommendation.id)
    assert view.related.id == decision.id


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"decided": "  "}, "decided"),
        ({"meaning": "x" * 3001}, "meaning"),
        ({"formal_text": ""}, "formal_text"),
        ({"decision_date": None}, "decision_date"),
        ({"appeal_weeks": 0}, "appeal_weeks"),
        ({"received_date": AT.date() - timedelta(days=1)}, "received_date"),
    ],
)
def test_bad_drafts_are_refused_next_to_the_field(session, demo_data, changes, field):
    with pytest.raises(DomainError) as refused:
        _new(session, demo_data["Gitte"], demo_data["Rikke"], **changes)
    assert refused.value.field == field


def test_appeal_deadline_of_a_version_uses_its_overrides(session, demo_data):
    outcome = _new(
        session,
        demo_data["Gitte"],
        demo_data["Rikke"],
        received_date=AT.date() + timedelta(days=3),
        appeal_weeks=6,
    )
    assert outcomes.deadline(outcomes.draft_of(outcome)) == AT.date() + timedelta(days=3 + 42)


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


def test_demo_data_can_be_loaded_again(app, session):
    from portal import demo

    before = session.query(Outcome).count()
    demo.load(session, today=clock.today())
    session.commit()
    assert session.query(Outcome).count() == before


def test_the_same_request_key_creates_one_outcome_and_only_for_its_citizen(session, demo_data):
    gitte, jens, rikke = demo_data["Gitte"], demo_data["Jens"], demo_data["Rikke"]

    def create(citizen_id):
        return outcomes.create(
            session,
            citizen_id,
            kind=OutcomeKind.DECISION,
            follows_id=None,
            draft=_draft(),
            author_id=rikke,
            at=AT,
            request_key="k1",
        )

    first = create(gitte)
    assert create(gitte).id == first.id
    assert session.query(Outcome).filter_by(citizen_id=gitte).count() == 1
    with pytest.raises(DomainError) as refused:
        create(jens)
    assert refused.value.code == "request_key_reused"
