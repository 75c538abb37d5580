"""The caseworker plans the meeting: when, where, the video link, the team and the deadline."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from portal.models import Meeting, MeetingMember, TeamRole
from portal.services.errors import DomainError
from portal.services.meeting.rules import (
    DEFAULT_DURATION,
    DEFAULT_VIDEO_OPENS,
    DURATION_MAX,
    DURATION_MIN,
    PLACE_MAX,
    URL_MAX,
    clean,
    default_deadline,
)
from portal.services.notifications import outbox


def plan_meeting(
    session: Session,
    citizen_id: int,
    *,
    starts_at: datetime,
    at: datetime,
    actor_id: int,
    place: str | None,
    video_url: str | None,
    roles: dict[str, str | None],
    change_deadline: datetime | None = None,
    duration_minutes: int = DEFAULT_DURATION,
    meeting: Meeting | None = None,
) -> Meeting:
    """Create the meeting, or change `meeting`. `roles` maps a TeamRole to an optional name.

    Saving the same plan again changes the meeting in place: a replay adds no second meeting.
    """
    if starts_at <= at:
        raise DomainError("starts_in_past", field="start_date")
    place = clean(place, "place", PLACE_MAX, "place_too_long")
    video_url = clean(video_url, "video_url", URL_MAX, "video_url_too_long")
    if video_url and not video_url.startswith("https://"):
        raise DomainError("video_url_https", field="video_url")
    if not place and not video_url:
        raise DomainError("place_or_video", field="place")
    if not roles:
        raise DomainError("roles_required", field="roles")
    for role in roles:
        TeamRole(role)
    deadline = change_deadline or default_deadline(starts_at)
    if deadline > starts_at:
        raise DomainError("deadline_after_start", field="deadline_date")
    if not DURATION_MIN <= duration_minutes <= DURATION_MAX:
        raise DomainError("duration_range", field="duration")
    changed = meeting is not None and (
        meeting.starts_at != starts_at or meeting.place != place or meeting.video_url != video_url
    )
    if meeting is None:
        meeting = Meeting(citizen_id=citizen_id, created_at=at, created_by_id=actor_id)
        session.add(meeting)
    meeting.starts_at = starts_at
    meeting.duration_minutes = duration_minutes
    meeting.place = place
    meeting.video_url = video_url
    meeting.change_deadline = deadline
    meeting.video_opens_minutes = meeting.video_opens_minutes or DEFAULT_VIDEO_OPENS
    meeting.members.clear()
    for role, name in roles.items():
        meeting.members.append(MeetingMember(role=role, name=clean(name, f"name_{role}")))
    session.flush()
    outbox.meeting_planned(session, meeting, changed=changed, now=at)
    return meeting
