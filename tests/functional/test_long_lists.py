"""Long lists come a bounded page at a time: the caseworker's caseload (50 names a page, searched
in the database) and their coming slots (one week a page)."""

from __future__ import annotations

import re
from datetime import timedelta

from portal import clock
from portal.services.booking import monday_of
from tests.functional.scale_support import grow
from tests.helpers import login, soup


def _grown(app):
    from portal.extensions import db

    with app.app_context():
        grow(db.session, "demo-hanne")  # 50 more citizens in Anders's caseload, slots ahead
        db.session.commit()
        db.session.remove()


def _names(page) -> list[str]:
    return [a.get_text(strip=True) for a in soup(page).select(".caseload-list a")]


def _link(page, words: str) -> str | None:
    found = soup(page).find("a", string=words)
    return found["href"] if found else None


def test_the_caseload_comes_fifty_names_a_page_each_name_once(app, client, demo_data):
    _grown(app)
    login(client, "demo-anders")
    first = client.get("/medarbejder")
    names = _names(first)
    assert len(names) == 50
    assert names == sorted(names, key=lambda n: n.split(" ", 1))
    following = _link(first, "Flere borgere")
    assert following and "efter=" in following
    second = client.get(following)
    rest = _names(second)
    assert rest and not set(rest) & set(names)
    assert len(names) + len(rest) == 53  # Hanne, Lærke, Sofie and the 50 grown
    assert _link(second, "Flere borgere") is None
    assert _link(second, "Til begyndelsen af listen") == "/medarbejder"


def test_the_name_search_runs_in_the_database_and_ignores_case_also_for_danish_letters(
    app, client, demo_data
):
    _grown(app)
    login(client, "demo-anders")
    found = _names(client.get("/medarbejder?q=HANNA1"))
    assert found == sorted(found) and len(found) == 11  # Hanna1 and Hanna10 … Hanna19
    assert len(_names(client.get("/medarbejder?q=VÆKSTSEN"))) == 50
    assert _names(client.get("/medarbejder?q=sørensen")) == ["Hanne Sørensen"]
    assert _names(client.get("/medarbejder?q=Gitte")) == []  # Rikke's, not Anders's
    assert "Ingen af dine borgere" in client.get("/medarbejder?q=%25").get_data(as_text=True)


def test_an_odd_page_key_shows_the_first_page(app, client, demo_data):
    login(client, "demo-anders")
    for odd in ("abc", "-1", "99999999999999", str(demo_data["Gitte"])):
        response = client.get(f"/medarbejder?efter={odd}")
        assert response.status_code == 200
        assert "Hanne Sørensen" in _names(response)


def _week_text(page) -> str:
    return soup(page).find(id="slots-heading").find_next("p").get_text(" ", strip=True)


def test_the_caseworkers_slots_come_a_week_at_a_time(app, client, demo_data):
    _grown(app)  # slots 40 to 90 days ahead
    login(client, "demo-anders")
    this_week = monday_of(clock.today())
    page = client.get("/medarbejder/tider")
    assert f"Uge {this_week.isocalendar().week}:" in _week_text(page)
    assert _link(page, "Ugen før") is None
    later = _link(page, "Ugen efter")
    assert later == f"/medarbejder/tider?uge={this_week + timedelta(days=7)}"
    next_page = client.get(later)
    assert f"Uge {(this_week + timedelta(days=7)).isocalendar().week}:" in _week_text(next_page)
    assert _link(next_page, "Ugen før") == f"/medarbejder/tider?uge={this_week}"
    far = this_week + timedelta(weeks=8)
    far_page = client.get(f"/medarbejder/tider?uge={far + timedelta(days=3)}")
    assert f"Uge {far.isocalendar().week}:" in _week_text(far_page)
    assert re.search(r"kl\. \d", far_page.get_data(as_text=True))  # the grown slots that week


def test_an_odd_or_past_week_shows_this_week(client, demo_data):
    login(client, "demo-anders")
    this_week = monday_of(clock.today()).isocalendar().week
    for odd in ("2020-01-06", "nonsense", "2026-13-45", ""):
        response = client.get(f"/medarbejder/tider?uge={odd}")
        assert response.status_code == 200
        assert f"Uge {this_week}:" in _week_text(response)


def _past(page) -> list[str]:
    section = soup(page).find(id="past-heading").parent
    return [li.get_text(" ", strip=True) for li in section.select(".history-list li")]


def test_past_conversations_come_ten_at_a_time_newest_first(app, client, demo_data):
    _grown(app)  # 50 past conversations for Hanne, 200 to 249 days ago
    login(client, "demo-hanne")
    seen: list[str] = []
    page = client.get("/samtaler")
    assert _link(page, "De nyeste samtaler") is None
    pages = 0
    while True:
        shown = _past(page)
        assert 0 < len(shown) <= 10
        seen += shown
        pages += 1
        older = _link(page, "Ældre samtaler")
        if older is None:
            break
        assert older.startswith("/samtaler?aeldre=")
        page = client.get(older)
        assert _link(page, "De nyeste samtaler") == "/samtaler#past-heading"
    assert len(seen) == len(set(seen)) >= 50 and pages >= 5
    assert client.get("/samtaler?aeldre=nonsense").status_code == 200
    assert _past(client.get("/samtaler?aeldre=99999999")) == []  # not hers: nothing older
