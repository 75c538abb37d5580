"""How the citizen takes part in the meeting, and the caseworker's answer to "uden deltagelse"."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from portal.models import Meeting, Mode, ParticipationRecord, RequestStatus, Source
from portal.services.errors import DomainError
from portal.services.meeting import records
from portal.services.meeting.rules import (
    CHOICE_CHANGED,
    LANGUAGE_MAX,
    REASON_MAX,
    REQUEST_CHANGED,
    can_change,
    clean,
)


def choose_participation(
    session: Session,
    meeting: Meeting,
    mode: str,
    *,
    at: datetime,
    actor_id: int,
    expected_version: int | None,
    representative_name: str | None = None,
    representative_relation: str | None = None,
    companion_name: str | None = None,
    on_behalf_of_id: int | None = None,
    interpreter_needed: bool = False,
    interpreter_language: str | None = None,
) -> bool:
    """Record a new participation choice. Returns False when it is exactly the choice in force.

    `expected_version` is the version (`MeetingState.version`) the citizen's form was built on: if
    something changed in between (a replayed form, another tab), we refuse rather than guess.
    None (a form that did not say) is never the current version.
    """
    record = _next_choice(
        session,
        meeting,
        mode,
        at=at,
        actor_id=actor_id,
        expected_version=expected_version,
        representative_name=representative_name,
        representative_relation=representative_relation,
        companion_name=companion_name,
        on_behalf_of_id=on_behalf_of_id,
        interpreter_needed=interpreter_needed,
        interpreter_language=interpreter_language,
    )
    if record is None:
        return False
    records.write_next_records(session, record, changed=CHOICE_CHANGED)
    return True


def _next_choice(
    session: Session,
    meeting: Meeting,
    mode: str,
    *,
    at: datetime,
    actor_id: int,
    expected_version: int | None,
    representative_name: str | None = None,
    representative_relation: str | None = None,
    companion_name: str | None = None,
    on_behalf_of_id: int | None = None,
    interpreter_needed: bool = False,
    interpreter_language: str | None = None,
    follow_ups: bool = True,
    needs_consent: bool = True,
) -> ParticipationRecord | None:
    """The checked next record of the choice, or None when it repeats the choice in force.
    `follow_ups` False: the follow-up answers (representative, interpreter) are not given yet
    and not checked. `needs_consent` False: video is checked without consent being in force
    yet (the consent question comes later in the flow)."""
    try:
        mode = Mode(mode)
    except ValueError:
        raise DomainError("mode_unknown", field="mode") from None
    name = clean(representative_name, "representative_name")
    relation = clean(representative_relation, "representative_relation")
    companion = clean(companion_name, "companion_name")
    if mode == Mode.REPRESENTED and follow_ups:
        if not name:
            raise DomainError("representative_name_required", field="representative_name")
        if not relation:
            raise DomainError("representative_relation_required", field="representative_relation")
    else:
        name = relation = None
    if mode == Mode.WITHOUT:  # nobody comes along to a meeting the citizen does not attend
        companion = None
    language = interpreter(mode, interpreter_needed and follow_ups, interpreter_language)

    history = records.participation_history(session, meeting)
    current = history[0] if history else None
    if current is not None and same_choice(current, mode, name, relation, companion, language):
        return None
    if expected_version != records.version_of(history):
        raise DomainError(CHOICE_CHANGED, field="mode")
    if not can_change(meeting, at):
        raise DomainError("deadline_passed", field="mode")
    if mode == Mode.VIRTUAL and needs_consent and not records.consent_given(session, meeting):
        raise DomainError("virtual_needs_consent", field="mode")
    return ParticipationRecord(
        meeting_id=meeting.id,
        seq=len(history) + 1,
        mode=mode,
        representative_name=name,
        representative_relation=relation,
        companion_name=companion,
        interpreter_language=language,
        status=RequestStatus.PENDING if mode == Mode.WITHOUT else None,
        source=Source.CHOICE,
        at=at,
        actor_id=actor_id,
        on_behalf_of_id=on_behalf_of_id,
    )


def interpreter(mode: str, needed: bool, language: str | None) -> str | None:
    """The language an interpreter is needed for, or None. It applies only when the citizen
    takes part (in person or on video); needed without a language is refused."""
    if mode not in (Mode.IN_PERSON, Mode.VIRTUAL) or not needed:
        return None
    language = clean(language, "interpreter_language", limit=LANGUAGE_MAX, code="language_too_long")
    if not language:
        raise DomainError("interpreter_language_required", field="interpreter_language")
    return language


def same_choice(
    current: ParticipationRecord, mode, name, relation, companion, language=None
) -> bool:
    """Whether asking for this choice repeats the one in force (then nothing is written)."""
    # A declined request is not "the same" as asking again: the citizen may ask anew.
    if current.mode == Mode.WITHOUT and current.status == RequestStatus.DECLINED:
        return False
    # A choice the portal made (in person, when consent was withdrawn) becomes the citizen's own
    # when they choose it: a new record, so nothing asks them to choose again.
    if current.source == Source.CONSENT_WITHDRAWN:
        return False
    return (current.mode, current.representative_name, current.representative_relation) == (
        mode,
        name,
        relation,
    ) and (current.companion_name or None, current.interpreter_language) == (companion, language)


def assess_request(
    session: Session,
    meeting: Meeting,
    accept: bool,
    reason: str | None,
    *,
    at: datetime,
    actor_id: int,
    expected_version: int | None,
) -> None:
    """The caseworker answers a pending "uden deltagelse" request, with a reason the citizen reads.

    Answering twice (a replayed form) finds no pending request and is refused; a form built on
    an older version of the citizen's choices is refused as stale.
    """
    reason = clean(reason, "reason", REASON_MAX, "assessment_reason_too_long")
    history = records.participation_history(session, meeting)
    current = history[0] if history else None
    if current is None or current.mode != Mode.WITHOUT or current.status != RequestStatus.PENDING:
        raise DomainError("no_pending_request")
    if expected_version != records.version_of(history):
        raise DomainError(REQUEST_CHANGED)
    if not accept and not reason:
        raise DomainError("reason_required", field="reason")
    records.write_next_records(
        session,
        ParticipationRecord(
            meeting_id=meeting.id,
            seq=len(history) + 1,
            mode=Mode.WITHOUT,
            status=RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED,
            reason=reason,
            source=Source.ASSESSMENT,
            at=at,
            actor_id=actor_id,
        ),
        changed=REQUEST_CHANGED,
    )


def check_choice(
    session: Session,
    meeting: Meeting,
    mode: str,
    *,
    at: datetime,
    expected_version: int | None,
    follow_ups: bool = True,
    representative_name: str | None = None,
    representative_relation: str | None = None,
    companion_name: str | None = None,
    interpreter_needed: bool = False,
    interpreter_language: str | None = None,
) -> None:
    """Check a choice on its way through the question pages, writing nothing: the same rules as
    `choose_participation`, except that consent to video is asked later in the flow, and the
    follow-up answers only once they are given (`follow_ups`)."""
    _next_choice(
        session,
        meeting,
        mode,
        at=at,
        actor_id=0,
        expected_version=expected_version,
        representative_name=representative_name,
        representative_relation=representative_relation,
        companion_name=companion_name,
        interpreter_needed=interpreter_needed,
        interpreter_language=interpreter_language,
        follow_ups=follow_ups,
        needs_consent=False,
    )
