"""One word for one thing, on the pages themselves: every Danish page a citizen, a relative or a
caseworker can reach from their start pages (one click deep) is read, and a sentence that uses
another word for a term (portal/text/domain_words.py) without naming the term fails the test.
The glossary is the one page that lists the terms; it is not read."""

from __future__ import annotations

from urllib.parse import urlsplit

from portal.text.domain_words import misused_words, told_apart
from tests.functional.delegation_support import act_for
from tests.helpers import login, soup

START = (
    "/",
    "/plan",
    "/moede",
    "/samtaler",
    "/resultater",
    "/fuldmagt",
    "/log",
    "/hjaelp",
    "/privatliv",
)
NOT_READ = ("/ordforklaring", "/log-ud", "/static/", "/favicon")
BLOCKS = "p li h1 h2 h3 h4 h5 h6 dt dd td th label legend caption summary button div section"
PAGES_PER_PERSON = 60


def _sentences_text(response) -> str:
    """The page's main text, one block a line, so a sentence never runs into a heading."""
    page = soup(response)
    main = page.find("main") or page
    for block in main.find_all(BLOCKS.split()):
        block.insert_before("\n")
        block.insert_after("\n")
    return main.get_text(" ")


def _links(response) -> list[str]:
    found = []
    for a in soup(response).select("main a[href]"):
        parts = urlsplit(a["href"])
        if parts.netloc or not parts.path.startswith("/") or parts.path.endswith(".ics"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _read_as(client, subject: str) -> dict[str, list]:
    login(client, subject)
    seen: dict[str, list] = {}
    queue = list(START)
    for depth in (0, 1):
        next_queue = []
        for path in queue:
            if path in seen or path.startswith(NOT_READ) or len(seen) >= PAGES_PER_PERSON:
                continue
            response = client.get(path)
            if response.status_code != 200 or response.mimetype != "text/html":
                seen[path] = []
                continue
            seen[path] = misused_words(_sentences_text(response))
            if depth == 0:
                next_queue += _links(response)
        queue = next_queue
    return seen


def test_danish_pages_use_one_word_for_one_thing(client, app):
    problems = {}
    read = 0
    for subject in ("demo-hanne", "demo-laerke", "demo-jens", "demo-mads", "demo-anders"):
        seen = _read_as(app.test_client(), subject)  # a browser of their own
        read += len(seen)
        problems.update({f"{subject} {path}": found for path, found in seen.items() if found})
    assert read > 40, "the pages were read"
    assert problems == {}


def test_the_page_check_finds_another_word(client):
    """The test above can fail: a page with "videomødet" is caught."""
    login(client, "demo-hanne")
    text = _sentences_text(client.get("/moede"))
    assert misused_words(text + "\nGå til videomødet\n") == [("videomødet", "virtuelt møde")]


# Where different things meet, the page says which is which: the preparation pages show what the
# plan knows next to what is written for the rehabiliteringsplan; the meeting page and the
# conversations page each point to the other.
TOLD_APART_ON = {
    "/moede": ("plan / rehabiliteringsplan", "møde / samtaler"),
    "/moede/forbered/situation": ("plan / rehabiliteringsplan",),
    "/moede/forbered/goal": ("plan / rehabiliteringsplan",),
    "/moede/forbered/health": ("plan / rehabiliteringsplan",),
    "/moede/forbered/tjek": ("plan / rehabiliteringsplan",),
    "/samtaler": ("møde / samtaler",),
}


def test_pages_where_two_things_meet_say_which_is_which(app, demo_data):
    read = 0
    for subject in ("demo-hanne", "demo-mads"):  # the citizen, and her son acting for her
        client = app.test_client()
        login(client, subject)
        if subject == "demo-mads":
            act_for(client, demo_data["Hanne"])
        for path, pairs in TOLD_APART_ON.items():
            response = client.get(path)
            if subject == "demo-mads" and response.status_code != 200:
                continue  # his fuldmagt (se, booke) does not cover the preparation
            assert response.status_code == 200, (subject, path)
            read += 1
            text = _sentences_text(response)
            for pair in pairs:
                assert told_apart(text, pair), f"{subject} {path}: {pair} not told apart"
    assert read >= len(TOLD_APART_ON) + 2  # Mads read /moede and /samtaler too


def test_the_plan_is_never_called_by_another_name(client):
    """The check can fail: a page calling the plan "handleplan" is caught."""
    login(client, "demo-hanne")
    text = _sentences_text(client.get("/plan"))
    assert misused_words(text) == []
    assert misused_words(text + "\nSe din handleplan\n") == [("handleplan", "plan")]
