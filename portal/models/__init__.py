"""All models, imported here so Alembic and the app see one metadata."""

from portal.models.audit import AuditEvent
from portal.models.delegation import Fuldmagt, FuldmagtEvent, FuldmagtEventKind
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
    "ChangeKind",
    "Course",
    "Department",
    "Effort",
    "EffortStatus",
    "Fuldmagt",
    "FuldmagtEvent",
    "FuldmagtEventKind",
    "Law",
    "Outcome",
    "OutcomeKind",
    "OutcomeReceipt",
    "OutcomeVersion",
    "Payer",
    "Person",
    "PersonKind",
    "Plan",
    "PlanChange",
]
