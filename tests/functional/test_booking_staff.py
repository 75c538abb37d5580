"""The caseworker's side of conversations through the browser: publish slots, open a deadline
window, exempt, summon, the refusals of caseload and role, and a form sent twice."""

from __future__ import annotations

from datetime import date

from portal import clock
from portal.models import AuditEvent, Booking, DeadlineWindow, Slot
from tests.helpers import check_page, csrf_token, date_fields, login


def _count(read_db, model):
    return read_db(lambda s: s.query(model).count())


def test_staff_publish_slots_open_window_exempt_and_summon(client, read_db, demo_data):
    login(client, "demo-anders")
    page = check_page(client.get("/medarbejder/tider"))
    token = csrf_token(client.get("/medarbejder/tider"))
    before = _count(read_db, Slot)
    response = client.post(
        "/medarbejder/tider",
        data={
            "csrf_token": token,
            **date_fields("first_day", date(2030, 1, 7)),
            **date_fields("last_day", date(2030, 1, 18)),
            "weekdays": ["1", "3"],
            "start": "09:00",
            "end": "12:00",
            "minutes": "30",
            "forms": ["fremmoede", "telefon", "video"],
            "place": "Torvet 1",
        },
    )
    assert response.status_code == 302 and page is not None
    assert _count(read_db, Slot) == before + 24
    bad = client.post(
        "/medarbejder/tider",
        data={"csrf_token": token, **date_fields("first_day", ("x", "1", "2030"))},
    )
    assert bad.status_code == 400 and check_page(bad).select_one(".error-summary")

    sofie = demo_data["Sofie"]
    base = f"/medarbejder/borger/{sofie}/samtaler"
    check_page(client.get(base))
    response = client.post(
        f"{base}/frist",
        data={
            "csrf_token": token,
            **date_fields("frist-opens_on", date(2030, 1, 7)),
            **date_fields("frist-closes_on", date(2030, 1, 18)),
            "frist-topic": "Opfølgning",
            "frist-cutoff_hours": "48",
        },
    )
    assert response.status_code == 302
    bad = client.post(
        f"{base}/frist",
        data={
            "csrf_token": token,
            **date_fields("frist-opens_on", date(2030, 1, 18)),
            **date_fields("frist-closes_on", date(2030, 1, 7)),
            "frist-topic": "x",
            "frist-cutoff_hours": "24",
        },
    )
    assert bad.status_code == 400 and "efter den første dag" in bad.get_data(as_text=True)
    response = client.post(
        f"{base}/fritagelse",
        data={"csrf_token": token, "fritagelse-exempt": "1", "fritagelse-reason": "Meget syg"},
    )
    assert response.status_code == 302
    staff = check_page(client.get(base))
    slot = staff.find("input", attrs={"name": "indkald-slot"})["value"]
    response = client.post(
        f"{base}/indkald",
        data={
            "csrf_token": token,
            "indkald-slot": slot,
            "indkald-form": "telefon",
            "indkald-topic": "Opfølgning",
        },
    )
    assert response.status_code == 302
    summons = read_db(lambda s: s.query(Booking).filter_by(slot_id=int(slot)).one())
    assert summons.kind == "summons" and summons.citizen_id == sofie
    actions = read_db(
        lambda s: {
            e.action
            for e in s.query(AuditEvent).filter_by(actor_id=demo_data["Anders"], outcome="allowed")
        }
    )
    assert {"booking.publish", "booking.window", "booking.exemption", "booking.summon"} <= actions


def test_staff_refusals_caseload_and_roles(client, demo_data):
    login(client, "demo-anders")
    assert client.get(f"/medarbejder/borger/{demo_data['Jens']}/samtaler").status_code == 404
    token = csrf_token(client.get("/medarbejder/tider"))
    response = client.post(
        f"/medarbejder/borger/{demo_data['Jens']}/samtaler/fritagelse",
        data={"csrf_token": token, "fritagelse-exempt": "0", "fritagelse-reason": "x"},
    )
    assert response.status_code == 404
    assert client.get("/samtaler").status_code == 403
    login(client, "demo-sofie")
    assert client.get("/medarbejder/tider").status_code == 403
    assert client.get(f"/medarbejder/borger/{demo_data['Sofie']}/samtaler").status_code == 403
    login(client, "demo-mads")
    assert client.get("/samtaler").status_code == 403


def test_opening_the_same_window_twice_opens_one(client, read_db, demo_data):
    """A double submit of "open a deadline window" (a double click, or the form sent again)."""
    login(client, "demo-anders")
    sofie = demo_data["Sofie"]
    base = f"/medarbejder/borger/{sofie}/samtaler"
    token = csrf_token(client.get(base))
    form = {
        "csrf_token": token,
        **date_fields("frist-opens_on", date(2030, 2, 4)),
        **date_fields("frist-closes_on", date(2030, 2, 15)),
        "frist-topic": "Opfølgning",
        "frist-cutoff_hours": "24",
    }
    before = _count(read_db, DeadlineWindow)
    first = client.post(f"{base}/frist", data=form)
    again = client.post(f"{base}/frist", data=form)
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert _count(read_db, DeadlineWindow) == before + 1
    other = client.post(f"{base}/frist", data={**form, "frist-topic": "Afklaring"})
    assert other.status_code == 302
    assert _count(read_db, DeadlineWindow) == before + 2  # a different window is a new one


def _publish_christmas(client, token, **extra):
    return client.post(
        "/medarbejder/tider",
        data={
            "csrf_token": token,
            **date_fields("first_day", date(2030, 12, 23)),
            **date_fields("last_day", date(2030, 12, 31)),
            "weekdays": ["0", "1", "2", "3", "4"],
            "start": "09:00",
            "end": "10:00",
            "minutes": "30",
            "forms": ["telefon"],
            **extra,
        },
    )


def _christmas_days(read_db, caseworker):
    return read_db(
        lambda s: sorted(
            {
                clock.local(slot.starts_at).date()
                for slot in s.query(Slot).filter_by(caseworker_id=caseworker)
                if slot.starts_at.year == 2030 and slot.starts_at.month == 12
            }
        )
    )


def test_bulk_publishing_skips_holidays_unless_asked(client, read_db, demo_data):
    """23-31 December 2030: the 24th, 25th, 26th and 31st are closed; ticking "Læg også tider
    ud på helligdage" publishes on them too."""
    login(client, "demo-anders")
    page = check_page(client.get("/medarbejder/tider"))
    assert page.find("input", attrs={"name": "include_holidays"}) is not None
    token = csrf_token(client.get("/medarbejder/tider"))
    assert _publish_christmas(client, token).status_code == 302
    assert _christmas_days(read_db, demo_data["Anders"]) == [
        date(2030, 12, 23),
        date(2030, 12, 27),
        date(2030, 12, 30),
    ]
    assert _publish_christmas(client, token, include_holidays="y").status_code == 302
    assert _christmas_days(read_db, demo_data["Anders"]) == [
        date(2030, 12, d) for d in (23, 24, 25, 26, 27, 30, 31)
    ]
