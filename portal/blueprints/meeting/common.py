"""Small helpers shared by the citizen's and the caseworker's meeting routes."""

from portal import guard
from portal.access import Action
from portal.extensions import db
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


def keep_audit_of_refused_form(response):
    """A form refused by validation (400) changed nothing, but the attempt is audited: commit the
    guard's audit entry, which would otherwise be dropped with the request's session. Services
    write nothing before they raise, and `refused` has already rolled back what a rule refused."""
    from flask import request

    if request.method == "POST" and response.status_code == 400:
        db.session.commit()
    return response
