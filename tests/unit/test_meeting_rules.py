"""The meeting's rules that need no database: the change deadline (to the second, across DST),
cleaning input, what counts as the same choice, age, and who may consent."""

from datetime import UTC, date, datetime, timedelta

import pytest

from portal import clock
from portal.models import Meeting, Mode, ParticipationRecord, RequestStatus
from portal.services import meeting as meetings
from portal.services.errors import DomainError
from portal.services.meeting.participation import same_choice
from portal.services.meeting.rules import clean


def _meeting(starts_at: datetime, duration: int = 30) -> Meeting:
    """A meeting that lives only in memory: the rules read its fields, nothing else."""
    return Meeting(
        starts_at=starts_at,
        duration_minutes=duration,
        change_deadline=meetings.default_deadline(starts_at),
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


def test_default_deadline_skips_easter():
    # Tuesday 30 March 2027 at 13.00: Easter Monday, Easter weekend, Good Friday and Maundy
    # Thursday are not counted, so the two working days are Wednesday 24 and Tuesday 23 March.
    meeting = clock.at_local(date(2027, 3, 30), 13)
    assert meetings.default_deadline(meeting) == clock.at_local(date(2027, 3, 23), 13)


def test_default_deadline_skips_store_bededag_only_before_2024():
    # Monday after Store bededag: 2023 skips Friday 5 May; 2024 counts Friday 26 April.
    assert meetings.default_deadline(clock.at_local(date(2023, 5, 8), 10)) == clock.at_local(
        date(2023, 5, 3), 10
    )
    assert meetings.default_deadline(clock.at_local(date(2024, 4, 29), 10)) == clock.at_local(
        date(2024, 4, 25), 10
    )


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


def test_choices_can_change_until_just_before_the_deadline_not_at_it():
    meeting = _meeting(clock.at_local(date(2030, 3, 7), 10))
    deadline = meeting.change_deadline
    assert meetings.can_change(meeting, deadline - timedelta(seconds=1))
    assert not meetings.can_change(meeting, deadline)
    assert not meetings.can_change(meeting, deadline + timedelta(seconds=1))


def test_a_deadline_set_across_dst_is_compared_as_an_instant():
    meeting = _meeting(clock.at_local(date(2026, 3, 31), 10))
    # 10.00 local on Friday 27 March is 09.00 UTC; 09.59 UTC that day is after it.
    assert meetings.can_change(meeting, datetime(2026, 3, 27, 8, 59, 59, tzinfo=UTC))
    assert not meetings.can_change(meeting, datetime(2026, 3, 27, 9, 0, tzinfo=UTC))


def test_the_meeting_ends_after_its_duration():
    starts = clock.at_local(date(2030, 3, 7), 10)
    assert meetings.ends_at(_meeting(starts, duration=45)) == starts + timedelta(minutes=45)


# --- Input and choices --------------------------------------------------------------------------


def test_clean_trims_empties_to_none_and_refuses_too_long_next_to_the_field():
    assert clean("  Mads  ", "name") == "Mads"
    assert clean("   ", "name") is None and clean(None, "name") is None
    assert clean("x" * 120, "name") == "x" * 120
    with pytest.raises(DomainError) as error:
        clean("x" * 121, "companion_name")
    assert (error.value.code, error.value.field) == ("name_too_long", "companion_name")
    assert clean("x" * 1000, "reason", 1000) == "x" * 1000
    with pytest.raises(DomainError) as error:
        clean("x" * 1001, "reason", 1000, "assessment_reason_too_long")
    assert (error.value.code, error.value.field) == ("assessment_reason_too_long", "reason")


def test_the_same_choice_again_is_a_replay_but_a_declined_request_may_be_asked_anew():
    represented = ParticipationRecord(
        mode=Mode.REPRESENTED, representative_name="Mads", representative_relation="søn"
    )
    assert same_choice(represented, Mode.REPRESENTED, "Mads", "søn", None)
    assert not same_choice(represented, Mode.REPRESENTED, "Mads", "far", None)
    assert not same_choice(represented, Mode.REPRESENTED, "Mads", "søn", "Birgit")
    pending = ParticipationRecord(mode=Mode.WITHOUT, status=RequestStatus.PENDING)
    assert same_choice(pending, Mode.WITHOUT, None, None, None)
    declined = ParticipationRecord(mode=Mode.WITHOUT, status=RequestStatus.DECLINED)
    assert not same_choice(declined, Mode.WITHOUT, None, None, None)


def test_under_30():
    assert meetings.is_under_30(date(2000, 6, 2), date(2030, 6, 1))
    assert not meetings.is_under_30(date(2000, 6, 1), date(2030, 6, 1))
    assert not meetings.is_under_30(None, date(2030, 6, 1))


def test_preparation_sections_step_forward_and_back():
    assert meetings.next_section("situation") == "health"
    assert meetings.next_section(meetings.SECTIONS[-1]) is None
    assert meetings.previous_section("health") == "situation"
    assert meetings.previous_section("situation") is None


def test_consent_is_the_citizens_own_and_no_fuldmagt_covers_it():
    from portal.web.access import CITIZEN_ACTIONS, Access, Action, Scope

    assert CITIZEN_ACTIONS[Action.MEETING_CONSENT].scopes == frozenset()
    assert CITIZEN_ACTIONS[Action.MEETING_CONSENT].access is Access.CHANGE
    assert Scope.MEETING in CITIZEN_ACTIONS[Action.MEETING_PARTICIPATION].scopes
    assert Scope.MEETING in CITIZEN_ACTIONS[Action.MEETING_PREPARATION].scopes
