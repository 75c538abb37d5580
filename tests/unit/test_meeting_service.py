"""Consent and participation rules: deadlines to the second, DST, the withdrawal cascade, replays."""

from datetime import UTC, date, datetime, timedelta

import pytest

from portal import clock
from portal.models import (
    ConsentRecord,
    Mode,
    ParticipationRecord,
    Person,
    RequestStatus,
    Source,
    TeamRole,
)
from portal.models.meeting import RecordIsAppendOnly
from portal.services import meeting as meetings
from portal.services.errors import DomainError


def _person(session, first_name):
    return session.query(Person).filter_by(first_name=first_name).one()


def _meeting(session, first_name="Lærke", starts_at=None, deadline=None):
    citizen = _person(session, first_name)
    starts_at = starts_at or clock.at_local(date(2030, 3, 7), 10)  # a Thursday
    return meetings.plan_meeting(
        session,
        citizen.id,
        starts_at=starts_at,
        at=starts_at - timedelta(days=30),
        actor_id=citizen.caseworker_id,
        place="Jobcentret",
        video_url="https://video.example/x",
        roles={TeamRole.EMPLOYMENT: "Anders", TeamRole.EDUCATION: None},
        change_deadline=deadline,
    )


# --- Deadlines --------------------------------------------------------------------------------


def test_default_deadline_is_two_working_days_before_at_the_same_local_time():
    thursday = clock.at_local(date(2030, 3, 7), 10)
    assert meetings.default_deadline(thursday) == clock.at_local(date(2030, 3, 5), 10)


def test_default_deadline_skips_the_weekend():
    monday = clock.at_local(date(2030, 3, 11), 9, 30)
    assert meetings.default_deadline(monday) == clock.at_local(date(2030, 3, 7), 9, 30)
    tuesday = clock.at_local(date(2030, 3, 12), 9)
    assert meetings.default_deadline(tuesday) == clock.at_local(date(2030, 3, 8), 9)


def test_default_deadline_across_the_spring_dst_change_keeps_the_wall_clock_time():
    # Summer time starts Sunday 29 March 2026; the meeting is Tuesday 31 March at 10.00 CEST.
    meeting = clock.at_local(date(2026, 3, 31), 10)
    deadline = meetings.default_deadline(meeting)
    assert clock.local(deadline).date() == date(2026, 3, 27)  # Friday: Mon + Fri are the 2 days
    assert (clock.local(deadline).hour, clock.local(deadline).minute) == (10, 0)
    assert deadline == datetime(2026, 3, 27, 9, 0, tzinfo=UTC)  # CET, UTC+1
    assert meeting == datetime(2026, 3, 31, 8, 0, tzinfo=UTC)  # CEST, UTC+2
    assert meeting - deadline == timedelta(days=4, hours=-1)  # not a whole number of days


def test_default_deadline_across_the_autumn_dst_change():
    meeting = clock.at_local(date(2026, 10, 26), 13)  # Monday after the change back (25 Oct)
    deadline = meetings.default_deadline(meeting)
    assert deadline == datetime(2026, 10, 22, 11, 0, tzinfo=UTC)  # Thursday 13.00 CEST
    assert clock.local(deadline).hour == 13


def test_choices_can_change_until_just_before_the_deadline_not_at_it(session):
    meeting = _meeting(session)
    deadline = meeting.change_deadline
    assert meetings.can_change(meeting, deadline - timedelta(seconds=1))
    assert not meetings.can_change(meeting, deadline)
    assert not meetings.can_change(meeting, deadline + timedelta(seconds=1))


def test_participation_exactly_at_the_deadline_is_refused_and_writes_nothing(session):
    meeting = _meeting(session)
    citizen_id = meeting.citizen_id
    with pytest.raises(DomainError) as error:
        meetings.choose_participation(
            session,
            meeting,
            Mode.REPRESENTED,
            at=meeting.change_deadline,
            actor_id=citizen_id,
            expected_version=0,
            representative_name="Mads",
            representative_relation="søn",
        )
    assert error.value.code == "deadline_passed"
    assert session.query(ParticipationRecord).filter_by(meeting_id=meeting.id).count() == 0
    meetings.choose_participation(
        session,
        meeting,
        Mode.REPRESENTED,
        at=meeting.change_deadline - timedelta(microseconds=1),
        actor_id=citizen_id,
        expected_version=0,
        representative_name="Mads",
        representative_relation="søn",
    )
    assert meetings.current_participation(session, meeting).mode == Mode.REPRESENTED


def test_a_deadline_set_across_dst_is_compared_as_an_instant(session):
    meeting = _meeting(session, starts_at=clock.at_local(date(2026, 3, 31), 10))
    # 10.00 local on Friday 27 March is 09.00 UTC; 09.59 UTC that day is after it.
    assert meetings.can_change(meeting, datetime(2026, 3, 27, 8, 59, 59, tzinfo=UTC))
    assert not meetings.can_change(meeting, datetime(2026, 3, 27, 9, 0, tzinfo=UTC))


