"""The request id and the JSON request line: the proxy's id is kept (a made-up or odd one is
replaced), every answer carries it, and the line names the endpoint and the role — never the
person, the path's ids, the query string, or anything the person typed."""

from __future__ import annotations

import json
import logging

import pytest

from tests.helpers import csrf_token, login


@pytest.fixture
def lines(caplog):
    caplog.set_level(logging.INFO, logger="portal.requests")
    logging.getLogger("portal").addHandler(caplog.handler)
    yield caplog
    logging.getLogger("portal").removeHandler(caplog.handler)


def _logged(caplog) -> list[dict]:
    return [
        {k: getattr(r, k, None) for k in ("request_id", "method", "endpoint", "status", "role")}
        for r in caplog.records
        if r.name == "portal.requests"
    ]


def test_the_proxys_request_id_is_kept_and_returned(client, lines):
    answer = client.get("/hjaelp", headers={"X-Request-ID": "proxy-1234abcd"})
    assert answer.headers["X-Request-ID"] == "proxy-1234abcd"
    assert _logged(lines)[-1] == {
        "request_id": "proxy-1234abcd",
        "method": "GET",
        "endpoint": "pages.help",
        "status": 200,
        "role": "anonymous",
    }


@pytest.mark.parametrize("odd", ["<script>", "0101901234", "010190-1234"])
def test_an_odd_request_id_is_replaced(client, lines, odd):
    """Markup, and digits alone (a CPR or phone number), never become the logged id."""
    answer = client.get("/hjaelp", headers={"X-Request-ID": odd})
    assert answer.headers["X-Request-ID"] != odd
    assert len(answer.headers["X-Request-ID"]) == 32
    assert all(odd not in str(line) for line in _logged(lines))


def test_the_line_never_names_the_person_or_what_they_typed(client, lines):
    login(client, "demo-hanne")
    client.get("/plan?q=Hanne+Jensen")
    page = client.get("/indstillinger")
    client.post(
        "/indstillinger",
        data={
            "csrf_token": csrf_token(page),
            "email": "planted.hanne@example.dk",
            "mobile": "20 30 40 50",
            "receipts": "email",
            "reminders": "email",
            "language": "da",
        },
    )
    text = "\n".join(json.dumps(r.__dict__, default=str) for r in lines.records)
    for planted in ("Hanne", "Jensen", "planted.hanne", "20 30 40 50", "20304050", "q="):
        assert planted not in text, planted
    assert {"citizen"} <= {line["role"] for line in _logged(lines)}


def test_each_line_is_written_once_and_as_json(app):
    """Flask gives the "portal" logger a text handler of its own when `app.logger` is used before
    the JSON handler is set up (the demo log-in warning in production): it is taken off again."""
    from flask.logging import default_handler

    from portal.web import request_log

    portal_logger = logging.getLogger("portal")
    portal_logger.addHandler(default_handler)
    request_log.configure()
    assert default_handler not in portal_logger.handlers
    assert sum(getattr(h, "portal_json", False) for h in portal_logger.handlers) == 1
