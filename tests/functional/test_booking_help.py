""" "Jeg kan ikke booke selv" through the web: Sofie asks with a reason, sees the status, the
request is on Anders's worklist, he books for her in one step; refusals are calm."""

from portal.models import Booking, BookingHelpRequest, BookingKind, Exemption
from tests.helpers import check_page, csrf_token, login, soup


def _ask(client, reason="interpreter"):
    login(client, "demo-sofie")
    form_page = client.get("/samtaler/kan-ikke-booke")
    check_page(form_page)
    return client.post(
        "/samtaler/kan-ikke-booke",
        data={"csrf_token": csrf_token(form_page), "reason": reason, "note": "Jeg taler arabisk."},
    )


def _answer(client, sofie, how):
    page = client.get(f"/medarbejder/borger/{sofie}/samtaler")
    html = soup(page)
    section = html.select_one("section[aria-labelledby=help-heading]")
    slot = section.find("input", attrs={"name": "hjaelp-slot"})["value"]
    data = {
        "csrf_token": csrf_token(page),
        "hjaelp-request_id": section.find("input", attrs={"name": "hjaelp-request_id"})["value"],
        "hjaelp-slot": slot,
        "hjaelp-form": "telefon",
        "hjaelp-topic": "Opfølgningssamtale",
        "how": how,
    }
    return client.post(f"/medarbejder/borger/{sofie}/samtaler/hjaelp", data=data), int(slot)


def test_sofie_asks_and_anders_books_for_her(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    response = _ask(client)
    assert response.status_code == 302
    assert (
        "Jobcentret booker for dig"
        in check_page(client.get(response.headers["Location"])).get_text()
    )
    status = check_page(client.get("/samtaler")).get_text()
    assert "Du bad" in status and "jobcentret om at booke en tid for dig" in status

    login(client, "demo-anders")
    home = check_page(client.get("/medarbejder")).get_text()
    assert "Kan ikke booke selv: Sofie" in home and "Jeg har brug for en tolk" in home
    staff = check_page(client.get(f"/medarbejder/borger/{sofie}/samtaler")).get_text()
    assert "Borgerens besked: Jeg taler arabisk." in staff
    answered, slot = _answer(client, sofie, "book")
    assert answered.status_code == 302
    booking = read_db(lambda s: s.query(Booking).filter_by(citizen_id=sofie, slot_id=slot).one())
    assert booking.kind == BookingKind.SELF
    request = read_db(lambda s: s.query(BookingHelpRequest).filter_by(citizen_id=sofie).one())
    assert (request.answer, request.booking_id) == ("book", booking.id)
    assert read_db(lambda s: s.query(Exemption).filter_by(citizen_id=sofie).count()) == 0
    assert "Kan ikke booke selv" not in check_page(client.get("/medarbejder")).get_text()


def test_exempt_and_summon_in_one_step(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    assert _ask(client, "illness").status_code == 302
    login(client, "demo-anders")
    answered, slot = _answer(client, sofie, "summon")
    assert answered.status_code == 302
    booking = read_db(lambda s: s.query(Booking).filter_by(citizen_id=sofie, slot_id=slot).one())
    assert booking.kind == BookingKind.SUMMONS
    exemption = read_db(lambda s: s.query(Exemption).filter_by(citizen_id=sofie).one())
    assert exemption.exempted and "syg" in exemption.reason
    login(client, "demo-sofie")
    assert "Jobcentret booker for dig" in check_page(client.get("/samtaler")).get_text()


def test_no_reason_is_shown_on_the_form_and_a_missing_answer_is_refused(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    response = _ask(client, reason="")
    assert response.status_code == 400
    assert "Vælg, hvorfor du ikke kan booke selv." in check_page(response).get_text()
    assert read_db(lambda s: s.query(BookingHelpRequest).filter_by(citizen_id=sofie).count()) == 0
    assert _ask(client).status_code == 302
    login(client, "demo-anders")
    refused, _slot = _answer(client, sofie, "")
    assert refused.status_code == 400
    assert "Vælg, om du vil indkalde borgeren" in check_page(refused).get_text()
    login(client, "demo-rikke")
    other, _slot = None, None
    page = client.get("/medarbejder")
    other = client.post(
        f"/medarbejder/borger/{sofie}/samtaler/hjaelp",
        data={"csrf_token": csrf_token(page), "how": "book"},
    )
    assert other.status_code == 404
    assert (
        read_db(lambda s: s.query(BookingHelpRequest).filter_by(citizen_id=sofie).one().answered_at)
        is None
    )
