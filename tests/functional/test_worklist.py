"""The caseworker's worklist on /medarbejder: a call-me request appears, is marked as handled
with a note, the citizen sees they were called back, and refusals are calm and audited."""

from portal.models import AuditEvent, CallbackRequest
from tests.helpers import check_page, csrf_token, login, soup


def _sofie_asks_to_be_called(client):
    login(client, "demo-sofie")
    token = csrf_token(client.get("/samtaler"))
    assert client.post("/samtaler/ring-mig-op", data={"csrf_token": token}).status_code == 302


def _callback_id(read_db):
    return read_db(lambda s: s.query(CallbackRequest).one().id)


def test_a_call_me_request_is_handled_from_the_worklist(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    _sofie_asks_to_be_called(client)
    login(client, "demo-anders")
    home = client.get("/medarbejder")
    page = check_page(home)
    waiting = page.select_one("section[aria-labelledby=waiting-heading]")
    assert "Ring op: Sofie" in waiting.get_text()
    callback_id = _callback_id(read_db)
    action = f"/medarbejder/borger/{sofie}/opkald/{callback_id}/klaret"
    form = waiting.find("form", attrs={"action": action})
    assert form.find("button", string="Markér som klaret") is not None
    seen = read_db(
        lambda s: (
            s.query(AuditEvent).filter_by(action="staff.worklist.view", citizen_id=sofie).count()
        )
    )
    assert seen == 1

    response = client.post(
        action,
        data={"csrf_token": csrf_token(home), f"opkald-{callback_id}-note": "Vi fandt en tid."},
    )
    assert response.status_code == 302
    after = client.get(response.headers["Location"])
    done = check_page(after)
    assert "Opkaldet er markeret som klaret" in done.get_text()
    assert (
        "Ring op: Sofie"
        not in done.select_one("section[aria-labelledby=waiting-heading]").get_text()
    )
    handled = read_db(lambda s: s.get(CallbackRequest, callback_id))
    assert handled.handled_note == "Vi fandt en tid." and handled.handled_at is not None
    staff = check_page(client.get(f"/medarbejder/borger/{sofie}/samtaler")).get_text()
    assert "Klaret" in staff and "Vi fandt en tid." in staff

    again = client.post(action, data={"csrf_token": csrf_token(after)})
    assert again.status_code == 400
    assert "allerede markeret som klaret" in check_page(again).get_text()

    login(client, "demo-sofie")
    assert "Din sagsbehandler har ringet dig op" in check_page(client.get("/samtaler")).get_text()
    log = check_page(client.get("/log")).get_text()
    assert "noteret, at du er blevet ringet op" in log


def test_a_note_too_long_is_shown_on_the_form(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    _sofie_asks_to_be_called(client)
    login(client, "demo-anders")
    callback_id = _callback_id(read_db)
    response = client.post(
        f"/medarbejder/borger/{sofie}/opkald/{callback_id}/klaret",
        data={
            "csrf_token": csrf_token(client.get("/medarbejder")),
            f"opkald-{callback_id}-note": "x" * 501,
        },
    )
    assert response.status_code == 400
    page = check_page(response)
    assert "Skriv højst 500 tegn." in page.get_text()
    assert read_db(lambda s: s.get(CallbackRequest, callback_id).handled_at) is None


def test_another_caseworker_cannot_handle_it_and_an_unknown_id_is_404(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    _sofie_asks_to_be_called(client)
    callback_id = _callback_id(read_db)
    login(client, "demo-rikke")
    page = client.get("/medarbejder")
    assert "Sofie" not in soup(page).select_one("main").get_text()
    refused = client.post(
        f"/medarbejder/borger/{sofie}/opkald/{callback_id}/klaret",
        data={"csrf_token": csrf_token(page)},
    )
    assert refused.status_code == 404
    login(client, "demo-anders")
    hanne = demo_data["Hanne"]
    wrong = client.post(
        f"/medarbejder/borger/{hanne}/opkald/{callback_id}/klaret",
        data={"csrf_token": csrf_token(client.get("/medarbejder"))},
    )
    assert wrong.status_code == 404
    assert read_db(lambda s: s.get(CallbackRequest, callback_id).handled_at) is None
    refusals = read_db(
        lambda s: (
            s.query(AuditEvent).filter_by(action="staff.callback.handle", outcome="refused").count()
        )
    )
    assert refusals == 2
