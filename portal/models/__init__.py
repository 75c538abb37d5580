"""All models, imported here so Alembic and the app see one metadata."""

from portal.models.audit import AuditEvent
from portal.models.booking import (
    Booking,
    BookingHelpRequest,
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
from portal.models.people import Course, LoginProvider, LoginSubject, Person, PersonKind
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
from portal.models.web_session import WebSession

__all__ = [
    "AuditEvent",
    "Booking",
    "BookingHelpRequest",
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
    "LoginProvider",
    "LoginSubject",
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
    "WebSession",
]
