"""Outcomes through the browser's eyes: the citizen's pages, the read receipt, the caseworker's
writing, checking, publishing and correcting, and every refusal around them."""

from portal.models import AuditEvent, Outcome, OutcomeKind, OutcomeReceipt, OutcomeVersion
from tests.helpers import check_page, csrf_token, login, soup


def _outcome(read_db, citizen_id, kind):
    return read_db(
        lambda s: s.query(Outcome).filter_by(citizen_id=citizen_id, kind=kind).first().id
    )


def _latest_version(read_db, outcome_id):
    return read_db(
        lambda s: (
            s.query(OutcomeVersion)
            .filter(
                OutcomeVersion.outcome_id == outcome_id, OutcomeVersion.published_at.is_not(None)
            )
            .order_by(OutcomeVersion.number.desc())
            .first()
            .id
        )
    )


def _receipts(read_db):
    return read_db(lambda s: s.query(OutcomeReceipt).count())


# --- The citizen ------------------------------------------------------------------------------


def test_list_newest_first_with_new_marked_in_text(client):
    login(client, "demo-hanne")
    page = check_page(client.get("/resultater"))
    cards = [c.get_text(" ", strip=True) for c in page.select(".outcome-card")]
    assert len(cards) == 2
    assert (
        cards[0].startswith("Du får et ressourceforløb")
        and "Ny" in cards[0]
        and "Rettet" in cards[0]
    )
    assert cards[1].startswith("Teamet anbefaler et ressourceforløb") and "Ny" not in cards[1]
    assert "Du har læst den" in cards[1]


def test_lærke_does_not_see_her_draft(client, read_db, demo_data):
    login(client, "demo-laerke")
    page = check_page(client.get("/resultater"))
    titles = [a.get_text(strip=True) for a in page.select(".outcome-card h2 a")]
    assert titles == ["Teamet anbefaler, at dit ressourceforløb fortsætter"]
    draft = _outcome(read_db, demo_data["Lærke"], OutcomeKind.DECISION)
    assert client.get(f"/resultater/{draft}").status_code == 404


