"""Small helpers shared by the citizen's and the caseworker's meeting routes."""

from portal import guard
from portal.access import Action
from portal.services.errors import DomainError


def refused(action: Action, error: DomainError) -> None:
    """Undo everything, and keep the refusal in the audit trail (the change itself left none)."""
    guard.record_refused(action, error.code)


def as_int(value) -> int:
    """A posted number, or -1 (never a valid version) when it is not one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
