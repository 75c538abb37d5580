"""All models, imported here so Alembic and the app see one metadata."""

from portal.models.audit import AuditEvent
from portal.models.booking import (
    Booking,
    BookingKind,
    BookingStatus,
    CallbackRequest,
    ConversationForm,
    DeadlineWindow,
    Exemption,
    Slot,
)
from portal.models.delegation import Fuldmagt, FuldmagtEvent, FuldmagtEventKind
from portal.models.meeting import (
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
from portal.models.outcomes import Outcome, OutcomeKind, OutcomeReceipt, OutcomeVersion
from portal.models.people import Course, Person, PersonKind
from portal.models.plan import (
    ChangeKind,
    Department,
    Effort,
    EffortStatus,
    Law,
    Payer,
    Plan,
    PlanChange,
)

__all__ = [
    "AuditEvent",
    "Booking",
    "BookingKind",
    "BookingStatus",
    "CallbackRequest",
    "ChangeKind",
    "ConsentRecord",
    "ConversationForm",
    "Course",
    "DeadlineWindow",
    "Department",
    "Effort",
    "EffortStatus",
    "Exemption",
    "Fuldmagt",
    "FuldmagtEvent",
    "FuldmagtEventKind",
    "Law",
    "Meeting",
    "MeetingMember",
    "Mode",
    "Outcome",
    "OutcomeKind",
    "OutcomeReceipt",
    "OutcomeVersion",
    "ParticipationRecord",
    "Payer",
    "Person",
    "PersonKind",
    "Plan",
    "PlanChange",
    "Preparation",
    "PreparationSending",
    "RequestStatus",
    "Slot",
    "Source",
    "TeamRole",
]
