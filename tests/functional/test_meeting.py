"""The meeting pages through the Flask client with CSRF on: every route, its refusals and replays."""

from datetime import timedelta

import pytest

from portal import clock
from portal.models import AuditEvent, ConsentRecord, Meeting, ParticipationRecord, Preparation
from portal.services import meeting as meetings
from tests.helpers import check_page, csrf_token, date_fields, login, soup


def _meeting_id(read_db, citizen_id):
    return read_db(lambda s: meetings.current_meeting(s, citizen_id, clock.now()).id)


def _csrf(page) -> str:
    """The CSRF token from an already parsed page."""
    return page.find("input", attrs={"name": "csrf_token"})["value"]


def _counts(read_db):
    return read_db(
        lambda s: (
            s.query(ConsentRecord).count(),
            s.query(ParticipationRecord).count(),
            s.query(Meeting).count(),
        )
    )


def _consent(client, choice, meeting_id=None):
    page = client.get("/moede")
    form = soup(page).find("form", action="/moede/samtykke")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    data["choice"] = choice
    if meeting_id is not None:
        data["meeting_id"] = str(meeting_id)
    return client.post("/moede/samtykke", data=data)


def _participation_data(client, **values):
    page = client.get("/moede/deltagelse")
    form = soup(page).find("form", action="/moede/deltagelse")
    data = {
        i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("type") != "radio"
    }
    data.update(values)
    return data


# --- The overview --------------------------------------------------------------------------


def test_overview_explains_the_meeting_team_and_outcomes(client):
    login(client, "demo-laerke")
    page = check_page(client.get("/moede"))
    text = page.find("main").get_text(" ", strip=True)
    assert "Dit rehabiliteringsmøde" in page.h1.get_text()
    assert "Cirka 30 minutter" in text
    assert "Uddannelse (borgere under 30 år): Sara Holm" in text
    assert "Fordi du er under 30 år" in text
    assert "Fleksjob" in text and "Førtidspension" in text and "afgørelse" in text
    assert "Du har ikke givet samtykke" in text
    assert page.find("button", string="Giv samtykke til et virtuelt møde")


def test_overview_in_english(client):
    login(client, "demo-laerke")
    page = check_page(client.get("/moede?lang=en"))
    assert "Your rehabilitation meeting" in page.h1.get_text()
    assert page.find("button", string="Give consent to a virtual meeting")


def test_no_meeting_planned_is_said_calmly(client):
    login(client, "demo-sofie")
    page = check_page(client.get("/moede"))
    assert "ikke et rehabiliteringsmøde planlagt" in page.get_text()
    assert client.get("/moede/deltagelse").status_code == 302
    assert client.get("/moede/forbered/situation").status_code == 404


def test_overview_shows_history_with_receipts(client, read_db, demo_data):
    login(client, "demo-hanne")
    page = check_page(client.get("/moede"))
    items = [li.get_text(" ", strip=True) for li in page.select(".history-list li")]
    assert any("Du gav samtykke" in i for i in items)
    assert any("Valget blev ændret til fremmøde" in i for i in items)
    receipt = page.select_one('a[href^="/moede/kvittering/"]')
    response = client.get(receipt["href"])
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    assert "Hanne Sørensen" in body and "Kvitteringsnummer" in body


# --- Consent ---------------------------------------------------------------------------------


def test_give_and_withdraw_consent_with_confirmations(client, read_db, demo_data):
    login(client, "demo-laerke")
    response = _consent(client, "give")
    assert response.status_code == 302
    page = check_page(client.get(response.headers["Location"]))
    assert (
        "Du har givet samtykke til et virtuelt møde" in page.select_one(".confirmation-panel").text
    )
    assert page.find("button", string="Træk samtykke tilbage")
    record = read_db(lambda s: s.query(ConsentRecord).order_by(ConsentRecord.id.desc()).first())
    assert (record.given, record.actor_id) == (True, demo_data["Lærke"])

    page = check_page(client.get(_consent(client, "withdraw").headers["Location"]))
    panel = page.select_one(".confirmation-panel").get_text(" ", strip=True)
    assert "Mødet holdes nu med fremmøde. Du kan stadig sende en anden i dit sted." in panel
    audited = read_db(
        lambda s: s.query(AuditEvent).filter_by(action="meeting.consent", outcome="allowed").count()
    )
    assert audited == 2


