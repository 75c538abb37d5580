"""Outcomes through the citizen's eyes: the list, one outcome in plain Danish, the read receipt,
printing, and every refusal around them. The caseworker's side is in test_outcomes_staff.py."""

from portal.models import AuditEvent, Outcome, OutcomeKind
from tests.functional.outcomes_support import latest_version, outcome_of_kind, receipt_count
from tests.helpers import check_page, csrf_token, login, soup


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
    draft = outcome_of_kind(read_db, demo_data["Lærke"], OutcomeKind.DECISION)
    assert client.get(f"/resultater/{draft}").status_code == 404


def test_decision_page_plain_part_first_then_formal(client, read_db, demo_data):
    decision = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
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
        and "Teamets indstilling" in pair.get_text()
        and "Kommunens afgørelse" in pair.get_text()
    )
    assert "Den er rettet" in page.get_text() and "forkert dato" in page.get_text()


def test_appeal_deadline_is_a_real_date_four_weeks_after_the_decision(client, read_db, demo_data):
    from portal.services.appeal import appeal_deadline
    from portal.web.i18n import long_date

    decision = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    decided = read_db(lambda s: s.get(Outcome, decision).versions[-1].decision_date)
    login(client, "demo-hanne")
    text = (
        soup(client.get(f"/resultater/{decision}"))
        .select_one(".appeal-deadline")
        .get_text(" ", strip=True)
    )
    assert long_date(appeal_deadline(decided), "da") in text


def test_a_decision_says_concretely_how_to_appeal(client, read_db, demo_data):
    from portal.org import DEMO

    decision = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    login(client, "demo-hanne")
    page = check_page(client.get(f"/resultater/{decision}"))
    action = page.find("a", string="Sådan klager du")
    assert action is not None and action["href"] == "#saadan-klager-du"
    how = page.find(id="saadan-klager-du")
    assert how is not None and how.get_text() == "Sådan klager du"
    steps = page.select_one(".appeal-steps").get_text(" ", strip=True)
    assert f"Send din klage til {DEMO.name}" in steps
    assert DEMO.appeal_channel in steps and DEMO.appeal_address in steps
    assert "Ankestyrelsen" in steps and "hvorfor du er uenig" in steps
    title = read_db(lambda s: s.get(Outcome, decision).versions[-1].title)
    assert title in steps  # what to write: which decision


def test_an_outcome_can_name_another_place_to_appeal(client, read_db, demo_data):
    from portal.org import DEMO

    decision = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)

    def set_route(session):  # a published version is frozen for the ORM: set it in SQL
        from sqlalchemy import update

        from portal.models import OutcomeVersion

        version_id = session.get(Outcome, decision).versions[-1].id
        session.execute(
            update(OutcomeVersion)
            .where(OutcomeVersion.id == version_id)
            .values(appeal_route="Klagecenter Nord, Vej 2")
        )
        session.commit()

    read_db(set_route)
    login(client, "demo-hanne")
    steps = check_page(client.get(f"/resultater/{decision}")).select_one(".appeal-steps")
    text = steps.get_text(" ", strip=True)
    assert "Klagecenter Nord, Vej 2" in text and DEMO.appeal_address not in text


def test_recommendation_says_it_is_not_a_decision_yet(client, read_db, demo_data):
    recommendation = outcome_of_kind(read_db, demo_data["Lærke"], OutcomeKind.RECOMMENDATION)
    login(client, "demo-laerke")
    page = check_page(client.get(f"/resultater/{recommendation}"))
    disagree = page.select_one(".outcome-disagree").get_text(" ", strip=True)
    assert "ikke en afgørelse endnu" in disagree and "Du får den senest" in disagree
    assert page.select_one(".outcome-pair") is None  # no decision published yet
    assert "Det blev besluttet" not in page.get_text()  # nothing is decided yet
    assert page.find("h2", string="Teamets indstilling") is not None
    assert page.find(id="saadan-klager-du") is None


def test_earlier_version_is_still_visible_and_marked(client, read_db, demo_data):
    decision = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    login(client, "demo-hanne")
    page = check_page(client.get(f"/resultater/{decision}?udgave=1"))
    assert "Det er en tidligere udgave" in page.get_text()
    assert page.find("button", string="Jeg har læst det") is None
    assert client.get(f"/resultater/{decision}?udgave=9").status_code == 404
    assert client.get(f"/resultater/{decision}?udgave=abc").status_code == 404


def test_mark_read_records_time_once_and_is_audited(client, read_db, demo_data):
    decision = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    version = latest_version(read_db, decision)
    login(client, "demo-hanne")
    page = client.get(f"/resultater/{decision}")
    token = csrf_token(page)
    before = receipt_count(read_db)
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
    assert receipt_count(read_db) == before + 1
    audited = read_db(
        lambda s: (
            s.query(AuditEvent).filter_by(action="outcomes.mark_read", outcome="allowed").count()
        )
    )
    assert audited == 2
    listing = check_page(client.get("/resultater"))
    assert "Ny" not in listing.select(".outcome-card")[0].get_text()


def test_mark_read_for_an_old_or_bogus_version_changes_nothing(client, read_db, demo_data):
    decision = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    login(client, "demo-hanne")
    token = csrf_token(client.get(f"/resultater/{decision}"))
    before = receipt_count(read_db)
    for bogus in ("1", "abc", ""):
        response = client.post(
            f"/resultater/{decision}/laest", data={"csrf_token": token, "version_id": bogus}
        )
        assert response.status_code == 400
        assert "Der er ikke ændret noget" in check_page(response).get_text()
    assert receipt_count(read_db) == before
    no_csrf = client.post(f"/resultater/{decision}/laest", data={"version_id": "1"})
    assert no_csrf.status_code == 400


def test_another_citizens_outcome_is_not_found_and_audited(client, read_db, demo_data):
    hannes = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    version = latest_version(read_db, hannes)
    login(client, "demo-laerke")
    response = client.get(f"/resultater/{hannes}")
    assert response.status_code == 404 and "ressourceforløb i et år" not in response.get_data(
        as_text=True
    )
    assert client.get(f"/resultater/{hannes}/udskriv").status_code == 404
    token = csrf_token(
        client.get(
            f"/resultater/{outcome_of_kind(read_db, demo_data['Lærke'], OutcomeKind.RECOMMENDATION)}"
        )
    )
    before = receipt_count(read_db)
    response = client.post(
        f"/resultater/{hannes}/laest", data={"csrf_token": token, "version_id": version}
    )
    assert response.status_code == 404 and receipt_count(read_db) == before
    refused = read_db(
        lambda s: [
            e.detail
            for e in s.query(AuditEvent).filter_by(outcome="refused", actor_id=demo_data["Lærke"])
        ]
    )
    assert refused == ["not_found:outcome"] * 3


def test_print_page(client, read_db, demo_data):
    decision = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    login(client, "demo-hanne")
    page = check_page(client.get(f"/resultater/{decision}/udskriv"))
    assert "Til Hanne Sørensen" in page.get_text() and "Den formelle tekst" in page.get_text()
    assert page.select_one("main").find("form", attrs={"method": "post"}) is None


def test_wrong_roles_and_anonymous(client, read_db, demo_data):
    decision = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
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
    assert "Læs den nye afgørelse: Du får et ressourceforløb" in page.get_text()
