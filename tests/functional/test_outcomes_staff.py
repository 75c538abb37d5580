"""Outcomes through the caseworker's eyes: writing, checking, publishing and correcting, and every
refusal around them."""

from datetime import date

from portal.models import AuditEvent, Outcome, OutcomeKind
from tests.functional.delegation_support import act_for
from tests.functional.outcomes_support import outcome_of_kind
from tests.helpers import check_page, csrf_token, date_fields, login, soup

FORM = {
    "kind": "afgoerelse",
    "follows_id": "",
    "title": "Du får et fleksjob",
    "decided": "Kommunen har sagt ja. Du får et fleksjob (et job på særlige vilkår).",
    "meaning": "Du får løn for de timer, du arbejder.",
    "next_steps": "Anders ringer til dig i næste uge.",
    "if_you_disagree": "Du kan klage til jobcentret.",
    "formal_text": "Afgørelse om fleksjob.",
    **date_fields("decision_date", date(2026, 3, 2)),
    **date_fields("received_date", ("", "", "")),
    "appeal_weeks": "4",
    **date_fields("decision_expected", ("", "", "")),
}


def _new_page(client, citizen_id):
    return client.get(f"/medarbejder/borger/{citizen_id}/resultater/ny")


def test_staff_list_shows_drafts_andreceipt_count(client, demo_data):
    login(client, "demo-anders")
    page = check_page(client.get(f"/medarbejder/borger/{demo_data['Hanne']}/resultater"))
    text = page.get_text(" ", strip=True)
    assert "Udgivet (udgave 2)" in text and "Ikke læst endnu" in text
    page = check_page(client.get(f"/medarbejder/borger/{demo_data['Lærke']}/resultater"))
    assert "Kladde" in page.get_text()


def test_check_without_javascript_and_with_htmx(client, demo_data):
    login(client, "demo-anders")
    url = f"/medarbejder/borger/{demo_data['Sofie']}/resultater/ny"
    token = csrf_token(client.get(url))
    data = {
        **FORM,
        "csrf_token": token,
        "action": "check",
        "meaning": "Rehabiliteringsteamets indstilling vedrørende ressourceforløbsydelse.",
    }
    page = check_page(client.post(url, data=data))
    report = page.select_one("#readability").get_text(" ", strip=True)
    assert "over 40" in report
    assert (
        page.select_one("textarea[name=meaning]")
        .get_text()
        .strip()
        .startswith("Rehabiliteringsteamets")
    )
    fragment = client.post(url, data=data, headers={"HX-Request": "true"})
    body = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in body and 'id="readability"' in body
    assert "LIX" in body
    live = soup(fragment).find(id="live-region")
    assert live is not None and live.get("data-hx-swap-oob") == "true"
    assert "Det betyder for dig: LIX" in live.get_text(" ", strip=True)


def test_saving_with_mistakes_keeps_what_was_typed(client, read_db, demo_data):
    login(client, "demo-anders")
    url = f"/medarbejder/borger/{demo_data['Sofie']}/resultater/ny"
    before = read_db(lambda s: s.query(Outcome).count())
    data = {
        **FORM,
        "csrf_token": csrf_token(client.get(url)),
        "action": "save",
        "title": "",
        **date_fields("decision_date", ("31", "02", "2026")),
        "appeal_weeks": "fire",
        "follows_id": "999999",
    }
    response = client.post(url, data=data)
    assert response.status_code == 400
    page = check_page(response)
    summary = page.select_one(".error-summary").get_text(" ", strip=True)
    assert (
        "Skriv en overskrift." in summary
        and "Datoen findes ikke. Tjek dag og måned." in summary
        and "1 til 52" in summary
    )
    assert "Vælg en af mulighederne." in summary
    assert (
        page.select_one("textarea[name=decided]")
        .get_text()
        .strip()
        .startswith("Kommunen har sagt ja.")
    )
    assert read_db(lambda s: s.query(Outcome).count()) == before