def test_a_replayed_consent_form_changes_nothing_and_says_so(client, read_db):
    login(client, "demo-laerke")
    page = client.get("/moede")
    form = soup(page).find("form", action="/moede/samtykke")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    client.post("/moede/samtykke", data=data)
    before = _counts(read_db)
    again = client.post("/moede/samtykke", data=data)
    assert again.status_code == 302
    assert _counts(read_db) == before
    page = check_page(client.get("/moede"))
    assert "Dit valg var allerede gemt" in page.select_one(".confirmation-panel").text


def test_consent_for_another_citizens_meeting_is_not_found(client, read_db, demo_data):
    gittes = _meeting_id(read_db, demo_data["Gitte"])
    login(client, "demo-laerke")
    before = _counts(read_db)
    response = _consent(client, "give", meeting_id=gittes)
    assert response.status_code == 404
    assert _counts(read_db) == before
    for tampered in ("abc", "", "99999999"):
        assert _consent(client, "give", meeting_id=tampered).status_code in (400, 404)
    assert _counts(read_db) == before
    refused = read_db(
        lambda s: (
            s.query(AuditEvent).filter_by(outcome="refused", detail="meeting_not_citizens").count()
        )
    )
    assert refused >= 2


def test_consent_with_a_nonsense_choice_is_refused_calmly(client, read_db):
    login(client, "demo-laerke")
    before = _counts(read_db)
    response = _consent(client, "maybe")
    assert response.status_code == 400
    check_page(response)
    assert _counts(read_db) == before


def test_consent_without_csrf_is_refused(client, read_db, demo_data):
    login(client, "demo-laerke")
    before = _counts(read_db)
    response = client.post(
        "/moede/samtykke",
        data={"meeting_id": _meeting_id(read_db, demo_data["Lærke"]), "choice": "give"},
    )
    assert response.status_code == 400
    assert _counts(read_db) == before


def test_giving_consent_after_the_deadline_is_refused_with_a_message(client, read_db, demo_data):
    meeting_id = _meeting_id(read_db, demo_data["Lærke"])
    deadline = read_db(lambda s: s.get(Meeting, meeting_id).change_deadline)
    login(client, "demo-laerke")
    page = client.get("/moede")
    token = csrf_token(page)
    before = _counts(read_db)
    with clock.frozen(deadline):
        response = client.post(
            "/moede/samtykke",
            data={"csrf_token": token, "meeting_id": meeting_id, "choice": "give"},
        )
        assert response.status_code == 400
        assert "Fristen for at ændre er overskredet" in check_page(response).get_text()
        page = check_page(client.get("/moede"))
        assert "Fristen for at give samtykke er overskredet" in page.get_text()
        assert "Ring til Anders Mikkelsen" in page.get_text()
    assert _counts(read_db) == before


# --- Participation ------------------------------------------------------------------------------


