""" "Hent dine oplysninger": the page, the JSON file (every section, its format, UTC times, no
CPR hash), the PDF read back with pypdf, one audit row per download shown in the citizen's access
log, the refusals (delegate, caseworker, preview, logged out), and a statement count that does
not grow with the citizen's rows."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from portal.models import AuditEvent
from tests.functional.delegation_support import act_for, start_preview
from tests.functional.my_data_support import add_everything, cpr_hash_of
from tests.functional.pdf_support import assert_tagged, pdf_text, read_pdf
from tests.functional.scale_support import grow, upcoming_booking
from tests.helpers import check_page, login
from tests.statements import counting

PAGE, JSON_FILE, PDF_FILE = "/mine-oplysninger", "/mine-oplysninger/json", "/mine-oplysninger/pdf"
SECTIONS = {
    "person",
    "contact_settings",
    "login_providers",
    "plan",
    "meetings",
    "deadline_windows",
    "bookings",
    "booking_exemptions",
    "callback_requests",
    "booking_help_requests",
    "outcomes",
    "fuldmagter_given",
    "fuldmagter_held",
    "access_log",
    "notifications",
    "sessions",
}
UTC_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def _downloads(read_db, citizen_id):
    return read_db(
        lambda s: [
            (e.actor_id, e.actor_role, e.outcome, e.detail)
            for e in s.scalars(
                select(AuditEvent)
                .where(AuditEvent.citizen_id == citizen_id, AuditEvent.action.like("my_data.%"))
                .order_by(AuditEvent.id)
            )
        ]
    )


def _times(value):
    """Every value of a key ending in _at, anywhere in the document."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key.endswith("_at") and item is not None:
                yield item
            yield from _times(item)
    elif isinstance(value, list):
        for item in value:
            yield from _times(item)


def test_the_page_explains_the_download_and_is_in_the_menu(client):
    login(client, "demo-hanne")
    menu = check_page(client.get("/")).select_one("nav.main-nav .nav-more")
    assert menu.find("a", href=PAGE, string="Hent dine oplysninger") is not None
    page = check_page(client.get(PAGE))
    assert page.h1.get_text(strip=True) == "Hent dine oplysninger"
    text = page.main.get_text(" ", strip=True)
    assert "CPR-nummer er ikke med" in text and "Hvem der har set eller ændret" in text
    pdf, json_link = page.find("a", href=PDF_FILE), page.find("a", href=JSON_FILE)
    assert pdf.get_text(strip=True) == "Hent som PDF" and pdf.has_attr("download")
    assert "button-primary" in pdf["class"] and "button-secondary" in json_link["class"]
    assert json_link.has_attr("download")


def test_the_page_in_english(client):
    login(client, "demo-hanne")
    page = check_page(client.get(PAGE + "?lang=en"))
    assert page.find("html")["lang"] == "en"
    assert page.h1.get_text(strip=True) == "Download your data"
    assert page.find("a", href=PDF_FILE).get_text(strip=True) == "Download as PDF"
    assert page.find("a", href=JSON_FILE).get_text(strip=True) == "Download as a JSON file"