# --- Consent --------------------------------------------------------------------------------


def test_consent_is_append_only_and_the_latest_record_decides(session):
    meeting = _meeting(session)
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


def test_giving_consent_twice_writes_one_record(session):
    meeting = _meeting(session)
    at = meeting.change_deadline - timedelta(days=5)
    meetings.set_consent(session, meeting, True, at=at, actor_id=meeting.citizen_id)
    again = meetings.set_consent(session, meeting, True, at=at, actor_id=meeting.citizen_id)
    assert not again.changed
    assert session.query(ConsentRecord).filter_by(meeting_id=meeting.id).count() == 1


def test_withdrawing_consent_that_was_never_given_writes_nothing(session):
    meeting = _meeting(session)
    outcome = meetings.set_consent(
        session, meeting, False, at=meeting.change_deadline, actor_id=meeting.citizen_id
    )
    assert not outcome.changed
    assert session.query(ConsentRecord).filter_by(meeting_id=meeting.id).count() == 0


def test_giving_consent_after_the_deadline_is_refused(session):
    meeting = _meeting(session)
    with pytest.raises(DomainError) as error:
        meetings.set_consent(
            session, meeting, True, at=meeting.change_deadline, actor_id=meeting.citizen_id
        )
    assert error.value.code == "deadline_passed"


def test_consent_can_be_withdrawn_after_the_deadline_but_not_after_the_meeting(session):
    meeting = _meeting(session)
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


