"""Calm error pages in plain language; never a stack trace, never a bare 500."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException

from portal.extensions import db

log = logging.getLogger(__name__)

_PAGES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    405: "errors/404.html",
}


def _http_error(error: HTTPException):
    template = _PAGES.get(error.code or 500)
    if template is None:
        return error
    return render_template(template), error.code


def _csrf_error(error: CSRFError):
    # An old or replayed form: nothing was changed; say so and let the person start again.
    return render_template("errors/400.html", csrf=True), 400


def _unusable_value(error: Exception):
    # An id or number too large for the database (typed or tampered): nothing was changed, and
    # for the person it is simply something that does not exist.
    # The error's text holds the statement's parameters (what was typed): only its type is logged.
    log.info("value out of range for the database", extra={"error": type(error).__name__})
    db.session.rollback()
    return render_template("errors/404.html"), 404


def _server_error(error: Exception):
    log.exception("unhandled error", exc_info=error)
    db.session.rollback()
    return render_template("errors/500.html"), 500


def install(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(OverflowError, _unusable_value)
    app.register_error_handler(DataError, _unusable_value)
    app.register_error_handler(500, _server_error)
