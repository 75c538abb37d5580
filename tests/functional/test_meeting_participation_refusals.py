"""Choosing how to take part in the meeting: what is refused (missing, too long or stale answers,
after the deadline, another citizen's meeting or receipt, the wrong role, nobody signed in), each
refusal changing nothing and still audited."""

from datetime import timedelta

from portal import clock
from portal.models import AuditEvent, Meeting
from portal.services import meeting as meetings
from tests.functional.meeting_pages import (
    ask,
    choose,
    meeting_id_of,
    participation_data,
    record_counts,
)
from tests.helpers import check_page, login

CHECK = "/moede/deltagelse/tjek"


def _state(read_db, citizen_id):
    return read_db(
        lambda s: meetings.state(
            s, meetings.current_meeting(s, citizen_id, clock.now()), clock.now()
        )
    )


def _token(page):
    return page.find("input", attrs={"name": "csrf_token"})["value"]


def test_missing_and_too_long_input_keeps_what_was_typed(client, read_db):
    login(client, "demo-laerke")
    before = record_counts(read_db)
    response = ask(client, "repraesenteret", representative_name="", representative_relation="ven")
    page = check_page(response)
    assert response.status_code == 400
    assert "Skriv navnet på den, der møder for dig." in page.get_text()
    assert page.find("input", attrs={"name": "representative_relation"})["value"] == "ven"
    assert not page.select_one("[data-applies-to=repraesenteret]").has_attr("hidden")
    response = ask(client, "fremmoede", companion_name="x" * 121)
    assert response.status_code == 400
    assert "Skriv højst 120 tegn." in check_page(response).get_text()
    response = client.post("/moede/deltagelse", data=participation_data(client, mode="teleport"))
    assert response.status_code == 400
    response = client.post("/moede/deltagelse", data=participation_data(client))
    assert response.status_code == 400
    assert "Vælg, hvordan du vil deltage." in check_page(response).get_text()
    assert record_counts(read_db) == before


def test_a_stale_participation_form_is_refused(client, read_db):
    login(client, "demo-laerke")
    old = participation_data(client, mode="uden_deltagelse")
    choose(client, "fremmoede", interpreter_needed="nej")
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


def test_participation_after_the_deadline_says_what_happens_and_whom_to_call(
    client, read_db, demo_data
):
    meeting_id = meeting_id_of(read_db, demo_data["Lærke"])
    deadline = read_db(lambda s: s.get(Meeting, meeting_id).change_deadline)
    login(client, "demo-laerke")
    before_text = check_page(client.get("/moede/deltagelse")).get_text(" ")
    assert "Efter fristen ligger valget fast." in before_text
    assert "regner teamet med, at du møder op" in before_text
    assert "Anders Mikkelsen på 72 34 56 10 eller til Jobcenter Åby på 70 10 20 30" in before_text
    data = participation_data(client, mode="uden_deltagelse")
    ask(client, "uden_deltagelse")  # a choice under way when the deadline passes
    before = record_counts(read_db)
    with clock.frozen(deadline + timedelta(minutes=1)):
        page = check_page(client.get("/moede/deltagelse"))
        assert "Valget ligger nu fast." in page.get_text(" ")
        assert "ring til Anders Mikkelsen på 72 34 56 10" in page.get_text(" ")
        assert page.find("form", action="/moede/deltagelse") is None
        response = client.post("/moede/deltagelse", data=data)
        assert response.status_code == 400
        assert "Fristen for at ændre er overskredet" in response.get_data(as_text=True)
        response = client.get(CHECK)
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


def test_another_citizens_receipt_is_not_found(client, read_db, demo_data):
    login(client, "demo-gitte")
    response = choose(client, "uden_deltagelse")
    record_id = response.location.rsplit("/", 1)[1]
    login(client, "demo-laerke")
    assert client.get(f"/moede/deltagelse/valg/{record_id}").status_code == 404
    assert client.get(f"/moede/deltagelse/valg/{record_id}/kvittering").status_code == 404


def test_a_refused_form_is_still_audited(client, read_db):
    login(client, "demo-laerke")
    data = participation_data(client, mode="fremmoede", companion_name="x" * 121)
    assert client.post("/moede/deltagelse", data=data).status_code == 400
    attempts = read_db(
        lambda s: s.query(AuditEvent).filter_by(action="meeting.participation").count()
    )
    assert attempts == 1  # the POST refused by the form itself (her own GET is not audited)


CITIZEN_PATHS = [
    "/moede",
    "/moede/deltagelse",
    "/moede/deltagelse/detaljer",
    "/moede/deltagelse/samtykke",
    CHECK,
    "/moede/forbered/situation",
    "/moede/forbered/tjek",
]


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


# --- The interpreter, said back and shown to the caseworker ----------------------------------
