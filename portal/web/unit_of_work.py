"""The request is the unit of work: the one way a change is committed or undone.

Every view runs inside `_unit`, installed around every view function once the blueprints are
registered. Routes only parse, call services with `session()`, and render or redirect:

- the view answered below 400: everything the request did is committed, with its audit row;
- the view answered 400 or more, or a `DomainError` escaped it: everything is rolled back and the
  attempt is kept in the audit trail as exactly one "refused" row (committed on its own); an
  escaped `DomainError` is answered with a calm page, the status and words coming from
  portal/text/errors.py (`NotFound` is the audited 404);
- the commit itself fails on a constraint (two people pressed at once): as a refusal, answered 409.

Reads that only show something commit the same way: when someone other than the citizen saw the
citizen's data (a delegate, a caseworker, a preview), its audit row is written in that one commit;
a citizen's own page views leave no row. A page view that fails (a 4xx or 5xx after the guard let
it through) leaves a refused row instead.
"""

from __future__ import annotations

import functools
import logging

from flask import Flask, g, make_response, render_template, request
from sqlalchemy.exc import IntegrityError
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


def _unit(view):
    @functools.wraps(view)
    def run(*args, **kwargs):
        try:
            response = make_response(view(*args, **kwargs))
        except DomainError as error:
            response = make_response(_refused_page(error))
        if response.status_code >= 400:
            _record_refusal(response.status_code)
            return response
        try:
            _commit()
        except IntegrityError:
            log.info("a change lost a race on a constraint; refused")
            db.session.rollback()
            response = make_response(_refused_page(DomainError("conflict")))
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
