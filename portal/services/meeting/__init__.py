"""The rehabilitation meeting: consent to a virtual meeting, participation mode, preparation,
and the caseworker's planning.

Every function that changes something checks the rules first and raises DomainError before
writing anything, so a refused change leaves no trace but the audit. Replays and double submits
are rules here too: asking for what is already in force writes nothing, a form built on an older
state is refused as stale.

    rules          limits, the change deadline, cleaning input (no database)
    records        reading a meeting, its histories and the state a page shows
    consent        giving and withdrawing consent
    participation  the citizen's choice and the caseworker's answer to a request
    planning       creating and changing the meeting
    preparation    drafts and sending them to the caseworker
"""

from portal.services.meeting.consent import ConsentOutcome, set_consent
from portal.services.meeting.participation import (
    assess_request,
    check_choice,
    choose_participation,
    interpreter,
)
from portal.services.meeting.planning import plan_meeting
from portal.services.meeting.preparation import (
    SECTIONS,
    has_unsent_changes,
    last_sent,
    next_section,
    preparation_of,
    previous_section,
    save_answer,
    section_number,
    send_preparation,
)
from portal.services.meeting.records import (
    MeetingState,
    consent_given,
    consent_history,
    consent_record_of,
    current_meeting,
    current_participation,
    meeting_of,
    participation_history,
    participation_record_of,
    state,
    upcoming_meeting,
    version_of,
)
from portal.services.meeting.rules import (
    ANSWER_MAX,
    CHOICE_CHANGED,
    DEADLINE_WORKING_DAYS,
    DEFAULT_DURATION,
    DEFAULT_VIDEO_OPENS,
    NAME_MAX,
    PLACE_MAX,
    REASON_MAX,
    REQUEST_CHANGED,
    URL_MAX,
    can_change,
    default_deadline,
    ends_at,
    is_under_30,
    working_days_before,
)

__all__ = [
    "ANSWER_MAX",
    "CHOICE_CHANGED",
    "DEADLINE_WORKING_DAYS",
    "DEFAULT_DURATION",
    "DEFAULT_VIDEO_OPENS",
    "NAME_MAX",
    "PLACE_MAX",
    "REASON_MAX",
    "REQUEST_CHANGED",
    "SECTIONS",
    "URL_MAX",
    "ConsentOutcome",
    "MeetingState",
    "assess_request",
    "can_change",
    "check_choice",
    "choose_participation",
    "consent_given",
    "consent_history",
    "consent_record_of",
    "current_meeting",
    "current_participation",
    "default_deadline",
    "ends_at",
    "has_unsent_changes",
    "interpreter",
    "is_under_30",
    "last_sent",
    "meeting_of",
    "next_section",
    "participation_history",
    "participation_record_of",
    "plan_meeting",
    "preparation_of",
    "previous_section",
    "save_answer",
    "section_number",
    "send_preparation",
    "set_consent",
    "state",
    "upcoming_meeting",
    "version_of",
    "working_days_before",
]