def test_decision_page_plain_part_first_then_formal(client, read_db, demo_data):
    decision = _outcome(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    login(client, "demo-hanne")
    page = check_page(client.get(f"/resultater/{decision}"))
    headings = [h.get_text(strip=True) for h in page.select("main h2")]
    order = [
        "Det blev besluttet",
        "Det betyder for dig",
        "Det sker nu",
        "Hvis du er uenig",
        "Den formelle tekst",
    ]
    assert [h for h in headings if h in order] == order
    disagree = page.select_one(".outcome-disagree").get_text(" ", strip=True)
    assert "Din klage skal være sendt senest" in disagree
    assert "Anders Mikkelsen på 72 34 56 10" in disagree
    # A domain word is linked to the glossary where it first appears, once.
    links = [a["href"] for a in page.select("main .outcome-section a.glossary-link")]
    assert links.count("/ordforklaring#ressourceforloeb") == 1
    # The recommendation and the decision side by side, linked.
    pair = page.select_one(".outcome-pair")
    assert (
        pair is not None
        and "Teamet anbefalede" in pair.get_text()
        and "Kommunen besluttede" in pair.get_text()
    )
    assert "Den er rettet" in page.get_text() and "forkert dato" in page.get_text()


def test_appeal_deadline_is_a_real_date_four_weeks_after_the_decision(client, read_db, demo_data):
    from portal.services.appeal import appeal_deadline
    from portal.web.i18n import long_date

    decision = _outcome(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    decided = read_db(lambda s: s.get(Outcome, decision).versions[-1].decision_date)
    login(client, "demo-hanne")
    text = (
        soup(client.get(f"/resultater/{decision}"))
        .select_one(".appeal-deadline")
        .get_text(" ", strip=True)
    )
    assert long_date(appeal_deadline(decided), "da") in text


def test_recommendation_says_it_is_not_a_decision_yet(client, read_db, demo_data):
    recommendation = _outcome(read_db, demo_data["Lærke"], OutcomeKind.RECOMMENDATION)
    login(client, "demo-laerke")
    page = check_page(client.get(f"/resultater/{recommendation}"))
    disagree = page.select_one(".outcome-disagree").get_text(" ", strip=True)
    assert "ikke en afgørelse endnu" in disagree and "Du får den senest" in disagree
    assert page.select_one(".outcome-pair") is None  # no decision published yet


def test_earlier_version_is_still_visible_and_marked(client, read_db, demo_data):
    decision = _outcome(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    login(client, "demo-hanne")
    page = check_page(client.get(f"/resultater/{decision}?udgave=1"))
    assert "Det er en tidligere udgave" in page.get_text()
    assert page.find("button", string="Jeg har læst det") is None
    assert client.get(f"/resultater/{decision}?udgave=9").status_code == 404
    assert client.get(f"/resultater/{decision}?udgave=abc").status_code == 404


def test_mark_read_records_time_once_and_is_audited(client, read_db, demo_data):
    decision = _outcome(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    version = _latest_version(read_db, decision)
    login(client, "demo-hanne")
    page = client.get(f"/resultater/{decision}")
    token = csrf_token(page)
    before = _receipts(read_db)
    response = client.post(
        f"/resultater/{decision}/laest", data={"csrf_token": token, "version_id": version}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/resultater/{decision}#laest"
    )
    page = check_page(client.get(response.headers["Location"]))
    assert "Du sagde, at du har læst det" in page.get_text()
    # The same form again (double click, back button) changes nothing.
    again = client.post(
        f"/resultater/{decision}/laest", data={"csrf_token": token, "version_id": version}
    )
    assert again.status_code == 302
    assert _receipts(read_db) == before + 1
    audited = read_db(
        lambda s: (
            s.query(AuditEvent).filter_by(action="outcomes.mark_read", outcome="allowed").count()
        )
    )
    assert audited == 2
    listing = check_page(client.get("/resultater"))
    assert "Ny" not in listing.select(".outcome-card")[0].get_text()


def test_mark_read_for_an_old_or_bogus_version_changes_nothing(client, read_db, demo_data):
    decision = _outcome(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    login(client, "demo-hanne")
    token = csrf_token(client.get(f"/resultater/{decision}"))
    before = _receipts(read_db)
    for bogus in ("1", "abc", ""):
        response = client.post(
            f"/resultater/{decision}/laest", data={"csrf_token": token, "version_id": bogus}
        )
        assert response.status_code == 400
        assert "Der er ikke ændret noget" in check_page(response).get_text()
    assert _receipts(read_db) == before
    no_csrf = client.post(f"/resultater/{decision}/laest", data={"version_id": "1"})
    assert no_csrf.status_code == 400


def test_another_citizens_outcome_is_not_found_and_audited(client, read_db, demo_data):
    hannes = _outcome(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    version = _latest_version(read_db, hannes)
    login(client, "demo-laerke")
    response = client.get(f"/resultater/{hannes}")
    assert response.status_code == 404 and "ressourceforløb i et år" not in response.get_data(
        as_text=True
    )
    assert client.get(f"/resultater/{hannes}/udskriv").status_code == 404
    token = csrf_token(
        client.get(
            f"/resultater/{_outcome(read_db, demo_data['Lærke'], OutcomeKind.RECOMMENDATION)}"
        )
    )
    before = _receipts(read_db)
    response = client.post(
        f"/resultater/{hannes}/laest", data={"csrf_token": token, "version_id": version}
    )
    assert response.status_code == 404 and _receipts(read_db) == before
    refused = read_db(
        lambda s: [
            e.detail
            for e in s.query(AuditEvent).filter_by(outcome="refused", actor_id=demo_data["Lærke"])
        ]
    )
    assert refused == ["outcome_not_found"] * 3


def test_print_page(client, read_db, demo_data):
    decision = _outcome(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    login(client, "demo-hanne")
    page = check_page(client.get(f"/resultater/{decision}/udskriv"))
    assert "Til Hanne Sørensen" in page.get_text() and "Den formelle tekst" in page.get_text()
    assert page.select_one("main").find("form", attrs={"method": "post"}) is None


def test_wrong_roles_and_anonymous(client, read_db, demo_data):
    decision = _outcome(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    for path in ("/resultater", f"/resultater/{decision}"):
        response = client.get(path)
        assert response.status_code == 302 and response.headers["Location"].startswith("/log-ind")
    login(client, "demo-anders")
    assert client.get("/resultater").status_code == 403
    login(client, "demo-mads")  # a fuldmagt holder: not until delegation arrives
    assert client.get(f"/resultater/{decision}").status_code == 403
    login(client, "demo-hanne")
    assert client.get(f"/medarbejder/borger/{demo_data['Hanne']}/resultater").status_code == 403


def test_start_page_tells_about_unread_outcomes(client):
    login(client, "demo-hanne")
    page = check_page(client.get("/"))
    assert "1 ny, som du ikke har læst" in page.get_text()


# --- The caseworker ---------------------------------------------------------------------------

FORM = {
    "kind": "afgoerelse",
    "follows_id": "",
    "title": "Du får et fleksjob",
    "decided": "Kommunen har sagt ja. Du får et fleksjob (et job på særlige vilkår).",
    "meaning": "Du får løn for de timer, du arbejder.",
    "next_steps": "Anders ringer til dig i næste uge.",
    "if_you_disagree": "Du kan klage til jobcentret.",
    "formal_text": "Afgørelse om fleksjob.",
    "decision_date": "2026-03-02",
    "received_date": "",
    "appeal_weeks": "4",
    "decision_expected": "",
}


def _new_page(client, citizen_id):
    return client.get(f"/medarbejder/borger/{citizen_id}/resultater/ny")


def test_staff_list_shows_drafts_and_receipts(client, demo_data):
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
        "decision_date": "31-02-2026",
        "appeal_weeks": "fire",
        "follows_id": "999999",
    }
    response = client.post(url, data=data)
    assert response.status_code == 400
    page = check_page(response)
    summary = page.select_one(".error-summary").get_text(" ", strip=True)
    assert (
        "Skriv en overskrift." in summary
        and "Skriv en rigtig dato." in summary
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
    recommendation = _outcome(read_db, laerke, OutcomeKind.RECOMMENDATION)
    login(client, "demo-anders")
    page = check_page(_new_page(client, laerke))
    options = [o["value"] for o in page.select("select[name=follows_id] option")]
    assert options == ["", str(recommendation)]


def test_staff_refusals(client, read_db, demo_data):
    gitte, hanne = demo_data["Gitte"], demo_data["Hanne"]
    hannes = _outcome(read_db, hanne, OutcomeKind.DECISION)
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


def test_reading_an_outcome_is_audited(client, read_db, demo_data):
    decision = _outcome(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    login(client, "demo-hanne")
    client.get(f"/resultater/{decision}")
    seen = read_db(
        lambda s: [
            (e.actor_id, e.citizen_id, e.target)
            for e in s.query(AuditEvent).filter_by(action="outcomes.view", outcome="allowed")
        ]
    )
    assert seen == [(demo_data["Hanne"], demo_data["Hanne"], f"/resultater/{decision}")]


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
