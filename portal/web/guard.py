"""Applies the access policy (portal.web.access) to every request before any view runs."""

from __future__ import annotations

import logging

from flask import Flask, abort, current_app, g, redirect, request, url_for

from portal.extensions import db
from portal.models import Person
from portal.services import audit
from portal.web import access, identity
from portal.web.access import Action, Reason

log = logging.getLogger(__name__)

# Actions whose every use is written to the audit trail (whose data was seen or changed).
_AUDITED = set(access.CITIZEN_ACTIONS) | access.STAFF_ACTIONS_ON_CITIZEN


def _known_person(citizen_id) -> int | None:
    """The citizen reference an audit row may hold: an id that is a person, else none (the
    requested id stays readable in the row's target, the path)."""
    if not isinstance(citizen_id, int) or citizen_id <= 0:
        return None
    return citizen_id if db.session.get(Person, citizen_id) is not None else None


def _refuse(actor, action, citizen_id, reason: str, status: int | None = None):
    g.refusal_recorded = True
    db.session.rollback()
    audit.record(
        db.session,
        actor_id=actor.person_id,
        actor_role=actor.role,
        citizen_id=_known_person(citizen_id),
        action=action,
        target=request.path,
        outcome="refused",
        detail=reason,
    )
    db.session.commit()
    abort(status or (404 if reason == Reason.NOT_YOURS else 403))


def not_found(action: Action, detail: str):
    """An id in the request does not belong to this citizen: record the attempt, answer 404.

    Used by routes whose service found no such thing *for this citizen*; we never say whether
    it exists for someone else.
    """
    actor = identity.current_actor()
    _refuse(actor, action, g.get("citizen_id"), detail, status=404)


def _allow(actor, action, citizen_id) -> None:
    g.citizen_id = citizen_id
    if action in _AUDITED:
        g.audit_entry = audit.record(
            db.session,
            actor_id=actor.person_id,
            actor_role=actor.role,
            citizen_id=citizen_id,
            action=action,
            target=request.path,
        )
        if request.method in ("GET", "HEAD"):
            db.session.commit()


def describe_change(what: str, detail: str) -> None:
    """Name the change this request made more precisely than its route's action (e.g.
    "booking.book" for BOOKING_CHANGE). Rewrites the request's own pending audit entry, so the
    trail holds one line per change; records a new one when the guard wrote none."""
    entry = g.get("audit_entry")
    if entry is not None and entry.id is None:  # still pending: part of this transaction
        entry.action, entry.detail = what, detail[:300]
        return
    actor = identity.current_actor()
    audit.record(
        db.session,
        actor_id=actor.person_id,
        actor_role=actor.role,
        citizen_id=g.get("citizen_id"),
        action=what,
        target=request.path,
        detail=detail,
    )


def record_refused(what: str, detail: str) -> None:
    """A rule refused the change this request asked for: undo everything of it, and keep the
    attempt itself in the audit trail (committed on its own)."""
    g.refusal_recorded = True
    db.session.rollback()
    actor = identity.current_actor()
    audit.record(
        db.session,
        actor_id=actor.person_id,
        actor_role=actor.role,
        citizen_id=g.get("citizen_id"),
        action=what,
        target=request.path,
        outcome="refused",
        detail=detail,
    )
    db.session.commit()


def authorize(action: Action, citizen_id: int | None = None) -> None:
    """For a route that dispatches (e.g. the start page): check one more action the same way."""
    actor = identity.current_actor()
    if citizen_id is None:
        citizen_id = actor.subject_citizen_id
    decision = access.decide(actor, action, citizen_id, only_showing=_only_showing())
    if not decision:
        _refuse(actor, action, citizen_id, decision.reason)
    _allow(actor, action, citizen_id)


def _only_showing() -> bool:
    return request.method in ("GET", "HEAD")


def _enforce():
    if request.endpoint is None:  # no route matched: Flask answers 404/405 itself
        return None
    view = current_app.view_functions[request.endpoint]
    action = access.declared_action(view)
    if action is None:
        log.error("route %s declares no access action; refusing", request.endpoint)
        abort(403)
    actor = identity.current_actor()
    if action is Action.PUBLIC:
        return None
    if not actor.signed_in:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))

    args = request.view_args or {}
    citizen_id = args.get("citizen_id", actor.subject_citizen_id)
    if actor.in_preview and not _only_showing() and action not in access.PREVIEW_SESSION_ACTIONS:
        # Belt and braces: whatever a view's action says, a preview never changes anything.
        _refuse(actor, action, citizen_id, Reason.READ_ONLY_PREVIEW)
    decision = access.decide(actor, action, citizen_id, only_showing=_only_showing())
    if not decision:
        _refuse(actor, action, citizen_id, decision.reason)
    _allow(actor, action, citizen_id)
    return None


def _keep_refused_attempts(response):
    """A state-changing request ended in an HTTP error raised inside its view (`abort`), past the
    unit of work (portal/web/unit_of_work.py): its attempt stays in the audit trail, once, as
    refused."""
    entry = g.get("audit_entry")
    if (
        entry is None
        or request.method in ("GET", "HEAD")
        or response.status_code < 400
        or g.get("refusal_recorded")
    ):
        return response
    fields = dict(
        actor_id=entry.actor_id,
        actor_role=entry.actor_role,
        citizen_id=entry.citizen_id,
        action=entry.action,
        target=entry.target,
    )
    db.session.rollback()
    g.refusal_recorded = True
    detail = g.get("refusal_code") or f"status {response.status_code}"
    audit.record(db.session, **fields, outcome="refused", detail=detail)
    db.session.commit()
    return response


def install(app: Flask) -> None:
    app.before_request(_enforce)
    app.after_request(_keep_refused_attempts)
