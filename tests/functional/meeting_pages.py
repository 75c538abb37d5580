"""Shared steps for the meeting's functional tests: read ids and counts, fill and post forms."""

from portal import clock
from portal.models import ConsentRecord, Meeting, ParticipationRecord
from portal.services import meeting as meetings
from tests.helpers import check_page, soup


def meeting_id_of(read_db, citizen_id):
    return read_db(lambda s: meetings.current_meeting(s, citizen_id, clock.now()).id)


def csrf_of(page) -> str:
    """The CSRF token from an already parsed page."""
    return page.find("input", attrs={"name": "csrf_token"})["value"]


def record_counts(read_db):
    return read_db(
        lambda s: (
            s.query(ConsentRecord).count(),
            s.query(ParticipationRecord).count(),
            s.query(Meeting).count(),
        )
    )


def post_consent(client, choice, meeting_id=None):
    page = client.get("/moede")
    form = soup(page).find("form", action="/moede/samtykke")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    data["choice"] = choice
    if meeting_id is not None:
        data["meeting_id"] = str(meeting_id)
    return client.post("/moede/samtykke", data=data)


def participation_data(client, **values):
    page = client.get("/moede/deltagelse")
    form = soup(page).find("form", action="/moede/deltagelse")
    data = {
        i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("type") != "radio"
    }
    data.update(values)
    return data


def plan_form(client, citizen_id, **values):
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


def ask(client, mode, inline=True, **values):
    """Answer "Hvordan vil du deltage?" as a browser with JavaScript (`inline`: the follow-up
    answers on the same page) or without it. Returns the POST's response (a redirect)."""
    data = participation_data(client, mode=mode, **values)
    if inline:
        data["inline"] = "1"
    return client.post("/moede/deltagelse", data=data)


def confirm(client):
    """Open the check page and press "Bekræft dit valg"; returns the POST's response."""
    page = check_page(client.get("/moede/deltagelse/tjek"))
    form = page.find("form", action="/moede/deltagelse/bekraeft")
    return client.post("/moede/deltagelse/bekraeft", data={"csrf_token": csrf_of(form)})


def choose(client, mode, **values):
    """The whole flow with JavaScript, for a mode that needs no consent question."""
    response = ask(client, mode, **values)
    assert response.status_code == 303 and response.location.endswith("/moede/deltagelse/tjek")
    return confirm(client)


def consent_answer(client, answer=None):
    page = check_page(client.get("/moede/deltagelse/samtykke"))
    data = {"csrf_token": csrf_of(page.find("form", action="/moede/deltagelse/samtykke"))}
    if answer:
        data["answer"] = answer
    return client.post("/moede/deltagelse/samtykke", data=data)
