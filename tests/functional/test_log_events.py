"""The event lines (portal/log_events.py) as the portal's own log handler writes them: log-in,
a failed log-in, log-out, a refusal and a time-out each give one JSON line with the request's id
and codes only — never the person, what they typed, or the path."""

from __future__ import annotations

import io
import json
import logging
from datetime import timedelta

import pytest

from portal.web import sessions
from tests.helpers import csrf_token, login


@pytest.fixture
def written():
    """Everything the portal's JSON handler writes during the test (its stream swapped)."""
    handler = next(h for h in logging.getLogger("portal").handlers if getattr(h, "portal_json", 0))
    buffer = io.StringIO()
    before = handler.setStream(buffer)
    yield buffer
    handler.setStream(before)


def _events(buffer, name: str) -> list[dict]:
    lines = [json.loads(line) for line in buffer.getvalue().splitlines()]
    return [line for line in lines if line.get("event") == name]


def test_log_in_and_log_out_name_the_way_and_the_role_with_the_request_id(client, written):
    answer = login(client, "demo-hanne")
    [line] = _events(written, "login")
    assert (line["way"], line["role"], line["levelname"]) == ("demo", "citizen", "INFO")
    assert line["request_id"] == answer.headers["X-Request-ID"]
    page = client.get("/log-ud")
    client.post("/log-ud", data={"csrf_token": csrf_token(page)})
    [line] = _events(written, "logout")
    assert (line["way"], line["role"]) == ("demo", "citizen")
    assert "Hanne" not in written.getvalue() and "Sørensen" not in written.getvalue()


def test_a_failed_log_in_gives_a_code_not_what_was_typed(client, written):
    page = client.get("/log-ind")
    typed = "Zimbrowitz 2904837751"
    client.post("/log-ind", data={"csrf_token": csrf_token(page), "subject": typed})
    [line] = _events(written, "login_failed")
    assert (line["way"], line["reason"], line["levelname"]) == (
        "demo",
        "login_unknown_person",
        "WARNING",
    )
    assert "Zimbrowitz" not in written.getvalue() and "2904837751" not in written.getvalue()
    assert _events(written, "refused") == []  # the failed log-in's own line is enough


def test_a_refusal_names_the_action_the_endpoint_and_the_reason(client, written):
    login(client, "demo-hanne")
    answer = client.get("/medarbejder", headers={"X-Request-ID": "refusal-test-0001"})
    assert answer.status_code == 403
    [line] = _events(written, "refused")
    assert line == {
        **line,
        "action": "staff.home",
        "endpoint": "staff.home",
        "reason": "wrong_role",
        "status": 403,
        "request_id": "refusal-test-0001",
    }


def test_another_citizens_record_is_refused_without_its_path(client, written, demo_data):
    login(client, "demo-hanne")
    assert client.get(f"/medarbejder/borger/{demo_data['Sofie']}").status_code == 403
    assert client.get("/samtaler/987654321").status_code == 404
    reasons = {(e["endpoint"], e["status"]) for e in _events(written, "refused")}
    assert reasons == {("staff.citizen", 403), ("booking.show", 404)}
    assert "987654321" not in written.getvalue() and "/medarbejder" not in written.getvalue()


def test_a_time_out_is_one_line_with_the_reason(client, written):
    start = sessions.session_time()
    with sessions.moved_to(start):
        login(client, "demo-hanne")
    with sessions.moved_to(start + timedelta(minutes=31)):
        answer = client.get("/plan")
    assert answer.status_code == 302
    [line] = _events(written, "session_timeout")
    assert line["reason"] == "idle" and line["request_id"] == answer.headers["X-Request-ID"]
