"""The rehabilitation meeting: consent to a virtual meeting, participation mode, preparation.

Consent and participation are append-only: every change is a new record, and the current state
is read from the latest one. Every function that changes something checks the rules first and
raises DomainError before writing anything, so a refused change leaves no trace but the audit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal import clock
from portal.models import (
    ConsentRecord,
    Meeting,
    MeetingMember,
    Mode,
    ParticipationRecord,
    Preparation,
    PreparationSending,
    RequestStatus,
    Source,
    TeamRole,
)
from portal.services.errors import DomainError, NotFound

DEFAULT_DURATION = 30
DEFAULT_VIDEO_OPENS = 15
DEADLINE_WORKING_DAYS = 2
NAME_MAX = 120
REASON_MAX = 1000
ANSWER_MAX = 4000
PLACE_MAX = 200
URL_MAX = 300

# The preparation, one topic per page, in the order the citizen meets them.
SECTIONS = ("situation", "health", "abilities", "goal", "team_note", "companion")


# --- Dates ---------------------------------------------------------------------------------


def working_days_before(day: date, count: int) -> date:
    """`count` working days before `day`, skipping Saturdays and Sundays.

    Public holidays are not counted yet (see README); the caseworker can set the deadline by hand.
    """
    while count > 0:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def default_deadline(starts_at: datetime) -> datetime:
    """Two working days before the meeting, at the same Danish wall-clock time.

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


# --- Reading ---------------------------------------------------------------------------------


def current_meeting(session: Session, citizen_id: int, at: datetime) -> Meeting | None:
    """The citizen's next meeting that has not ended yet."""
    meetings = session.scalars(
        select(Meeting).where(Meeting.citizen_id == citizen_id).order_by(Meeting.starts_at)
    ).all()
    return next((m for m in meetings if ends_at(m) > at), None)


def meeting_of(session: Session, citizen_id: int, meeting_id: int) -> Meeting:
    meeting = session.scalar(
        select(Meeting).where(Meeting.id == meeting_id, Meeting.citizen_id == citizen_id)
    )
    if meeting is None:
        raise NotFound("meeting")
    return meeting


def consent_history(session: Session, meeting: Meeting) -> list[ConsentRecord]:
    """Newest first."""
    return list(
        session.scalars(
            select(ConsentRecord)
            .where(ConsentRecord.meeting_id == meeting.id)
            .order_by(ConsentRecord.at.desc(), ConsentRecord.id.desc())
        )
    )


def consent_given(session: Session, meeting: Meeting) -> bool:
    history = consent_history(session, meeting)
    return bool(history) and history[0].given


def participation_history(session: Session, meeting: Meeting) -> list[ParticipationRecord]:
    """Newest first."""
    return list(
        session.scalars(
            select(ParticipationRecord)
            .where(ParticipationRecord.meeting_id == meeting.id)
            .order_by(ParticipationRecord.at.desc(), ParticipationRecord.id.desc())
        )
    )


def current_participation(session: Session, meeting: Meeting) -> ParticipationRecord | None:
    history = participation_history(session, meeting)
    return history[0] if history else None


def consent_record_of(session: Session, citizen_id: int, record_id: int) -> ConsentRecord:
    record = session.scalar(
        select(ConsentRecord)
        .join(Meeting, ConsentRecord.meeting_id == Meeting.id)
        .where(ConsentRecord.id == record_id, Meeting.citizen_id == citizen_id)
    )
    if record is None:
        raise NotFound("consent_record")
    return record


@dataclass(frozen=True)
class MeetingState:
    meeting: Meeting
    consent: bool
    consent_history: list[ConsentRecord]
    participation: ParticipationRecord | None
    participation_history: list[ParticipationRecord]
    can_change: bool
    video_link_shown: bool

    @property
    def mode(self) -> str:
        """The mode in force; with no choice yet, the citizen is expected in person."""
        return self.participation.mode if self.participation else Mode.IN_PERSON

    @property
    def version(self) -> int:
        """How many participation records exist: a form carries it, so a replay is noticed."""
        return len(self.participation_history)


def state(session: Session, meeting: Meeting, at: datetime) -> MeetingState:
    consents = consent_history(session, meeting)
    participations = participation_history(session, meeting)
    consent = bool(consents) and consents[0].given
    current = participations[0] if participations else None
    video = (
        consent
        and current is not None
        and current.mode == Mode.VIRTUAL
        and bool(meeting.video_url)
        and meeting.starts_at - timedelta(minutes=meeting.video_opens_minutes)
        <= at
        < ends_at(meeting)
    )
    return MeetingState(
        meeting=meeting,
        consent=consent,
        consent_history=consents,
        participation=current,
        participation_history=participations,
        can_change=can_change(meeting, at),
        video_link_shown=video,
    )


