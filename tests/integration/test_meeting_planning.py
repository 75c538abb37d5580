"""The caseworker's planning, finding the citizen's meeting, and the preparation against the
database."""

from datetime import UTC, datetime, timedelta

import pytest

from portal import clock
from portal.models import Meeting, PreparationSending, TeamRole
from portal.services import meeting as meetings
from portal.services.errors import DomainError, NotFound
from tests.factories import meeting as make
from tests.factories import people

NOW = datetime(2030, 1, 1, 9, tzinfo=UTC)


# --- Planning ---------------------------------------------------------------------------------


def test_planning_a_meeting_with_the_default_deadline_and_changing_it_in_place(empty_session):
    session = empty_session
    citizen = people.citizen(session)
    starts = NOW + timedelta(days=10)
    meeting = meetings.plan_meeting(
        session,
        citizen.id,
        starts_at=starts,
        at=NOW,
        actor_id=citizen.caseworker_id,
        place=" Jobcentret ",
        video_url="",
        roles={TeamRole.EMPLOYMENT: "Anders", TeamRole.EDUCATION: " "},
    )
    assert meeting.change_deadline == meetings.default_deadline(starts)
    assert (meeting.place, meeting.video_url, meeting.duration_minutes) == ("Jobcentret", None, 30)
    assert [(m.role, m.name) for m in meeting.members] == [
        (TeamRole.EMPLOYMENT, "Anders"),
        (TeamRole.EDUCATION, None),
    ]
    deadline = starts - timedelta(days=5)
    again = meetings.plan_meeting(
        session,
        citizen.id,
        starts_at=starts,
        at=NOW,
        actor_id=citizen.caseworker_id,
        place="Rådhuset",
        video_url="https://video.example/m",
        roles={TeamRole.HEALTH: None},
        change_deadline=deadline,
        duration_minutes=60,
        meeting=meeting,
    )
    assert again.id == meeting.id and session.query(Meeting).count() == 1
    assert (again.place, again.change_deadline, again.duration_minutes) == (
        "Rådhuset",
        deadline,
        60,
    )
    assert [m.role for m in again.members] == [TeamRole.HEALTH]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"place": None, "video_url": None}, "place_or_video"),
        ({"video_url": "http://insecure.example"}, "video_url_https"),
        ({"roles": {}}, "roles_required"),
        ({"starts_in": -1}, "starts_in_past"),
        ({"deadline_after": 1}, "deadline_after_start"),
        ({"duration_minutes": 9}, "duration_range"),
        ({"duration_minutes": 241}, "duration_range"),
        ({"place": "x" * 201}, "place_too_long"),
        ({"video_url": "https://" + "x" * 293}, "video_url_too_long"),
    ],
)
def test_planning_a_meeting_refuses_bad_input(empty_session, changes, code):
    citizen = people.citizen(empty_session)
    starts = NOW + timedelta(days=changes.get("starts_in", 10))
    arguments = dict(
        place=changes.get("place", "Jobcentret"),
        video_url=changes.get("video_url", "https://video.example"),
        roles=changes.get("roles", {TeamRole.EMPLOYMENT: None}),
        duration_minutes=changes.get("duration_minutes", 30),
        change_deadline=(
            starts + timedelta(hours=changes["deadline_after"])
            if "deadline_after" in changes
            else None
        ),
    )
    with pytest.raises(DomainError) as error:
        meetings.plan_meeting(
            empty_session, citizen.id, starts_at=starts, at=NOW, actor_id=None, **arguments
        )
    assert error.value.code == code
    assert empty_session.query(Meeting).count() == 0


# --- Finding the meeting ------------------------------------------------------------------------


def test_current_meeting_is_the_next_one_not_yet_ended(empty_session):
    session = empty_session
    citizen = people.citizen(session)
    past = make.meeting(session, citizen, starts_at=NOW - timedelta(days=3))
    coming = make.meeting(session, citizen, starts_at=NOW + timedelta(days=3))
    make.meeting(session, starts_at=NOW + timedelta(days=1))  # someone else's
    assert meetings.current_meeting(session, citizen.id, NOW) == coming
    assert (
        meetings.current_meeting(session, citizen.id, meetings.ends_at(past) - timedelta(seconds=1))
        == past
    )
    assert meetings.current_meeting(session, citizen.id, meetings.ends_at(coming)) is None


def test_another_citizens_meeting_and_receipt_are_not_found(empty_session):
    session = empty_session
    mine = make.meeting(session)
    theirs = make.meeting(session)
    record = make.consent(session, theirs, True, at=theirs.change_deadline - timedelta(days=1))
    assert meetings.meeting_of(session, mine.citizen_id, mine.id) == mine
    for meeting_id in (theirs.id, None, 99999999):
        with pytest.raises(NotFound):
            meetings.meeting_of(session, mine.citizen_id, meeting_id)
    assert meetings.consent_record_of(session, theirs.citizen_id, record.id) == record
    with pytest.raises(NotFound):
        meetings.consent_record_of(session, mine.citizen_id, record.id)


# --- Preparation --------------------------------------------------------------------------------


def test_preparation_drafts_and_sending(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    t0 = meeting.change_deadline - timedelta(days=3)
    with pytest.raises(DomainError) as error:
        meetings.send_preparation(session, meeting, at=t0)
    assert error.value.code == "preparation_empty"
    meetings.save_answer(session, meeting, "situation", "  Jeg er træt.  ", at=t0)
    preparation = meetings.preparation_of(session, meeting)
    assert preparation.situation == "Jeg er træt." and preparation.saved_at == t0
    assert meetings.send_preparation(session, meeting, at=t0 + timedelta(minutes=1))
    # Sending again with nothing new is a replay: nothing written.
    assert not meetings.send_preparation(session, meeting, at=t0 + timedelta(minutes=2))
    assert session.query(PreparationSending).count() == 1
    meetings.save_answer(session, meeting, "goal", "Arbejde med dyr", at=t0 + timedelta(minutes=3))
    assert meetings.has_unsent_changes(preparation)
    with pytest.raises(DomainError) as error:
        meetings.save_answer(session, meeting, "goal", "x" * 4001, at=t0)
    assert error.value.code == "answer_too_long"
    with pytest.raises(NotFound):
        meetings.save_answer(session, meeting, "nonsense", "x", at=t0)


def test_the_caseworker_reads_what_was_sent_not_later_drafts(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    t0 = clock.at_local(NOW.date(), 9)
    meetings.save_answer(session, meeting, "situation", "DET JEG SENDTE", at=t0)
    meetings.send_preparation(session, meeting, at=t0 + timedelta(minutes=1))
    meetings.save_answer(
        session, meeting, "situation", "EN KLADDE BAGEFTER", at=t0 + timedelta(minutes=2)
    )
    sent = meetings.last_sent(session, meeting)
    assert sent.situation == "DET JEG SENDTE"
    assert meetings.preparation_of(session, meeting).situation == "EN KLADDE BAGEFTER"
    assert meetings.has_unsent_changes(meetings.preparation_of(session, meeting))
