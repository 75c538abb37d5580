"""The person's contact settings (/indstillinger) and the messages sent to them (/beskeder)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from portal import clock
from portal.models import AuditEvent, ContactSettings, Notification, Person
from tests.conftest import app_variant
from tests.functional.delegation_support import act_for
from tests.helpers import csrf_token, login


def _settings(read, person_id):
    return read(lambda s: s.get(ContactSettings, person_id))


def _post(client, **fields):
    token = csrf_token(client.get("/indstillinger"))
    data = {
        "csrf_token": token,
        "email": "",
        "mobile": "",
        "receipts": "email",
        "reminders": "email",
        "language": "da",
        **fields,
    }
    return client.post("/indstillinger", data=data)


def test_the_demo_people_start_with_no_contact_details(client, demo_data, read_db):
    assert read_db(lambda s: s.scalar(select(func.count()).select_from(ContactSettings))) == 0
    login(client, "demo-hanne")
    page = client.get("/beskeder").get_data(as_text=True)
    assert "fordi vi ikke har din e-mailadresse eller dit mobilnummer" in page


def test_hanne_saves_her_e_mail_and_mobile_and_the_change_is_audited(client, demo_data, read_db):
    login(client, "demo-hanne")
    saved = _post(
        client, email="hanne@example.dk", mobile="20 30 40 50", receipts="email", reminders="sms"
    )
    assert saved.status_code == 302 and saved.headers["Location"].endswith("/indstillinger?gemt=1")
    stored = _settings(read_db, demo_data["Hanne"])
    assert (stored.email, stored.mobile, stored.receipts, stored.reminders) == (
        "hanne@example.dk",
        "+4520304050",
        "email",
        "sms",
    )
    actions = read_db(
        lambda s: s.scalars(
            select(AuditEvent.action).where(AuditEvent.actor_id == demo_data["Hanne"])
        ).all()
    )
    assert any("settings" in action for action in actions)
    page = client.get("/indstillinger?gemt=1").get_data(as_text=True)
    assert "Dine indstillinger er gemt" in page and 'value="+4520304050"' in page


def test_bad_contact_details_are_refused_and_nothing_is_saved(client, demo_data, read_db):
    login(client, "demo-hanne")
    for fields, words in (
        ({"email": "hanne@"}, "Skriv en e-mailadresse som navn@eksempel.dk."),
        ({"mobile": "1234"}, "Skriv et dansk mobilnummer med 8 cifre"),
        ({"email": "h@example.dk", "reminders": "sms"}, "Skriv dit mobilnummer, eller vælg"),
        ({"receipts": "brevdue"}, "Not a valid choice"),
        ({"email": "a" * 200 + "@example.dk"}, "Skriv højst 120 tegn."),
    ):
        refused = _post(client, **fields)
        assert refused.status_code == 400, fields
        assert words in refused.get_data(as_text=True) or fields.get("receipts"), fields
    assert _settings(read_db, demo_data["Hanne"]) is None


def test_a_form_without_its_token_changes_nothing(client, demo_data, read_db):
    login(client, "demo-hanne")
    refused = client.post("/indstillinger", data={"email": "x@example.dk", "receipts": "email"})
    assert refused.status_code == 400
    assert _settings(read_db, demo_data["Hanne"]) is None


def test_choosing_english_here_is_the_same_choice_as_the_language_switch(
    client, demo_data, read_db
):
    login(client, "demo-hanne")
    _post(client, email="hanne@example.dk", language="en")
    assert read_db(lambda s: s.get(Person, demo_data["Hanne"]).language) == "en"
    assert "Settings" in client.get("/indstillinger").get_data(as_text=True)


def _add_messages(app, person_id, rows):
    """Outbox rows as the worker leaves them: (status, text) each, the last one newest."""
    with app.app_context():
        from portal.extensions import db

        for n, (status, text) in enumerate(rows):
            db.session.add(
                Notification(
                    recipient_id=person_id,
                    citizen_id=person_id,
                    channel="email",
                    message_key="outcome_published",
                    event_key=f"test:{n}",
                    refs={},
                    urgency="notice",
                    status=status,
                    due_at=clock.now() + timedelta(minutes=n),
                    created_at=clock.now() + timedelta(minutes=n),
                    sent_at=clock.now() if status == "sent" else None,
                    sent_subject="Du har fået nyt fra jobcentret" if text else None,
                    sent_text=text,
                    attempts=1,
                )
            )
        db.session.commit()
        db.session.remove()


def test_the_messages_page_shows_what_was_sent_newest_first(client, app, demo_data):
    login(client, "demo-hanne")
    _post(client, email="hanne@example.dk")
    _add_messages(
        app, demo_data["Hanne"], [("sent", "Den første besked."), ("failed", "Den anden besked.")]
    )
    page = client.get("/beskeder").get_data(as_text=True)
    assert page.index("Den anden besked.") < page.index("Den første besked.")
    assert "Kunne ikke sendes" in page and "Sendt" in page


def test_the_caseworker_sees_whether_messages_reached_the_citizen(client, app, demo_data):
    _add_messages(app, demo_data["Hanne"], [("failed", "Tekst."), ("pending", None)])
    login(client, "demo-anders")
    page = client.get(f"/medarbejder/borger/{demo_data['Hanne']}").get_data(as_text=True)
    section = page[page.index('id="beskeder"') :]
    assert "<strong>Kunne ikke sendes</strong>" in section
    assert "Venter på at blive sendt" in section and "Du har fået nyt fra jobcentret" in section


def test_the_development_page_shows_rendered_messages_and_is_absent_elsewhere(
    client, app, demo_data, database_url
):
    assert client.get("/udvikling/beskeder").status_code == 404  # the test profile: off
    _add_messages(app, demo_data["Hanne"], [("pending", None)])
    with app_variant(database_url, DEV_MESSAGES_PAGE=True) as development:
        page = development.test_client().get("/udvikling/beskeder").get_data(as_text=True)
    assert "Hanne" in page
    assert "Du har fået en ny besked om dit forløb fra jobcentret." in page


def test_a_delegate_and_a_caseworker_have_no_settings_page_here(client, demo_data):
    login(client, "demo-mads")
    act_for(client, demo_data["Hanne"])
    assert client.get("/indstillinger").status_code == 403
    assert 'href="/indstillinger"' not in client.get("/").get_data(as_text=True)
    login(client, "demo-anders")
    assert client.get("/beskeder").status_code == 403