def test_withdrawing_consent_while_virtual_switches_to_in_person(session):
    meeting = _meeting(session)
    who = meeting.citizen_id
    at = meeting.change_deadline - timedelta(days=3)
    meetings.set_consent(session, meeting, True, at=at, actor_id=who)
    assert meetings.choose_participation(
        session, meeting, Mode.VIRTUAL, at=at, actor_id=who, expected_version=0
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


def test_withdrawing_consent_while_represented_leaves_the_choice_alone(session):
    meeting = _meeting(session)
    who = meeting.citizen_id
    at = meeting.change_deadline - timedelta(days=3)
    meetings.set_consent(session, meeting, True, at=at, actor_id=who)
    meetings.choose_participation(
        session,
        meeting,
        Mode.REPRESENTED,
        at=at,
        actor_id=who,
        expected_version=0,
        representative_name="Mads Sørensen",
        representative_relation="søn",
    )
    outcome = meetings.set_consent(session, meeting, False, at=at, actor_id=who)
    assert not outcome.switched_to_in_person
    assert meetings.current_participation(session, meeting).mode == Mode.REPRESENTED


# --- Participation ------------------------------------------------------------------------------


def test_virtual_needs_consent(session):
    meeting = _meeting(session)
    with pytest.raises(DomainError) as error:
        meetings.choose_participation(
            session,
            meeting,
            Mode.VIRTUAL,
            at=meeting.change_deadline - timedelta(days=1),
            actor_id=meeting.citizen_id,
            expected_version=0,
        )
    assert error.value.code == "virtual_needs_consent"


@pytest.mark.parametrize(
    ("name", "relation", "code"),
    [
        ("", "søn", "representative_name_required"),
        ("Mads", "  ", "representative_relation_required"),
        ("x" * 121, "søn", "too_long"),
    ],
)
def test_represented_needs_a_name_and_relation(session, name, relation, code):
    meeting = _meeting(session)
    with pytest.raises(DomainError) as error:
        meetings.choose_participation(
            session,
            meeting,
            Mode.REPRESENTED,
            at=meeting.change_deadline - timedelta(days=1),
            actor_id=meeting.citizen_id,
            expected_version=0,
            representative_name=name,
            representative_relation=relation,
        )
    assert error.value.code == code


def test_unknown_mode_is_refused(session):
    meeting = _meeting(session)
    with pytest.raises(DomainError) as error:
        meetings.choose_participation(
            session,
            meeting,
            "teleport",
            at=meeting.change_deadline - timedelta(days=1),
            actor_id=meeting.citizen_id,
            expected_version=0,
        )
    assert error.value.code == "mode_unknown"


def test_a_replayed_choice_changes_nothing_and_a_stale_form_is_refused(session):
    meeting = _meeting(session)
    at = meeting.change_deadline - timedelta(days=1)
    who = meeting.citizen_id
    assert meetings.choose_participation(
        session, meeting, Mode.WITHOUT, at=at, actor_id=who, expected_version=0
    )
    # The same form sent again: the same choice, nothing written.
    assert not meetings.choose_participation(
        session, meeting, Mode.WITHOUT, at=at, actor_id=who, expected_version=0
    )
    # An old form asking for something else: refused rather than guessed.
    with pytest.raises(DomainError) as error:
        meetings.choose_participation(
            session, meeting, Mode.IN_PERSON, at=at, actor_id=who, expected_version=0
        )
    assert error.value.code == "stale"
    assert len(meetings.participation_history(session, meeting)) == 1


def test_without_attending_is_a_request_the_caseworker_answers(session):
    meeting = _meeting(session)
    at = meeting.change_deadline - timedelta(days=1)
    citizen = _person(session, "Lærke")
    meetings.choose_participation(
        session, meeting, Mode.WITHOUT, at=at, actor_id=citizen.id, expected_version=0
    )
    assert meetings.current_participation(session, meeting).status == RequestStatus.PENDING
    with pytest.raises(DomainError) as error:
        meetings.assess_request(
            session, meeting, False, "", at=at, actor_id=citizen.caseworker_id, expected_version=1
        )
    assert error.value.code == "reason_required"
    with pytest.raises(DomainError) as error:
        meetings.assess_request(
            session, meeting, True, None, at=at, actor_id=citizen.caseworker_id, expected_version=0
        )
    assert error.value.code == "stale"
    meetings.assess_request(
        session,
        meeting,
        True,
        "Sagen er godt oplyst.",
        at=at,
        actor_id=citizen.caseworker_id,
        expected_version=1,
    )
    current = meetings.current_participation(session, meeting)
    assert (current.mode, current.status, current.source) == (
        Mode.WITHOUT,
        RequestStatus.ACCEPTED,
        Source.ASSESSMENT,
    )
    assert current.reason == "Sagen er godt oplyst."
    # Answering twice is refused: there is no pending request any more.
    with pytest.raises(DomainError) as error:
        meetings.assess_request(
            session, meeting, True, None, at=at, actor_id=citizen.caseworker_id, expected_version=2
        )
    assert error.value.code == "no_pending_request"


def test_after_a_declined_request_the_citizen_may_ask_again(session):
    meeting = _meeting(session)
    at = meeting.change_deadline - timedelta(days=1)
    citizen = _person(session, "Lærke")
    meetings.choose_participation(
        session, meeting, Mode.WITHOUT, at=at, actor_id=citizen.id, expected_version=0
    )
    meetings.assess_request(
        session,
        meeting,
        False,
        "Vi vil gerne møde dig.",
        at=at,
        actor_id=citizen.caseworker_id,
        expected_version=1,
    )
    assert meetings.choose_participation(
        session, meeting, Mode.WITHOUT, at=at, actor_id=citizen.id, expected_version=2
    )
    assert meetings.current_participation(session, meeting).status == RequestStatus.PENDING


def test_records_cannot_be_changed_or_deleted(session):
    meeting = _meeting(session)
    meetings.set_consent(
        session,
        meeting,
        True,
        at=meeting.change_deadline - timedelta(days=1),
        actor_id=meeting.citizen_id,
    )
    session.flush()
    record = session.query(ConsentRecord).filter_by(meeting_id=meeting.id).one()
    record.given = False
    with pytest.raises(RecordIsAppendOnly):
        session.flush()
    session.rollback()
    session.delete(session.query(ConsentRecord).first())
    with pytest.raises(RecordIsAppendOnly):
        session.flush()
    session.rollback()


# --- The video link ---------------------------------------------------------------------------


def test_video_link_only_when_virtual_with_consent_and_from_the_opening_time(session):
    meeting = _meeting(session)
    who = meeting.citizen_id
    opens = meeting.starts_at - timedelta(minutes=meeting.video_opens_minutes)
    meetings.set_consent(
        session, meeting, True, at=meeting.change_deadline - timedelta(days=1), actor_id=who
    )
    assert not meetings.state(session, meeting, opens).video_link_shown  # not virtual yet
    meetings.choose_participation(
        session,
        meeting,
        Mode.VIRTUAL,
        at=meeting.change_deadline - timedelta(days=1),
        actor_id=who,
        expected_version=0,
    )
    assert not meetings.state(session, meeting, opens - timedelta(seconds=1)).video_link_shown
    assert meetings.state(session, meeting, opens).video_link_shown
    assert not meetings.state(session, meeting, meetings.ends_at(meeting)).video_link_shown
    meetings.set_consent(session, meeting, False, at=opens, actor_id=who)
    assert not meetings.state(session, meeting, opens).video_link_shown


# --- Preparation --------------------------------------------------------------------------------


def test_preparation_drafts_and_sending(session):
    meeting = _meeting(session)
    t0 = meeting.change_deadline - timedelta(days=3)
    with pytest.raises(DomainError):
        meetings.send_preparation(session, meeting, at=t0)
    meetings.save_answer(session, meeting, "situation", "  Jeg er træt.  ", at=t0)
    preparation = meetings.preparation_of(session, meeting)
    assert preparation.situation == "Jeg er træt." and preparation.saved_at == t0
    assert meetings.send_preparation(session, meeting, at=t0 + timedelta(minutes=1))
    assert not meetings.send_preparation(session, meeting, at=t0 + timedelta(minutes=2))
    meetings.save_answer(session, meeting, "goal", "Arbejde med dyr", at=t0 + timedelta(minutes=3))
    assert meetings.has_unsent_changes(preparation)
    with pytest.raises(DomainError) as error:
        meetings.save_answer(session, meeting, "goal", "x" * 4001, at=t0)
    assert error.value.code == "answer_too_long"


# --- Planning ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"place": None, "video_url": None}, "place_or_video"),
        ({"video_url": "http://insecure.example"}, "video_url_https"),
        ({"roles": {}}, "roles_required"),
        ({"starts_in": -1}, "starts_in_past"),
        ({"deadline_after": 1}, "deadline_after_start"),
    ],
)
def test_planning_a_meeting_refuses_bad_input(session, changes, code):
    citizen = _person(session, "Hanne")
    now = datetime(2030, 1, 1, 9, tzinfo=UTC)
    starts = now + timedelta(days=changes.get("starts_in", 10))
    arguments = dict(
        place=changes.get("place", "Jobcentret"),
        video_url=changes.get("video_url", "https://video.example"),
        roles=changes.get("roles", {TeamRole.EMPLOYMENT: None}),
        change_deadline=(
            starts + timedelta(hours=changes["deadline_after"])
            if "deadline_after" in changes
            else None
        ),
    )
    with pytest.raises(DomainError) as error:
        meetings.plan_meeting(
            session, citizen.id, starts_at=starts, at=now, actor_id=None, **arguments
        )
    assert error.value.code == code