def test_the_json_file_holds_every_section(app, client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    read_db(lambda s: add_everything(s, hanne, demo_data["Lærke"], booking=upcoming_booking))
    anders = app.test_client()
    login(anders, "demo-anders")
    anders.get(f"/medarbejder/borger/{hanne}")  # a caseworker's look: in the access log
    login(client, "demo-hanne")
    response = client.get(JSON_FILE)
    assert response.status_code == 200 and response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(
        r'attachment; filename="mine-oplysninger-\d{4}-\d\d-\d\d\.json"', disposition
    )
    assert response.headers["Cache-Control"] == "no-store"
    doc = json.loads(response.get_data(as_text=True))
    assert doc["format"] == "en-plan/mine-oplysninger" and doc["version"] == 1
    assert SECTIONS | {"format", "version", "subject", "made_at", "language"} == set(doc)
    assert doc["subject"] == "citizen" and doc["language"] == "da"
    empty = sorted(k for k in SECTIONS if not doc[k])
    assert empty == [], f"sections with nothing in them: {empty}"

    assert doc["person"]["first_name"] == "Hanne"
    assert doc["person"]["caseworker"]["name"] == "Anders Mikkelsen"
    assert doc["contact_settings"]["email"] == "hanne@example.test"
    assert {"Samtaler med psykolog", "Alkoholbehandling"} <= {
        e["title"] for e in doc["plan"]["efforts"]
    }
    assert doc["plan"]["history"] and all(e["status"] for e in doc["plan"]["efforts"])
    meeting = doc["meetings"][0]
    assert meeting["team"] and meeting["consent_records"][0]["given"] in (True, False)
    assert doc["bookings"][0]["status"] == "active" and doc["bookings"][0]["kind"] == "summons"
    assert UTC_TIME.match(doc["bookings"][0]["starts_at"]) and doc["bookings"][0]["caseworker"]
    versions = [v for o in doc["outcomes"] for v in o["versions"]]
    assert versions and all(v["published_at"] for v in versions)
    assert any(v["read_at"] for v in versions)  # the demo's read receipt
    assert doc["fuldmagter_given"][0]["holder"] == "Mads Sørensen"
    assert doc["fuldmagter_given"][0]["events"][0]["kind"] == "granted"
    assert doc["fuldmagter_held"][0]["scopes"] == ["se"]
    assert any(
        a["actor"] == "Anders Mikkelsen"
        and a["action"] == "staff.citizen.view"
        and a["action_text"] == "Anders Mikkelsen fra jobcentret har set din sag."
        for a in doc["access_log"]
    )
    assert all(a["action_text"] for a in doc["access_log"])
    assert doc["notifications"][0]["subject"] == "Du har booket en samtale 0"
    assert [s["this_session"] for s in doc["sessions"]] == [True]
    assert doc["booking_help_requests"][0]["reason"] == "illness"

    times = list(_times(doc))
    assert len(times) > 20 and all(UTC_TIME.match(t) for t in times), times[:5]
    body = response.get_data(as_text=True)
    assert "cpr" not in body.lower()
    assert read_db(lambda s: cpr_hash_of(s, hanne)) not in body


def test_the_pdf_is_readable_and_tagged(client, read_db, demo_data):
    read_db(lambda s: add_everything(s, demo_data["Hanne"], demo_data["Lærke"]))
    login(client, "demo-hanne")
    response = client.get(PDF_FILE)
    assert re.fullmatch(
        r'attachment; filename="mine-oplysninger-\d{4}-\d\d-\d\d\.pdf"',
        response.headers["Content-Disposition"],
    )
    reader = read_pdf(response)
    assert_tagged(reader, "da", "Dine oplysninger i Én plan")
    text = pdf_text(reader)
    for expected in (
        "Hanne Sørensen",
        "Samtaler med psykolog",
        "Rehabiliteringsmøder",
        "Samtykke til virtuelt møde",
        "Mads Sørensen",
        "Hvem har brugt dine oplysninger",
        "Kontakt og beskeder",
        "Dine log-ins",
        "Du har booket en samtale 0",
        "Jeg har ondt i dag 0",
        "Side 1 af",
    ):
        assert expected in text, expected
    # Codes are said in words in the PDF (the JSON keeps them).
    assert "Givet" in text and "granted" not in text and "status_changed" not in text


def test_the_pdf_in_english(client):
    login(client, "demo-hanne")
    reader = read_pdf(client.get(PDF_FILE + "?lang=en"))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "Who has used your data" in pdf_text(reader)


def test_each_download_is_one_audit_row_and_shown_in_the_access_log(client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    login(client, "demo-hanne")
    client.get(PAGE)  # the citizen's own page view leaves no row
    client.get(JSON_FILE)
    client.get(PDF_FILE)
    assert _downloads(read_db, hanne) == [
        (hanne, "citizen", "allowed", "json"),
        (hanne, "citizen", "allowed", "pdf"),
    ]
    log = check_page(client.get("/log")).select_one(".access-log").get_text(" ", strip=True)
    assert "Du har hentet dine oplysninger som PDF." in log
    assert "Du har hentet dine oplysninger som JSON-fil." in log
    english = check_page(client.get("/log?lang=en")).select_one(".access-log")
    assert "You downloaded your data as a JSON file." in english.get_text(" ", strip=True)


def _refused_everywhere(client, read_db, hanne, who_id):
    for path in (PAGE, JSON_FILE, PDF_FILE):
        response = client.get(path)
        assert response.status_code == 403, path
        page = check_page(response)
        assert page.h1.get_text(strip=True) == "Kun borgeren selv kan hente sine oplysninger"
    rows = _downloads(read_db, hanne)
    assert [(r[0], r[2], r[3]) for r in rows] == [(who_id, "refused", "citizen_only")] * 3


def test_a_delegate_never_gets_it(client, read_db, demo_data):
    login(client, "demo-mads")
    act_for(client, demo_data["Hanne"])
    menu = check_page(client.get("/"))
    assert menu.find("a", href=PAGE) is None  # not offered: no dead end
    _refused_everywhere(client, read_db, demo_data["Hanne"], demo_data["Mads"])


def test_a_caseworkers_preview_never_gets_it(client, read_db, demo_data):
    login(client, "demo-anders")
    start_preview(client, demo_data["Hanne"])
    assert check_page(client.get("/")).find("a", href=PAGE) is None
    _refused_everywhere(client, read_db, demo_data["Hanne"], demo_data["Anders"])


def test_a_caseworker_has_no_such_page(client, read_db, demo_data):
    login(client, "demo-anders")
    for path in (PAGE, JSON_FILE, PDF_FILE):
        assert client.get(path).status_code == 403, path
        assert client.head(path).status_code == 403, path


def test_the_access_log_names_no_one_who_was_only_refused(app, client, read_db, demo_data):
    """Another citizen's refused try at a page about Hanne is in her copy, but not their name."""
    hanne = demo_data["Hanne"]
    gitte = app.test_client()
    login(gitte, "demo-gitte")
    assert gitte.get(f"/medarbejder/borger/{hanne}").status_code == 403
    anders = app.test_client()
    login(anders, "demo-anders")
    assert anders.get(f"/medarbejder/borger/{hanne}").status_code == 200
    login(client, "demo-hanne")
    text = client.get(JSON_FILE).get_data(as_text=True)
    entries = json.loads(text)["access_log"]
    refused = [e for e in entries if e["outcome"] == "refused" and e["actor_role"] == "citizen"]
    assert refused and all(e["actor"] is None for e in refused)
    assert "Gitte" not in text
    assert any(e["actor"] == "Anders Mikkelsen" for e in entries if e["actor_role"] == "caseworker")


def test_logged_out_goes_to_log_in(client):
    for path in (PAGE, JSON_FILE, PDF_FILE):
        response = client.get(path)
        assert response.status_code == 302 and "/log-ind" in response.location


def _count(app, client, path) -> tuple[int, int]:
    with counting(app) as counted:
        response = client.get(path)
    assert response.status_code == 200
    return len(counted), len(response.data)


@pytest.mark.parametrize("path", [JSON_FILE, PDF_FILE])
def test_the_statement_count_does_not_grow_with_the_data(app, client, read_db, demo_data, path):
    hanne = demo_data["Hanne"]
    read_db(lambda s: add_everything(s, hanne, demo_data["Lærke"]))
    login(client, "demo-hanne")
    small, small_size = _count(app, client, path)

    def more(session):
        grow(session, "demo-hanne")
        session.commit()
        add_everything(session, hanne, demo_data["Gitte"], n=30)

    read_db(more)
    large, large_size = _count(app, client, path)
    assert large_size > small_size  # the file really holds more
    assert large == small, (small, large)
    # The signed-in person, then one statement per kind of row (docs/my-data.md).
    assert small == 26
