"""Choosing how to take part in the meeting, through the Flask client with CSRF on: the choices,
their refusals and replays, and who may open the citizen's meeting pages."""

from datetime import timedelta

from portal import clock
from portal.models import AuditEvent, Meeting
from tests.functional.meeting_pages import (
    meeting_id_of,
    participation_data,
    record_counts,
)
from tests.helpers import check_page, login

# --- Participation ------------------------------------------------------------------------------


def test_participation_page_and_choosing_represented(client, read_db, demo_data):
    login(client, "demo-laerke")
    check_page(client.get("/moede/deltagelse"))
    data = participation_data(
        client,
        mode="repraesenteret",
        representative_name="Mor Nielsen",
        representative_relation="min mor",
        companion_name="Birgit Holm",
    )
    response = client.post("/moede/deltagelse", data=data)
    assert response.status_code == 302
    page = check_page(client.get("/moede"))
    assert "En anden møder op for mig: Mor Nielsen (min mor)" in page.get_text(" ")
    # The same form again: nothing new, said calmly.
    before = record_counts(read_db)
    client.post("/moede/deltagelse", data=data)
    assert record_counts(read_db) == before
    assert "Dit valg var allerede gemt" in check_page(client.get("/moede")).get_text()


def test_virtual_without_consent_is_refused_next_to_the_field(client, read_db):
    login(client, "demo-laerke")
    before = record_counts(read_db)
    response = client.post("/moede/deltagelse", data=participation_data(client, mode="virtuelt"))
    assert response.status_code == 400
    page = check_page(response)
    assert "Giv samtykke først" in page.select_one(".error-summary").get_text()
    assert "Giv samtykke først" in page.select_one("#mode-error").get_text()
    assert record_counts(read_db) == before


def test_missing_and_too_long_input_keeps_what_was_typed(client, read_db):
    login(client, "demo-laerke")
    before = record_counts(read_db)
    response = client.post(
        "/moede/deltagelse",
        data=participation_data(
            client, mode="repraesenteret", representative_name="", representative_relation="ven"
        ),
    )
    page = check_page(response)
    assert response.status_code == 400
    assert "Skriv navnet på den, der møder for dig." in page.get_text()
    assert page.find("input", attrs={"name": "representative_relation"})["value"] == "ven"
    response = client.post(
        "/moede/deltagelse",
        data=participation_data(client, mode="fremmoede", companion_name="x" * 121),
    )
    assert response.status_code == 400
    assert "Skriv højst 120 tegn." in check_page(response).get_text()
    response = client.post("/moede/deltagelse", data=participation_data(client, mode="teleport"))
    assert response.status_code == 400
    assert record_counts(read_db) == before


def test_a_stale_participation_form_is_refused(client, read_db):
    login(client, "demo-laerke")
    old = participation_data(client, mode="uden_deltagelse")
    client.post("/moede/deltagelse", data=participation_data(client, mode="fremmoede"))
    before = record_counts(read_db)
    response = client.post("/moede/deltagelse", data=old)
    assert response.status_code == 400
    assert "Dit valg er ændret, siden du åbnede siden" in check_page(response).get_text()
    assert record_counts(read_db) == before
    # A version that is no number at all is never the current one.
    for tampered in ("abc", "", "-1"):
        response = client.post("/moede/deltagelse", data={**old, "version": tampered})
        assert response.status_code == 400
        assert "Dit valg er ændret" in check_page(response).get_text()
    assert record_counts(read_db) == before


def test_participation_after_the_deadline_says_whom_to_call(client, read_db, demo_data):
    meeting_id = meeting_id_of(read_db, demo_data["Lærke"])
    deadline = read_db(lambda s: s.get(Meeting, meeting_id).change_deadline)
    login(client, "demo-laerke")
    data = participation_data(client, mode="uden_deltagelse")
    before = record_counts(read_db)
    with clock.frozen(deadline + timedelta(minutes=1)):
        page = check_page(client.get("/moede/deltagelse"))
        assert "Ring til Anders Mikkelsen på 72 34 56 10" in page.get_text()
        assert page.find("form", action="/moede/deltagelse") is None
        response = client.post("/moede/deltagelse", data=data)
        assert response.status_code == 400
        assert "Fristen for at ændre er overskredet" in response.get_data(as_text=True)
    assert record_counts(read_db) == before


def test_participation_for_another_citizens_meeting_is_not_found(client, read_db, demo_data):
    gittes = meeting_id_of(read_db, demo_data["Gitte"])
    login(client, "demo-laerke")
    before = record_counts(read_db)
    data = participation_data(client, mode="uden_deltagelse", meeting_id=str(gittes))
    assert client.post("/moede/deltagelse", data=data).status_code == 404
    assert record_counts(read_db) == before


def test_a_refused_form_is_still_audited(client, read_db):
    login(client, "demo-laerke")
    data = participation_data(client, mode="fremmoede", companion_name="x" * 121)
    assert client.post("/moede/deltagelse", data=data).status_code == 400
    attempts = read_db(
        lambda s: s.query(AuditEvent).filter_by(action="meeting.participation").count()
    )
    assert attempts == 2  # the GET that built the form, and the POST refused by the form itself


# --- Refusals -----------------------------------------------------------------------------------

CITIZEN_PATHS = ["/moede", "/moede/deltagelse", "/moede/forbered/situation", "/moede/forbered/tjek"]


def test_anonymous_is_sent_to_login(client):
    for path in CITIZEN_PATHS:
        assert client.get(path).headers["Location"].startswith("/log-ind?next=")


def test_caseworker_and_relative_cannot_use_citizen_meeting_pages(client):
    login(client, "demo-anders")
    for path in CITIZEN_PATHS:
        assert client.get(path).status_code == 403
    login(client, "demo-mads")
    for path in CITIZEN_PATHS:
        assert client.get(path).status_code == 403
