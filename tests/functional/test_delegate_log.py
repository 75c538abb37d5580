"""Hanne's access log names what Mads did for her, each in its own words: booked, moved and
cancelled a conversation, chose how she takes part in the meeting (not "har ændret noget"); a
form he only opened reads as seen, not as done."""

import re

from sqlalchemy import update

from portal.models import Fuldmagt
from tests.functional.delegation_support import act_for, fuldmagt_of
from tests.functional.meeting_pages import choose
from tests.helpers import check_page, csrf_token, login


def _choice(token, slot, rebook=""):
    return {"csrf_token": token, "slot": slot, "rebook": rebook, "form": "telefon", "note": ""}


def _free_slots(client, path="/samtaler/book"):
    page = check_page(client.get(path))
    last_day = page.select(".day-list a")[-1]["href"]
    return [i["value"] for i in check_page(client.get(last_day)).select("input[name=tid]")]


def test_hannes_log_names_each_thing_mads_did(client, read_db, demo_data):
    mads = fuldmagt_of(read_db, demo_data["Mads"])

    def all_scopes(session):
        session.execute(update(Fuldmagt).where(Fuldmagt.id == mads).values(scopes="se,booke,moede"))
        session.commit()

    read_db(all_scopes)
    login(client, "demo-mads")
    act_for(client, demo_data["Hanne"])

    slots = _free_slots(client)
    token = csrf_token(client.get(f"/samtaler/book/detaljer?tid={slots[0]}"))
    booked = client.post("/samtaler/book/bekraeft", data=_choice(token, slots[0]))
    assert booked.status_code == 302, booked.get_data(as_text=True)[:300]
    booking_id = re.search(r"/samtaler/(\d+)", booked.headers["Location"]).group(1)

    moved_to = [s for s in _free_slots(client, f"/samtaler/{booking_id}/flyt") if s != slots[0]]
    moved = client.post(
        "/samtaler/book/bekraeft", data=_choice(token, moved_to[0], rebook=booking_id)
    )
    assert moved.status_code == 302 and "udfoert=flyttet" in moved.headers["Location"]
    new_id = re.search(r"/samtaler/(\d+)", moved.headers["Location"]).group(1)

    page = client.get(f"/samtaler/{new_id}/aflys")
    cancelled = client.post(
        f"/samtaler/{new_id}/aflys", data={"csrf_token": csrf_token(page), "reason": ""}
    )
    assert cancelled.status_code == 302

    chose = choose(client, "fremmoede")  # the question, the check page, "Bekræft"
    assert chose.status_code == 303

    client.post("/log-ud", data={"csrf_token": csrf_token(client.get("/log-ud"))})
    login(client, "demo-hanne")
    log = check_page(client.get("/log")).select_one("main").get_text(" ", strip=True)
    for done in (
        "booket en samtale til dig",
        "flyttet en af dine samtaler",
        "aflyst en af dine samtaler",
        "valgt, hvordan du deltager i mødet",
    ):
        assert f"Mads Sørensen har med din fuldmagt {done}." in log, done
    assert "har med din fuldmagt ændret" not in log
    # Opening the participation form and the cancel page changed nothing, and reads so.
    assert log.count("valgt, hvordan du deltager i mødet") == 1
    assert "Mads Sørensen har set siden, hvor man vælger, hvordan du deltager i mødet" in log
    assert "Mads Sørensen har set en af dine samtaler på dine vegne." in log
