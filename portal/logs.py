"""The one logging configuration: JSON lines on standard error, with nothing a person typed.

Used by every process the portal runs: the web app (portal/web/request_log.py adds the request
id), the CLI commands such as the notification worker, and gunicorn's own error log
(portal/gunicorn_logging.py). Plain Python: no Flask.

Two things here keep personal data out of lines that other code writes:
- an exception is written as its type and its stack (file, line, function), never its message:
  a database error's message holds the statement's parameters, which can be anything a person
  typed, an e-mail address or a CPR number;
- the development server's (werkzeug's) own line per request holds the raw path and the client's
  address; it is dropped (the portal's request line, with the endpoint's name, takes its place).
"""

from __future__ import annotations

import logging
import sys
import traceback

from pythonjsonlogger.json import JsonFormatter

FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"


class JsonLines(JsonFormatter):
    """python-json-logger's formatter, with exceptions written without their messages."""

    def __init__(self) -> None:
        super().__init__(FIELDS, timestamp=True)

    def formatException(self, ei) -> str:
        return exception_without_message(ei[1]) if ei and ei[1] is not None else ""


def exception_without_message(error: BaseException) -> str:
    """The stack and the type of `error` and of the errors it came from, without any message."""
    parts = []
    link = traceback.TracebackException.from_exception(error)
    seen: set[int] = set()
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        frames = "".join(link.stack.format())
        name = getattr(link, "exc_type_str", None) or _type_name(link)
        parts.append(f"Traceback (most recent call last):\n{frames}{name}")
        link = link.__cause__ or (None if link.__suppress_context__ else link.__context__)
    return "\nwhich was raised while handling or from:\n".join(reversed(parts))


def _type_name(link: traceback.TracebackException) -> str:
    kind = link.exc_type
    if kind is None:
        return "Exception"
    return (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )


class _DevServerRequestLines(logging.Filter):
    """werkzeug's request handler prefixes every line with the client's address and the time
    (`1.2.3.4 - - [date] …`) and follows it with the raw request line: drop those at INFO (one per
    request) and keep errors as a bare notice. Its start-up lines (" * Running on …") stay."""

    def filter(self, record: logging.LogRecord) -> bool:
        if " - - [" not in str(record.msg):
            return True
        if record.levelno < logging.WARNING:
            return False
        record.msg = "the development server could not handle a request (details withheld)"
        record.args = ()
        return True


def configure(*filters: logging.Filter) -> None:
    """The portal's loggers write JSON lines to standard error (once per process); `filters`
    add fields to every line (the web app's request id)."""
    root = logging.getLogger("portal")
    if any(getattr(h, "portal_json", False) for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    for added in filters:
        handler.addFilter(added)
    handler.portal_json = True
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    root.propagate = False
    werkzeug = logging.getLogger("werkzeug")
    if not any(isinstance(f, _DevServerRequestLines) for f in werkzeug.filters):
        werkzeug.addFilter(_DevServerRequestLines())
