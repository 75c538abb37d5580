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

from datetime import date

from bs4 import BeautifulSoup, Tag
from sqlalchemy import select

from portal import models as m
from portal.org import DEMO
from tests.functional.outcomes_support import outcome_of_kind
from tests.helpers import check_page, csrf_token, date_fields, login

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


# --- Danish examples inside the caseworker's hints ---------------------------------------------
# The caseworker writes in Danish, so a hint's example is Danish text (a place, an outcome title,
# a correction note, the word "du", a phrase that explains a word): on an English page it is
# passed into the English sentence marked lang="da"; the Danish page reads as it always did.


def _hint_examples(client, read_db, lang: str, demo_data) -> dict[str, Tag]:
    """The hints with a Danish example, in `lang`: the slots form's place, the correction note's,
    the text's "du", and a readability flag (an unexplained domain word) after a check."""
    client.get(f"/medarbejder?lang={lang}")
    slots = check_page(client.get("/medarbejder/tider"))
    hanne = demo_data["Hanne"]
    decision = outcome_of_kind(read_db, hanne, m.OutcomeKind.DECISION)  # published: a correction
    correcting = check_page(client.get(f"/medarbejder/borger/{hanne}/resultater/{decision}/kladde"))
    new = f"/medarbejder/borger/{demo_data['Sofie']}/resultater/ny"
    data = {**OUTCOME, "csrf_token": csrf_token(client.get(new)), "action": "check"}
    checked = check_page(client.post(new, data=data))
    return {
        "place": slots.find(id="place-hint"),
        "correction": correcting.find(id="correction_note-hint"),
        "du": checked.select_one(".plain-sections > p.form-hint"),
        "flag": checked.select_one(".readability-flag"),
    }


OUTCOME = {
    "kind": "afgoerelse",
    "follows_id": "",
    "title": "Du får et fleksjob",
    "decided": "Kommunen har truffet en afgørelse om dit ressourceforløb.",
    "meaning": "Du får løn for de timer, du arbejder.",
    "next_steps": "Anders ringer til dig i næste uge.",
    "if_you_disagree": "Du kan klage til jobcentret.",
    "formal_text": "Afgørelse om fleksjob.",
    **date_fields("decision_date", date(2026, 3, 2)),
    **date_fields("received_date", ("", "", "")),
    "appeal_weeks": "4",
    **date_fields("decision_expected", ("", "", "")),
}
DANISH_EXAMPLES = {
    "place": ["Jobcentret, Torvet 1, 1. sal"],
    "correction": ["Vi havde skrevet en forkert dato for første møde."],
    "du": ["du"],
    "flag": [None, "det betyder"],  # the domain word (whichever the check found), the phrase
}


def test_danish_examples_in_english_hints_are_marked(client, read_db, demo_data):
    login(client, "demo-anders")
    hints = _hint_examples(client, read_db, "en", demo_data)
    for name, examples in DANISH_EXAMPLES.items():
        hint = hints[name]
        assert hint is not None, name
        marked = [span.get_text() for span in hint.select("[lang=da]")]
        assert len(marked) == len(examples), (name, marked)
        for example, found in zip(examples, marked, strict=True):
            assert example is None or found == example, name
    assert hints["place"].get_text() == "For example Jobcentret, Torvet 1, 1. sal"
    assert hints["flag"].get_text().startswith("Explain the word")


def test_danish_hints_read_as_before_without_marks(client, read_db, demo_data):
    login(client, "demo-anders")
    # English first: a mark must not outlive its page (Jinja folds a plain filter on a literal
    # once, at compile time; portal/web/templating.py).
    _hint_examples(client, read_db, "en", demo_data)
    hints = _hint_examples(client, read_db, "da", demo_data)
    assert [name for name, hint in hints.items() if hint.select("[lang]")] == []
    assert hints["place"].get_text() == "Fx Jobcentret, Torvet 1, 1. sal"
    assert hints["correction"].get_text() == (
        "Skriv kort og med almindelige ord, fx: Vi havde skrevet en forkert dato for første møde."
    )
    assert hints["du"].get_text().startswith('Skriv til "du". Korte sætninger')
    assert 'parentes eller "det betyder" bagefter' in hints["flag"].get_text()
