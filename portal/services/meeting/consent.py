"""Consent to a virtual meeting: given or withdrawn, one append-only record per change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from portal.models import ConsentRecord, Meeting, Mode, ParticipationRecord, Source
from portal.services.errors import DomainError
from portal.services.meeting import records
from portal.services.meeting.rules import CHOICE_CHANGED, can_change, ends_at


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
    consents = records.consent_history(session, meeting)
    if (bool(consents) and consents[0].given) == give:
        return ConsentOutcome(changed=False)
    if give and not can_change(meeting, at):
        raise DomainError("deadline_passed")
    participations = records.participation_history(session, meeting)
    current = participations[0] if participations else None
    new = [
        ConsentRecord(
            meeting_id=meeting.id,
            seq=len(consents) + 1,
            given=give,
            at=at,
            actor_id=actor_id,
            on_behalf_of_id=on_behalf_of_id,
        )
    ]
    switched = not give and current is not None and current.mode == Mode.VIRTUAL
    if switched:
        new.append(
            ParticipationRecord(
                meeting_id=meeting.id,
                seq=len(participations) + 1,
                mode=Mode.IN_PERSON,
                interpreter_language=current.interpreter_language,
                source=Source.CONSENT_WITHDRAWN,
                at=at,
                actor_id=actor_id,
                on_behalf_of_id=on_behalf_of_id,
            )
        )
    records.write_next_records(session, *new, changed=CHOICE_CHANGED)
    return ConsentOutcome(changed=True, switched_to_in_person=switched)
