"""The request is the unit of work: the one way a change is committed or undone.

Every view runs inside `_unit`, installed around every view function once the blueprints are
registered. Routes only parse, call services with `session()`, and render or redirect:

- the view answered below 400: everything the request did is committed, with its audit row;
- the view answered 400 or more, or a `DomainError` escaped it: everything is rolled back and the
  attempt is kept in the audit trail as exactly one "refused" row (committed on its own); an
  escaped `DomainError` is answered with a calm page, the status and words coming from
  portal/text/errors.py (`NotFound` is the audited 404);
- the change lost a race (two people pressed at once): the commit failed on a constraint, or the
  database could not give the request a lock another request held (`_lost_a_lock`, in the view or
  at the commit): as a refusal, answered 409 ("conflict").

Reads that only show something commit the same way: when someone other than the citizen saw the
citizen's data (a delegate, a caseworker, a preview), its audit row is written in that one commit;
a citizen's own page views leave no row. A page view that fails (a 4xx or 5xx after the guard let
it through) leaves a refused row instead.
"""

from __future__ import annotations

import functools
import logging

from flask import Flask, g, make_response, render_template, request
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from portal import log_events
from portal.extensions import db
from portal.services.errors import DomainError
from portal.text.errors import message_for, status_for

log = logging.getLogger(__name__)


def session() -> Session:
    """The request's database session, for passing to services. Only this module commits it."""
    return db.session


def note_refusal(code: str) -> None:
    """Name why this request was refused (a DomainError code) for its refused audit row."""
    g.refusal_code = code


def _record_refusal(status: int) -> None:
    """Undo the request and keep one refused row. A refusal must not fail itself: the row holds
    only what the guard already checked."""
    attempt = g.get("attempt")
    db.session.rollback()
    if attempt is None or g.get("refusal_recorded"):
        return
    g.refusal_recorded = True
    attempt.record(
        db.session, outcome="refused", detail=g.get("refusal_code") or f"status {status}"
    )
    db.session.commit()
    if not attempt.action.startswith("auth.login"):  # a failed log-in has its own line
        reason = g.get("refusal_code") or f"http_{status}"
        log_events.refused(attempt.action, request.endpoint, reason, status)


def _commit() -> None:
    attempt = g.get("attempt")
    if attempt is not None and attempt.due:
        attempt.record(db.session)
        attempt.due = False
    db.session.commit()


def _refused_page(error: DomainError):
    note_refusal(error.code)
    status = status_for(error)
    if status == 404:
        return render_template("errors/404.html"), 404
    return render_template("errors/refused.html", message=message_for(error.code)), status


_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
# PostgreSQL: serialization failure, deadlock detected, lock not available (a lock time-out).
_PG_LOST_A_LOCK = frozenset({"40001", "40P01", "55P03"})


def _lost_a_lock(error: OperationalError) -> bool:
    """Whether the database refused because another request held what this one needed. SQLite
    answers "database is locked" when another writer kept its lock past the busy time-out, and at
    once when this transaction had read before another writer committed (it cannot write on top
    of what it read). Anything else (the database gone away) stays an error."""
    cause = error.orig
    code = getattr(cause, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)  # extended codes keep the base low
    return getattr(cause, "sqlstate", None) in _PG_LOST_A_LOCK


def _conflict():
    log.info("a change lost a race; refused")
    db.session.rollback()
    return make_response(_refused_page(DomainError("conflict")))


def _unit(view):
    @functools.wraps(view)
    def run(*args, **kwargs):
        try:
            response = make_response(view(*args, **kwargs))
        except DomainError as error:
            response = make_response(_refused_page(error))
        except OperationalError as error:
            if not _lost_a_lock(error):
                raise
            response = _conflict()
        if response.status_code >= 400:
            _record_refusal(response.status_code)
            return response
        try:
            _commit()
        except (IntegrityError, OperationalError) as error:
            if isinstance(error, OperationalError) and not _lost_a_lock(error):
                raise
            response = _conflict()
            _record_refusal(response.status_code)
        return response

    return run


def _refused_by_http_error(response):
    """A request stopped by an HTTP error raised inside its view (`abort`) or by an unexpected
    error (500) is refused too, page views included (their allowed row was never committed)."""
    if response.status_code >= 400 and g.get("attempt") is not None:
        _record_refusal(response.status_code)
    return response


def install(app: Flask) -> None:
    """Wrap every registered view (call after the blueprints are registered)."""
    app.after_request(_refused_by_http_error)
    for endpoint, view in list(app.view_functions.items()):
        if endpoint == "static":
            continue
        app.view_functions[endpoint] = _unit(view)
