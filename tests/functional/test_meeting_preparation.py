"""The citizen's preparation for the meeting, through the Flask client with CSRF on: drafts,
sending, bad input, and what the caseworker reads."""

from portal.models import Preparation
from tests.functional.meeting_pages import (
    csrf_of,
)
from tests.helpers import check_page, csrf_token, login, soup

# --- Preparation ----------------------------------------------------------------------------------


def test_preparation_steps_save_drafts_and_send(client, read_db, demo_data):
    login(client, "demo-gitte")
    page = check_page(client.get("/moede/forbered/situation"))
    assert "emne 1 af 6" in page.get_text()
    response = client.post(
        "/moede/forbered/situation",
        data={"csrf_token": csrf_of(page), "answer": "Jeg har ondt hver dag."},
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
        "/moede/forbered/companion", data={"csrf_token": csrf_of(goal), "answer": ""}
    )
    assert response.headers["Location"] == "/moede/forbered/tjek"
    check = check_page(client.get("/moede/forbered/tjek"))
    assert "Jeg har ondt hver dag." in check.get_text()
    response = client.post("/moede/forbered/tjek", data={"csrf_token": csrf_of(check)})
    assert response.status_code == 302
    page = check_page(client.get("/moede"))
    assert "Din forberedelse er sendt" in page.get_text()
    sent = read_db(lambda s: s.query(Preparation).one().sent_at)
    assert sent is not None
    # Sending again changes nothing.
    client.post("/moede/forbered/tjek", data={"csrf_token": csrf_of(check)})
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


def test_the_caseworker_sees_what_was_sent_not_later_drafts(client, read_db, demo_data):
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
