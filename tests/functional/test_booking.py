"""Conversations through the browser's eyes: book, check, confirm, calendar file, rebook, cancel,
summons, and every refusal (bad input, other citizens' ids, wrong roles, caseload)."""

from __future__ import annotations

import re

from icalendar import Calendar
from sqlalchemy import select

from portal.models import AuditEvent, Booking, BookingStatus, CallbackRequest, Slot
from tests.helpers import check_page, csrf_token, login, soup


def _last_day_slot(client) -> tuple[str, object]:
    """The first free slot on the last day of the window (well after any cut-off)."""
    page = check_page(client.get("/samtaler/book"))
    last_day = page.select(".day-list a")[-1]["href"]
    page = check_page(client.get(last_day))
    return page.find("input", attrs={"name": "tid"})["value"], page


def _choice(token, slot, form="telefon", note="", rebook=""):
    return {"csrf_token": token, "slot": slot, "rebook": rebook, "form": form, "note": note}


def _book(client, form="telefon", note="Jeg tager min bisidder med"):
    slot, _ = _last_day_slot(client)
    token = csrf_token(client.get(f"/samtaler/book/detaljer?tid={slot}"))
    response = client.post("/samtaler/book/bekraeft", data=_choice(token, slot, form, note))
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    booking_id = int(re.search(r"/samtaler/(\d+)", response.headers["Location"]).group(1))
    return booking_id, slot, token


def _count(read_db, model=Booking):
    return read_db(lambda s: s.query(model).count())


def test_index_shows_window_upcoming_and_past(client):
    login(client, "demo-sofie")
    page = check_page(client.get("/samtaler"))
    text = page.find("main").get_text(" ", strip=True)
    assert "Din næste samtale skal holdes mellem" in text
    assert page.find("a", string="Book en tid") is not None
    assert "Første opfølgningssamtale" in text  # a past conversation


def test_book_check_and_confirm_with_days_nearest_first(client, read_db):
    login(client, "demo-sofie")
    page = check_page(client.get("/samtaler/book"))
    days = [a.get_text(" ", strip=True) for a in page.select(".day-list a")]
    assert len(days) >= 5 and page.select_one(".day-list a[aria-current=true]") is not None
    slot, _ = _last_day_slot(client)
    details = check_page(client.get(f"/samtaler/book/detaljer?tid={slot}"))
    assert {i["value"] for i in details.select("input[name=form]")} == {
        "fremmoede",
        "telefon",
        "video",
    }
    token = csrf_token(client.get(f"/samtaler/book/detaljer?tid={slot}"))
    before = _count(read_db)
    posted = client.post("/samtaler/book/detaljer", data=_choice(token, slot, "video", "Tolk"))
    assert posted.status_code == 303  # Post/Redirect/Get: the check page is a GET
    assert posted.headers["Location"].endswith("/samtaler/book/tjek")
    assert "Tolk" not in posted.headers["Location"]  # the note stays out of the address
    check = check_page(client.get("/samtaler/book/tjek"))
    assert check.h1.get_text() == "Tjek din tid"
    check_text = check.get_text(" ", strip=True)
    assert "Du kan flytte eller aflyse her indtil" in check_text and "Tolk" in check_text
    assert _count(read_db) == before  # the check page changes nothing
    corrected = check_page(client.get(check.find("a", string="Ret dit valg")["href"]))
    assert corrected.find("textarea", attrs={"name": "note"}).get_text().strip() == "Tolk"
    assert corrected.find("input", attrs={"name": "form", "value": "video"}).has_attr("checked")
    response = client.post("/samtaler/book/bekraeft", data=_choice(token, slot, "video", "Tolk"))
    assert response.status_code == 302
    back = client.get("/samtaler/book/tjek")  # Back after confirming: the booking, not a form
    assert (
        back.status_code == 302
        and back.headers["Location"] == response.headers["Location"].split("?")[0]
    )
    shown = check_page(client.get(response.headers["Location"]))
    assert "Din tid er booket" in shown.get_text()
    assert shown.find("a", string="Hent kalenderfil") is not None
    audit = read_db(lambda s: s.query(AuditEvent).filter_by(action="booking.book").one())
    assert audit.outcome == "allowed" and f"slot {slot}" in audit.detail