def _write_next_record(session: Session) -> None:
    """Flush a new record. If another request wrote the same step first (a double-click racing
    itself), the unique (meeting_id, seq) constraint refuses it: nothing is written twice."""
    try:
        session.flush()
    except IntegrityError:
        raise DomainError("stale") from None


# --- Consent ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentOutcome:
    changed: bool  # False: it already was as asked, nothing written
    switched_to_in_person: bool = False


def set_consent(
    session: Session,
    meeting: Meeting,
    give: bool,
    *,
    at: datetime,
    actor_id: int,
    on_behalf_of_id: int | None = None,
) -> ConsentOutcome:
    """Give or withdraw consent to a virtual meeting.

    Asking for the state that is already in force writes nothing (a replayed or double-clicked
    form changes nothing twice). Giving needs the deadline not to have passed; withdrawing is
    possible until the meeting ends, because consent can always be taken back. Withdrawing while
    "virtuelt" is chosen switches the choice to in person in the same transaction.
    """
    if at >= ends_at(meeting):
        raise DomainError("meeting_over")
    consents = consent_history(session, meeting)
    if (bool(consents) and consents[0].given) == give:
        return ConsentOutcome(changed=False)
    if give and not can_change(meeting, at):
        raise DomainError("deadline_passed")
    # Read everything before adding: a query would autoflush the new record early.
    participations = participation_history(session, meeting)
    current = participations[0] if participations else None
    session.add(
        ConsentRecord(
            meeting_id=meeting.id,
            seq=len(consents) + 1,
            given=give,
            at=at,
            actor_id=actor_id,
            on_behalf_of_id=on_behalf_of_id,
        )
    )
    switched = False
    if not give and current is not None and current.mode == Mode.VIRTUAL:
        session.add(
            ParticipationRecord(
                meeting_id=meeting.id,
                seq=len(participations) + 1,
                mode=Mode.IN_PERSON,
                source=Source.CONSENT_WITHDRAWN,
                at=at,
                actor_id=actor_id,
                on_behalf_of_id=on_behalf_of_id,
            )
        )
        switched = True
    _write_next_record(session)
    return ConsentOutcome(changed=True, switched_to_in_person=switched)


# --- Participation ----------------------------------------------------------------------------


def _clean(value: str | None, field: str, limit: int = NAME_MAX) -> str | None:
    value = (value or "").strip() or None
    if value and len(value) > limit:
        raise DomainError("too_long", field=field)
    return value


def choose_participation(
    session: Session,
    meeting: Meeting,
    mode: str,
    *,
    at: datetime,
    actor_id: int,
    expected_version: int,
    representative_name: str | None = None,
    representative_relation: str | None = None,
    companion_name: str | None = None,
    on_behalf_of_id: int | None = None,
) -> bool:
    """Record a new participation choice. Returns False when it is exactly the choice in force.

    `expected_version` is the number of records the citizen's form was built on: if something
    changed in between (a replayed form, another tab), we refuse rather than guess.
    """
    try:
        mode = Mode(mode)
    except ValueError:
        raise DomainError("mode_unknown", field="mode") from None
    name = _clean(representative_name, "representative_name")
    relation = _clean(representative_relation, "representative_relation")
    companion = _clean(companion_name, "companion_name")
    if mode == Mode.REPRESENTED:
        if not name:
            raise DomainError("representative_name_required", field="representative_name")
        if not relation:
            raise DomainError("representative_relation_required", field="representative_relation")
    else:
        name = relation = None
    if mode == Mode.WITHOUT:  # nobody comes along to a meeting the citizen does not attend
        companion = None

    history = participation_history(session, meeting)
    current = history[0] if history else None
    if current is not None and _same_choice(current, mode, name, relation, companion):
        return False
    if expected_version != len(history):
        raise DomainError("stale", field="mode")
    if not can_change(meeting, at):
        raise DomainError("deadline_passed", field="mode")
    if mode == Mode.VIRTUAL and not consent_given(session, meeting):
        raise DomainError("virtual_needs_consent", field="mode")
    session.add(
        ParticipationRecord(
            meeting_id=meeting.id,
            seq=len(history) + 1,
            mode=mode,
            representative_name=name,
            representative_relation=relation,
            companion_name=companion,
            status=RequestStatus.PENDING if mode == Mode.WITHOUT else None,
            source=Source.CHOICE,
            at=at,
            actor_id=actor_id,
            on_behalf_of_id=on_behalf_of_id,
        )
    )
    _write_next_record(session)
    return True


