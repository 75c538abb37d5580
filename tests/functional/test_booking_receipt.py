"""A cancelled or moved conversation has a receipt to keep: a page (linked from the list, the
conversation and the confirmation) and the same facts as a PDF and a text file to download."""

from __future__ import annotations

import re

from icalendar import Calendar

from portal.models import Booking
from portal.org import DEMO
from tests.functional.pdf_support import assert_tagged, pdf_text, read_pdf
from tests.functional.test_booking import _book, _choice
from tests.helpers import check_page, csrf_token, login


def _cancel(client, booking_id: int, reason: str = "Syg") -> str:
    page = client.get(f"/samtaler/{booking_id}/aflys")
    response = client.post(
        f"/samtaler/{booking_id}/aflys", data={"csrf_token": csrf_token(page), "reason": reason}
    )
    assert response.status_code == 302
    return response.headers["Location"]


def test_a_cancelled_conversation_has_a_receipt(client, read_db):
    login(client, "demo-sofie")
    booking_id, _, _ = _book(client, note="Jeg tager min bisidder med")
    confirmation = check_page(client.get(_cancel(client, booking_id, "Jeg er syg")))
    link = confirmation.find("a", string="Se og gem kvitteringen for aflysningen")
    assert link["href"] == f"/samtaler/{booking_id}/kvittering"
    listed = check_page(client.get("/samtaler"))
    assert listed.select_one(f"a[href='/samtaler/{booking_id}/kvittering']") is not None

    page = check_page(client.get(link["href"]))
    assert page.h1.get_text(strip=True) == "Kvittering for aflyst samtale"
    text = page.get_text(" ", strip=True)
    assert "Aflyst af Sofie" in text
    assert "Jeg er syg" in text and "Jeg tager min bisidder med" in text
    assert f"Kvitteringsnummer {booking_id}" in text
    assert page.find("a", string="Hent aflysning til kalenderen") is not None  # a future time

    pdf_link = page.find("a", string="Hent som PDF")
    assert pdf_link["href"] == f"/samtaler/{booking_id}/kvittering.pdf"
    reader = read_pdf(client.get(pdf_link["href"]))
    assert_tagged(reader, "da", "Kvittering for aflyst samtale")
    document = pdf_text(reader)
    assert "Aflyst af Sofie" in document and "Jeg er syg" in document
    assert "Jeg tager min bisidder med" in document
    assert f"Kvitteringsnummer {booking_id}" in document
    assert "Har du lagt tiden i din kalender, så slet den." in document

    assert page.find("a", string="Hent som tekstfil") is not None
    download = client.get(f"/samtaler/{booking_id}/kvittering.txt")
    assert download.status_code == 200 and download.mimetype == "text/plain"
    assert "attachment" in download.headers["Content-Disposition"]
    body = download.get_data(as_text=True)
    assert body.startswith("Kvittering fra Én plan\nKvittering for aflyst samtale\n")
    assert "Aflyst af Sofie" in body and "Begrundelse: Jeg er syg" in body
    assert f"Kvitteringsnummer: {booking_id}" in body
    # Reading a receipt changes nothing.
    assert read_db(lambda s: s.get(Booking, booking_id).status) == "cancelled"


def test_a_moved_conversation_has_a_receipt_naming_the_new_time(client):
    login(client, "demo-sofie")
    booking_id, _, token = _book(client)
    page = check_page(client.get(f"/samtaler/{booking_id}/flyt"))
    new_slot = page.select("input[name=tid]")[0]["value"]
    moved = client.post(
        "/samtaler/book/bekraeft", data=_choice(token, new_slot, rebook=str(booking_id))
    )
    new_id = int(re.search(r"/samtaler/(\d+)", moved.headers["Location"]).group(1))
    confirmation = check_page(client.get(moved.headers["Location"]))
    link = confirmation.find("a", string="Se kvitteringen for flytningen")
    assert link["href"] == f"/samtaler/{booking_id}/kvittering"
    receipt = check_page(client.get(link["href"]))
    assert receipt.h1.get_text(strip=True) == "Kvittering for flyttet samtale"
    assert "Flyttet af Sofie" in receipt.get_text(" ", strip=True)
    assert receipt.find("a", string="Se den nye tid")["href"] == f"/samtaler/{new_id}"
    document = pdf_text(read_pdf(client.get(f"/samtaler/{booking_id}/kvittering.pdf")))
    assert "Kvittering for flyttet samtale" in document and "Flyttet til" in document
    # The conversation that stands has its receipt too.
    standing = check_page(client.get(f"/samtaler/{new_id}/kvittering"))
    assert standing.h1.get_text(strip=True) == "Kvittering for booket samtale"


def test_the_receipt_in_english_marks_the_danish_text(client):
    login(client, "demo-sofie")
    booking_id, _, _ = _book(client, note="Jeg tager min bisidder med")
    _cancel(client, booking_id, "Jeg er syg")
    page = check_page(client.get(f"/samtaler/{booking_id}/kvittering?lang=en"))
    assert page.h1.get_text(strip=True) == "Receipt for a cancelled conversation"
    marked = [span.get_text(strip=True) for span in page.select("main [lang=da]")]
    topic = page.find("dt", string="About").find_next_sibling("dd").get_text(strip=True)
    assert topic in marked  # the job centre's topic is Danish
    # What Sofie typed is in her own words, in whatever language: not marked.
    assert "Jeg er syg" not in marked and "Jeg tager min bisidder med" not in marked
    # The PDF is in the language the page was read in.
    reader = read_pdf(client.get(f"/samtaler/{booking_id}/kvittering.pdf"))
    assert_tagged(reader, "en", "Receipt for a cancelled conversation")
    assert "Cancelled by Sofie" in pdf_text(reader)


def test_another_citizens_receipt_is_not_found(client, read_db, demo_data):
    login(client, "demo-sofie")
    booking_id, _, _ = _book(client)
    other = client.application.test_client()
    login(other, "demo-jens")
    for kind in ("", ".pdf", ".txt"):
        assert other.get(f"/samtaler/{booking_id}/kvittering{kind}").status_code == 404
    assert other.get("/samtaler/abc/kvittering").status_code == 404


def test_after_a_cancellation_the_calendar_file_cancels_the_same_event(client):
    login(client, "demo-sofie")
    booking_id, _, _ = _book(client)
    before = Calendar.from_ical(client.get(f"/samtaler/{booking_id}/kalender.ics").data)
    _cancel(client, booking_id)
    after = Calendar.from_ical(client.get(f"/samtaler/{booking_id}/kalender.ics").data)
    old, new = before.walk("VEVENT")[0], after.walk("VEVENT")[0]
    assert (str(before["METHOD"]), str(after["METHOD"])) == ("PUBLISH", "CANCEL")
    assert str(new["UID"]) == str(old["UID"]) and int(new["SEQUENCE"]) > int(old["SEQUENCE"])
    assert str(new["STATUS"]) == "CANCELLED"
    for event in (old, new):  # the job centre organises it (iTIP wants an ORGANIZER)
        assert str(event["ORGANIZER"]) == f"mailto:{DEMO.email}"
        assert event["ORGANIZER"].params["CN"] == DEMO.jobcenter
