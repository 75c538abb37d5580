"""Choosing how to take part in the meeting, through the Flask client with CSRF on: the question,
its follow-up questions (on the page with JavaScript, a page of their own without), the consent
question, the check page and the confirmation with its receipt; refusals, replays and Back."""

from portal import clock
from portal.services import meeting as meetings
from tests.functional.delegation_support import act_for, grant_birgit_for_hanne, start_preview
from tests.functional.meeting_pages import (
    ask,
    choose,
    confirm,
    consent_answer,
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


# --- The flow with JavaScript -------------------------------------------------------------------


def test_represented_is_checked_then_confirmed_with_a_receipt(client, read_db, demo_data):
    login(client, "demo-laerke")
    check_page(client.get("/moede/deltagelse"))
    before = record_counts(read_db)
    response = ask(
        client,
        "repraesenteret",
        representative_name="Mor Nielsen",
        representative_relation="min mor",
        companion_name="Birgit Holm",
    )
    assert response.status_code == 303 and response.location.endswith(CHECK)
    # The check page is a GET page: it says the choice back to the person and writes nothing.
    page = check_page(client.get(CHECK))
    assert page.h1.get_text(strip=True) == "Tjek dit valg"
    text = page.get_text(" ")
    assert "En anden møder op for dig" in text and "Mor Nielsen (min mor)" in text
    assert "Birgit Holm" in text and "Jeg møder" not in text
    assert len(page.select("main button.button-primary")) == 1
    assert record_counts(read_db) == before
    response = confirm(client)
    assert response.status_code == 303
    assert "/moede/deltagelse/valg/" in response.location
    assert record_counts(read_db)[1] == before[1] + 1
    done = check_page(client.get(response.location))
    text = done.get_text(" ")
    assert done.h1.get_text(strip=True) == "Kvittering for valget"
    assert done.select_one(".alert-heading").get_text(strip=True) == "Valget er gemt"
    assert "En anden møder op for dig: Mor Nielsen (min mor)" in text
    assert "Kvitteringsnummer" in text and "Hvad sker der nu?" in text
    record_id = response.location.rsplit("/", 1)[1]
    receipt = client.get(f"/moede/deltagelse/valg/{record_id}/kvittering")
    assert receipt.mimetype == "text/plain"
    assert "Deltagelse: Repræsenteret af en anden" in receipt.get_data(as_text=True)
    # Back to the check page, or the same press again: the confirmation, nothing written twice.
    after = record_counts(read_db)
    assert client.get(CHECK).location == response.location
    again = client.post("/moede/deltagelse/bekraeft", data={"csrf_token": _token(done)})
    assert again.status_code == 303 and again.location == response.location
    assert record_counts(read_db) == after
    overview = check_page(client.get("/moede")).get_text(" ")
    assert "En anden møder op for dig: Mor Nielsen (min mor)" in overview
    # The same choice through the whole flow again: said calmly, nothing new.
    response = choose(
        client,
        "repraesenteret",
        representative_name="Mor Nielsen",
        representative_relation="min mor",
        companion_name="Birgit Holm",
    )
    done = check_page(client.get(response.location))
    assert done.select_one(".alert-heading").get_text(strip=True) == "Valget var allerede gemt"
    assert record_counts(read_db) == after


def _token(page):
    return page.find("input", attrs={"name": "csrf_token"})["value"]


def test_nothing_is_chosen_in_advance(client):
    login(client, "demo-laerke")  # no choice made yet
    page = check_page(client.get("/moede/deltagelse"))
    radios = page.select("input[name=mode]")
    assert len(radios) == 4 and not any(r.has_attr("checked") for r in radios)
    # The follow-up questions wait hidden for participation.js (or a page of their own).
    for part in page.select("[data-applies-to]"):
        assert part.has_attr("hidden")


def test_the_check_page_without_a_choice_under_way_leads_to_the_question(client):
    login(client, "demo-laerke")
    assert client.get(CHECK).location.endswith("/moede/deltagelse")
    assert client.get("/moede/deltagelse/detaljer").location.endswith("/moede/deltagelse")
    assert client.get("/moede/deltagelse/samtykke").location.endswith("/moede/deltagelse")
    page = check_page(client.get("/moede"))
    response = client.post("/moede/deltagelse/bekraeft", data={"csrf_token": _token(page)})
    assert response.location.endswith("/moede/deltagelse")
    assert client.post("/moede/deltagelse/bekraeft", data={}).status_code == 400


# --- Without JavaScript: the follow-up questions on a page of their own ----------------------


def test_without_javascript_the_follow_up_questions_come_on_their_own_page(client, read_db):
    login(client, "demo-laerke")
    before = record_counts(read_db)
    response = ask(client, "repraesenteret", inline=False)
    assert response.status_code == 303
    assert response.location.endswith("/moede/deltagelse/detaljer")
    page = check_page(client.get("/moede/deltagelse/detaljer"))
    assert page.h1.get_text(strip=True) == "Hvem møder for dig?"
    assert page.find("input", attrs={"name": "representative_name"}) is not None
    assert page.find("input", attrs={"name": "interpreter_language"}) is None
    data = {"csrf_token": _token(page), "representative_relation": "ven"}
    response = client.post("/moede/deltagelse/detaljer", data=data)
    assert response.status_code == 400
    page = check_page(response)
    assert "Skriv navnet på den, der møder for dig." in page.get_text()
    assert page.find("input", attrs={"name": "representative_relation"})["value"] == "ven"
    data["representative_name"] = "Ole Hansen"
    response = client.post("/moede/deltagelse/detaljer", data=data)
    assert response.status_code == 303 and response.location.endswith(CHECK)
    assert "Ole Hansen (ven)" in check_page(client.get(CHECK)).get_text(" ")
    assert record_counts(read_db) == before
    # In person: a bisidder and an interpreter are asked; nobody "in my place".
    ask(client, "fremmoede", inline=False)
    page = check_page(client.get("/moede/deltagelse/detaljer"))
    assert page.h1.get_text(strip=True) == "Bisidder og tolk"
    assert page.find("input", attrs={"name": "representative_name"}) is None
    assert page.find("input", attrs={"name": "interpreter_needed"}) is not None
    # Without attending there is nothing to follow up: straight to the check page.
    response = ask(client, "uden_deltagelse", inline=False)
    assert response.location.endswith(CHECK)
    assert record_counts(read_db) == before


# --- Video and consent --------------------------------------------------------------------------


def test_video_without_consent_asks_for_consent_then_checks_and_confirms(
    client, read_db, demo_data
):
    login(client, "demo-laerke")
    before = record_counts(read_db)
    response = ask(client, "virtuelt", companion_name="Birgit Holm", interpreter_needed="nej")
    assert response.location.endswith("/moede/deltagelse/samtykke")
    page = check_page(client.get("/moede/deltagelse/samtykke"))
    text = page.get_text(" ")
    assert page.h1.get_text(strip=True) == "Samtykke til et virtuelt møde"
    assert "Samtykket gælder kun dette møde." in text
    assert "Samtykket kan altid trækkes tilbage" in text
    # No answer: said next to the question. "No" leads back to the question. Nothing written.
    response = consent_answer(client)
    assert response.status_code == 400
    assert "Svar ja eller nej." in check_page(response).select_one(".error-summary").get_text()
    response = consent_answer(client, "nej")
    assert response.status_code == 303 and "/moede/deltagelse?ret=1" in response.location
    question = check_page(client.get(response.location))
    assert not any(r.has_attr("checked") for r in question.select("input[name=mode]"))
    assert record_counts(read_db) == before
    ask(client, "virtuelt", companion_name="Birgit Holm", interpreter_needed="nej")
    response = consent_answer(client, "ja")
    assert response.status_code == 303 and response.location.endswith(CHECK)
    check = check_page(client.get(CHECK)).get_text(" ")
    assert "Du deltager på video" in check and "Du giver samtykke, når du bekræfter." in check
    assert record_counts(read_db) == before  # still nothing written
    response = confirm(client)
    consents, choices, count = record_counts(read_db)
    assert (consents, choices) == (before[0] + 1, before[1] + 1)
    state = _state(read_db, demo_data["Lærke"])
    assert state.consent and state.mode == "virtuelt"
    assert state.participation.companion_name == "Birgit Holm"
    done = check_page(client.get(response.location))
    assert "Du har givet samtykke til et virtuelt møde." in done.get_text(" ")
    assert done.find("a", string="Hent kvittering for samtykket") is not None
    # The same press again changes nothing.
    client.post("/moede/deltagelse/bekraeft", data={"csrf_token": _token(done)})
    assert record_counts(read_db) == (consents, choices, count)


def test_video_with_consent_in_force_skips_the_consent_question(client, read_db):
    login(client, "demo-laerke")
    ask(client, "virtuelt", interpreter_needed="nej")
    consent_answer(client, "ja")
    confirm(client)
    # Back to in person, then video again: consent is still given, so no question.
    choose(client, "fremmoede", interpreter_needed="nej")
    response = ask(client, "virtuelt", interpreter_needed="nej")
    assert response.location.endswith(CHECK)
    assert "Du giver samtykke" not in check_page(client.get(CHECK)).get_text(" ")


def test_a_refused_video_choice_leaves_no_consent_behind(app, client, read_db, demo_data):
    login(client, "demo-laerke")
    ask(client, "virtuelt", interpreter_needed="nej")
    consent_answer(client, "ja")
    token = _token(check_page(client.get(CHECK)))
    # Meanwhile, in another tab or on another device, another choice is saved.
    other = app.test_client()
    login(other, "demo-laerke")
    choose(other, "uden_deltagelse")
    before = record_counts(read_db)
    response = client.post("/moede/deltagelse/bekraeft", data={"csrf_token": token})
    assert response.status_code == 400
    assert "Dit valg er ændret" in check_page(response).select_one(".error-summary").get_text()
    assert record_counts(read_db) == before  # the consent given first was rolled back too
    assert not _state(read_db, demo_data["Lærke"]).consent
    # The check page, opened again, says the same and offers the question afresh.
    response = client.get(CHECK)
    assert response.status_code == 400
    assert check_page(response).find("form", action="/moede/deltagelse") is not None


def test_a_delegate_is_told_that_consent_is_the_citizens_own(client, demo_data, read_db):
    grant_birgit_for_hanne(read_db, demo_data, "moede")
    login(client, "demo-birgit")
    act_for(client, demo_data["Hanne"])
    question = check_page(client.get("/moede/deltagelse"))
    assert question.h1.get_text(strip=True) == "Hvordan vil Hanne deltage?"
    labels = question.select_one("fieldset").get_text(" ")
    assert "Hanne møder op" in labels and "Jeg møder op" not in labels
    response = ask(client, "virtuelt", interpreter_needed="nej")
    page = check_page(client.get(response.location))
    assert "Kun Hanne kan give det" in page.get_text(" ")
    assert page.find("form", action="/moede/deltagelse/samtykke") is None
    before = record_counts(read_db)
    assert client.post("/moede/deltagelse/samtykke", data={"answer": "ja"}).status_code in (
        400,
        403,
    )
    # The check page is not reached without the citizen's consent.
    assert client.get(CHECK).location.endswith("/moede/deltagelse/samtykke")
    assert record_counts(read_db) == before


def test_a_delegate_chooses_and_reads_the_choice_about_the_citizen(client, demo_data, read_db):
    grant_birgit_for_hanne(read_db, demo_data, "moede")
    login(client, "demo-birgit")
    act_for(client, demo_data["Hanne"])
    response = ask(client, "fremmoede", interpreter_needed="nej")
    check = check_page(client.get(response.location))
    assert check.h1.get_text(strip=True) == "Tjek valget for Hanne"
    assert "Hanne møder op" in check.get_text(" ")
    done = check_page(client.get(confirm(client).location)).get_text(" ")
    assert "Hanne møder op" in done and "Du møder op" not in done
    section = check_page(client.get("/moede")).select_one(
        "section[aria-labelledby=participation-heading]"
    )
    assert "Sådan deltager Hanne" in section.get_text(" ")
    assert "Hanne møder op" in section.get_text(" ")


# --- Refusals and bad input ---------------------------------------------------------------------


def test_an_interpreter_need_is_echoed_and_shown_to_the_caseworker(client, demo_data):
    login(client, "demo-laerke")
    response = ask(client, "fremmoede", interpreter_needed="ja")
    assert response.status_code == 400
    page = check_page(response)
    assert (
        "Skriv, hvilket sprog tolken skal tale."
        in page.select_one("#interpreter_language-error").get_text()
    )
    response = choose(client, "fremmoede", interpreter_needed="ja", interpreter_language="arabisk")
    assert response.status_code == 303
    assert "Tolk: arabisk" in check_page(client.get("/moede")).get_text(" ")
    chosen = check_page(client.get("/moede/deltagelse"))
    assert chosen.find("input", attrs={"name": "interpreter_needed", "value": "ja"}).has_attr(
        "checked"
    )
    login(client, "demo-anders")
    staff = check_page(client.get(f"/medarbejder/borger/{demo_data['Lærke']}/moede"))
    text = staff.get_text(" ")
    assert "Ja, tolk på arabisk" in text
    assert "Fremmøde" in text and "Jeg møder" not in text and "Du møder" not in text
    assert "valgte: Fremmøde. Tolk: arabisk." in text
    # The caseworker's preview shows what Lærke sees, the interpreter included.
    start_preview(client, demo_data["Lærke"])
    preview = check_page(client.get("/moede")).select_one(
        "section[aria-labelledby=participation-heading]"
    )
    assert "Du møder op. Tolk: arabisk" in preview.get_text(" ")


def test_the_interpreter_need_is_carried_through_the_consent_question(client, read_db, demo_data):
    login(client, "demo-laerke")
    ask(client, "virtuelt", interpreter_needed="ja", interpreter_language="tigrinya")
    consent_answer(client, "ja")
    assert "tigrinya" in check_page(client.get(CHECK)).get_text(" ")
    confirm(client)
    assert _state(read_db, demo_data["Lærke"]).participation.interpreter_language == "tigrinya"


def test_the_choice_is_said_to_the_citizen_and_about_the_citizen_to_a_delegate(
    client, demo_data, read_db
):
    login(client, "demo-hanne")  # her video choice was switched to in person
    page = check_page(client.get("/moede"))
    section = page.select_one("section[aria-labelledby=participation-heading]")
    assert "Du møder op" in section.get_text(" ")
    history = page.select_one(".history-list").get_text(" ")
    assert "Jeg " not in history and "Du valgte" in history
    grant_birgit_for_hanne(read_db, demo_data, "moede")
    login(client, "demo-birgit")
    act_for(client, demo_data["Hanne"])
    page = check_page(client.get("/moede"))
    section = page.select_one("section[aria-labelledby=participation-heading]")
    assert "Hanne møder op" in section.get_text(" ")
    assert "Du møder op" not in section.get_text(" ")
    assert "Du valgte" not in page.select_one(".history-list").get_text(" ")
