"""On an English page, every piece of text that exists only in Danish is marked lang="da"
(WCAG 3.1.2): what the job centre wrote (efforts and their next steps, the goal, history
entries, conversation topics and places, meeting places, outcomes, a caseworker's title and phone
hours) and the organisation's own Danish settings (phone hours, appeal channel). What a person
types into the portal themself (a note, a reason for cancelling, an interpreter's language) is in
whatever language they wrote it, so it is not marked.

The Danish-only values are read from the database, so the test follows the demo data; each is
looked for in the English pages the citizen and the caseworker open, and every text node that
holds one must sit inside an element whose nearest `lang` is "da".
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from sqlalchemy import select

from portal import models as m
from portal.org import DEMO
from tests.helpers import check_page, login

# Free text only (codes such as a status are shown through translated labels). Shorter values
# could match English words by chance.
DANISH_COLUMNS = (
    m.Plan.goal,
    m.Effort.title,
    m.Effort.meaning,
    m.Effort.next_step,
    m.Effort.contact_name,
    m.PlanChange.effort_title,
    m.Slot.place,
    m.DeadlineWindow.topic,
    m.Booking.topic,
    m.Meeting.place,
    m.OutcomeVersion.title,
    m.OutcomeVersion.decided,
    m.OutcomeVersion.meaning,
    m.OutcomeVersion.next_steps,
    m.OutcomeVersion.if_you_disagree,
    m.OutcomeVersion.correction_note,
    m.Person.job_title,
    m.Person.office_hours,
)
MIN_LENGTH = 8


def _danish_values(read_db) -> set[str]:
    def read(session):
        values = set()
        for column in DANISH_COLUMNS:
            for value in session.scalars(select(column).where(column.is_not(None))):
                for line in value.splitlines():
                    if len(line.strip()) >= MIN_LENGTH:
                        values.add(line.strip())
        # A contact may be a person: names are in no language (the help box names them too).
        people = session.scalars(select(m.Person)).all()
        return values - {p.full_name for p in people}

    return read_db(read) | {DEMO.hours, DEMO.appeal_channel}


def _nearest_lang(node) -> str | None:
    element = node if isinstance(node, Tag) else node.parent
    while element is not None:
        if isinstance(element, Tag) and element.has_attr("lang"):
            return element["lang"]
        element = element.parent
    return None


def unmarked(page: BeautifulSoup, values: set[str]) -> list[str]:
    """Danish-only values shown in `page` outside an element marked lang="da"."""
    found = []
    for text in page.body.find_all(string=True):
        if text.parent.name in ("script", "style"):
            continue
        for value in values:
            if value in text and _nearest_lang(text) != "da":
                found.append(f"<{text.parent.name}> {value[:50]!r}")
    return found


def _english(client, path: str) -> BeautifulSoup | None:
    """The English page at `path`; None for a download (a plain-text receipt)."""
    response = client.get(path)
    assert response.status_code == 200, path
    if response.mimetype != "text/html":
        return None
    page = check_page(response)
    assert page.html["lang"] == "en", path
    return page


def _pages_of(client, start: list[str], limit: int = 40) -> list[str]:
    """The start pages and the pages their main content links to (one click deep)."""
    paths = list(start)
    for path in start:
        for a in _english(client, path).select("main a[href^='/']"):  # start pages are pages
            href = a["href"].split("#")[0]
            skip = (".ics", "/pdf", "/log-ud", "lang=", "/ordforklaring")
            if href not in paths and not any(part in href for part in skip):
                paths.append(href)
    return paths[:limit]


def _check_all(client, paths: list[str], values: set[str]) -> dict[str, list[str]]:
    problems = {}
    for path in paths:
        page = _english(client, path)
        found = unmarked(page, values) if page is not None else []
        if found:
            problems[path] = found
    return problems


def test_a_citizens_english_pages_mark_danish_only_text(client, read_db, demo_data):
    values = _danish_values(read_db)
    for subject in ("demo-hanne", "demo-sofie", "demo-jens", "demo-gitte"):
        login(client, subject)
        client.get("/?lang=en")  # the choice is kept in a cookie
        start = ["/", "/plan", "/plan/historik", "/moede", "/samtaler", "/resultater", "/hjaelp"]
        start.append("/det-sker-snart")
        if subject == "demo-hanne":  # she has a meeting to prepare for
            start += ["/moede/forbered/goal", "/moede/forbered/health"]
        paths = _pages_of(client, start)
        assert len(paths) > len(start), "the linked pages were read too"
        assert _check_all(client, paths, values) == {}, subject


def test_a_caseworkers_english_pages_mark_danish_only_text(client, read_db, demo_data):
    values = _danish_values(read_db)
    login(client, "demo-anders")
    client.get("/medarbejder?lang=en")
    hanne = f"/medarbejder/borger/{demo_data['Hanne']}"
    start = ["/medarbejder", "/medarbejder/tider", hanne, f"{hanne}/moede", f"{hanne}/samtaler"]
    start.append(f"{hanne}/resultater")
    problems = _check_all(client, _pages_of(client, start), values)
    assert problems == {}


def test_the_check_finds_unmarked_danish_text(client, read_db, demo_data):
    """The tests above can fail: the same text outside a lang="da" element is found."""
    login(client, "demo-hanne")
    page = _english(client, "/plan?lang=en")
    goal = page.select_one(".goal-quote p")
    assert goal["lang"] == "da"
    values = {goal.get_text(strip=True)}
    assert unmarked(page, values) == []
    del goal["lang"]
    assert unmarked(page, values) == [f"<p> {goal.get_text(strip=True)[:50]!r}"]
    # On a Danish page nothing is marked: the whole page is Danish.
    danish = check_page(client.get("/plan?lang=da"))
    assert not danish.select("main [lang]")
