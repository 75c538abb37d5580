"""/metrics: only with the token, off without the setting; pages counted by endpoint name (never
the path), with their time and statements; the outbox's depth as the database has it; the scrape
itself is not counted, audited or given a session."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select

from portal.models import AuditEvent, DeliveryStatus, WebSession
from tests.conftest import app_variant
from tests.factories.notifications import outbox_row
from tests.helpers import login
from tests.statements import counting

TOKEN = "scrape-token-for-tests"
AUTHORIZED = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def metered(database_url, demo_data):
    with app_variant(database_url, METRICS_TOKEN=TOKEN) as app:
        yield app


def scrape(client) -> dict[tuple[str, frozenset], float]:
    response = client.get("/metrics", headers=AUTHORIZED)
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.get_data(as_text=True))
        for sample in family.samples
    }


def value(samples, name: str, **labels) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def _counts(read_db):
    return read_db(
        lambda s: (
            s.scalar(select(func.count()).select_from(AuditEvent)),
            s.scalar(select(func.count()).select_from(WebSession)),
        )
    )


def test_off_without_the_setting(client):
    for headers in ({}, {"Authorization": "Bearer "}, AUTHORIZED):
        response = client.get("/metrics", headers=headers)
        assert response.status_code == 404
        assert b"portal_" not in response.data


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        f"Bearer {TOKEN}x",
        f"Bearer {TOKEN[:-1]}",
        f"bearer{TOKEN}",
        f"Basic {TOKEN}",
        TOKEN,
    ],
)
def test_a_missing_or_wrong_token_gets_a_bare_404(metered, authorization, caplog):
    headers = {} if authorization is None else {"Authorization": authorization}
    with caplog.at_level(logging.INFO, logger="portal.events"):
        logging.getLogger("portal").addHandler(caplog.handler)
        try:
            response = metered.test_client().get("/metrics", headers=headers)
        finally:
            logging.getLogger("portal").removeHandler(caplog.handler)
    assert response.status_code == 404
    assert response.get_data(as_text=True) == "Not Found"
    refusals = [r for r in caplog.records if getattr(r, "event", None) == "refused"]
    assert [(r.action, r.reason) for r in refusals] == [("metrics", "bad_token")]
    assert TOKEN not in caplog.text


def test_pages_are_counted_by_endpoint_name_with_time_and_statements(metered):
    client = metered.test_client()
    login(client, "demo-hanne")
    before = scrape(client)
    with counting(metered) as counted:
        for _ in range(3):
            assert client.get("/plan").status_code == 200
    assert client.get("/samtaler/987654/flyt").status_code == 404  # an id in the path
    after = scrape(client)

    def moved(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    page = {"endpoint": "plan.show"}
    assert moved("portal_http_requests_total", method="GET", status="200", **page) == 3
    assert moved("portal_http_request_duration_seconds_count", **page) == 3
    assert moved("portal_http_request_duration_seconds_sum", **page) > 0
    assert moved("portal_db_statements_per_request_count", **page) == 3
    # The same statements the budget test counts (tests/statements.py), the session's included.
    assert moved("portal_db_statements_per_request_sum", **page) == len(counted.statements) > 0
    assert moved("portal_db_statements_per_request_bucket", le="+Inf", **page) == 3
    rebook = {"endpoint": "booking.rebook", "method": "GET", "status": "404"}
    assert moved("portal_http_requests_total", **rebook) == 1
    labels = {v for (_, pairs) in after for _, v in pairs}
    assert not [v for v in labels if "/" in v or "987654" in v], "a path leaked into the labels"


def test_the_scrape_itself_is_not_counted(metered):
    client = metered.test_client()
    scrape(client)
    samples = scrape(client)
    assert not [key for key in samples if ("endpoint", "health.metrics") in key[1]]


def test_an_odd_method_is_one_label_value(metered):
    client = metered.test_client()
    client.open("/hjaelp", method="BREW")
    samples = scrape(client)
    methods = {v for (_, pairs) in samples for k, v in pairs if k == "method"}
    assert "BREW" not in methods and "other" in methods


def test_the_outbox_depth_is_what_the_database_holds(metered, demo_data, read_db):
    hanne = demo_data["Hanne"]
    plan = [
        (DeliveryStatus.PENDING, timedelta(minutes=-5)),
        (DeliveryStatus.PENDING, timedelta(hours=-2)),
        (DeliveryStatus.PENDING, timedelta(hours=20)),  # a reminder for tomorrow: not due yet
        (DeliveryStatus.FAILED, timedelta(hours=-1)),
        (DeliveryStatus.SENT, timedelta(hours=-3)),
        (DeliveryStatus.DROPPED, timedelta(hours=-3)),
    ]

    def add(session):
        session.add_all(
            outbox_row(hanne, f"metrics-test-{n}", status, due)
            for n, (status, due) in enumerate(plan)
        )
        session.commit()

    client = metered.test_client()
    before = scrape(client)
    read_db(add)
    after = scrape(client)
    for name, labels, added in (
        ("portal_notification_outbox", {"state": "pending"}, 3),
        ("portal_notification_outbox", {"state": "due"}, 2),
        ("portal_notifications_failed", {}, 1),
    ):
        assert value(after, name, **labels) - value(before, name, **labels) == added, name
    # The one due two hours ago is the oldest due message (the failed one does not count).
    assert value(before, "portal_notification_oldest_due_age_seconds") == 0
    assert 7200 <= value(after, "portal_notification_oldest_due_age_seconds") < 7200 + 60


def test_a_scrape_writes_no_audit_row_and_starts_no_session(metered, read_db):
    client = metered.test_client()
    before = _counts(read_db)
    answers = [
        client.get("/metrics", headers=AUTHORIZED),
        client.get("/metrics"),
        client.get("/metrics", headers={"Authorization": "Bearer wrong"}),
    ]
    for response in answers:
        assert "Set-Cookie" not in response.headers
        assert response.headers["Cache-Control"] == "no-store"
    assert _counts(read_db) == before


def test_openmetrics_when_the_scraper_asks_for_it(metered):
    accept = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"
    response = metered.test_client().get("/metrics", headers={**AUTHORIZED, "Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == "application/openmetrics-text"
    assert response.get_data(as_text=True).rstrip().endswith("# EOF")
