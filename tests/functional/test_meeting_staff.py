"""The caseworker's meeting pages, through the Flask client with CSRF on: planning, the team's
answer to a request, and who may use them."""

from datetime import timedelta

import pytest

from portal import clock
from portal.services import meeting as meetings
from tests.functional.meeting_pages import (
    choose,
    csrf_of,
    plan_form,
    record_counts,
)
from tests.helpers import check_page, csrf_token, date_fields, login

# --- Staff ----------------------------------------------------------------------------------------


def test_staff_sees_the_citizens_choices_and_sent_preparation(client, demo_data):
    login(client, "demo-anders")
    page = check_page(client.get(f"/medarbejder/borger/{demo_data['Hanne']}/moede"))
    text = page.get_text(" ")
    assert "Ikke givet" in text
    assert "Valget blev ændret til fremmøde" in text
    assert "ikke sendt sin forberedelse" in text


def test_staff_refusals(client, demo_data):
    login(client, "demo-anders")
    for suffix in ("/moede", "/moede/planlaeg"):
        assert client.get(f"/medarbejder/borger/{demo_data['Gitte']}{suffix}").status_code == 404
    login(client, "demo-hanne")
    assert client.get(f"/medarbejder/borger/{demo_data['Hanne']}/moede").status_code == 403


def test_staff_plans_a_new_meeting_with_the_default_deadline(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    login(client, "demo-anders")
    page = check_page(client.get(f"/medarbejder/borger/{sofie}/moede"))
    assert "Der er ikke planlagt et møde" in page.get_text()
    day = clock.today() + timedelta(days=21)
    data = plan_form(
        client,
        sofie,
        **date_fields("start_date", day),
        start_time="10:00",
        place="Jobcentret",
        video_url="https://video.example/m",
        name_employment="Anders Mikkelsen",
    )
    response = client.post(f"/medarbejder/borger/{sofie}/moede/planlaeg", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    meeting = read_db(lambda s: meetings.current_meeting(s, sofie, clock.now()))
    assert meeting.starts_at == clock.at_local(day, 10)
    assert meeting.change_deadline == meetings.default_deadline(meeting.starts_at)
    page = check_page(client.get(f"/medarbejder/borger/{sofie}/moede"))
    assert "Mødet er gemt" in page.get_text()


def test_staff_edits_a_meeting_and_bad_input_is_refused(client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    login(client, "demo-anders")
    before = record_counts(read_db)
    bad = plan_form(client, hanne, place="", video_url="http://x", start_time="")
    response = client.post(f"/medarbejder/borger/{hanne}/moede/planlaeg", data=bad)
    assert response.status_code == 400
    assert "Skriv klokkeslættet." in check_page(response).get_text()
    bad = plan_form(client, hanne, video_url="http://x")
    response = client.post(f"/medarbejder/borger/{hanne}/moede/planlaeg", data=bad)
    assert "Videolinket skal begynde med https://" in check_page(response).get_text()
    assert record_counts(read_db) == before
    good = plan_form(client, hanne, place="Rådhuset, lokale 7")
    assert client.post(f"/medarbejder/borger/{hanne}/moede/planlaeg", data=good).status_code == 302
    assert record_counts(read_db) == before  # the same meeting, changed in place
    assert read_db(lambda s: meetings.current_meeting(s, hanne, clock.now()).place) == (
        "Rådhuset, lokale 7"
    )


@pytest.mark.parametrize("decision", ["accept", "decline"])
def test_staff_answers_a_request_and_the_citizen_reads_it(client, read_db, demo_data, decision):
    login(client, "demo-hanne")
    choose(client, "uden_deltagelse")
    assert "Afventer teamets vurdering" in check_page(client.get("/moede")).get_text()
    login(client, "demo-anders")
    url = f"/medarbejder/borger/{demo_data['Hanne']}/moede"
    page = check_page(client.get(url))
    form = page.find("form", action=f"{url}/vurdering")
    version = form.find("input", attrs={"name": "version"})["value"]
    # Declining without a reason is refused.
    response = client.post(
        f"{url}/vurdering",
        data={"csrf_token": csrf_of(page), "version": version, "decision": "decline"},
    )
    assert response.status_code == 400
    assert "Skriv en begrundelse" in check_page(response).get_text()
    data = {
        "csrf_token": csrf_of(page),
        "version": version,
        "decision": decision,
        "reason": "Vi har det, vi skal bruge.",
    }
    assert client.post(f"{url}/vurdering", data=data).status_code == 302
    before = record_counts(read_db)
    assert client.post(f"{url}/vurdering", data=data).status_code == 400  # replay
    assert record_counts(read_db) == before
    login(client, "demo-hanne")
    text = check_page(client.get("/moede")).get_text(" ")
    expected = "Teamet har sagt ja" if decision == "accept" else "Teamet har sagt nej"
    assert expected in text and "Vi har det, vi skal bruge." in text


def test_caseworker_outside_the_caseload_cannot_assess(client, demo_data):
    login(client, "demo-rikke")
    page = client.get(f"/medarbejder/borger/{demo_data['Gitte']}/moede/planlaeg")
    response = client.post(
        f"/medarbejder/borger/{demo_data['Hanne']}/moede/vurdering",
        data={"csrf_token": csrf_token(page), "version": "0", "decision": "accept"},
    )
    assert response.status_code == 404


def test_staff_sets_the_deadline_by_hand(client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    login(client, "demo-anders")
    meeting = read_db(lambda s: meetings.current_meeting(s, hanne, clock.now()))
    day = clock.local(meeting.starts_at).date() - timedelta(days=5)
    data = plan_form(client, hanne, **date_fields("deadline_date", day), deadline_time="12:00")
    assert client.post(f"/medarbejder/borger/{hanne}/moede/planlaeg", data=data).status_code == 302
    deadline = read_db(lambda s: meetings.current_meeting(s, hanne, clock.now()).change_deadline)
    assert deadline == clock.at_local(day, 12)
    late = clock.local(meeting.starts_at).date() + timedelta(days=1)
    data = plan_form(client, hanne, **date_fields("deadline_date", late))
    response = client.post(f"/medarbejder/borger/{hanne}/moede/planlaeg", data=data)
    assert response.status_code == 400
    assert "Fristen skal ligge før mødet." in check_page(response).get_text()
