"""Every download says which language it is in (portal/web/documents.py): a `Content-Language`
header naming the reader's language on each kind of file (PDF, plain-text receipt, calendar file,
JSON copy), on a HEAD too; a PDF says it in its catalog (/Lang) as well. In an English PDF what
exists only in Danish is marked lang="da" in its HTML, as on the page, and reaches the PDF's
structure tree as its own /Lang (portal/services/pdf.py); a Danish PDF has no such marks. An
English plain-text receipt names the lines that are in Danish; a calendar file's place says it is
Danish (RFC 5545 LANGUAGE)."""

from __future__ import annotations

import io

import pypdf
import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar
from sqlalchemy import select

from portal.models import Booking, ConsentRecord, Meeting, OutcomeKind, ParticipationRecord
from portal.services import pdf as pdf_service
from tests.functional.outcomes_support import outcome_of_kind
from tests.functional.pdf_support import structure_languages
from tests.functional.test_booking import _book
from tests.functional.test_danish_only_text import _danish_values, unmarked
from tests.helpers import login


def _first(read_db, model, citizen):
    """The citizen's first record of `model` (a booking, or a meeting's consent or choice)."""
    if model is Booking:
        query = select(Booking.id).where(Booking.citizen_id == citizen)
    else:
        query = (
            select(model.id)
            .join(Meeting, Meeting.id == model.meeting_id)
            .where(Meeting.citizen_id == citizen)
        )
    return read_db(lambda s: s.scalars(query.order_by(model.id)).first())


def _downloads(read_db, demo_data) -> list[tuple[str, str, str]]:
    """(who, path, mimetype) of every kind of download the portal answers."""
    hanne, jens = demo_data["Hanne"], demo_data["Jens"]
    consent = _first(read_db, ConsentRecord, hanne)
    choice = _first(read_db, ParticipationRecord, hanne)
    booking = _first(read_db, Booking, jens)
    decision = outcome_of_kind(read_db, hanne, OutcomeKind.DECISION)
    pdf, text = "application/pdf", "text/plain"
    return [
        ("demo-hanne", "/plan/pdf", pdf),
        ("demo-hanne", f"/resultater/{decision}/pdf", pdf),
        ("demo-hanne", f"/moede/kvittering/{consent}/pdf", pdf),
        ("demo-hanne", f"/moede/deltagelse/kvittering/{choice}/pdf", pdf),
        ("demo-hanne", f"/moede/kvittering/{consent}", text),
        ("demo-hanne", f"/moede/deltagelse/valg/{choice}/kvittering", text),
        ("demo-hanne", "/mine-oplysninger/pdf", pdf),
        ("demo-hanne", "/mine-oplysninger/json", "application/json"),
        ("demo-mads", "/mine-oplysninger/pdf", pdf),  # a relative's own copy
        ("demo-jens", f"/samtaler/{booking}/pdf", pdf),
        ("demo-jens", f"/samtaler/{booking}/kvittering.pdf", pdf),
        ("demo-jens", f"/samtaler/{booking}/kvittering.txt", text),
        ("demo-jens", f"/samtaler/{booking}/kalender.ics", "text/calendar"),
    ]


@pytest.fixture
def pdf_html(monkeypatch):
    """The HTML each PDF was made from, in order (the route's template, rendered)."""
    made = []

    def keep(html, **kwargs):
        made.append(html)
        return real(html, **kwargs)

    real = pdf_service.html_to_pdf
    monkeypatch.setattr(pdf_service, "html_to_pdf", keep)
    return made


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_download_names_its_language(client, read_db, demo_data, lang):
    downloads = _downloads(read_db, demo_data)
    assert len({path.rsplit(".", 1)[-1] for _, path, _ in downloads}) > 3
    for who, path, mimetype in downloads:
        login(client, who)
        client.get(f"/?lang={lang}")
        response = client.get(path)
        assert response.status_code == 200 and response.mimetype == mimetype, path
        assert response.headers["Content-Language"] == lang, path
        if mimetype == "application/pdf":
            reader = pypdf.PdfReader(io.BytesIO(response.get_data()))
            assert reader.trailer["/Root"]["/Lang"] == lang, path
        head = client.head(path)
        assert head.status_code == 200 and head.headers["Content-Language"] == lang, path


def test_an_english_pdf_marks_what_exists_only_in_danish(client, read_db, demo_data, pdf_html):
    values = _danish_values(read_db)
    pdfs = [d for d in _downloads(read_db, demo_data) if d[2] == "application/pdf"]
    shown = 0
    for who, path, _ in pdfs:
        login(client, who)
        client.get("/?lang=en")
        client.get(path)
        page = BeautifulSoup(pdf_html[-1], "html.parser")
        assert page.html["lang"] == "en", path
        assert unmarked(page, values) == [], path
        shown += sum(1 for text in page.body.find_all(string=True) for v in values if v in text)
    assert shown > 20  # the documents do hold Danish-only text: the check above had work to do


def test_the_marks_reach_the_pdfs_structure_tree_in_english_only(client, read_db, demo_data):
    decision = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    login(client, "demo-hanne")
    for path in ("/plan/pdf", f"/resultater/{decision}/pdf"):
        client.get("/?lang=en")
        reader = pypdf.PdfReader(io.BytesIO(client.get(path).get_data()))
        marked = structure_languages(reader)
        assert marked and {lang for _, lang in marked} == {"da"}, path
        client.get("/?lang=da")
        reader = pypdf.PdfReader(io.BytesIO(client.get(path).get_data()))
        assert structure_languages(reader) == [], path


def test_the_plain_text_receipt_names_its_danish_lines_in_english(client, read_db, demo_data):
    booking_id = _first(read_db, Booking, demo_data["Jens"])
    topic = read_db(lambda s: s.get(Booking, booking_id).topic)
    login(client, "demo-jens")
    path = f"/samtaler/{booking_id}/kvittering.txt"
    client.get("/?lang=en")
    assert f"About (in Danish): {topic}\n" in client.get(path).get_data(as_text=True)
    client.get("/?lang=da")
    assert f"Om: {topic}\n" in client.get(path).get_data(as_text=True)


def test_the_calendar_files_place_says_it_is_danish(client):
    login(client, "demo-sofie")
    client.get("/?lang=en")
    booking_id, _, _ = _book(client, form="fremmoede")
    response = client.get(f"/samtaler/{booking_id}/kalender.ics")
    assert response.headers["Content-Language"] == "en"
    event = Calendar.from_ical(response.data).walk("VEVENT")[0]
    assert event["LOCATION"] and event["LOCATION"].params["LANGUAGE"] == "da"
    assert "LANGUAGE" not in event["SUMMARY"].params  # the reader's sentence around the topic
