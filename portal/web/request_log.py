"""One JSON line per request, and the request id.

The id is the proxy's `X-Request-ID` when it sends a plausible one, otherwise a new random one;
it is returned in the response's `X-Request-ID`, so a person's "it went wrong at 14.02" can be
found in the logs. The line holds the time, the id, the method, the endpoint's name (never the
path, which can carry ids, nor the query string), the status, the duration and the actor's role
— never who the person is. The format is set in one place (portal/logs.py); the event lines
(portal/log_events.py) written during a request carry its id too.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, g, has_request_context, request
from flask.logging import default_handler

from portal import logs

log = logging.getLogger("portal.requests")
# Digits alone are refused: a CPR or phone number sent as an id must not reach the log lines.
_PLAUSIBLE_ID = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9._-]{8,64}$")


def request_id() -> str:
    """This request's id, fixed the first time it is asked for (the session is opened, and can
    log a time-out, before the first `before_request` hook runs)."""
    if "request_id" not in g:
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _PLAUSIBLE_ID.match(given) else uuid.uuid4().hex
    return g.request_id


class _RequestId(logging.Filter):
    """Every line written during a request carries its id (the request line sets its own)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id") and has_request_context():
            record.request_id = request_id()
        return True


class _NoFlaskExceptionLine(logging.Filter):
    """Flask logs an unhandled error as "Exception on <path> [GET]" before the portal's error
    handler (portal/web/errors.py) logs it again, without the path: drop Flask's line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (
            record.funcName == "log_exception" and str(record.msg).startswith("Exception on")
        )


def configure() -> None:
    """The portal's loggers write JSON lines to standard error (once per process)."""
    portal = logging.getLogger("portal")
    # Flask names the app's logger after the package, "portal", and gives it its own text
    # handler when `app.logger` is first used before this ran: every line would then be written
    # twice, once not as JSON.
    portal.removeHandler(default_handler)
    logs.configure(_RequestId())
    if not any(isinstance(f, _NoFlaskExceptionLine) for f in portal.filters):
        portal.addFilter(_NoFlaskExceptionLine())


def _start() -> None:
    request_id()
    g.request_started = time.perf_counter()


def _finish(response):
    response.headers["X-Request-ID"] = request_id()
    actor = g.get("actor")
    log.info(
        "request",
        extra={
            "request_id": response.headers["X-Request-ID"],
            "method": request.method,
            "endpoint": request.endpoint or "-",
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - g.get("request_started", 0.0)) * 1000, 1),
            "role": actor.role.value if actor is not None else "-",
        },
    )
    return response


def install(app: Flask) -> None:
    configure()
    app.before_request(_start)
    app.after_request(_finish)
