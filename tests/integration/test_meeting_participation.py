"""Participation against the database: the deadline to the second, what a choice needs, replays
and stale forms, the caseworker's answer to "uden deltagelse", and when the video link shows."""

from datetime import timedelta

import pytest

from portal.models import Mode, ParticipationRecord, RequestStatus, Source
from portal.services import meeting as meetings
from portal.services.errors import DomainError
from tests.factories import meeting as make


def _choose(session, meeting, mode, *, at=None, version=1, **fields):
    return meetings.choose_participation(
        session,
        meeting,
        mode,
        at=at or meeting.change_deadline - timedelta(days=1),
        actor_id=meeting.citizen_id,
        expected_version=version,
        **fields,
    )


def _refused(call, *args, **kwargs) -> str:
    with pytest.raises(DomainError) as error:
        call(*args, **kwargs)
    return error.value.code


def test_participation_exactly_at_the_deadline_is_refused_and_writes_nothing(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    represented = dict(representative_name="Mads", representative_relation="søn")
    code = _refused(
        _choose, session, meeting, Mode.REPRESENTED, at=meeting.change_deadline, **represented
    )
    assert code == "deadline_passed"
    assert session.query(ParticipationRecord).filter_by(meeting_id=meeting.id).count() == 0
    just_before = meeting.change_deadline - timedelta(microseconds=1)
    assert _choose(session, meeting, Mode.REPRESENTED, at=just_before, **represented)
    assert meetings.current_participation(session, meeting).mode == Mode.REPRESENTED


def test_virtual_needs_consent(empty_session):
    meeting = make.meeting(empty_session)
    assert _refused(_choose, empty_session, meeting, Mode.VIRTUAL) == "virtual_needs_consent"
    make.consent(empty_session, meeting, True, at=meeting.change_deadline - timedelta(days=2))
    assert _choose(empty_session, meeting, Mode.VIRTUAL)


@pytest.mark.parametrize(
    ("name", "relation", "code"),
    [
        ("", "søn", "representative_name_required"),
        ("Mads", "  ", "representative_relation_required"),
        ("x" * 121, "søn", "name_too_long"),
    ],
)
def test_represented_needs_a_name_and_relation(empty_session, name, relation, code):
    meeting = make.meeting(empty_session)
    assert (
        _refused(
            _choose,
            empty_session,
            meeting,
            Mode.REPRESENTED,
            representative_name=name,
            representative_relation=relation,
        )
        == code
    )


def test_unknown_mode_is_refused(empty_session):
    meeting = make.meeting(empty_session)
    assert _refused(_choose, empty_session, meeting, "teleport") == "mode_unknown"


def test_a_replayed_choice_changes_nothing_and_a_stale_form_is_refused(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    assert _choose(session, meeting, Mode.WITHOUT, version=1)
    # The same form sent again: the same choice, nothing written.
    assert not _choose(session, meeting, Mode.WITHOUT, version=1)
    # An old form asking for something else: refused rather than guessed.
    assert _refused(_choose, session, meeting, Mode.IN_PERSON, version=1) == "choice_changed"
    # A form that carried no readable version is never current either.
    assert _refused(_choose, session, meeting, Mode.IN_PERSON, version=None) == "choice_changed"
    assert len(meetings.participation_history(session, meeting)) == 1


def test_without_attending_is_a_request_the_caseworker_answers(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    caseworker = meeting.citizen.caseworker_id
    _choose(session, meeting, Mode.WITHOUT)
    assert meetings.current_participation(session, meeting).status == RequestStatus.PENDING
    at = meeting.change_deadline - timedelta(days=1)

    def assess(accept, reason, version):
        meetings.assess_request(
            session, meeting, accept, reason, at=at, actor_id=caseworker, expected_version=version
        )

    assert _refused(assess, False, "", 2) == "reason_required"
    assert _refused(assess, True, None, 1) == "request_changed"
    assert _refused(assess, True, None, None) == "request_changed"
    assess(True, "Sagen er godt oplyst.", 2)
    current = meetings.current_participation(session, meeting)
    assert (current.mode, current.status, current.source) == (
        Mode.WITHOUT,
        RequestStatus.ACCEPTED,
        Source.ASSESSMENT,
    )
    assert current.reason == "Sagen er godt oplyst."
    assert current.actor_id == caseworker
    # Answering twice is refused: there is no pending request any more.
    assert _refused(assess, True, None, 3) == "no_pending_request"
    assert len(meetings.participation_history(session, meeting)) == 2


def test_there_is_nothing_to_assess_without_a_pending_request(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    make.participation(session, meeting, Mode.IN_PERSON, at=meeting.change_deadline)
    with pytest.raises(DomainError) as error:
        meetings.assess_request(
            session,
            meeting,
            True,
            None,
            at=meeting.change_deadline,
            actor_id=None,
            expected_version=2,
        )
    assert error.value.code == "no_pending_request"


def test_after_a_declined_request_the_citizen_may_ask_again(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    at = meeting.change_deadline - timedelta(days=1)
    make.participation(session, meeting, Mode.WITHOUT, at=at, status=RequestStatus.PENDING)
    meetings.assess_request(
        session,
        meeting,
        False,
        "Vi vil gerne møde dig.",
        at=at,
        actor_id=meeting.citizen.caseworker_id,
        expected_version=2,
    )
    current = meetings.current_participation(session, meeting)
    assert (current.status, current.reason) == (RequestStatus.DECLINED, "Vi vil gerne møde dig.")
    assert _choose(session, meeting, Mode.WITHOUT, at=at, version=3)
    assert meetings.current_participation(session, meeting).status == RequestStatus.PENDING


def test_video_link_only_when_virtual_with_consent_and_from_the_opening_time(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    who = meeting.citizen_id
    opens = meeting.starts_at - timedelta(minutes=meeting.video_opens_minutes)
    before_deadline = meeting.change_deadline - timedelta(days=1)
    meetings.set_consent(session, meeting, True, at=before_deadline, actor_id=who)
    assert not meetings.state(session, meeting, opens).video_link_shown  # not virtual yet
    _choose(session, meeting, Mode.VIRTUAL, at=before_deadline)
    assert not meetings.state(session, meeting, opens - timedelta(seconds=1)).video_link_shown
    assert meetings.state(session, meeting, opens).video_link_shown
    assert not meetings.state(session, meeting, meetings.ends_at(meeting)).video_link_shown
    meetings.set_consent(session, meeting, False, at=opens, actor_id=who)
    assert not meetings.state(session, meeting, opens).video_link_shown


def test_the_state_counts_the_versions_a_form_carries(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    at = meeting.change_deadline - timedelta(days=1)
    state = meetings.state(session, meeting, at)
    assert (state.mode, state.version, state.can_change) == (Mode.IN_PERSON, 1, True)
    make.participation(session, meeting, Mode.WITHOUT, at=at, status=RequestStatus.PENDING)
    state = meetings.state(session, meeting, meeting.change_deadline)
    assert (state.mode, state.version, state.can_change) == (Mode.WITHOUT, 2, False)


def _video(session, meeting, *, at=None, version=1):
    """The citizen's "yes" to the consent question, as the confirm route does it: consent, then
    the choice, in one transaction (the request's unit of work)."""
    at = at or meeting.change_deadline - timedelta(days=1)
    meetings.set_consent(session, meeting, True, at=at, actor_id=meeting.citizen_id)
    return _choose(session, meeting, Mode.VIRTUAL, at=at, version=version)


def test_consent_then_video_in_one_transaction(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    assert _video(session, meeting)
    session.commit()
    assert meetings.consent_given(session, meeting)
    assert meetings.current_participation(session, meeting).mode == Mode.VIRTUAL
    assert not _video(session, meeting, version=2)  # a replay writes nothing
    assert len(meetings.consent_history(session, meeting)) == 1


@pytest.mark.parametrize(
    ("moment", "code"), [("deadline", "deadline_passed"), ("stale", "choice_changed")]
)
def test_a_refused_video_choice_rolled_back_leaves_neither_record(empty_session, moment, code):
    """The savepoints of the two writes stay inside the request's transaction (also on SQLite,
    portal/extensions.py), so the unit of work's rollback takes the consent back too."""
    session = empty_session
    meeting = make.meeting(session)
    if moment == "deadline":
        assert _refused(_video, session, meeting, at=meeting.change_deadline) == code
    else:
        assert _refused(_video, session, meeting, version=7) == code
    session.rollback()
    assert meetings.consent_history(session, meeting) == []
    assert meetings.current_participation(session, meeting) is None


def test_checking_a_choice_writes_nothing_and_asks_for_consent_later(empty_session):
    session = empty_session
    meeting = make.meeting(session)
    at = meeting.change_deadline - timedelta(days=1)
    # Video without consent passes the check (consent is asked on the next page), and the
    # follow-up answers are checked only once given.
    meetings.check_choice(session, meeting, Mode.VIRTUAL, at=at, expected_version=1)
    meetings.check_choice(
        session, meeting, Mode.REPRESENTED, at=at, expected_version=1, follow_ups=False
    )
    code = _refused(
        meetings.check_choice, session, meeting, Mode.REPRESENTED, at=at, expected_version=1
    )
    assert code == "representative_name_required"
    code = _refused(
        meetings.check_choice, session, meeting, Mode.IN_PERSON, at=at, expected_version=2
    )
    assert code == "choice_changed"
    assert session.query(ParticipationRecord).count() == 0
    # Choosing it for real still needs consent in force.
    assert _refused(_choose, session, meeting, Mode.VIRTUAL) == "virtual_needs_consent"


def test_choosing_the_switched_choice_makes_it_the_citizens_own(empty_session):
    """After consent was withdrawn the portal chose in person; choosing in person then writes
    the citizen's own record (so the front page stops asking them to choose)."""
    session = empty_session
    meeting = make.meeting(session)
    at = meeting.change_deadline - timedelta(days=2)
    _video(session, meeting, at=at)
    meetings.set_consent(session, meeting, False, at=at, actor_id=meeting.citizen_id)
    assert meetings.current_participation(session, meeting).source == Source.CONSENT_WITHDRAWN
    assert _choose(session, meeting, Mode.IN_PERSON, at=at, version=3)
    assert meetings.current_participation(session, meeting).source == Source.CHOICE


@pytest.mark.parametrize(
    ("mode", "needed", "language", "stored"),
    [
        (Mode.IN_PERSON, True, " arabisk ", "arabisk"),
        (Mode.IN_PERSON, False, "arabisk", None),  # not needed: a typed language is not kept
        (Mode.REPRESENTED, True, "arabisk", None),  # the citizen does not take part
        (Mode.WITHOUT, True, "arabisk", None),
    ],
)
def test_the_interpreter_need_is_kept_only_where_it_applies(
    empty_session, mode, needed, language, stored
):
    meeting = make.meeting(empty_session)
    represented = dict(representative_name="Mads", representative_relation="søn")
    extra = represented if mode == Mode.REPRESENTED else {}
    assert _choose(
        empty_session,
        meeting,
        mode,
        interpreter_needed=needed,
        interpreter_language=language,
        **extra,
    )
    assert meetings.current_participation(empty_session, meeting).interpreter_language == stored


def test_an_interpreter_needs_a_language_and_a_changed_language_is_a_new_choice(empty_session):
    meeting = make.meeting(empty_session)
    code = _refused(_choose, empty_session, meeting, Mode.IN_PERSON, interpreter_needed=True)
    assert code == "interpreter_language_required"
    assert (
        _refused(
            _choose,
            empty_session,
            meeting,
            Mode.IN_PERSON,
            interpreter_needed=True,
            interpreter_language="x" * 61,
        )
        == "language_too_long"
    )
    farsi = dict(interpreter_needed=True, interpreter_language="farsi")
    assert _choose(empty_session, meeting, Mode.IN_PERSON, **farsi)
    assert not _choose(empty_session, meeting, Mode.IN_PERSON, version=2, **farsi)
    assert _choose(
        empty_session,
        meeting,
        Mode.IN_PERSON,
        version=2,
        interpreter_needed=True,
        interpreter_language="dari",
    )


def test_withdrawing_consent_keeps_the_interpreter_when_switching_to_in_person(empty_session):
    meeting = make.meeting(empty_session)
    at = meeting.change_deadline - timedelta(days=1)
    meetings.set_consent(empty_session, meeting, True, at=at, actor_id=meeting.citizen_id)
    _choose(
        empty_session,
        meeting,
        Mode.VIRTUAL,
        at=at,
        interpreter_needed=True,
        interpreter_language="somali",
    )
    meetings.set_consent(
        empty_session, meeting, False, at=at + timedelta(hours=1), actor_id=meeting.citizen_id
    )
    current = meetings.current_participation(empty_session, meeting)
    assert (current.mode, current.interpreter_language) == (Mode.IN_PERSON, "somali")