def test_htmx_day_request_returns_only_the_day_block(client):
    login(client, "demo-sofie")
    page = check_page(client.get("/samtaler/book"))
    href = page.select(".day-list a")[1]["href"]
    fragment = client.get(href, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="day-slots">')
    assert "<html" not in fragment and 'name="tid"' in fragment


def test_pressing_confirm_twice_books_once(client, read_db):
    login(client, "demo-sofie")
    booking_id, slot, token = _book(client)
    again = client.post("/samtaler/book/bekraeft", data=_choice(token, slot))
    assert again.status_code == 302
    assert f"/samtaler/{booking_id}" in again.headers["Location"]
    assert read_db(lambda s: s.query(Booking).filter_by(slot_id=int(slot)).count()) == 1


def test_calendar_file_is_valid_with_timezone_and_reminder(client):
    login(client, "demo-sofie")
    booking_id, _, _ = _book(client)
    response = client.get(f"/samtaler/{booking_id}/kalender.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Copenhagen"
    event = calendar.walk("VEVENT")[0]
    assert str(event["DTSTART"].dt.tzinfo) == "Europe/Copenhagen"
    assert event.walk("VALARM")[0]["ACTION"] == "DISPLAY"
    assert "bisidder" in str(event["DESCRIPTION"])


def test_rebook_moves_and_frees_the_old_slot(client, read_db):
    login(client, "demo-sofie")
    booking_id, old_slot, token = _book(client)
    page = check_page(client.get(f"/samtaler/{booking_id}/flyt"))
    choices = [i["value"] for i in page.select("input[name=tid]")]
    assert old_slot not in choices
    new_slot = choices[0]
    details = client.get(f"/samtaler/book/detaljer?tid={new_slot}&flyt={booking_id}")
    check_page(details)
    response = client.post(
        "/samtaler/book/bekraeft", data=_choice(token, new_slot, rebook=str(booking_id))
    )
    assert response.status_code == 302 and "udfoert=flyttet" in response.headers["Location"]
    replayed = client.post(
        "/samtaler/book/bekraeft", data=_choice(token, new_slot, rebook=str(booking_id))
    )
    assert replayed.headers["Location"] == response.headers["Location"]  # moved once
    statuses = read_db(
        lambda s: {b.slot_id: b.status for b in s.query(Booking).filter_by(citizen_id=b_id(s))}
    )
    assert statuses[int(old_slot)] == BookingStatus.REBOOKED
    assert statuses[int(new_slot)] == BookingStatus.ACTIVE


def b_id(session):
    from portal.models import Person

    return session.scalar(select(Person.id).where(Person.first_name == "Sofie"))


def test_cancel_says_the_deadline_still_applies_and_offers_booking_again(client, read_db):
    login(client, "demo-sofie")
    booking_id, _, _ = _book(client)
    page = client.get(f"/samtaler/{booking_id}/aflys")
    check_page(page)
    response = client.post(
        f"/samtaler/{booking_id}/aflys", data={"csrf_token": csrf_token(page), "reason": "Syg"}
    )
    assert response.status_code == 302
    after = check_page(client.get(response.headers["Location"]))
    text = after.get_text(" ", strip=True)
    assert "Din samtale er aflyst" in text and "Fristen gælder stadig" in text
    assert after.find("a", string="Book en ny tid") is not None
    assert read_db(lambda s: s.get(Booking, booking_id).status) == BookingStatus.CANCELLED
    assert "Aflyst af dig" in text and "Begrundelse: Syg" in text  # the receipt
    assert after.find("a", string="Hent aflysning til kalenderen") is not None
    back = client.get(f"/samtaler/{booking_id}/aflys")  # Back after cancelling: a normal page
    assert back.status_code == 302 and back.headers["Location"].endswith(f"/samtaler/{booking_id}")
    listed = check_page(client.get("/samtaler")).get_text(" ", strip=True)
    assert "Aflyste og flyttede samtaler" in listed and "Aflyst af dig" in listed
    _book(client)  # and books again


def test_bad_input_is_refused_next_to_the_field_and_changes_nothing(client, read_db):
    login(client, "demo-sofie")
    slot, _ = _last_day_slot(client)
    token = csrf_token(client.get(f"/samtaler/book/detaljer?tid={slot}"))
    before = _count(read_db)
    long_note = "x" * 501
    response = client.post("/samtaler/book/detaljer", data=_choice(token, slot, note=long_note))
    assert response.status_code == 400
    page = check_page(response)
    assert page.select_one(".error-summary") is not None
    assert page.find("textarea", attrs={"name": "note"}).get_text().strip() == long_note
    response = client.post("/samtaler/book/detaljer", data=_choice(token, slot, form="teleport"))
    assert response.status_code == 400
    assert "Vælg en af mulighederne" in response.get_data(as_text=True)
    for tampered in ("abc", "-5", "999999", ""):
        response = client.post("/samtaler/book/bekraeft", data=_choice(token, tampered))
        assert response.status_code in (400, 409)
        check_page(response)
    past_slot = read_db(
        lambda s: s.scalars(select(Slot.id).order_by(Slot.starts_at)).first()
    )  # Sofie's oldest (past) slot
    response = client.post("/samtaler/book/bekraeft", data=_choice(token, past_slot))
    assert response.status_code == 400 and "allerede gået" in response.get_data(as_text=True)
    assert _count(read_db) == before
    refused = read_db(
        lambda s: [
            e.detail
            for e in s.query(AuditEvent).filter_by(action="booking.change", outcome="refused")
        ]
    )
    assert len(refused) >= 5 and {"slot_unknown", "slot_past"} <= set(refused)


def test_a_slot_outside_the_window_or_of_another_caseworker_is_refused(client, read_db):
    login(client, "demo-sofie")
    token = csrf_token(client.get("/log-ud"))
    rikkes = read_db(
        lambda s: s.scalars(
            select(Slot.id).join(Slot.caseworker).where(Slot.caseworker.has(first_name="Rikke"))
        ).all()[-1]
    )
    before = _count(read_db)
    response = client.post("/samtaler/book/bekraeft", data=_choice(token, rikkes))
    assert response.status_code == 400 and "Vi kan ikke finde den tid" in response.get_data(
        as_text=True
    )
    assert _count(read_db) == before


def test_another_citizens_booking_is_not_found(client, read_db, demo_data):
    jens_booking = read_db(
        lambda s: s.scalars(
            select(Booking.id).where(Booking.citizen_id == demo_data["Jens"])
        ).first()
    )
    login(client, "demo-sofie")
    receipts = ("/kvittering", "/kvittering.pdf", "/kvittering.txt")
    for path in ("", "/kalender.ics", "/flyt", "/aflys", *receipts):
        response = client.get(f"/samtaler/{jens_booking}{path}")
        assert response.status_code == 404, path
    token = csrf_token(client.get("/log-ud"))
    response = client.post(f"/samtaler/{jens_booking}/aflys", data={"csrf_token": token})
    assert response.status_code == 404
    response = client.post(
        "/samtaler/book/bekraeft", data=_choice(token, "1", rebook=str(jens_booking))
    )
    assert response.status_code == 404
    assert read_db(lambda s: s.get(Booking, jens_booking).status) == BookingStatus.ACTIVE
    refused = read_db(
        lambda s: (
            s.query(AuditEvent).filter_by(outcome="refused", detail="not_found:booking").count()
        )
    )
    assert refused == 9


def test_exempted_citizen_sees_summons_and_no_booking_control(client, read_db, demo_data):
    login(client, "demo-jens")
    page = check_page(client.get("/samtaler"))
    text = page.get_text(" ", strip=True)
    assert "Du er indkaldt til samtale" in text and "du bliver indkaldt" in text
    assert "fritaget" not in text  # plain words, and the number to call on the page itself
    assert re.search(r"ring til .+ på telefon [\d ]{8,}", text)
    assert page.find("a", string="Book en tid") is None
    choose = check_page(client.get("/samtaler/book"))
    assert choose.find("input", attrs={"name": "tid"}) is None
    summons = read_db(
        lambda s: s.scalars(
            select(Booking.id).where(Booking.citizen_id == demo_data["Jens"]).order_by(Booking.id)
        ).first()
    )
    shown = check_page(client.get(f"/samtaler/{summons}"))
    assert shown.find("a", string="Flyt samtalen til en anden tid") is None
    assert client.get(f"/samtaler/{summons}/kalender.ics").status_code == 200
    token = csrf_token(client.get("/log-ud"))
    slot = read_db(lambda s: s.scalars(select(Slot.id).order_by(Slot.id.desc())).first())
    before = _count(read_db)
    response = client.post("/samtaler/book/bekraeft", data=_choice(token, slot))
    assert response.status_code in (400, 409)
    assert "du bliver indkaldt" in response.get_data(as_text=True)
    assert _count(read_db) == before


def test_no_free_slot_offers_call_me(client, read_db, demo_data):
    read_db(
        lambda s: (
            s.query(Slot)
            .filter(~Slot.id.in_(select(Booking.slot_id)))
            .delete(synchronize_session=False),
            s.commit(),
        )
    )
    login(client, "demo-sofie")
    page = check_page(client.get("/samtaler/book"))
    assert "Der er ingen ledige tider lige nu" in page.get_text()
    form = page.find("form", attrs={"action": "/samtaler/ring-mig-op"})
    response = client.post(
        "/samtaler/ring-mig-op", data={"csrf_token": csrf_token(client.get("/samtaler/book"))}
    )
    assert response.status_code == 302 and form is not None
    assert "ringer dig op" in check_page(client.get(response.headers["Location"])).get_text()
    assert _count(read_db, CallbackRequest) == 1
    login(client, "demo-anders")
    staff = check_page(client.get(f"/medarbejder/borger/{demo_data['Sofie']}/samtaler"))
    assert "bad om at blive ringet op" in staff.get_text()


def test_anonymous_is_sent_to_login(client):
    for path in (
        "/samtaler",
        "/samtaler/book",
        "/samtaler/1",
        "/samtaler/1/kalender.ics",
        "/medarbejder/tider",
    ):
        response = client.get(path)
        assert response.status_code == 302 and response.headers["Location"].startswith("/log-ind")
    assert soup(client.get("/log-ind")).find("h1") is not None


def test_an_exempted_citizen_asking_to_be_called_is_refused_calmly_and_audited(client, read_db):
    login(client, "demo-jens")
    token = csrf_token(client.get("/samtaler"))
    response = client.post("/samtaler/ring-mig-op", data={"csrf_token": token})
    assert response.status_code == 400
    assert "du bliver indkaldt" in check_page(response).get_text()
    assert _count(read_db, CallbackRequest) == 0
    refused = read_db(
        lambda s: s.query(AuditEvent).filter_by(outcome="refused", detail="exempted").count()
    )
    assert refused == 1


def _event(client, booking_id):
    response = client.get(f"/samtaler/{booking_id}/kalender.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.data)
    return calendar, calendar.walk("VEVENT")[0]


def test_a_move_cancels_the_old_event_and_publishes_the_new_one(client, read_db):
    login(client, "demo-sofie")
    booking_id, _, token = _book(client)
    before_cal, before = _event(client, booking_id)
    assert str(before_cal["METHOD"]) == "PUBLISH" and int(before["SEQUENCE"]) == 0
    page = check_page(client.get(f"/samtaler/{booking_id}/flyt"))
    new_slot = page.select("input[name=tid]")[0]["value"]
    response = client.post(
        "/samtaler/book/bekraeft", data=_choice(token, new_slot, rebook=str(booking_id))
    )
    new_id = int(re.search(r"/samtaler/(\d+)", response.headers["Location"]).group(1))
    shown = check_page(client.get(response.headers["Location"]))
    text = shown.get_text(" ", strip=True)
    assert "Din gamle tid" in text and "slet den" in text
    assert shown.find("a", string="Hent aflysning til kalenderen")["href"].endswith(
        f"/samtaler/{booking_id}/kalender.ics"
    )
    old_cal, old = _event(client, booking_id)
    assert str(old_cal["METHOD"]) == "CANCEL" and str(old["STATUS"]) == "CANCELLED"
    assert str(old["UID"]) == str(before["UID"]) and int(old["SEQUENCE"]) > 0
    new_cal, new = _event(client, new_id)
    assert str(new_cal["METHOD"]) == "PUBLISH" and str(new["UID"]) != str(old["UID"])
    old_page = check_page(client.get(f"/samtaler/{booking_id}")).get_text(" ", strip=True)
    assert "Flyttet til" in old_page and "Flyttet af dig" in old_page
    listed = check_page(client.get("/samtaler")).get_text(" ", strip=True)
    assert "Flyttet til" in listed


def test_the_calendar_file_follows_the_chosen_language(client):
    login(client, "demo-sofie")
    booking_id, _, _ = _book(client)
    _, danish = _event(client, booking_id)
    assert "med jobcentret" in str(danish["SUMMARY"])
    client.get("/samtaler?lang=en")
    _, english = _event(client, booking_id)
    assert "with the job centre" in str(english["SUMMARY"])
    assert "Caseworker:" in str(english["DESCRIPTION"])


def test_no_time_is_chosen_for_the_person_and_choosing_none_says_so(client, read_db):
    login(client, "demo-sofie")
    page = check_page(client.get("/samtaler/book"))
    assert page.select("input[name=tid]") and not page.select("input[name=tid][checked]")
    day_link = page.select(".day-list a")[1]
    assert day_link["href"].endswith("#ledige-tider") and page.find(id="ledige-tider")
    response = client.get("/samtaler/book/detaljer")  # "Vælg tiden" with no time chosen
    assert response.status_code == 400
    assert "Vælg en tid." in check_page(response).get_text()


def test_an_interpreter_and_its_language_go_with_the_booking(client, read_db):
    login(client, "demo-sofie")
    slot, _ = _last_day_slot(client)
    token = csrf_token(client.get(f"/samtaler/book/detaljer?tid={slot}"))
    too_long = {**_choice(token, slot), "interpreter_language": "x" * 61}
    refused = client.post("/samtaler/book/detaljer", data=too_long)
    assert refused.status_code == 400
    field = check_page(refused).find(id="interpreter_language")
    assert field is not None and field.get("aria-invalid") == "true"
    wanted = {**_choice(token, slot), "interpreter_language": " arabisk "}
    assert client.post("/samtaler/book/detaljer", data=wanted).status_code == 303
    assert "arabisk" in check_page(client.get("/samtaler/book/tjek")).get_text()
    response = client.post("/samtaler/book/bekraeft", data=wanted)
    booking_id = int(re.search(r"/samtaler/(\d+)", response.headers["Location"]).group(1))
    assert read_db(lambda s: s.get(Booking, booking_id).interpreter_language) == "arabisk"
    assert "arabisk" in check_page(client.get(f"/samtaler/{booking_id}")).get_text()
    _, event = _event(client, booking_id)
    assert "Tolk: arabisk" in str(event["DESCRIPTION"])
