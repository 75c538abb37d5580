"""What other code's log lines may carry once they pass the portal's configuration
(portal/logs.py, portal/gunicorn_logging.py): exceptions without their messages, no request line
of the development server, no path or address in gunicorn's error log, reasons only as codes."""

from __future__ import annotations

import json
import logging

from portal import log_events
from portal.gunicorn_logging import _WithholdRequestDetails
from portal.logs import JsonLines, _DevServerRequestLines

SECRET = "Zimbrowitz 2904837751 planted@example.dk"


def _record(name: str, level: int, msg: str, *args, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, msg, args, exc_info)


def _failing():
    try:
        try:
            raise KeyError(SECRET)
        except KeyError as inner:
            raise ValueError(f"INSERT … parameters: {SECRET}") from inner
    except ValueError as error:
        return (type(error), error, error.__traceback__)


def test_an_exception_is_written_as_its_types_and_stack_without_messages():
    line = json.loads(
        JsonLines().format(_record("portal.x", logging.ERROR, "failed", exc_info=_failing()))
    )
    assert line["message"] == "failed"
    written = line["exc_info"]
    assert "ValueError" in written and "KeyError" in written and "_failing" in written
    assert "Zimbrowitz" not in written and "2904837751" not in written and "planted" not in written


def test_the_development_servers_request_lines_are_dropped_and_its_start_up_kept():
    keep = _DevServerRequestLines()
    request_line = _record(
        "werkzeug",
        logging.INFO,
        '127.0.0.1 - - [26/Nov/2026 09:00:00] "%s" %s %s',
        "GET /samtaler/17?cpr=2904837751 HTTP/1.1",
        "200",
        "-",
    )
    assert not keep.filter(request_line)
    error = _record(
        "werkzeug",
        logging.ERROR,
        "127.0.0.1 - - [26/Nov/2026 09:00:00] code 400, message %s",
        f"Bad request syntax ('{SECRET}')",
    )
    assert keep.filter(error) and SECRET not in error.getMessage()
    assert keep.filter(_record("werkzeug", logging.INFO, " * Running on http://127.0.0.1:5000"))


def test_gunicorns_lines_about_one_request_lose_their_details():
    withhold = _WithholdRequestDetails()
    for record in (
        _record(
            "gunicorn.error", logging.ERROR, "Error handling request %s %s", "GET", "/samtaler/17"
        ),
        _record(
            "gunicorn.error",
            logging.WARNING,
            f"Invalid request from ip=10.1.2.3: Invalid HTTP request line: 'GET /x?q={SECRET}'",
        ),
    ):
        assert withhold.filter(record)
        message = record.getMessage()
        assert message.startswith(("Error handling request", "Invalid request"))
        assert "/samtaler" not in message and "10.1.2.3" not in message and SECRET not in message
    booting = _record("gunicorn.error", logging.INFO, "Booting worker with pid: %s", 42)
    assert withhold.filter(booting) and booting.getMessage() == "Booting worker with pid: 42"


def test_a_reason_is_a_code_or_unnamed():
    assert log_events.code("unknown_person subject='Zimbrowitz'") == "unknown_person"
    assert log_events.code("not_found:booking") == "not_found:booking"
    assert log_events.code("Zimbrowitz's <script>") == "unnamed"
    assert log_events.code(None) == "unnamed"
    assert log_events.way_of(None) == "demo" and log_events.way_of("citizen") == "mitid"
