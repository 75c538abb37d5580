"""Log-in through OpenID Connect against a real provider on localhost: who is let in, and every
way a log-in is refused calmly (nobody logged in, no 500, an audit row)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from portal.demo.people import CPR as DEMO_CPR
from portal.models import AuditEvent, LoginSubject, Person, PersonKind
from portal.services import cpr
from tests.conftest import app_variant, database_reader
from tests.functional.oidc_support import (
    authorize,
    last_login_rows,
    log_in,
    signed_in,
    to_provider,
)
from tests.helpers import csrf_token, soup
from tests.oidc_provider import running_provider


@pytest.fixture(scope="module")
def citizen_provider():
    with running_provider() as provider:
        yield provider


@pytest.fixture(scope="module")
def staff_provider():
    with running_provider() as provider:
        yield provider


@pytest.fixture
def oidc_app(database_url, demo_data, citizen_provider, staff_provider):
    settings = {**citizen_provider.settings("OIDC"), **staff_provider.settings("STAFF_OIDC")}
    with app_variant(database_url, **settings) as app:
        yield app


@pytest.fixture
def web(oidc_app):
    return oidc_app.test_client()


@pytest.fixture
def db_read(oidc_app):
    return database_reader(oidc_app)


def _last_id(db_read) -> int:
    return db_read(lambda s: s.scalar(select(func.max(AuditEvent.id))) or 0)


def _text(response) -> str:
    return " ".join(soup(response).get_text().split())


def _add_person(db_read, **fields) -> int:
    if "cpr" in fields:  # only the keyed hash is stored
        fields["cpr_hash"] = cpr.digest(fields.pop("cpr"))

    def add(session):
        person = Person(first_name="Ny", last_name="Person", **fields)
        session.add(person)
        session.commit()
        return person.id

    return db_read(add)


# --- The buttons ------------------------------------------------------------------------------


def test_a_configured_provider_shows_its_button(web, citizen_provider, staff_provider):
    response = web.get("/log-ind?lang=da")
    page = _text(response)
    # The forms' redirects to the providers are allowed by the CSP, nothing else is.
    csp = response.headers["Content-Security-Policy"]
    assert f"form-action 'self' {citizen_provider.issuer} {staff_provider.issuer};" in csp
    assert "Log ind med MitID" in page
    assert "Log ind som medarbejder" in page
    assert "Log ind som Hanne" in page  # the demo log-in stays in test


def test_without_a_provider_there_is_no_button_and_no_way_in(client):
    response = client.get("/log-ind?lang=da")
    assert "form-action 'self';" in response.headers["Content-Security-Policy"]
    page = _text(response)
    assert "Log ind med MitID" not in page
    assert "Log ind som medarbejder" not in page
    token = csrf_token(client.get("/log-ind"))
    assert client.post("/log-ind/mitid", data={"csrf_token": token}).status_code == 404
    assert client.get("/log-ind/medarbejder/retur?code=x&state=y").status_code == 404


def test_the_demo_page_shows_the_fictitious_identifiers(client):
    hanne_cpr = DEMO_CPR["demo-hanne"]
    page = _text(client.get("/log-ind?lang=da"))
    assert f"Opdigtet CPR-nummer: {hanne_cpr[:6]}-{hanne_cpr[6:]}" in page
    assert "Opdigtet medarbejder-id: anders.mikkelsen@jobcenter.example" in page


def test_starting_a_log_in_needs_the_form_token(web):
    assert web.post("/log-ind/mitid", data={}).status_code == 400
    assert not signed_in(web)


# --- Who is let in ----------------------------------------------------------------------------


def test_a_citizen_logs_in_with_mitid_by_the_stored_subject(web, db_read, demo_data):
    last = _last_id(db_read)
    authorization_url = to_provider(web)
    query = parse_qs(urlsplit(authorization_url).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["state"][0] and query["nonce"][0]
    response = web.get(authorize(authorization_url, "demo-hanne"))
    assert response.status_code == 302 and response.location == "/"
    assert "Hanne" in _text(web.get("/", follow_redirects=True))
    rows = db_read(lambda s: [(r.action, r.actor_id, r.detail) for r in last_login_rows(s, last)])
    assert rows == [("auth.login", demo_data["Hanne"], "oidc:citizen")]


def test_a_first_log_in_is_matched_by_cpr_and_the_subject_is_stored(web, db_read, citizen_provider):
    person_id = _add_person(db_read, subject="local-ny", kind=PersonKind.CITIZEN, cpr="0101901234")
    citizen_provider.set_claims("mitid-ny-1", {"cpr": "010190-1234"})
    assert log_in(web, "mitid-ny-1").status_code == 302
    assert signed_in(web)
    stored = db_read(
        lambda s: s.scalars(select(LoginSubject.subject).where(LoginSubject.person_id == person_id))
    )
    assert list(stored) == ["mitid-ny-1"]
    # The next time the stored subject alone is enough.
    citizen_provider.set_claims("mitid-ny-1", {})
    web.post("/log-ud", data={"csrf_token": csrf_token(web.get("/log-ud"))})
    assert not signed_in(web)
    assert log_in(web, "mitid-ny-1").status_code == 302
    assert signed_in(web)


def test_another_subject_with_a_known_cpr_number_is_not_let_in(web, db_read, citizen_provider):
    citizen_provider.set_claims("someone-else", {"cpr": DEMO_CPR["demo-hanne"]})
    response = log_in(web, "someone-else")
    assert response.status_code == 403
    assert not signed_in(web)


def test_a_caseworker_logs_in_through_the_staff_provider(web, db_read):
    assert log_in(web, "demo-anders", provider="staff").status_code == 302
    assert "/medarbejder" in web.get("/").location


def test_a_first_staff_log_in_is_matched_by_the_staff_claim(web, db_read):
    # The provider releases the configured claim ("email"); the match ignores letter case.
    _add_person(
        db_read, subject="local-cw", kind=PersonKind.CASEWORKER, staff_key="Ny.Cw@Jobcenter.example"
    )
    assert log_in(web, "ny.cw@jobcenter.example", provider="staff").status_code == 302
    assert signed_in(web)


@pytest.mark.parametrize(
    ("subject", "provider"),
    [
        ("nobody-we-know", "citizen"),
        ("demo-anders", "citizen"),  # a caseworker through the citizens' provider
        ("demo-hanne", "staff"),  # a citizen through the staff provider
        ("demo-mads", "staff"),  # a relative through the staff provider
    ],
)
def test_an_unknown_person_gets_a_calm_page_an_audit_row_and_no_session(
    web, db_read, subject, provider
):
    last = _last_id(db_read)
    response = log_in(web, subject, provider=provider)
    assert response.status_code == 403
    page = _text(response)
    assert "Vi kan ikke finde dig i Én plan" in page
    assert "Jobcenter Åby" in page  # whom to call
    assert not signed_in(web)
    rows = db_read(
        lambda s: [(r.action, r.outcome, r.detail, r.actor_id) for r in last_login_rows(s, last)]
    )
    assert rows == [
        (
            f"auth.login.{provider}",
            "refused",
            f"login_unknown_person sub={subject}",
            None,
        )
    ]


# --- Answers that are not trusted -------------------------------------------------------------


def _refused_calmly(web, db_read, response, last: int, why: str) -> None:
    assert response.status_code == 400
    assert "Log ind lykkedes ikke" in _text(response)
    assert not signed_in(web)
    rows = db_read(lambda s: [(r.outcome, r.detail) for r in last_login_rows(s, last)])
    assert len(rows) == 1 and rows[0][0] == "refused", rows
    assert rows[0][1].startswith("login_failed") and why in rows[0][1], rows


def test_a_tampered_state_is_refused(web, db_read):
    back = authorize(to_provider(web), "demo-hanne")
    last = _last_id(db_read)
    query = parse_qs(urlsplit(back).query)
    tampered = f"/log-ind/mitid/retur?code={query['code'][0]}&state=not-{query['state'][0]}"
    _refused_calmly(web, db_read, web.get(tampered), last, "MismatchingStateError")


def test_a_replayed_code_is_refused(web, db_read):
    back = authorize(to_provider(web), "demo-hanne")
    assert web.get(back).status_code == 302
    web.post("/log-ud", data={"csrf_token": csrf_token(web.get("/log-ud"))})
    # The same answer again: its state was used up.
    last = _last_id(db_read)
    _refused_calmly(web, db_read, web.get(back), last, "MismatchingStateError")
    # The old code with a fresh, valid state: the provider refuses to exchange it twice.
    fresh = parse_qs(urlsplit(to_provider(web)).query)["state"][0]
    old_code = parse_qs(urlsplit(back).query)["code"][0]
    last = _last_id(db_read)
    replay = f"/log-ind/mitid/retur?code={old_code}&state={fresh}"
    _refused_calmly(web, db_read, web.get(replay), last, "invalid_grant")


def test_an_id_token_with_another_nonce_is_refused(web, db_read):
    back = authorize(to_provider(web), "demo-hanne")
    with web.session_transaction() as session:
        (key,) = [k for k in session if k.startswith("_state_citizen_")]
        pending = session[key]
        pending["data"]["nonce"] = "a-nonce-this-browser-never-sent"
        session[key] = pending
    last = _last_id(db_read)
    _refused_calmly(web, db_read, web.get(back), last, "'nonce'")


def test_an_error_from_the_provider_is_refused(web, db_read):
    state = parse_qs(urlsplit(to_provider(web)).query)["state"][0]
    last = _last_id(db_read)
    response = web.get(f"/log-ind/mitid/retur?error=access_denied&state={state}")
    _refused_calmly(web, db_read, response, last, "access_denied")


def test_an_expired_id_token_is_refused(database_url, demo_data):
    # Tokens that ran out five minutes before they were issued: beyond the tolerated clock skew.
    with (
        running_provider("-e", "-300") as provider,
        app_variant(database_url, **provider.settings("OIDC")) as app,
    ):
        web = app.test_client()
        db_read = database_reader(app)
        back = authorize(to_provider(web), "demo-hanne")
        last = _last_id(db_read)
        _refused_calmly(web, db_read, web.get(back), last, "expired_token")


# --- Log-out ----------------------------------------------------------------------------------


def test_log_out_ends_the_providers_session_too(web, citizen_provider):
    assert log_in(web, "demo-hanne").status_code == 302
    response = web.post("/log-ud", data={"csrf_token": csrf_token(web.get("/log-ud"))})
    assert response.status_code == 302
    target = urlsplit(response.location)
    assert f"{target.scheme}://{target.netloc}" == citizen_provider.issuer
    assert target.path == "/oauth2/end_session"
    query = parse_qs(target.query)
    assert query["post_logout_redirect_uri"] == ["http://localhost/logget-ud"]
    assert query["id_token_hint"][0].count(".") == 2
    assert not signed_in(web)


def test_a_demo_log_out_stays_in_the_portal(web):
    web.post(
        "/log-ind",
        data={"csrf_token": csrf_token(web.get("/log-ind")), "subject": "demo-hanne", "next": ""},
    )
    response = web.post("/log-ud", data={"csrf_token": csrf_token(web.get("/log-ud"))})
    assert response.location == "/logget-ud"


@pytest.mark.parametrize(
    ("asked", "lands_on"),
    [("/plan", "/plan"), ("https://evil.example/plan", "/"), ("//evil.example", "/")],
)
def test_after_the_log_in_the_person_gets_the_page_they_asked_for(web, asked, lands_on):
    token = csrf_token(web.get("/log-ind"))
    start = web.post("/log-ind/mitid", data={"csrf_token": token, "next": asked})
    assert start.status_code == 302
    back = web.get(authorize(start.location, "demo-hanne"))
    assert back.status_code == 302 and back.location == lands_on
    assert signed_in(web)
