""" "Hent dine oplysninger" for a relative signed in as themself (Mads, who holds a fuldmagt from
Hanne): his own record, the fuldmagt with its history, what he did for Hanne in words, his
messages and log-ins; none of Hanne's own data (a distinctive datum planted in her plan, her
contact details and an effort never appear); refused while he acts for her; one audit row per
download, about himself; a statement count that does not grow with his rows."""

from __future__ import annotations

import json

from sqlalchemy import select

from portal import clock
from portal.models import AuditEvent, ContactSettings, Notification, Person, Plan
from tests.functional.delegation_support import act_for
from tests.functional.pdf_support import assert_tagged, pdf_text, read_pdf
from tests.helpers import check_page, csrf_token, login
from tests.statements import counting

PAGE, JSON_FILE, PDF_FILE = "/mine-oplysninger", "/mine-oplysninger/json", "/mine-oplysninger/pdf"
PLANTED = "ZEBRAGOAL-4711"  # Hanne's own goal: must never reach Mads's copy
HANNE_MAIL = "hanne.zebra@example.test"


def _plant_hannes_data(session, hanne: int) -> None:
    session.scalars(select(Plan).where(Plan.citizen_id == hanne)).one().goal = PLANTED
    session.get(Person, hanne).email = HANNE_MAIL
    session.add(
        ContactSettings(
            person_id=hanne,
            email=HANNE_MAIL,
            mobile="+4599887766",
            receipts="email",
            reminders="sms",
            updated_at=clock.now(),
        )
    )
    session.commit()


def _back_to_own_view(client) -> None:
    page = client.get("/")
    client.post("/fuldmagt/egen-side", data={"csrf_token": csrf_token(page)})


def _mads_did_things_for_hanne(client, hanne: int) -> None:
    act_for(client, hanne)
    assert client.get("/plan").status_code == 200
    assert client.get("/samtaler").status_code == 200
    assert client.get(JSON_FILE).status_code == 403  # refused while acting for her
    _back_to_own_view(client)


def _own_downloads(read_db, mads: int):
    return read_db(
        lambda s: [
            (e.actor_role, e.citizen_id, e.outcome, e.detail)
            for e in s.scalars(
                select(AuditEvent)
                .where(AuditEvent.actor_id == mads, AuditEvent.action == "my_data.download")
                .order_by(AuditEvent.id)
            )
        ]
    )


def test_the_page_is_offered_to_mads_in_his_own_view(client, demo_data):
    login(client, "demo-mads")
    nav = check_page(client.get("/")).select_one("nav.main-nav")
    assert nav.find("a", href=PAGE, string="Hent dine oplysninger") is not None
    page = check_page(client.get(PAGE))
    assert page.h1.get_text(strip=True) == "Hent dine oplysninger"
    text = page.main.get_text(" ", strip=True)
    assert "Oplysninger om dem, du har fuldmagt fra, er ikke med" in text
    assert "Din plan med alle indsatser" not in text  # the citizen's list is not his
    assert page.find("a", href="/log") is None  # a relative has no access log page
    assert page.find("a", href=PDF_FILE) and page.find("a", href=JSON_FILE)
    english = check_page(client.get(PAGE + "?lang=en")).main.get_text(" ", strip=True)
    assert "Nothing about the people who gave you a fuldmagt is included" in english


