"""One JSON line per request, and the request id.

The id is the proxy's `X-Request-ID` when it sends a plausible one, otherwise a new random one;
it is returned in the response's `X-Request-ID`, so a person's "it went wrong at 14.02" can be
found in the logs. The line holds the time, the id, the method, the endpoint's name (never the
path, which can carry ids, nor the query string), the status, the duration and the actor's role
— never who the person is. The format is set in one place (`configure`).
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid

from flask import Flask, g, request
from flask.logging import default_handler
from pythonjsonlogger.json import JsonFormatter

log = logging.getLogger("portal.requests")
_PLAUSIBLE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def configure() -> None:
    """The portal's loggers write JSON lines to standard error (once per process)."""
    root = logging.getLogger("portal")
    # Flask names the app's logger after the package, "portal", and gives it its own text
    # handler when `app.logger` is first used before this ran (the demo log-in warning): every
    # line would then be written twice, once not as JSON.
    root.removeHandler(default_handler)
    if any(getattr(h, "portal_json", False) for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s", timestamp=True)
    )
    handler.portal_json = True
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    root.propagate = False


def _start() -> None:
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if _PLAUSIBLE_ID.match(given) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response):
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers["X-Request-ID"] = request_id
    actor = g.get("actor")
    log.info(
        "request",
        extra={
            "request_id": request_id,
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
