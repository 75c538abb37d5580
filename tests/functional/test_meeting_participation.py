"""Choosing how to take part in the meeting, through the Flask client with CSRF on: the choices,
their refusals and replays, and who may open the citizen's meeting pages."""

from datetime import timedelta

from portal import clock
from portal.models import AuditEvent, Meeting
from portal.services import meeting as meetings
from tests.functional.delegation_support import act_for, grant_birgit_for_hanne
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
    assert "En anden møder op for dig: Mor Nielsen (min mor)" in page.get_text(" ")
    # The same form again: nothing new, said calmly.
    before = record_counts(read_db)
    client.post("/moede/deltagelse", data=data)
    assert record_counts(read_db) == before
    assert "Dit valg var allerede gemt" in check_page(client.get("/moede")).get_text()


def test_nothing_is_chosen_in_advance(client):
    login(client, "demo-laerke")  # no choice made yet
    page = check_page(client.get("/moede/deltagelse"))
    radios = page.select("input[name=mode]")
    assert len(radios) == 4 and not any(r.has_attr("checked") for r in radios)


def _consent_question(client, **values):
    response = client.post(
        "/moede/deltagelse", data=participation_data(client, mode="virtuelt", **values)
    )
    assert response.status_code == 200
    page = check_page(response)
    assert page.h1.get_text(strip=True) == "Samtykke til et virtuelt møde"
    form = page.find("form", action="/moede/deltagelse/samtykke")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input") if i["type"] != "radio"}
    return page, data


def test_choosing_video_without_consent_asks_for_consent_then_gives_it_and_chooses_video(
    client, read_db, demo_data
):
    login(client, "demo-laerke")
    before = record_counts(read_db)
    page, data = _consent_question(client, companion_name="Birgit Holm")
    text = page.get_text(" ")
    assert "Samtykket gælder kun dette møde." in text
    assert "Du kan altid trække samtykket tilbage" in text
    assert data["companion_name"] == "Birgit Holm"
    assert record_counts(read_db) == before  # asking writes nothing
    # "No" leads back to the choice, and writes nothing.
    response = client.post("/moede/deltagelse/samtykke", data={**data, "answer": "nej"})
    assert response.status_code == 302 and response.location.endswith("/moede/deltagelse")
    assert record_counts(read_db) == before
    # No answer: said next to the question, nothing written.
    response = client.post("/moede/deltagelse/samtykke", data=data)
    assert response.status_code == 400
    assert "Svar ja eller nej." in check_page(response).select_one(".error-summary").get_text()
    # "Yes": consent and video in one step.
    response = client.post("/moede/deltagelse/samtykke", data={**data, "answer": "ja"})
    assert response.status_code == 302
    consents, choices, meetings_count = record_counts(read_db)
    assert (consents, choices) == (before[0] + 1, before[1] + 1)
    state = read_db(
        lambda s: meetings.state(
            s, meetings.current_meeting(s, demo_data["Lærke"], clock.now()), clock.now()
        )
    )
    assert state.consent and state.mode == "virtuelt"
    assert state.participation.companion_name == "Birgit Holm"
    overview = check_page(client.get("/moede")).get_text(" ")
    assert "Du har givet samtykke og valgt video" in overview
    # The same answer again changes nothing.
    client.post("/moede/deltagelse/samtykke", data={**data, "answer": "ja"})
    assert record_counts(read_db) == (consents, choices, meetings_count)


def test_a_refused_video_choice_leaves_no_consent_behind(client, read_db):
    login(client, "demo-laerke")
    _, data = _consent_question(client)
    before = record_counts(read_db)
    response = client.post(
        "/moede/deltagelse/samtykke", data={**data, "answer": "ja", "version": "99"}
    )
    assert response.status_code == 400
    assert "Dit valg er ændret" in check_page(response).select_one(".error-summary").get_text()
    assert record_counts(read_db) == before  # the consent given first was rolled back too


def test_a_delegate_is_told_that_consent_is_the_citizens_own(client, demo_data, read_db):
    grant_birgit_for_hanne(read_db, demo_data, "moede")
    login(client, "demo-birgit")
    act_for(client, demo_data["Hanne"])
    response = client.post("/moede/deltagelse", data=participation_data(client, mode="virtuelt"))
    page = check_page(response)
    assert "Kun Hanne kan give det" in page.get_text(" ")
    assert page.find("form", action="/moede/deltagelse/samtykke") is None


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
    assert attempts == 1  # the POST refused by the form itself (her own GET is not audited)


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


def test_an_interpreter_need_is_echoed_and_shown_to_the_caseworker(client, demo_data):
    login(client, "demo-laerke")
    response = client.post(
        "/moede/deltagelse",
        data=participation_data(client, mode="fremmoede", interpreter_needed="ja"),
    )
    assert response.status_code == 400
    page = check_page(response)
    assert (
        "Skriv, hvilket sprog tolken skal tale."
        in page.select_one("#interpreter_language-error").get_text()
    )
    response = client.post(
        "/moede/deltagelse",
        data=participation_data(
            client, mode="fremmoede", interpreter_needed="ja", interpreter_language="arabisk"
        ),
    )
    assert response.status_code == 302
    assert "Tolk: arabisk" in check_page(client.get("/moede")).get_text(" ")
    chosen = check_page(client.get("/moede/deltagelse"))
    assert chosen.find("input", attrs={"name": "interpreter_needed", "value": "ja"}).has_attr(
        "checked"
    )
    login(client, "demo-anders")
    staff = check_page(client.get(f"/medarbejder/borger/{demo_data['Lærke']}/moede"))
    assert "Tolk: arabisk" in staff.get_text(" ")


def test_the_interpreter_need_is_carried_through_the_consent_question(client, read_db, demo_data):
    login(client, "demo-laerke")
    _, data = _consent_question(client, interpreter_needed="ja", interpreter_language="tigrinya")
    assert data["interpreter_language"] == "tigrinya"
    client.post("/moede/deltagelse/samtykke", data={**data, "answer": "ja"})
    current = read_db(
        lambda s: (
            meetings.current_participation(
                s, meetings.current_meeting(s, demo_data["Lærke"], clock.now())
            ).interpreter_language
        )
    )
    assert current == "tigrinya"


def test_the_choice_is_said_to_the_citizen_and_about_the_citizen_to_a_delegate(
    client, demo_data, read_db
):
    login(client, "demo-hanne")  # her video choice was switched to in person
    section = check_page(client.get("/moede")).select_one(
        "section[aria-labelledby=participation-heading]"
    )
    assert "Du møder op" in section.get_text(" ")
    grant_birgit_for_hanne(read_db, demo_data, "moede")
    login(client, "demo-birgit")
    act_for(client, demo_data["Hanne"])
    section = check_page(client.get("/moede")).select_one(
        "section[aria-labelledby=participation-heading]"
    )
    assert "Hanne møder op" in section.get_text(" ")
    assert "Du møder op" not in section.get_text(" ")
