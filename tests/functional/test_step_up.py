"""Step-up for a fuldmagt, with the Flask client: who is asked, what is refused without it, and a
provider that does not vouch for a fresh log-in (no `auth_time`) cannot confirm. The whole flow
against a provider that honours prompt=login and max_age is in tests/e2e/test_step_up.py."""

from __future__ import annotations

import time
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from portal import clock
from portal.models import AuditEvent, Fuldmagt
from portal.services import delegation
from portal.services.login import fresh_enough
from tests.conftest import app_variant, database_reader
from tests.functional.delegation_support import fuldmagt_counts, fuldmagt_of
from tests.functional.oidc_support import authorize, log_in, signed_in
from tests.helpers import csrf_token, date_fields, login, soup
from tests.oidc_provider import running_provider

# The form as the check page sends it on ("Bekræft"), naming Birgit by name and CPR number.
CONFIRM = {"bekraeft": "1"}
BIRGIT = {"holder_name": "Birgit Holm", "holder_identifier": "990101-3002"}


@pytest.fixture(scope="module")
def provider():
    with running_provider() as provider:
        yield provider


@pytest.fixture
def oidc_app(database_url, demo_data, provider):
    with app_variant(database_url, **provider.settings("OIDC")) as app:
        yield app


def _grant(web, token):
    return web.post(
        "/fuldmagt/ny",
        data={
            "csrf_token": token,
            "holder_name": "",
            "holder_identifier": "",
            "bekraeft": "1",
            "scopes": ["se"],
            **date_fields("ends_on", clock.today() + timedelta(days=20)),
        },
    )


def test_a_mitid_citizen_is_asked_to_confirm_and_refused_without(oidc_app, demo_data):
    web, read = oidc_app.test_client(), database_reader(oidc_app)
    log_in(web, "demo-hanne")
    page = web.get("/fuldmagt/ny?lang=da")
    assert soup(page).find("form", action="/log-ind/mitid/bekraeft") is not None
    before = fuldmagt_counts(read)
    response = web.post(
        "/fuldmagt/ny",
        data={
            "csrf_token": csrf_token(page),
            **BIRGIT,
            "bekraeft": "1",
            "scopes": ["se"],
            **date_fields("ends_on", clock.today() + timedelta(days=20)),
        },
    )
    assert response.status_code == 400
    assert "logge ind med MitID igen" in soup(response).get_text()
    assert fuldmagt_counts(read) == before
    details = read(lambda s: s.scalar(select(AuditEvent.detail).order_by(AuditEvent.id.desc())))
    assert details == "step_up_needed"


def test_narrowing_needs_no_step_up_but_widening_does(oidc_app, demo_data):
    web, read = oidc_app.test_client(), database_reader(oidc_app)
    log_in(web, "demo-hanne")
    mads = fuldmagt_of(read, demo_data["Mads"])
    ends_on = read(lambda s: s.get(Fuldmagt, mads).ends_on)
    token = csrf_token(web.get(f"/fuldmagt/{mads}/aendr"))
    same_days = date_fields("ends_on", ends_on)
    widened = web.post(
        f"/fuldmagt/{mads}/aendr",
        data={"csrf_token": token, "scopes": ["se", "booke", "moede"], **same_days, **CONFIRM},
    )
    assert widened.status_code == 400
    longer = date_fields("ends_on", ends_on + timedelta(days=1))
    assert (
        web.post(
            f"/fuldmagt/{mads}/aendr",
            data={"csrf_token": token, "scopes": ["se"], **longer, **CONFIRM},
        ).status_code
        == 400
    )
    narrowed = web.post(
        f"/fuldmagt/{mads}/aendr",
        data={"csrf_token": token, "scopes": ["se"], **same_days, **CONFIRM},
    )
    assert narrowed.status_code == 302
    assert read(lambda s: s.get(Fuldmagt, mads).scopes) == "se"


def _ask_to_confirm(web):
    page = web.get("/fuldmagt/ny")
    response = web.post(
        "/log-ind/mitid/bekraeft", data={"csrf_token": csrf_token(page), "next": "/fuldmagt/ny"}
    )
    query = parse_qs(urlsplit(response.location).query)
    assert query["prompt"] == ["login"] and query["max_age"] == ["300"]
    return response.location


def test_a_fresh_log_in_confirms(oidc_app, demo_data):
    web, read = oidc_app.test_client(), database_reader(oidc_app)
    log_in(web, "demo-hanne")
    back = web.get(authorize(_ask_to_confirm(web), "demo-hanne"))
    assert back.status_code == 302 and back.location == "/fuldmagt/ny"
    page = web.get("/fuldmagt/ny")
    assert soup(page).find("form", action="/log-ind/mitid/bekraeft") is None
    response = web.post(
        "/fuldmagt/ny",
        data={
            "csrf_token": csrf_token(page),
            **BIRGIT,
            "bekraeft": "1",
            "scopes": ["se"],
            **date_fields("ends_on", clock.today() + timedelta(days=20)),
        },
    )
    assert response.status_code == 302
    actions = read(lambda s: list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id))))
    assert "auth.step_up" in actions


def test_a_log_in_older_than_the_request_does_not_confirm(oidc_app):
    web, read = oidc_app.test_client(), database_reader(oidc_app)
    log_in(web, "demo-hanne")
    authorization_url = _ask_to_confirm(web)
    with web.session_transaction() as session:  # as if the provider's auth_time were an hour old
        session["confirming"] = {**session["confirming"], "since": time.time() + 3600}
    back = web.get(authorize(authorization_url, "demo-hanne"))
    assert back.status_code == 400
    assert signed_in(web)  # still Hanne, still not confirmed
    page = web.get("/fuldmagt/ny")
    assert soup(page).find("form", action="/log-ind/mitid/bekraeft") is not None
    detail = read(
        lambda s: s.scalar(
            select(AuditEvent.detail)
            .where(AuditEvent.outcome == "refused")
            .order_by(AuditEvent.id.desc())
        )
    )
    assert detail.startswith("step_up_not_fresh auth_time=")


def test_the_demo_log_in_is_not_asked_to_confirm(oidc_app):
    web = oidc_app.test_client()
    login(web, "demo-hanne")
    page = web.get("/fuldmagt/ny")
    assert soup(page).find("form", action="/log-ind/mitid/bekraeft") is None
    # Confirming has nothing to do: straight back.
    response = web.post(
        "/log-ind/mitid/bekraeft", data={"csrf_token": csrf_token(page), "next": "/fuldmagt/ny"}
    )
    assert response.location == "/fuldmagt/ny"


@pytest.mark.parametrize(
    ("auth_time", "fresh"),
    [(1000, True), (990, True), (900, False), (None, False), ("1000", False)],
)
def test_how_fresh_a_log_in_must_be(auth_time, fresh):
    assert fresh_enough(auth_time, since=1000, leeway=10) is fresh


@pytest.mark.parametrize(
    ("scopes", "days", "wider"),
    [
        ({"se"}, 0, False),
        ({"se", "booke"}, 0, False),
        ({"se", "moede"}, 0, True),
        ({"se"}, 1, True),
        ({"se"}, -1, False),
    ],
)
def test_what_widens_a_fuldmagt(scopes, days, wider):
    ends = date(2030, 1, 31)
    fuldmagt = Fuldmagt(scopes="booke,se", ends_on=ends)
    assert delegation.widens(fuldmagt, scopes, ends + timedelta(days=days)) is wider
