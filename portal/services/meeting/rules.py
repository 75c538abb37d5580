"""Rules of the meeting that need no database: limits, the change deadline, cleaning input.

Pure functions over plain values and a Meeting's own fields, so they are tested without a session.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from portal import clock
from portal.models import Meeting
from portal.services.errors import DomainError
from portal.services.working_days import working_days_before

DEFAULT_DURATION = 30
DEFAULT_VIDEO_OPENS = 15
DEADLINE_WORKING_DAYS = 2
NAME_MAX = 120
LANGUAGE_MAX = 60
REASON_MAX = 1000
ANSWER_MAX = 4000
PLACE_MAX = 200
URL_MAX = 300
DURATION_MIN = 10
DURATION_MAX = 240

# The state changed since the form was built (another tab, a replay, two presses at once).
CHOICE_CHANGED = "choice_changed"  # the citizen's consent or participation
REQUEST_CHANGED = "request_changed"  # the citizen's request, as the caseworker answers it


def default_deadline(starts_at: datetime) -> datetime:
    """Two working days before the meeting, at the same Danish wall-clock time.

    Working days as `portal.services.working_days` defines them (holidays skipped): a meeting
    on Tuesday 30 March 2027 at 13:00 closes choices on Tuesday 23 March 2027 at 13:00.

    Computed on the local calendar, so a daylight-saving change in between moves the UTC
    instant, not the time the citizen reads.
    """
    local = clock.local(starts_at)
    day = working_days_before(local.date(), DEADLINE_WORKING_DAYS)
    return clock.at_local(day, local.hour, local.minute)


def can_change(meeting: Meeting, at: datetime) -> bool:
    """Choices can be changed strictly before the deadline; at the deadline they are fixed."""
    return at < meeting.change_deadline


def ends_at(meeting: Meeting) -> datetime:
    return meeting.starts_at + timedelta(minutes=meeting.duration_minutes)


def clean(
    value: str | None, field: str, limit: int = NAME_MAX, code: str = "name_too_long"
) -> str | None:
    """Trimmed text, None when empty; longer than `limit` is refused as `code` next to `field`."""
    value = (value or "").strip() or None
    if value and len(value) > limit:
        raise DomainError(code, field=field)
    return value


def is_under_30(birth_date: date | None, on: date) -> bool:
    if birth_date is None:
        return False
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    return age < 30
