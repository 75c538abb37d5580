"""The notification worker's heartbeat (`PORTAL_NOTIFY_METRICS_FILE`): after a round,
`flask notify-worker --once` leaves a file the node exporter's textfile collector reads, with the
time the round ended; without the setting no file; a file it cannot write is logged and the
worker still delivers and ends well."""

from __future__ import annotations

import logging
import time

from prometheus_client.parser import text_string_to_metric_families

from portal.services.notifications import heartbeat
from tests.conftest import app_variant


def _run_once(app):
    # `flask` pushes an app context for every command; the test runner does not.
    with app.app_context():
        return app.test_cli_runner().invoke(args=["notify-worker", "--once"])


def test_a_round_writes_its_end_time(database_url, demo_data, tmp_path):
    path = tmp_path / "en-plan-notify-1.prom"
    with app_variant(database_url, NOTIFY_METRICS_FILE=str(path)) as app:
        before = time.time()
        result = _run_once(app)
        after = time.time()
    assert result.exit_code == 0, result.output
    [family] = text_string_to_metric_families(path.read_text())
    [sample] = family.samples
    assert sample.name == heartbeat.NAME
    assert sample.labels == {"worker": "en-plan-notify-1"}
    assert before <= sample.value <= after
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_no_file_without_the_setting(app, demo_data, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _run_once(app).exit_code == 0
    assert list(tmp_path.iterdir()) == []


def test_a_file_it_cannot_write_is_logged_and_the_worker_goes_on(
    database_url, demo_data, tmp_path, caplog
):
    path = tmp_path / "missing-folder" / "notify.prom"
    with app_variant(database_url, NOTIFY_METRICS_FILE=str(path)) as app:
        logging.getLogger("portal").addHandler(caplog.handler)
        try:
            result = _run_once(app)
        finally:
            logging.getLogger("portal").removeHandler(caplog.handler)
    assert result.exit_code == 0, result.output
    assert not path.parent.exists()
    events = [getattr(r, "event", None) for r in caplog.records]
    assert events[-3:] == ["worker_round", "worker_heartbeat_failed", "worker_stop"]
    [failed] = [r for r in caplog.records if getattr(r, "event", None) == "worker_heartbeat_failed"]
    assert (failed.levelno, failed.error) == (logging.WARNING, "FileNotFoundError")
