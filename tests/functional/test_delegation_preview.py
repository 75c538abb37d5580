"""The caseworker's read-only preview of a citizen's pages, and the citizen's access log."""

from datetime import timedelta

from sqlalchemy import func, select

from portal import clock
from portal.models import AuditEvent
from portal.services import audit
from tests.functional.delegation_support import (
    act_for,
    fuldmagt_counts,
    fuldmagt_of,
    start_preview,
)
from tests.helpers import check_page, csrf_token, login


def test_caseworker_preview_shows_the_citizens_pages_read_only(client, read_db, demo_data):
    login(client, "demo-anders")
    staff_page = check_page(client.get(f"/medarbejder/borger/{demo_data['Hanne']}"))
    buttons = [b.get_text(strip=True) for b in staff_page.select("main button")]
    assert buttons[0] == "Se som borgeren"
    assert "Se som fuldmagtshaver: Mads Sørensen (må se, booke)" in buttons
    assert start_preview(client, demo_data["Hanne"]).location.endswith("/")
    home = check_page(client.get("/"))
    banner = home.select_one("#acting-banner").get_text(" ", strip=True)
    assert (
        "Forhåndsvisning – du ser siden som Hanne ser den. Du kan ikke ændre noget her." in banner
    )
    assert home.h1.get_text(strip=True) == "Hej Hanne"
    for path in ("/plan", "/plan/historik", "/fuldmagt", "/log"):
        check_page(client.get(path))
    grant = check_page(client.get("/fuldmagt/ny"))
    button = grant.select_one("main button[type=submit]")
    assert button.get_text(strip=True) == "Giv fuldmagt" and button.has_attr("disabled")


def test_forged_post_in_preview_changes_nothing_and_is_recorded(client, read_db, demo_data):
    mads = fuldmagt_of(read_db, demo_data["Mads"])
    login(client, "demo-anders")
    start_preview(client, demo_data["Hanne"])
    before = fuldmagt_counts(read_db)
    token = csrf_token(client.get("/log-ud"))
    response = client.post(f"/fuldmagt/{mads}/tilbagekald", data={"csrf_token": token})
    assert response.status_code == 403
    page = check_page(response)
    assert page.h1.get_text(strip=True) == "Du kan ikke ændre noget i en forhåndsvisning"
    assert fuldmagt_counts(read_db) == before
    refused = read_db(
        lambda s: s.scalar(select(AuditEvent).where(AuditEvent.outcome == "refused")).detail
    )
    assert refused == "read_only_preview"
    # Leaving the preview goes back to the caseworker's page for the citizen.
    response = client.post("/medarbejder/forhaandsvisning/afslut", data={"csrf_token": token})
    assert response.location.endswith(f"/medarbejder/borger/{demo_data['Hanne']}")
    assert client.get("/").location.endswith("/medarbejder")


def test_preview_as_delegate_has_that_delegates_scope(client, read_db, demo_data):
    mads = fuldmagt_of(read_db, demo_data["Mads"])
    gittes = fuldmagt_of(read_db, demo_data["Birgit"])
    login(client, "demo-anders")
    assert start_preview(client, demo_data["Hanne"], som=str(gittes)).status_code == 404
    assert start_preview(client, demo_data["Hanne"], som="x").status_code == 404
    start_preview(client, demo_data["Hanne"], som=str(mads))
    home = check_page(client.get("/"))
    assert "som Mads Sørensen ser den med sin fuldmagt fra Hanne" in home.select_one(
        "#acting-banner"
    ).get_text(" ", strip=True)
    assert client.get("/plan").status_code == 200
    assert client.get("/fuldmagt").status_code == 403  # Mads cannot see it either


def test_caseworker_cannot_preview_outside_the_caseload(client, demo_data):
    login(client, "demo-rikke")
    token = csrf_token(client.get("/log-ud"))
    response = client.post(
        f"/medarbejder/borger/{demo_data['Hanne']}/forhaandsvis",
        data={"csrf_token": token, "som": "borger"},
    )
    assert response.status_code == 404
    assert client.get("/plan").status_code == 403


def test_log_shows_who_saw_what_in_plain_danish(app, client, read_db, demo_data):
    delegate = app.test_client()
    login(delegate, "demo-mads")
    act_for(delegate, demo_data["Hanne"])
    delegate.get("/plan")
    caseworker = app.test_client()
    login(caseworker, "demo-anders")
    start_preview(caseworker, demo_data["Hanne"])
    caseworker.get("/plan")
    login(client, "demo-hanne")
    client.get("/plan")  # her own visits are not listed
    page = check_page(client.get("/log"))
    lines = [li.get_text(" ", strip=True) for li in page.select(".access-log li")]
    assert "Anders Mikkelsen fra jobcentret har set din plan i en forhåndsvisning." in lines[0]
    assert any(
        "Anders Mikkelsen fra jobcentret har åbnet en forhåndsvisning af dine sider." in x
        for x in lines
    )
    assert any("Mads Sørensen har set din plan på dine vegne." in x for x in lines)
    assert not any("Hanne" in x for x in lines)


def test_log_paginates_hides_old_entries_and_words_unknown_actions(client, read_db, demo_data):
    hanne, mads = demo_data["Hanne"], demo_data["Mads"]

    def add(session):
        now = clock.now()
        for _ in range(25):
            audit.record(
                session, actor_id=mads, actor_role="delegate", citizen_id=hanne, action="plan.view"
            )
        entry = audit.record(
            session, actor_id=mads, actor_role="delegate", citizen_id=hanne, action="future.unknown"
        )
        entry.at = now + timedelta(minutes=1)
        old = audit.record(
            session, actor_id=mads, actor_role="delegate", citizen_id=hanne, action="plan.view"
        )
        old.at = now - timedelta(days=800)
        session.commit()

    read_db(add)
    login(client, "demo-hanne")
    first = check_page(client.get("/log"))
    assert len(first.select(".access-log li")) == 20
    assert "Mads Sørensen har set dine oplysninger på dine vegne." in first.select(
        ".access-log li"
    )[0].get_text(" ", strip=True)
    assert "Side 1 af 2" in first.select_one(".pagination").get_text()
    second = check_page(client.get("/log?side=2"))
    assert len(second.select(".access-log li")) == 6  # the 800-day-old entry is kept, not shown
    assert check_page(client.get("/log?side=abc")).select_one(".pagination")
    assert (
        read_db(
            lambda s: s.scalar(
                select(func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.citizen_id == hanne, AuditEvent.actor_id == mads)
            )
        )
        == 27
    )
