"""The meeting overview, consent and its receipts, and the video link, through the Flask client
with CSRF on: every route, its refusals and replays."""

from datetime import timedelta

from portal import clock
from portal.models import AuditEvent, ConsentRecord, Meeting
from tests.functional.meeting_pages import (
    choose,
    meeting_id_of,
    post_consent,
    record_counts,
)
from tests.helpers import check_page, csrf_token, login, soup

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
    response = post_consent(client, "give")
    assert response.status_code == 302
    page = check_page(client.get(response.headers["Location"]))
    assert (
        "Du har givet samtykke til et virtuelt møde" in page.select_one(".confirmation-panel").text
    )
    assert page.find("button", string="Træk samtykke tilbage")
    record = read_db(lambda s: s.query(ConsentRecord).order_by(ConsentRecord.id.desc()).first())
    assert (record.given, record.actor_id) == (True, demo_data["Lærke"])

    page = check_page(client.get(post_consent(client, "withdraw").headers["Location"]))
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
    before = record_counts(read_db)
    again = client.post("/moede/samtykke", data=data)
    assert again.status_code == 302
    assert record_counts(read_db) == before
    page = check_page(client.get("/moede"))
    assert "Dit valg var allerede gemt" in page.select_one(".confirmation-panel").text


def test_consent_for_another_citizens_meeting_is_not_found(client, read_db, demo_data):
    gittes = meeting_id_of(read_db, demo_data["Gitte"])
    login(client, "demo-laerke")
    before = record_counts(read_db)
    response = post_consent(client, "give", meeting_id=gittes)
    assert response.status_code == 404
    assert record_counts(read_db) == before
    for tampered in ("abc", "", "99999999"):
        assert post_consent(client, "give", meeting_id=tampered).status_code in (400, 404)
    assert record_counts(read_db) == before
    refused = read_db(
        lambda s: (
            s.query(AuditEvent).filter_by(outcome="refused", detail="not_found:meeting").count()
        )
    )
    assert refused >= 2


def test_consent_with_a_nonsense_choice_is_refused_calmly(client, read_db):
    login(client, "demo-laerke")
    before = record_counts(read_db)
    response = post_consent(client, "maybe")
    assert response.status_code == 400
    check_page(response)
    assert record_counts(read_db) == before


def test_consent_without_csrf_is_refused(client, read_db, demo_data):
    login(client, "demo-laerke")
    before = record_counts(read_db)
    response = client.post(
        "/moede/samtykke",
        data={"meeting_id": meeting_id_of(read_db, demo_data["Lærke"]), "choice": "give"},
    )
    assert response.status_code == 400
    assert record_counts(read_db) == before


def test_giving_consent_after_the_deadline_is_refused_with_a_message(client, read_db, demo_data):
    meeting_id = meeting_id_of(read_db, demo_data["Lærke"])
    deadline = read_db(lambda s: s.get(Meeting, meeting_id).change_deadline)
    login(client, "demo-laerke")
    page = client.get("/moede")
    token = csrf_token(page)
    before = record_counts(read_db)
    with clock.frozen(deadline):
        response = client.post(
            "/moede/samtykke",
            data={"csrf_token": token, "meeting_id": meeting_id, "choice": "give"},
        )
        assert response.status_code == 400
        assert "Fristen for at ændre er overskredet" in check_page(response).get_text()
        page = check_page(client.get("/moede"))
        assert "Fristen for at give samtykke var" in page.get_text()
        assert "Ring til Anders Mikkelsen" in page.get_text()
    assert record_counts(read_db) == before


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


def test_video_link_appears_only_for_a_virtual_meeting_with_consent_shortly_before(
    client, read_db, demo_data
):
    meeting_id = meeting_id_of(read_db, demo_data["Lærke"])
    starts_at, opens = read_db(
        lambda s: (
            s.get(Meeting, meeting_id).starts_at,
            s.get(Meeting, meeting_id).video_opens_minutes,
        )
    )
    login(client, "demo-laerke")
    post_consent(client, "give")
    choose(client, "virtuelt", interpreter_needed="nej")
    assert (
        "Linket til det virtuelle møde kommer her 15 minutter før"
        in soup(client.get("/moede")).get_text()
    )
    with clock.frozen(starts_at - timedelta(minutes=opens)):
        page = check_page(client.get("/moede"))
        link = page.find("a", string="Gå til det virtuelle møde")
        assert link is not None and link["href"].startswith("https://")
    post_consent(client, "withdraw")
    with clock.frozen(starts_at - timedelta(minutes=opens)):
        assert "Gå til det virtuelle møde" not in client.get("/moede").get_data(as_text=True)