def test_participation_page_and_choosing_represented(client, read_db, demo_data):
    login(client, "demo-laerke")
    check_page(client.get("/moede/deltagelse"))
    data = _participation_data(
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
    before = _counts(read_db)
    client.post("/moede/deltagelse", data=data)
    assert _counts(read_db) == before
    assert "Dit valg var allerede gemt" in check_page(client.get("/moede")).get_text()


def test_virtual_without_consent_is_refused_next_to_the_field(client, read_db):
    login(client, "demo-laerke")
    before = _counts(read_db)
    response = client.post("/moede/deltagelse", data=_participation_data(client, mode="virtuelt"))
    assert response.status_code == 400
    page = check_page(response)
    assert "Giv samtykke først" in page.select_one(".error-summary").get_text()
    assert "Giv samtykke først" in page.select_one("#mode-error").get_text()
    assert _counts(read_db) == before


def test_missing_and_too_long_input_keeps_what_was_typed(client, read_db):
    login(client, "demo-laerke")
    before = _counts(read_db)
    response = client.post(
        "/moede/deltagelse",
        data=_participation_data(
            client, mode="repraesenteret", representative_name="", representative_relation="ven"
        ),
    )
    page = check_page(response)
    assert response.status_code == 400
    assert "Skriv navnet på den, der møder for dig." in page.get_text()
    assert page.find("input", attrs={"name": "representative_relation"})["value"] == "ven"
    response = client.post(
        "/moede/deltagelse",
        data=_participation_data(client, mode="fremmoede", companion_name="x" * 121),
    )
    assert response.status_code == 400
    assert "Skriv højst 120 tegn." in check_page(response).get_text()
    response = client.post("/moede/deltagelse", data=_participation_data(client, mode="teleport"))
    assert response.status_code == 400
    assert _counts(read_db) == before


def test_a_stale_participation_form_is_refused(client, read_db):
    login(client, "demo-laerke")
    old = _participation_data(client, mode="uden_deltagelse")
    client.post("/moede/deltagelse", data=_participation_data(client, mode="fremmoede"))
    before = _counts(read_db)
    response = client.post("/moede/deltagelse", data=old)
    assert response.status_code == 400
    assert "Dit valg er ændret, siden du åbnede siden" in check_page(response).get_text()
    assert _counts(read_db) == before


def test_participation_after_the_deadline_says_whom_to_call(client, read_db, demo_data):
    meeting_id = _meeting_id(read_db, demo_data["Lærke"])
    deadline = read_db(lambda s: s.get(Meeting, meeting_id).change_deadline)
    login(client, "demo-laerke")
    data = _participation_data(client, mode="uden_deltagelse")
    before = _counts(read_db)
    with clock.frozen(deadline + timedelta(minutes=1)):
        page = check_page(client.get("/moede/deltagelse"))
        assert "Ring til Anders Mikkelsen på 72 34 56 10" in page.get_text()
        assert page.find("form", action="/moede/deltagelse") is None
        response = client.post("/moede/deltagelse", data=data)
        assert response.status_code == 400
        assert "Fristen for at ændre er overskredet" in response.get_data(as_text=True)
    assert _counts(read_db) == before


def test_participation_for_another_citizens_meeting_is_not_found(client, read_db, demo_data):
    gittes = _meeting_id(read_db, demo_data["Gitte"])
    login(client, "demo-laerke")
    before = _counts(read_db)
    data = _participation_data(client, mode="uden_deltagelse", meeting_id=str(gittes))
    assert client.post("/moede/deltagelse", data=data).status_code == 404
    assert _counts(read_db) == before


# --- Receipts -------------------------------------------------------------------------------------


def test_another_citizens_receipt_is_not_found(client, read_db, demo_data):
    hannes = read_db(
        lambda s: (
            s.query(ConsentRecord)
            .join(Meeting)
            .filter(Meeting.citizen_id == demo_data["Hanne"])
            .first()
            .id
        )
    )
    login(client, "demo-laerke")
    assert client.get(f"/moede/kvittering/{hannes}").status_code == 404
    assert client.get("/moede/kvittering/999999").status_code == 404


# --- Preparation ----------------------------------------------------------------------------------


def test_preparation_steps_save_drafts_and_send(client, read_db, demo_data):
    login(client, "demo-gitte")
    page = check_page(client.get("/moede/forbered/situation"))
    assert "emne 1 af 6" in page.get_text()
    response = client.post(
        "/moede/forbered/situation",
        data={"csrf_token": _csrf(page), "answer": "Jeg har ondt hver dag."},
    )
    assert response.headers["Location"] == "/moede/forbered/health"
    page = check_page(client.get("/moede/forbered/health"))
    known = page.select_one(".known-box").get_text(" ", strip=True)
    assert "Det ved vi allerede fra din plan" in known
    assert "Gigtbehandling hos egen læge" in known  # shown, not asked again
    page = check_page(client.get("/moede/forbered/situation"))
    assert "Jeg har ondt hver dag." in page.find("textarea").get_text()
    assert page.select_one(".saved-at").get_text().startswith("Gemt kl.")
    goal = check_page(client.get("/moede/forbered/goal"))
    assert "Det står allerede i din plan" in goal.get_text()
    response = client.post(
        "/moede/forbered/companion", data={"csrf_token": _csrf(goal), "answer": ""}
    )
    assert response.headers["Location"] == "/moede/forbered/tjek"
    check = check_page(client.get("/moede/forbered/tjek"))
    assert "Jeg har ondt hver dag." in check.get_text()
    response = client.post("/moede/forbered/tjek", data={"csrf_token": _csrf(check)})
    assert response.status_code == 302
    page = check_page(client.get("/moede"))
    assert "Din forberedelse er sendt" in page.get_text()
    sent = read_db(lambda s: s.query(Preparation).one().sent_at)
    assert sent is not None
    # Sending again changes nothing.
    client.post("/moede/forbered/tjek", data={"csrf_token": _csrf(check)})
    assert read_db(lambda s: s.query(Preparation).one().sent_at) == sent


def test_preparation_bad_input(client, read_db):
    login(client, "demo-gitte")
    page = client.get("/moede/forbered/situation")
    response = client.post(
        "/moede/forbered/situation", data={"csrf_token": csrf_token(page), "answer": "x" * 4001}
    )
    assert response.status_code == 400
    assert "Skriv højst 4000 tegn" in check_page(response).get_text()
    assert read_db(lambda s: s.query(Preparation).count()) == 0
    assert client.get("/moede/forbered/nonsense").status_code == 404
    check = client.get("/moede/forbered/tjek")
    response = client.post("/moede/forbered/tjek", data={"csrf_token": csrf_token(check)})
    assert response.status_code == 400
    assert "Skriv mindst ét svar" in check_page(response).get_text()


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


def _plan_form(client, citizen_id, **values):
    page = client.get(f"/medarbejder/borger/{citizen_id}/moede/planlaeg")
    check_page(page)
    form = soup(page).find("form")
    data = {}
    for field in form.find_all(["input", "textarea"]):
        if field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data.setdefault(field["name"], []).append(field["value"])
        elif field.get("name"):
            data[field["name"]] = field.get("value", "")
    data.update(values)
    return data


def test_staff_plans_a_new_meeting_with_the_default_deadline(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    login(client, "demo-anders")
    page = check_page(client.get(f"/medarbejder/borger/{sofie}/moede"))
    assert "Der er ikke planlagt et møde" in page.get_text()
    day = clock.today() + timedelta(days=21)
    data = _plan_form(
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
    before = _counts(read_db)
    bad = _plan_form(client, hanne, place="", video_url="http://x", start_time="")
    response = client.post(f"/medarbejder/borger/{hanne}/moede/planlaeg", data=bad)
    assert response.status_code == 400
    assert "Skriv klokkeslættet." in check_page(response).get_text()
    bad = _plan_form(client, hanne, video_url="http://x")
    response = client.post(f"/medarbejder/borger/{hanne}/moede/planlaeg", data=bad)
    assert "Videolinket skal begynde med https://" in check_page(response).get_text()
    assert _counts(read_db) == before
    good = _plan_form(client, hanne, place="Rådhuset, lokale 7")
    assert client.post(f"/medarbejder/borger/{hanne}/moede/planlaeg", data=good).status_code == 302
    assert _counts(read_db) == before  # the same meeting, changed in place
    assert read_db(lambda s: meetings.current_meeting(s, hanne, clock.now()).place) == (
        "Rådhuset, lokale 7"
    )


@pytest.mark.parametrize("decision", ["accept", "decline"])
def test_staff_answers_a_request_and_the_citizen_reads_it(client, read_db, demo_data, decision):
    login(client, "demo-hanne")
    client.post("/moede/deltagelse", data=_participation_data(client, mode="uden_deltagelse"))
    assert "Afventer teamets vurdering" in check_page(client.get("/moede")).get_text()
    login(client, "demo-anders")
    url = f"/medarbejder/borger/{demo_data['Hanne']}/moede"
    page = check_page(client.get(url))
    form = page.find("form", action=f"{url}/vurdering")
    version = form.find("input", attrs={"name": "version"})["value"]
    # Declining without a reason is refused.
    response = client.post(
        f"{url}/vurdering",
        data={"csrf_token": _csrf(page), "version": version, "decision": "decline"},
    )
    assert response.status_code == 400
    assert "Skriv en begrundelse" in check_page(response).get_text()
    data = {
        "csrf_token": _csrf(page),
        "version": version,
        "decision": decision,
        "reason": "Vi har det, vi skal bruge.",
    }
    assert client.post(f"{url}/vurdering", data=data).status_code == 302
    before = _counts(read_db)
    assert client.post(f"{url}/vurdering", data=data).status_code == 400  # replay
    assert _counts(read_db) == before
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


def test_a_refused_form_is_still_audited(client, read_db):
    login(client, "demo-laerke")
    data = _participation_data(client, mode="fremmoede", companion_name="x" * 121)
    assert client.post("/moede/deltagelse", data=data).status_code == 400
    attempts = read_db(
        lambda s: s.query(AuditEvent).filter_by(action="meeting.participation").count()
    )
    assert attempts == 2  # the GET that built the form, and the POST refused by the form itself


def test_video_link_appears_only_for_a_virtual_meeting_with_consent_shortly_before(
    client, read_db, demo_data
):
    meeting_id = _meeting_id(read_db, demo_data["Lærke"])
    starts_at, opens = read_db(
        lambda s: (
            s.get(Meeting, meeting_id).starts_at,
            s.get(Meeting, meeting_id).video_opens_minutes,
        )
    )
    login(client, "demo-laerke")
    _consent(client, "give")
    client.post("/moede/deltagelse", data=_participation_data(client, mode="virtuelt"))
    assert (
        "Linket til videomødet kommer her 15 minutter før" in soup(client.get("/moede")).get_text()
    )
    with clock.frozen(starts_at - timedelta(minutes=opens)):
        page = check_page(client.get("/moede"))
        link = page.find("a", string="Gå til videomødet")
        assert link is not None and link["href"].startswith("https://")
    _consent(client, "withdraw")
    with clock.frozen(starts_at - timedelta(minutes=opens)):
        assert "Gå til videomødet" not in client.get("/moede").get_data(as_text=True)


def test_staff_sets_the_deadline_by_hand(client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    login(client, "demo-anders")
    meeting = read_db(lambda s: meetings.current_meeting(s, hanne, clock.now()))
    day = clock.local(meeting.starts_at).date() - timedelta(days=5)
    data = _plan_form(client, hanne, **date_fields("deadline_date", day), deadline_time="12:00")
    assert client.post(f"/medarbejder/borger/{hanne}/moede/planlaeg", data=data).status_code == 302
    deadline = read_db(lambda s: meetings.current_meeting(s, hanne, clock.now()).change_deadline)
    assert deadline == clock.at_local(day, 12)
    late = clock.local(meeting.starts_at).date() + timedelta(days=1)
    data = _plan_form(client, hanne, **date_fields("deadline_date", late))
    response = client.post(f"/medarbejder/borger/{hanne}/moede/planlaeg", data=data)
    assert response.status_code == 400
    assert "Fristen skal ligge før mødet." in check_page(response).get_text()


def test_the_caseworker_sees_what_was_sent_not_later_drafts(client, read_db, demo_data):
    from tests.helpers import login, soup

    login(client, "demo-hanne")
    page = client.get("/moede/forbered/situation")
    hidden = {
        i["name"]: i.get("value", "") for i in soup(page).select("main form input[type=hidden]")
    }
    client.post("/moede/forbered/situation", data={**hidden, "answer": "DET JEG SENDTE"})
    check = client.get("/moede/forbered/tjek")
    hidden = {
        i["name"]: i.get("value", "") for i in soup(check).select("main form input[type=hidden]")
    }
    assert client.post("/moede/forbered/tjek", data=hidden).status_code == 302
    page = client.get("/moede/forbered/situation")
    hidden = {
        i["name"]: i.get("value", "") for i in soup(page).select("main form input[type=hidden]")
    }
    client.post("/moede/forbered/situation", data={**hidden, "answer": "EN KLADDE BAGEFTER"})

    login(client, "demo-anders")
    staff = client.get(f"/medarbejder/borger/{demo_data['Hanne']}/moede").get_data(as_text=True)
    assert "DET JEG SENDTE" in staff and "EN KLADDE BAGEFTER" not in staff
    assert "ændret i sin kladde siden" in staff