def test_write_publish_and_correct(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    login(client, "demo-anders")
    url = f"/medarbejder/borger/{sofie}/resultater/ny"
    check_page(_new_page(client, sofie))
    response = client.post(
        url, data={**FORM, "csrf_token": csrf_token(client.get(url)), "action": "save"}
    )
    assert response.status_code == 302
    outcome_id = read_db(lambda s: s.query(Outcome).filter_by(citizen_id=sofie).one().id)
    page = check_page(client.get(response.headers["Location"]))
    assert "Kladden er gemt" in page.get_text() and page.select_one("#readability") is not None
    # The draft is not visible to Sofie.
    client.get("/log-ud")
    login(client, "demo-sofie")
    assert client.get(f"/resultater/{outcome_id}").status_code == 404
    login(client, "demo-anders")
    show = client.get(f"/medarbejder/borger/{sofie}/resultater/{outcome_id}")
    version_id = soup(show).find("input", attrs={"name": "version_id"})["value"]
    token = csrf_token(show)
    published = client.post(
        f"/medarbejder/borger/{sofie}/resultater/{outcome_id}/udgiv",
        data={"csrf_token": token, "version_id": version_id},
    )
    assert published.status_code == 302
    assert (
        "Resultatet er udgivet" in check_page(client.get(published.headers["Location"])).get_text()
    )
    # Publishing the same draft again changes nothing.
    again = client.post(
        f"/medarbejder/borger/{sofie}/resultater/{outcome_id}/udgiv",
        data={"csrf_token": token, "version_id": version_id},
    )
    assert again.status_code == 400 and "Der er ingen kladde at udgive" in again.get_data(
        as_text=True
    )
    audited = read_db(
        lambda s: (
            s.query(AuditEvent)
            .filter_by(action="staff.outcomes.publish", outcome="allowed")
            .count()
        )
    )
    assert (
        audited == 1
    )  # the publish is in the trail with the change; the refused replay changed nothing
    # A correction: a new version, with a note; the first stays.
    edit_url = f"/medarbejder/borger/{sofie}/resultater/{outcome_id}/kladde"
    edit = check_page(client.get(edit_url))
    assert (
        edit.select_one("textarea[name=decided]")
        .get_text()
        .strip()
        .startswith("Kommunen har sagt ja.")
    )
    data = {k: v for k, v in FORM.items() if k not in ("kind", "follows_id")}
    data.update(
        csrf_token=csrf_token(client.get(edit_url)),
        action="save",
        next_steps="Anders ringer mandag.",
    )
    missing_note = client.post(edit_url, data=data)
    assert (
        missing_note.status_code == 400
        and "Skriv kort, hvad du har rettet" in missing_note.get_data(as_text=True)
    )
    data["correction_note"] = "Ny dag for opkaldet."
    assert client.post(edit_url, data=data).status_code == 302
    show = client.get(f"/medarbejder/borger/{sofie}/resultater/{outcome_id}")
    client.post(
        f"/medarbejder/borger/{sofie}/resultater/{outcome_id}/udgiv",
        data={
            "csrf_token": csrf_token(show),
            "version_id": soup(show).find("input", attrs={"name": "version_id"})["value"],
        },
    )
    numbers = read_db(
        lambda s: [(v.number, v.next_steps) for v in s.get(Outcome, outcome_id).versions]
    )
    assert numbers == [(1, FORM["next_steps"]), (2, "Anders ringer mandag.")]
    login(client, "demo-sofie")
    page = check_page(client.get(f"/resultater/{outcome_id}"))
    assert "Den er rettet" in page.get_text() and "Ny dag for opkaldet." in page.get_text()


def test_hard_text_needs_the_checkbox_to_publish(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    login(client, "demo-anders")
    url = f"/medarbejder/borger/{sofie}/resultater/ny"
    hard = "Rehabiliteringsteamets indstilling vedrørende ressourceforløbsydelse tilkendes."
    client.post(
        url,
        data={**FORM, "meaning": hard, "csrf_token": csrf_token(client.get(url)), "action": "save"},
    )
    outcome_id = read_db(lambda s: s.query(Outcome).filter_by(citizen_id=sofie).one().id)
    show = client.get(f"/medarbejder/borger/{sofie}/resultater/{outcome_id}")
    page = check_page(show)
    assert page.find("input", attrs={"name": "confirm_hard_text"}) is not None
    data = {
        "csrf_token": csrf_token(show),
        "version_id": page.find("input", attrs={"name": "version_id"})["value"],
    }
    refused = client.post(f"/medarbejder/borger/{sofie}/resultater/{outcome_id}/udgiv", data=data)
    assert (
        refused.status_code == 400
        and "LIX over 40" in check_page(refused).select_one(".error-summary").get_text()
    )
    assert read_db(lambda s: s.get(Outcome, outcome_id).versions[0].published_at) is None
    ok = client.post(
        f"/medarbejder/borger/{sofie}/resultater/{outcome_id}/udgiv",
        data={**data, "confirm_hard_text": "y"},
    )
    assert ok.status_code == 302
    assert read_db(lambda s: s.get(Outcome, outcome_id).versions[0].published_at) is not None


def test_decision_following_a_recommendation(client, read_db, demo_data):
    laerke = demo_data["Lærke"]
    recommendation = outcome_of_kind(read_db, laerke, OutcomeKind.RECOMMENDATION)
    login(client, "demo-anders")
    page = check_page(_new_page(client, laerke))
    options = [o["value"] for o in page.select("select[name=follows_id] option")]
    assert options == ["", str(recommendation)]


def test_staff_refusals(client, read_db, demo_data):
    gitte, hanne = demo_data["Gitte"], demo_data["Hanne"]
    hannes = outcome_of_kind(read_db, hanne, OutcomeKind.DECISION)
    login(client, "demo-anders")
    for path in (
        f"/medarbejder/borger/{gitte}/resultater",
        f"/medarbejder/borger/{gitte}/resultater/ny",
        f"/medarbejder/borger/{gitte}/resultater/{hannes}",
    ):
        assert client.get(path).status_code == 404
    # Hanne's outcome under Lærke's URL (both in Anders' caseload): not found.
    laerke = demo_data["Lærke"]
    assert client.get(f"/medarbejder/borger/{laerke}/resultater/{hannes}").status_code == 404
    assert client.get(f"/medarbejder/borger/{laerke}/resultater/{hannes}/kladde").status_code == 404
    token = csrf_token(client.get(f"/medarbejder/borger/{hanne}/resultater/ny"))
    assert (
        client.post(
            f"/medarbejder/borger/{laerke}/resultater/{hannes}/udgiv", data={"csrf_token": token}
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/medarbejder/borger/{gitte}/resultater/ny",
            data={**FORM, "csrf_token": token, "action": "save"},
        ).status_code
        == 404
    )
    assert read_db(lambda s: s.query(Outcome).filter_by(citizen_id=gitte).count()) == 0
    login(client, "demo-rikke")
    assert client.get(f"/medarbejder/borger/{hanne}/resultater").status_code == 404


def test_reading_an_outcome_is_audited_for_others_only(client, read_db, demo_data):
    decision = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    login(client, "demo-hanne")
    client.get(f"/resultater/{decision}")
    login(client, "demo-mads")
    act_for(client, demo_data["Hanne"])
    client.get(f"/resultater/{decision}")
    seen = read_db(
        lambda s: [
            (e.actor_id, e.citizen_id, e.target)
            for e in s.query(AuditEvent).filter_by(action="outcomes.view", outcome="allowed")
        ]
    )
    # Hanne's own reading leaves no row; her son's does (her access log shows it).
    assert seen == [(demo_data["Mads"], demo_data["Hanne"], f"/resultater/{decision}")]


def test_the_same_new_outcome_form_sent_twice_creates_one_draft(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    login(client, "demo-anders")
    url = f"/medarbejder/borger/{sofie}/resultater/ny"
    page = soup(client.get(url))
    key = page.find("input", attrs={"name": "request_key"})["value"]
    data = {**FORM, "csrf_token": csrf_token(client.get(url)), "action": "save", "request_key": key}
    first = client.post(url, data=data)
    second = client.post(url, data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert read_db(lambda s: s.query(Outcome).filter_by(citizen_id=sofie).count()) == 1
    # A fresh form (new key) is a new outcome.
    other = soup(client.get(url)).find("input", attrs={"name": "request_key"})["value"]
    assert other != key