def _same_choice(current: ParticipationRecord, mode, name, relation, companion) -> bool:
    # A declined request is not "the same" as asking again: the citizen may ask anew.
    if current.mode == Mode.WITHOUT and current.status == RequestStatus.DECLINED:
        return False
    return (current.mode, current.representative_name, current.representative_relation) == (
        mode,
        name,
        relation,
    ) and (current.companion_name or None) == companion


def assess_request(
    session: Session,
    meeting: Meeting,
    accept: bool,
    reason: str | None,
    *,
    at: datetime,
    actor_id: int,
    expected_version: int,
) -> None:
    """The caseworker answers a pending "uden deltagelse" request, with a reason the citizen reads."""
    reason = _clean(reason, "reason", REASON_MAX)
    history = participation_history(session, meeting)
    current = history[0] if history else None
    if current is None or current.mode != Mode.WITHOUT or current.status != RequestStatus.PENDING:
        raise DomainError("no_pending_request")
    if expected_version != len(history):
        raise DomainError("stale")
    if not accept and not reason:
        raise DomainError("reason_required", field="reason")
    session.add(
        ParticipationRecord(
            meeting_id=meeting.id,
            seq=len(history) + 1,
            mode=Mode.WITHOUT,
            status=RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED,
            reason=reason,
            source=Source.ASSESSMENT,
            at=at,
            actor_id=actor_id,
        )
    )
    _write_next_record(session)


# --- Planning the meeting (caseworker) -----------------------------------------------------


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
    """Create the meeting, or change `meeting`. `roles` maps a TeamRole to an optional name."""
    if starts_at <= at:
        raise DomainError("starts_in_past", field="start_date")
    place = _clean(place, "place", PLACE_MAX)
    video_url = _clean(video_url, "video_url", URL_MAX)
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
    if not 10 <= duration_minutes <= 240:
        raise DomainError("duration_range", field="duration")
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
        meeting.members.append(MeetingMember(role=role, name=_clean(name, f"name_{role}")))
    session.flush()
    return meeting


# --- Preparation --------------------------------------------------------------------------------


def preparation_of(session: Session, meeting: Meeting) -> Preparation | None:
    return session.scalar(select(Preparation).where(Preparation.meeting_id == meeting.id))


def save_answer(
    session: Session, meeting: Meeting, section: str, text: str | None, *, at: datetime
) -> Preparation:
    """Save one section as a draft. Saving the same text again only refreshes the saved time."""
    if section not in SECTIONS:
        raise NotFound("section")
    text = (text or "").strip() or None
    if text and len(text) > ANSWER_MAX:
        raise DomainError("answer_too_long", field="answer")
    preparation = preparation_of(session, meeting)
    if preparation is None:
        preparation = Preparation(meeting_id=meeting.id)
        session.add(preparation)
    setattr(preparation, section, text)
    preparation.saved_at = at
    session.flush()
    return preparation


def has_unsent_changes(preparation: Preparation | None) -> bool:
    if preparation is None or preparation.saved_at is None:
        return False
    return preparation.sent_at is None or preparation.saved_at > preparation.sent_at


def send_preparation(
    session: Session, meeting: Meeting, *, at: datetime, actor_id: int | None = None
) -> bool:
    """Send the preparation to the caseworker: a copy of the answers as they are now, which later
    drafts never change. Returns False when nothing new was there to send."""
    preparation = preparation_of(session, meeting)
    if preparation is None or not any(getattr(preparation, s) for s in SECTIONS):
        raise DomainError("preparation_empty")
    if not has_unsent_changes(preparation):
        return False
    preparation.sent_at = at
    session.add(
        PreparationSending(
            meeting_id=meeting.id,
            sent_at=at,
            actor_id=actor_id,
            **{section: getattr(preparation, section) for section in SECTIONS},
        )
    )
    session.flush()
    return True


def last_sent(session: Session, meeting: Meeting) -> PreparationSending | None:
    """The preparation as the caseworker last received it."""
    return session.scalar(
        select(PreparationSending)
        .where(PreparationSending.meeting_id == meeting.id)
        .order_by(PreparationSending.sent_at.desc(), PreparationSending.id.desc())
        .limit(1)
    )


def next_section(section: str) -> str | None:
    index = SECTIONS.index(section)
    return SECTIONS[index + 1] if index + 1 < len(SECTIONS) else None


def previous_section(section: str) -> str | None:
    index = SECTIONS.index(section)
    return SECTIONS[index - 1] if index > 0 else None


def is_under_30(birth_date: date | None, on: date) -> bool:
    if birth_date is None:
        return False
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    return age < 30
