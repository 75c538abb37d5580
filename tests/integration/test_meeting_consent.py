"""Consent against the database: append-only records, replays, the deadline, the withdrawal
cascade to in person, and a double-click racing itself."""

from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select, update

from portal.models import ConsentRecord, Mode, PreparationSending, Source
from portal.models.meeting import RecordIsAppendOnly, deleting_records
from portal.services import meeting as meetings
from portal.services.errors import DomainError
from portal.services.meeting import records
from tests.factories import meeting as make


def test_consent_is_append_only_and_the_latest_record_decides(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    at = meeting.change_deadline - timedelta(days=5)
    who = meeting.citizen_id
    assert not meetings.consent_given(session, meeting)
    assert meetings.set_consent(session, meeting, True, at=at, actor_id=who).changed
    assert meetings.consent_given(session, meeting)
    assert meetings.set_consent(
        session, meeting, False, at=at + timedelta(minutes=1), actor_id=who
    ).changed
    assert meetings.set_consent(
        session, meeting, True, at=at + timedelta(minutes=2), actor_id=who
    ).changed
    history = meetings.consent_history(session, meeting)
    assert [r.given for r in history] == [True, False, True]  # newest first
    assert all(r.actor_id == who for r in history)


def test_giving_consent_twice_writes_one_record(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    at = meeting.change_deadline - timedelta(days=5)
    meetings.set_consent(session, meeting, True, at=at, actor_id=meeting.citizen_id)
    again = meetings.set_consent(session, meeting, True, at=at, actor_id=meeting.citizen_id)
    assert not again.changed
    assert session.query(ConsentRecord).filter_by(meeting_id=meeting.id).count() == 1


def test_withdrawing_consent_that_was_never_given_writes_nothing(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    outcome = meetings.set_consent(
        session, meeting, False, at=meeting.change_deadline, actor_id=meeting.citizen_id
    )
    assert not outcome.changed
    assert session.query(ConsentRecord).filter_by(meeting_id=meeting.id).count() == 0


def test_giving_consent_after_the_deadline_is_refused(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    with pytest.raises(DomainError) as error:
        meetings.set_consent(
            session, meeting, True, at=meeting.change_deadline, actor_id=meeting.citizen_id
        )
    assert error.value.code == "deadline_passed"
    assert session.query(ConsentRecord).count() == 0


def test_consent_can_be_withdrawn_after_the_deadline_but_not_after_the_meeting(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    who = meeting.citizen_id
    meetings.set_consent(
        session, meeting, True, at=meeting.change_deadline - timedelta(hours=1), actor_id=who
    )
    assert meetings.set_consent(
        session, meeting, False, at=meeting.change_deadline + timedelta(hours=1), actor_id=who
    ).changed
    meetings.set_consent(
        session, meeting, True, at=meeting.change_deadline - timedelta(minutes=1), actor_id=who
    )
    with pytest.raises(DomainError) as error:
        meetings.set_consent(session, meeting, False, at=meetings.ends_at(meeting), actor_id=who)
    assert error.value.code == "meeting_over"


def test_withdrawing_consent_while_virtual_switches_to_in_person(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    who = meeting.citizen_id
    at = meeting.change_deadline - timedelta(days=3)
    meetings.set_consent(session, meeting, True, at=at, actor_id=who)
    assert meetings.choose_participation(
        session, meeting, Mode.VIRTUAL, at=at, actor_id=who, expected_version=1
    )
    outcome = meetings.set_consent(
        session, meeting, False, at=at + timedelta(hours=1), actor_id=who
    )
    assert outcome.changed and outcome.switched_to_in_person
    current = meetings.current_participation(session, meeting)
    assert current.mode == Mode.IN_PERSON
    assert current.source == Source.CONSENT_WITHDRAWN
    assert current.at == at + timedelta(hours=1)
    assert [r.mode for r in meetings.participation_history(session, meeting)] == [
        Mode.IN_PERSON,
        Mode.VIRTUAL,
    ]


def test_withdrawing_consent_while_represented_leaves_the_choice_alone(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    who = meeting.citizen_id
    at = meeting.change_deadline - timedelta(days=3)
    make.consent(session, meeting, True, at=at)
    make.participation(
        session,
        meeting,
        Mode.REPRESENTED,
        at=at,
        representative_name="Mads Sørensen",
        representative_relation="søn",
    )
    outcome = meetings.set_consent(session, meeting, False, at=at, actor_id=who)
    assert outcome.changed and not outcome.switched_to_in_person
    assert meetings.current_participation(session, meeting).mode == Mode.REPRESENTED


def test_records_cannot_be_changed_or_deleted(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    meetings.set_consent(
        session,
        meeting,
        True,
        at=meeting.change_deadline - timedelta(days=1),
        actor_id=meeting.citizen_id,
    )
    session.commit()
    record = session.query(ConsentRecord).filter_by(meeting_id=meeting.id).one()
    record.given = False
    with pytest.raises(RecordIsAppendOnly):
        session.flush()
    session.rollback()
    session.delete(session.query(ConsentRecord).first())
    with pytest.raises(RecordIsAppendOnly):
        session.flush()
    session.rollback()
    assert session.query(ConsentRecord).one().given


def test_a_double_click_racing_itself_writes_one_record(empty_session, monkeypatch):
    """Two requests that both read "no consent yet" cannot both write: the database refuses the
    second record for the same step, the service reports the choice as changed meanwhile, and what the
    request had done before stays usable (the refused insert is undone on its own)."""
    session = empty_session
    meeting = make.meeting(session)
    at = meeting.change_deadline - timedelta(days=1)
    meetings.set_consent(session, meeting, True, at=at, actor_id=meeting.citizen_id)
    meetings.set_consent(session, meeting, False, at=at, actor_id=meeting.citizen_id)
    session.commit()
    # The second request read the history before the first one committed.
    monkeypatch.setattr(records, "consent_history", lambda s, m: [])
    with pytest.raises(DomainError) as error:
        meetings.set_consent(session, meeting, True, at=at, actor_id=meeting.citizen_id)
    assert error.value.code == "choice_changed"
    assert session.query(ConsentRecord).filter_by(meeting_id=meeting.id).count() == 2
    session.rollback()
    assert session.query(ConsentRecord).filter_by(meeting_id=meeting.id).count() == 2


def test_records_are_numbered_per_meeting(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    other = make.meeting(session)
    make.consent(session, other, True, at=other.change_deadline - timedelta(days=2))
    at = meeting.change_deadline - timedelta(days=1)
    who = meeting.citizen_id
    meetings.set_consent(session, meeting, True, at=at, actor_id=who)
    meetings.choose_participation(
        session, meeting, Mode.VIRTUAL, at=at, actor_id=who, expected_version=1
    )
    meetings.set_consent(session, meeting, False, at=at, actor_id=who)
    assert [r.seq for r in meetings.participation_history(session, meeting)] == [2, 1]
    assert [r.seq for r in meetings.consent_history(session, meeting)] == [2, 1]


def test_statements_cannot_change_records_and_delete_them_only_on_the_one_path(empty_session):
    """The flush hook sees loaded objects only; an UPDATE or DELETE statement is refused too,
    except a DELETE inside `deleting_records` (retention of a past meeting's preparation)."""
    session = empty_session
    meeting = make.meeting(session)
    make.consent(session, meeting, at=meeting.change_deadline - timedelta(days=1))
    session.add(PreparationSending(meeting_id=meeting.id, sent_at=meeting.created_at))
    session.commit()
    for model in (ConsentRecord, PreparationSending):
        with pytest.raises(RecordIsAppendOnly):
            session.execute(delete(model).where(model.meeting_id == meeting.id))
        session.rollback()
        with deleting_records(session), pytest.raises(RecordIsAppendOnly):
            session.execute(update(model).values(meeting_id=meeting.id))
        session.rollback()
    with deleting_records(session):
        session.execute(
            delete(PreparationSending).where(PreparationSending.meeting_id == meeting.id)
        )
    session.commit()
    assert session.scalar(select(func.count()).select_from(PreparationSending)) == 0
    assert session.scalar(select(func.count()).select_from(ConsentRecord)) == 1
    # The path closes with its block.
    with pytest.raises(RecordIsAppendOnly):
        session.execute(delete(ConsentRecord))
    session.rollback()
