"""No personal data in any log output, from any process the portal runs.

The development server (`flask run`), gunicorn with gunicorn.conf.py (access and error logs on)
and the notification worker run as real processes; the main journeys are driven over HTTP with
planted names, an e-mail address, a phone number, a CPR number and free text (log_support.py,
log_journeys.py). All that each process writes to standard output and error is searched: none
of the planted values (the CPR number in any of its forms) nor a path with a record id may be
there — and the event lines must be, so the test cannot pass by logging nothing.
"""

from __future__ import annotations

import shutil

import pytest

from tests.integration.log_journeys import all_journeys
from tests.integration.log_support import (
    EMAIL,
    REQUEST_IDS,
    events,
    json_lines,
    leaks,
    prepare_database,
    run_worker,
    server,
)
from tests.notification_servers import smtp_server


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("logs")
    database = folder / "prepared.sqlite3"
    prepare_database(database)
    return folder, database


def _fresh_copy(prepared, name: str):
    folder, database = prepared
    copy = folder / f"{name}.sqlite3"
    shutil.copyfile(database, copy)
    return folder, copy


def _check_the_app_lines(output: str, paths: list[str]) -> None:
    assert leaks(output, paths) == []
    logins = events(output, "login")
    assert {(e["way"], e["role"]) for e in logins} == {("demo", "citizen"), ("demo", "caseworker")}
    assert [e["request_id"] for e in logins if e["request_id"] == REQUEST_IDS["login"]]
    assert events(output, "login_failed")[0]["reason"] == "login_unknown_person"
    assert len(events(output, "logout")) == 4
    refused = [
        e for e in events(output, "refused") if e.get("request_id") == REQUEST_IDS["refused"]
    ]
    assert refused and refused[0]["status"] == 403 and refused[0]["reason"]
    assert refused[0]["endpoint"].startswith("staff")  # the endpoint's name, never the path
    assert {e["status"] for e in events(output, "refused")} >= {400, 403, 404}
    requests_logged = [line for line in json_lines(output) if line.get("name") == "portal.requests"]
    assert len(requests_logged) > 40 and all("path" not in line for line in requests_logged)


def test_the_development_server_logs_events_and_no_personal_data(prepared):
    folder, database = _fresh_copy(prepared, "flask")
    with server("flask", database, folder) as (url, log):
        paths = all_journeys(url)
    output = log.read_text()
    _check_the_app_lines(output, paths)
    assert '"GET /' not in output and "POST /" not in output  # werkzeug's request lines


def test_gunicorn_logs_json_lines_without_paths_or_personal_data(prepared):
    folder, database = _fresh_copy(prepared, "gunicorn")
    with server("gunicorn", database, folder) as (url, log):
        paths = all_journeys(url)
    output = log.read_text()
    _check_the_app_lines(output, paths)
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(json_lines(output)) == len(lines), "every line gunicorn writes is JSON"
    access = [line for line in json_lines(output) if line.get("name") == "gunicorn.access"]
    assert len(access) > 40 and all(set(line) == _ACCESS_FIELDS for line in access)
    assert {"journey-login-0001", "journey-refused-0001"} <= {a["request_id"] for a in access}
    assert any(line.get("name") == "gunicorn.error" for line in json_lines(output))


_ACCESS_FIELDS = {"time", "name", "method", "status", "duration_ms", "request_id"}


def test_the_notification_worker_logs_events_and_no_address_or_text(prepared):
    folder, database = _fresh_copy(prepared, "worker")
    with server("gunicorn", database, folder) as (url, _):
        paths = all_journeys(url)  # Sofie's receipts are queued to the planted e-mail address
    with smtp_server() as (inbox, port):
        output = run_worker(database, port)
    assert inbox.messages and all(m["To"] == EMAIL for m in inbox.messages)
    assert leaks(output, paths) == []
    sent = events(output, "notification_sent")
    assert len(sent) == len(inbox.messages)
    assert all(e["channel"] == "email" and e["via"] == "smtp" for e in sent)
    assert all(isinstance(e["notification_id"], int) and e["attempt"] == 1 for e in sent)
    assert {"booking_made", "booking_moved", "booking_cancelled"} <= {
        e["message_key"] for e in sent
    }
    assert [e["event"] for e in json_lines(output) if e.get("worker")] == [
        "worker_start",
        "worker_round",
        "worker_stop",
    ]
