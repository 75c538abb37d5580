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
    "ConversationForm",
    "Course",
    "DeadlineWindow",
    "Department",
    "Effort",
    "EffortStatus",
    "Exemption",
    "Law",
    "Payer",
    "Person",
    "PersonKind",
    "Plan",
    "PlanChange",
    "Slot",
]
