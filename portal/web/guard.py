"""Applies the access policy (portal.web.access) to every request before any view runs."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import Flask, abort, current_app, g, redirect, request, url_for

from portal import log_events
from portal.extensions import db
from portal.models import Person
from portal.services import audit
from portal.web import access, identity, sessions
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
    g.refusal_reason = reason  # the 403 page explains some refusals (errors/403.html)
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
    status = status or (404 if reason == Reason.NOT_YOURS else 403)
    log_events.refused(action, request.endpoint, reason, status)
    abort(status)


@dataclass
class Attempt:
    """What this request does to whose data: the one audit row it leaves, written by the unit of
    work (portal/web/unit_of_work.py) when the change commits, or as refused when it does not."""

    actor_id: int | None
    actor_role: str
    citizen_id: int | None
    action: str
    target: str
    detail: str | None = None
    due: bool = False  # an "allowed" row is still to be written when the request succeeds

    def record(self, session, outcome: str = "allowed", detail: str | None = None) -> None:
        audit.record(
            session,
            actor_id=self.actor_id,
            actor_role=self.actor_role,
            citizen_id=self.citizen_id,
            action=self.action,
            target=self.target,
            outcome=outcome,
            detail=detail or self.detail,
        )


def _own_view(actor, citizen_id) -> bool:
    """A citizen looking at their own pages: not audited (the access log shows what others did,
    and a row per own page view would only make the trail slower and longer)."""
    return (
        _only_showing()
        and actor.role is access.Role.CITIZEN
        and citizen_id is not None
        and citizen_id == actor.person_id
    )


def _allow(actor, action, citizen_id) -> None:
    """Allowed: the request's audit row (a change, or someone else's view) is written by the unit
    of work in the request's own transaction, or as refused if the request fails after all."""
    g.citizen_id = citizen_id
    attempt = Attempt(actor.person_id, actor.role, citizen_id, action, request.path)
    attempt.due = action in _AUDITED and not _own_view(actor, citizen_id)
    g.attempt = attempt
    if attempt.due and request.method in ("GET", "HEAD") and _changes(action):
        # Opening the page of a change (a form) changes nothing: the row says so, and the
        # citizen's log reads "har set", not "har valgt" (portal/text/log_labels.py).
        attempt.detail = OPENED


OPENED = "opened"  # the audit row's detail for a change's page opened by GET


def _changes(action: Action) -> bool:
    rule = access.CITIZEN_ACTIONS.get(action)
    return rule is not None and rule.access is access.Access.CHANGE


def describe_change(what: str, detail: str) -> None:
    """Name the change this request made more precisely than its route's action (e.g.
    "booking.book" for BOOKING_CHANGE): the request's one audit row carries this name."""
    attempt = g.get("attempt")
    if attempt is None:
        actor = identity.current_actor()
        attempt = g.attempt = Attempt(
            actor.person_id, actor.role, g.get("citizen_id"), what, request.path
        )
    attempt.action, attempt.detail, attempt.due = what, detail[:300], True


def nothing_handed_out() -> None:
    """The request was allowed but showed and changed nothing (a HEAD of a download): it leaves
    no "allowed" row. A failure after this is still recorded as refused."""
    attempt = g.get("attempt")
    if attempt is not None:
        attempt.due = False


def about_self(person_id: int) -> None:
    """The request is about the signed-in person's own data though no citizen is in view (a
    relative's own download): its audit row names them as the person it is about, as a
    citizen's own download does."""
    attempt = g.get("attempt")
    if attempt is not None:
        attempt.citizen_id = person_id


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
        # A session that ran out on the server: the log-in page says why ("idle" or "max").
        ended = {"udloebet": sessions.ended_because()} if sessions.ended_because() else {}
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?"), **ended))

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


def install(app: Flask) -> None:
    app.before_request(_enforce)
