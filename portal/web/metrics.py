"""Prometheus metrics, configured here and nowhere else.

Per request: how many (by the endpoint's name, never the path, which can carry ids; the method;
the status), how long, and how many SQL statements it sent. Per scrape: the notification
outbox's depth, the failed notifications and how long the oldest due one has waited, read by the
scrape itself (portal/services/notifications/depth.py), so the numbers are as fresh as the scrape.
The alerting rules on all of them are in ops/prometheus/alerts.yml.

`/metrics` (portal/blueprints/health) answers only a scraper holding `PORTAL_METRICS_TOKEN` as a
bearer token; without the setting the metrics are off and the address is a plain 404. The scrape
itself is not counted: a page's numbers should not move because someone looked at them.

Under gunicorn each worker is its own process with its own counters. With
`PROMETHEUS_MULTIPROC_DIR` set, the client library keeps every worker's values in files there
and a scrape adds them up, whichever worker answers it; gunicorn.conf.py empties the directory
when the server starts and tidies up after a worker that ended.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from collections.abc import Iterator

from flask import Flask, current_app, g, has_request_context, request
from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import choose_encoder
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy import event

from portal.services.notifications.depth import OutboxDepth

SCRAPE_ENDPOINT = "health.metrics"
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
# Statements SQLAlchemy and the drivers send around the application's own: not the page's cost
# (tests/statements.py leaves out the same ones).
NOT_QUERIES = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN", "PRAGMA")
# A method outside these is one label value: an odd method must not make a new series.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_UNMATCHED = "unmatched"  # no route: a 404 or 405 that Flask answers itself

# Creation times would double the output, and multiprocess mode has none to give anyway.
disable_created_metrics()
_REGISTRY = CollectorRegistry()
REQUESTS = Counter(
    "portal_http_requests",
    "Requests answered, by endpoint name, method and status.",
    ["endpoint", "method", "status"],
    registry=_REGISTRY,
)
# A page should take at most 20 ms on the server: fine steps up to there, coarse ones after.
DURATION = Histogram(
    "portal_http_request_duration_seconds",
    "Time from the start of a request to its end, by endpoint name.",
    ["endpoint"],
    buckets=(0.002, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
    registry=_REGISTRY,
)
# Every page is held to 10 statements (tests/functional/test_statement_budget.py).
STATEMENTS = Histogram(
    "portal_db_statements_per_request",
    "SQL statements one request sent, by endpoint name.",
    ["endpoint"],
    buckets=(0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 50),
    registry=_REGISTRY,
)


def install(app: Flask) -> None:
    """Count every request of this app, and every statement its engine sends for one."""
    with app.app_context():
        from portal.extensions import db

        event.listen(db.engine, "before_cursor_execute", _count_statement)
    app.before_request(_start)
    app.after_request(_note_status)
    app.teardown_request(_finish)


def _count_statement(conn, cursor, statement, parameters, context, executemany) -> None:
    # Only the statement's start is looked at: a page's long queries are not copied to compare.
    if not has_request_context() or statement.lstrip()[:24].upper().startswith(NOT_QUERIES):
        return
    g.metrics_statements = g.get("metrics_statements", 0) + 1


def _start() -> None:
    g.metrics_started = time.perf_counter()


def _note_status(response):
    g.metrics_status = response.status_code
    return response


def _finish(_error=None) -> None:
    """Recorded at teardown, so the time and the statements include the session's save."""
    if request.endpoint == SCRAPE_ENDPOINT or "metrics_started" not in g:
        return
    endpoint = request.endpoint or _UNMATCHED
    method = request.method if request.method in _METHODS else "other"
    REQUESTS.labels(endpoint, method, str(g.get("metrics_status", 500))).inc()
    DURATION.labels(endpoint).observe(time.perf_counter() - g.metrics_started)
    STATEMENTS.labels(endpoint).observe(g.get("metrics_statements", 0))


def scrape_allowed(authorization: str | None) -> bool:
    """Whether the request holds the metrics token. Both sides are hashed first, so the
    comparison takes the same time whatever was sent."""
    token = current_app.config.get("METRICS_TOKEN") or ""
    if not token:
        return False
    given = hashlib.sha256((authorization or "").encode()).digest()
    expected = hashlib.sha256(f"Bearer {token}".encode()).digest()
    return hmac.compare_digest(given, expected)


class _Scrape:
    """What one scrape shows: the request metrics (this process's, or every worker's added up in
    multiprocess mode) and the outbox as counted for this scrape."""

    def __init__(self, depth: OutboxDepth) -> None:
        self.depth = depth
        self.requests = _REGISTRY
        if folder := os.environ.get(MULTIPROCESS_DIR):
            self.requests = CollectorRegistry()
            MultiProcessCollector(self.requests, path=folder)

    def collect(self) -> Iterator:
        yield from self.requests.collect()
        outbox = GaugeMetricFamily(
            "portal_notification_outbox",
            "Notifications waiting to be sent: pending (all) and due (pending, due by now).",
            labels=["state"],
        )
        outbox.add_metric(["pending"], self.depth.pending)
        outbox.add_metric(["due"], self.depth.due)
        yield outbox
        yield GaugeMetricFamily(
            "portal_notifications_failed",
            "Notifications whose last try failed (shown to the caseworker).",
            value=self.depth.failed,
        )
        yield GaugeMetricFamily(
            "portal_notification_oldest_due_age_seconds",
            "How long the oldest due notification has waited to be sent; 0 when none is due.",
            value=self.depth.oldest_due_seconds,
        )


def exposition(depth: OutboxDepth, accept: str | None) -> tuple[bytes, str]:
    """The scrape's body in the format the scraper asked for (`Accept`: Prometheus's text format
    or OpenMetrics), and its content type."""
    encode, content_type = choose_encoder(accept or "")
    return encode(_Scrape(depth)), content_type