def test_current_meeting_is_the_next_one_not_yet_ended(session):
    hanne = _person(session, "Hanne")
    demo_meeting = meetings.current_meeting(session, hanne.id, clock.now())
    assert demo_meeting is not None and demo_meeting.starts_at > clock.now()
    assert meetings.current_meeting(session, hanne.id, meetings.ends_at(demo_meeting)) is None


def test_under_30():
    assert meetings.is_under_30(date(2000, 6, 2), date(2030, 6, 1))
    assert not meetings.is_under_30(date(2000, 6, 1), date(2030, 6, 1))
    assert not meetings.is_under_30(None, date(2030, 6, 1))


def test_a_double_click_racing_itself_writes_one_record(session, monkeypatch):
    """Two requests that both read "no consent yet" cannot both write: the database refuses the
    second record for the same step, and the service reports it as a stale form."""
    meeting = _meeting(session)
    at = meeting.change_deadline - timedelta(days=1)
    meetings.set_consent(session, meeting, True, at=at, actor_id=meeting.citizen_id)
    meetings.set_consent(session, meeting, False, at=at, actor_id=meeting.citizen_id)
    session.commit()
    # The second request read the history before the first one committed.
    monkeypatch.setattr(meetings, "consent_history", lambda s, m: [])
    with pytest.raises(DomainError) as error:
        meetings.set_consent(session, meeting, True, at=at, actor_id=meeting.citizen_id)
    assert error.value.code == "stale"
    session.rollback()
    assert session.query(ConsentRecord).filter_by(meeting_id=meeting.id).count() == 2


def test_participation_records_are_numbered_per_meeting(session):
    meeting = _meeting(session)
    at = meeting.change_deadline - timedelta(days=1)
    who = meeting.citizen_id
    meetings.set_consent(session, meeting, True, at=at, actor_id=who)
    meetings.choose_participation(
        session, meeting, Mode.VIRTUAL, at=at, actor_id=who, expected_version=0
    )
    meetings.set_consent(session, meeting, False, at=at, actor_id=who)
    assert [r.seq for r in meetings.participation_history(session, meeting)] == [2, 1]
    assert [r.seq for r in meetings.consent_history(session, meeting)] == [2, 1]


def test_consent_is_the_citizens_own_and_no_fuldmagt_covers_it():
    from portal.web.access import CITIZEN_ACTIONS, Access, Action, Scope

    assert CITIZEN_ACTIONS[Action.MEETING_CONSENT].scopes == frozenset()
    assert CITIZEN_ACTIONS[Action.MEETING_CONSENT].access is Access.CHANGE
    assert Scope.MEETING in CITIZEN_ACTIONS[Action.MEETING_PARTICIPATION].scopes
    assert Scope.MEETING in CITIZEN_ACTIONS[Action.MEETING_PREPARATION].scopes