def test_his_json_file_holds_his_data_and_nothing_of_hannes(app, client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    read_db(lambda s: _plant_hannes_data(s, hanne))
    login(client, "demo-mads")
    # Another citizen's page he was refused: Gitte must not be named in his copy either.
    assert client.get(f"/medarbejder/borger/{demo_data['Gitte']}").status_code == 403
    _mads_did_things_for_hanne(client, hanne)

    response = client.get(JSON_FILE)
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_data(as_text=True)
    doc = json.loads(body)
    assert doc["subject"] == "relative" and doc["format"] == "en-plan/mine-oplysninger"
    assert set(doc) == {
        "format",
        "version",
        "subject",
        "made_at",
        "language",
        "person",
        "contact_settings",
        "login_providers",
        "fuldmagter_held",
        "access_log",
        "notifications",
        "sessions",
    }
    assert doc["person"]["first_name"] == "Mads" and doc["person"]["phone"] == "28 11 22 33"
    held = doc["fuldmagter_held"]
    assert [f["citizen"] for f in held] == ["Hanne Sørensen"]
    assert held[0]["scopes"] == ["booke", "se"] and held[0]["events"][0]["kind"] == "granted"
    assert [s["this_session"] for s in doc["sessions"]] == [True]

    log = doc["access_log"]
    texts = [e["action_text"] for e in log]
    assert "Du har set planen for Hanne Sørensen." in texts
    assert "Du har set samtalerne for Hanne Sørensen." in texts
    assert "Du prøvede at åbne noget for Hanne Sørensen, men fik ikke lov." in texts
    assert {e["on_behalf_of"] for e in log} == {"Hanne Sørensen", None}
    for_hanne = [e for e in log if e["on_behalf_of"] == "Hanne Sørensen"]
    assert all(e["actor_role"] == "delegate" for e in for_hanne)
    # His own doings that are about no citizen, read by who acted: his log-in.
    assert [e["action"] for e in log if e["action"] == "auth.login"] == ["auth.login"]
    # His refused try at Gitte's page is his action too, but does not say whose page it was.
    gitte = [e for e in log if e["path"] == f"/medarbejder/borger/{demo_data['Gitte']}"]
    assert [e["action_text"] for e in gitte] == [
        "Du prøvede at åbne noget om en anden borger, men fik ikke lov."
    ]
    assert gitte[0]["on_behalf_of"] is None

    # Nothing of Hanne's beyond her name; nobody else named; no CPR hash.
    for absent in (PLANTED, HANNE_MAIL, "+4599887766", "Samtaler med psykolog", "Gitte"):
        assert absent not in body, absent
    hanne_birth = read_db(lambda s: s.get(Person, hanne).birth_date)
    assert hanne_birth.isoformat() not in body
    assert "cpr" not in body.lower()


def test_his_pdf_says_it_in_words_and_in_english(client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    read_db(lambda s: _plant_hannes_data(s, hanne))
    login(client, "demo-mads")
    _mads_did_things_for_hanne(client, hanne)
    reader = read_pdf(client.get(PDF_FILE))
    assert_tagged(reader, "da", "Dine oplysninger i Én plan")
    text = pdf_text(reader)
    for expected in (
        "Mads Sørensen",
        "Fuldmagter du har fået",
        "Hanne Sørensen",
        "Du har set planen for Hanne Sørensen.",
        "Det har du gjort i Én plan",
        "Kontakt og beskeder",
        "Dine log-ins",
    ):
        assert expected in text, expected
    assert PLANTED not in text and HANNE_MAIL not in text

    english = json.loads(client.get(JSON_FILE + "?lang=en").get_data(as_text=True))
    assert english["language"] == "en"
    texts = [e["action_text"] for e in english["access_log"]]
    assert "You viewed the plan for Hanne Sørensen." in texts
    assert "You downloaded your data as a PDF." in texts  # his earlier download, his own row
    assert "What you did in Én plan" in pdf_text(read_pdf(client.get(PDF_FILE + "?lang=en")))


def test_each_download_is_one_audit_row_about_himself(client, read_db, demo_data):
    mads = demo_data["Mads"]
    login(client, "demo-mads")
    client.get(PAGE)  # his own page view leaves no row
    client.get(JSON_FILE)
    client.get(PDF_FILE)
    assert _own_downloads(read_db, mads) == [
        ("relative", mads, "allowed", "json"),
        ("relative", mads, "allowed", "pdf"),
    ]
    # Hanne's own copy does not list them: they are not about her.
    assert (
        read_db(
            lambda s: s.scalar(
                select(AuditEvent.id).where(
                    AuditEvent.citizen_id == demo_data["Hanne"],
                    AuditEvent.action == "my_data.download",
                )
            )
        )
        is None
    )


def test_refused_while_acting_for_hanne_with_the_way_back(client, read_db, demo_data):
    hanne, mads = demo_data["Hanne"], demo_data["Mads"]
    login(client, "demo-mads")
    act_for(client, hanne)
    for path in (PAGE, JSON_FILE, PDF_FILE):
        response = client.get(path)
        assert response.status_code == 403, path
        text = check_page(response).main.get_text(" ", strip=True)
        assert "Dine egne oplysninger kan du hente, når du går tilbage til din egen side." in text
    refused = read_db(
        lambda s: [
            (e.actor_id, e.citizen_id, e.detail)
            for e in s.scalars(
                select(AuditEvent).where(
                    AuditEvent.action.like("my_data.%"), AuditEvent.outcome == "refused"
                )
            )
        ]
    )
    assert refused == [(mads, hanne, "citizen_only")] * 3
    assert [r for r in _own_downloads(read_db, mads) if r[2] == "allowed"] == []


def _count(app, client, path) -> tuple[int, int]:
    with counting(app) as counted:
        response = client.get(path)
    assert response.status_code == 200
    return len(counted), len(response.data)


def test_the_statement_count_does_not_grow_with_his_rows(app, client, read_db, demo_data):
    hanne, mads = demo_data["Hanne"], demo_data["Mads"]
    login(client, "demo-mads")
    small, small_size = _count(app, client, JSON_FILE)
    page_small, _ = _count(app, client, PAGE)

    def more(session):
        now = clock.now()
        for i in range(40):
            session.add(
                AuditEvent(
                    at=now,
                    actor_id=mads,
                    actor_role="delegate",
                    citizen_id=hanne,
                    action="plan.view",
                    target="/plan",
                    outcome="allowed",
                )
            )
            session.add(
                Notification(
                    recipient_id=mads,
                    channel="email",
                    message_key="delegate.news",
                    event_key=f"test-relative-{i}",
                    citizen_id=hanne,
                    urgency="notice",
                    status="pending",
                    created_at=now,
                    due_at=now,
                )
            )
        session.commit()

    read_db(more)
    large, large_size = _count(app, client, JSON_FILE)
    assert large_size > small_size
    assert large == small, (small, large)
    # The signed-in person, then one statement per kind of row (docs/my-data.md).
    assert small == 8
    assert _count(app, client, PAGE)[0] == page_small <= 10
