"""Outcomes against a database: drafts stay hidden, publishing freezes a version, corrections are
new versions, read receipts are per version and given once, replays make one outcome."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy.orm import Session

from portal.extensions import db
from portal.models import OutcomeKind, OutcomeReceipt
from portal.models.outcomes import PublishedOutcomeIsFrozen
from portal.services import outcomes
from portal.services.errors import DomainError, NotFound
from tests.factories import people
from tests.factories.outcomes import AT, draft, outcome, publish


@pytest.fixture
def who(empty_session):
    """Rikke, the caseworker of Gitte and Jens."""
    rikke = people.caseworker(empty_session, "Rikke")
    return SimpleNamespace(
        rikke=rikke,
        gitte=people.citizen(empty_session, "Gitte", caseworker=rikke),
        jens=people.citizen(empty_session, "Jens", caseworker=rikke),
    )


def test_a_draft_is_not_visible_to_the_citizen(empty_session, who):
    session = empty_session
    new = outcome(session, who.gitte, who.rikke)
    assert outcomes.citizen_outcomes(session, who.gitte.id) == []
    with pytest.raises(NotFound):
        outcomes.citizen_outcome(session, who.gitte.id, new.id)
    publish(session, new, who.rikke)
    [summary] = outcomes.citizen_outcomes(session, who.gitte.id)
    assert summary.unread and summary.version.number == 1


def test_a_published_version_is_never_changed_in_place(empty_session, who):
    session = empty_session
    version = publish(session, outcome(session, who.gitte, who.rikke), who.rikke)
    session.commit()
    version.decided = "Noget andet."
    with pytest.raises(PublishedOutcomeIsFrozen):
        session.flush()
    session.rollback()


def test_a_correction_is_a_new_version_and_the_old_one_stays(empty_session, who):
    session, gitte, rikke = empty_session, who.gitte, who.rikke
    new = outcome(session, gitte, rikke)
    first = publish(session, new, rikke)
    with pytest.raises(DomainError) as refused:
        outcomes.save_draft(session, new, draft=draft(), author_id=rikke.id, at=AT)
    assert refused.value.field == "correction_note"
    outcomes.save_draft(
        session,
        new,
        draft=draft(
            next_steps="Anders ringer til dig mandag.", correction_note="Ny dag for opkaldet."
        ),
        author_id=rikke.id,
        at=AT + timedelta(days=1),
    )
    second = publish(session, new, rikke, at=AT + timedelta(days=1))
    view = outcomes.citizen_outcome(session, gitte.id, new.id)
    assert view.version.id == second.id and second.number == 2
    assert [v.id for v in view.earlier] == [first.id]
    old = outcomes.citizen_outcome(session, gitte.id, new.id, number=1)
    assert not old.is_latest and old.version.next_steps == "Anders ringer til dig i næste uge."
    [summary] = outcomes.citizen_outcomes(session, gitte.id)
    assert summary.corrected


def test_publishing_twice_is_refused(empty_session, who):
    session = empty_session
    new = outcome(session, who.gitte, who.rikke)
    version_id = outcomes.draft_of(new).id
    publish(session, new, who.rikke)
    with pytest.raises(DomainError) as refused:
        outcomes.publish(
            session,
            new,
            version_id=version_id,
            confirmed_hard_text=False,
            actor_id=who.rikke.id,
            at=AT,
        )
    assert refused.value.code == "nothing_to_publish"


def test_hard_text_needs_a_confirmation(empty_session, who):
    session = empty_session
    hard = "Rehabiliteringsteamets indstilling vedrørende ressourceforløbsydelse tilkendes."
    new = outcome(session, who.gitte, who.rikke, meaning=hard)
    assert outcomes.too_hard(outcomes.check(outcomes.Draft.of(outcomes.draft_of(new)))) == [
        "meaning"
    ]
    with pytest.raises(DomainError) as refused:
        publish(session, new, who.rikke)
    assert refused.value.code == "hard_text_not_confirmed"
    assert publish(session, new, who.rikke, confirmed=True).is_published


def test_read_receipt_once_per_version(empty_session, who):
    session, gitte = empty_session, who.gitte
    new = outcome(session, gitte, who.rikke, published=True)
    version = outcomes.latest_published(new)
    receipt, is_new = outcomes.mark_read(session, gitte.id, new.id, version.id, at=AT)
    again, new_again = outcomes.mark_read(
        session, gitte.id, new.id, version.id, at=AT + timedelta(hours=1)
    )
    assert is_new and not new_again and again.id == receipt.id and again.read_at == AT
    assert session.query(OutcomeReceipt).filter_by(version_id=version.id).count() == 1
    assert outcomes.unread_count(session, gitte.id) == 0


def test_read_receipt_for_an_old_version_or_another_citizen_is_refused(empty_session, who):
    session = empty_session
    new = outcome(session, who.gitte, who.rikke, published=True)
    version = outcomes.latest_published(new)
    with pytest.raises(NotFound):
        outcomes.mark_read(session, who.jens.id, new.id, version.id, at=AT)
    with pytest.raises(DomainError):
        outcomes.mark_read(session, who.gitte.id, new.id, version.id + 999, at=AT)


def test_a_decision_can_follow_only_the_citizens_own_published_recommendation(empty_session, who):
    session, gitte, rikke = empty_session, who.gitte, who.rikke
    jens_recommendation = outcome(
        session, who.jens, rikke, OutcomeKind.RECOMMENDATION, published=True
    )
    with pytest.raises(DomainError) as refused:
        outcome(session, gitte, rikke, follows=jens_recommendation)
    assert refused.value.field == "follows_id"
    recommendation = outcome(session, gitte, rikke, OutcomeKind.RECOMMENDATION)
    with pytest.raises(DomainError):  # still a draft
        outcome(session, gitte, rikke, follows=recommendation)
    publish(session, recommendation, rikke)
    decision = outcome(session, gitte, rikke, follows=recommendation, published=True)
    view = outcomes.citizen_outcome(session, gitte.id, recommendation.id)
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
def test_bad_drafts_are_refused_next_to_the_field(empty_session, who, changes, field):
    with pytest.raises(DomainError) as refused:
        outcome(empty_session, who.gitte, who.rikke, **changes)
    assert refused.value.field == field


def test_appeal_deadline_of_a_version_uses_its_overrides(empty_session, who):
    new = outcome(
        empty_session,
        who.gitte,
        who.rikke,
        received_date=AT.date() + timedelta(days=3),
        appeal_weeks=6,
    )
    assert outcomes.deadline(outcomes.draft_of(new)) == AT.date() + timedelta(days=3 + 42)


def test_the_same_request_key_creates_one_outcome_and_only_for_its_citizen(empty_session, who):
    session = empty_session

    def create(citizen):
        return outcomes.create(
            session,
            citizen.id,
            kind=OutcomeKind.DECISION,
            follows_id=None,
            draft=draft(),
            author_id=who.rikke.id,
            at=AT,
            request_key="k1",
        )

    first = create(who.gitte)
    assert create(who.gitte).id == first.id
    assert len(outcomes.staff_outcomes(session, who.gitte.id)) == 1
    with pytest.raises(DomainError) as refused:
        create(who.jens)
    assert refused.value.code == "request_key_reused"


def _other_request_wins(monkeypatch, store):
    """Run `store(session)` once in a second session, committed, just before the service inserts:
    the other of two simultaneous requests wins the race."""
    check = outcomes._check_follows

    def racing(session, *args):
        monkeypatch.setattr(outcomes, "_check_follows", check)
        with Session(db.engine) as other:
            store(other)
            other.commit()
        return check(session, *args)

    monkeypatch.setattr(outcomes, "_check_follows", racing)


def test_two_simultaneous_new_outcome_forms_with_one_key_make_one_outcome(
    empty_session, who, monkeypatch
):
    session = empty_session
    session.commit()
    gitte_id, jens_id = who.gitte.id, who.jens.id

    def create(session, citizen_id, request_key="k2"):
        return outcomes.create(
            session,
            citizen_id,
            kind=OutcomeKind.DECISION,
            follows_id=None,
            draft=draft(),
            author_id=who.rikke.id,
            at=AT,
            request_key=request_key,
        )

    _other_request_wins(monkeypatch, lambda other: create(other, gitte_id))
    kept = create(session, gitte_id)
    assert [o.id for o in outcomes.staff_outcomes(session, gitte_id)] == [kept.id]
    assert [v.number for v in kept.versions] == [1]
    session.commit()  # the end of that request
    # The same key for another citizen, arriving at the same time: refused, nothing made.
    _other_request_wins(monkeypatch, lambda other: create(other, gitte_id, "k3"))
    with pytest.raises(DomainError) as refused:
        create(session, jens_id, "k3")
    assert refused.value.code == "request_key_reused"
    assert outcomes.staff_outcomes(session, jens_id) == []


def test_two_simultaneous_read_receipts_make_one(empty_session, who, monkeypatch):
    session = empty_session
    new = outcome(session, who.gitte, who.rikke, published=True)
    session.commit()
    version_id, gitte_id = outcomes.latest_published(new).id, who.gitte.id
    receipt_of = outcomes._receipt_of

    def other_click_first(session, version, reader):
        """The other click stores its receipt just after this request looked for one."""
        monkeypatch.setattr(outcomes, "_receipt_of", receipt_of)
        with Session(db.engine) as other:
            other.add(OutcomeReceipt(version_id=version, reader_id=reader, read_at=AT))
            other.commit()
        return None

    monkeypatch.setattr(outcomes, "_receipt_of", other_click_first)
    receipt, is_new = outcomes.mark_read(
        session, gitte_id, new.id, version_id, at=AT + timedelta(minutes=1)
    )
    assert not is_new and receipt.read_at == AT
    assert session.query(OutcomeReceipt).count() == 1
    assert outcomes.unread_count(session, gitte_id) == 0


def test_only_a_decision_keeps_its_own_place_to_appeal(empty_session, who):
    decision = outcome(empty_session, who.gitte, who.rikke, appeal_route="  Klagecenter, Vej 2 ")
    assert outcomes.draft_of(decision).appeal_route == "Klagecenter, Vej 2"
    usual = outcome(empty_session, who.gitte, who.rikke, appeal_route="   ")
    assert outcomes.draft_of(usual).appeal_route is None  # blank: the organisation's address
    recommendation = outcome(
        empty_session, who.gitte, who.rikke, OutcomeKind.RECOMMENDATION, appeal_route="X"
    )
    assert outcomes.draft_of(recommendation).appeal_route is None
    with pytest.raises(DomainError) as refused:
        outcome(empty_session, who.gitte, who.rikke, appeal_route="x" * 3001)
    assert refused.value.field == "appeal_route"
    with pytest.raises(DomainError) as refused:
        outcome(empty_session, who.gitte, who.rikke, appeal_route=" Nordby ")
    assert (refused.value.code, refused.value.field) == ("appeal_route_too_short", "appeal_route")
