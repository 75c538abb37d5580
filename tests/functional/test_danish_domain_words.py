"""The Danish domain words that English texts keep ("decision (afgørelse)", "your fuldmagt") are
marked lang="da" on English pages (WCAG 3.1.2; portal/web/danish_terms.py), and only in the HTML
body: Danish pages, titles, attributes and plain-text downloads read as before."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from portal import models as m
from portal.web.danish_terms import _WORD, mark_terms
from tests.functional.outcomes_support import outcome_of_kind
from tests.functional.test_danish_only_text import _nearest_lang
from tests.helpers import check_page, login

# --- the helper ---------------------------------------------------------------------------------


def test_english_text_gets_its_danish_words_marked():
    marked = mark_terms("A decision (afgørelse). Fuldmagter given to you.", "en")
    assert marked == Markup(
        'A decision (<span lang="da">afgørelse</span>). '
        '<span lang="da">Fuldmagter</span> given to you.'
    )
    # Names of an authority and a law; a multi-word term.
    assert mark_terms("to Ankestyrelsen under arkivloven", "en").count('lang="da"') == 2


def test_english_words_and_parts_of_words_are_left_alone():
    for text in ("Your plan", "planned", "xfuldmagt", "re-fuldmagt"):
        assert "lang" not in mark_terms(text, "en"), text


def test_danish_text_is_only_escaped():
    assert mark_terms("En afgørelse <b>", "da") == Markup("En afgørelse &lt;b&gt;")
    assert mark_terms(None, "en") is None and mark_terms("", "en") == ""


def test_plain_text_is_escaped_and_markup_tags_are_kept_whole():
    assert mark_terms("<script>fuldmagt", "en") == Markup(
        '&lt;script&gt;<span lang="da">fuldmagt</span>'
    )
    # A word inside an attribute of markup passed in is never marked.
    given = Markup('<a href="/ordforklaring#fuldmagt" title="fuldmagt">fuldmagt</a>')
    assert mark_terms(given, "en") == Markup(
        '<a href="/ordforklaring#fuldmagt" title="fuldmagt"><span lang="da">fuldmagt</span></a>'
    )


# --- the pages ----------------------------------------------------------------------------------


def unmarked_words(page: BeautifulSoup) -> list[str]:
    """Danish domain words in the body's text outside an element whose nearest lang is "da"."""
    found = []
    for text in page.body.find_all(string=True):
        if text.parent.name in ("script", "style"):
            continue
        for match in _WORD.finditer(text):
            if _nearest_lang(text) != "da":
                found.append(f"<{text.parent.name}> {match.group(0)}")
    return found


def _citizen_pages(read_db, demo_data) -> list[str]:
    decision = outcome_of_kind(read_db, demo_data["Hanne"], m.OutcomeKind.DECISION)
    recommendation = outcome_of_kind(read_db, demo_data["Hanne"], m.OutcomeKind.RECOMMENDATION)
    return [
        "/ordforklaring",
        "/privatliv",
        "/hjaelp",
        "/resultater",
        f"/resultater/{decision}",
        f"/resultater/{recommendation}",
        "/moede",
        "/moede/deltagelse",
        "/fuldmagt",
        "/mine-oplysninger",
    ]


def _english_page(client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, path
    page = check_page(response)
    assert page.html["lang"] == "en", path
    return page


def test_english_pages_mark_the_danish_domain_words(client, read_db, demo_data):
    login(client, "demo-hanne")
    client.get("/?lang=en")
    marked = 0
    for path in _citizen_pages(read_db, demo_data):
        page = _english_page(client, path)
        assert unmarked_words(page) == [], path
        marked += len(page.select("main span[lang=da]"))
        # Nothing leaks into the title or an attribute, as markup or as escaped text.
        assert "<" not in page.title.get_text() and "lang=" not in page.title.get_text(), path
        raw = client.get(path).get_data(as_text=True)
        assert "&lt;span" not in raw, path
        for element in page.find_all(True):
            for value in element.attrs.values():
                assert "<span" not in str(value), (path, element.name)
    assert marked >= 20, "the pages do show Danish domain words"


@pytest.mark.parametrize("path", ["/privatliv", "/ordforklaring", "/hjaelp", "/fuldmagt"])
def test_a_known_word_is_marked_on_its_page(client, demo_data, path):
    login(client, "demo-hanne")
    client.get("/?lang=en")
    page = _english_page(client, path)
    words = {span.get_text().lower() for span in page.select("main span[lang=da]")}
    assert words & {"fuldmagt", "afgørelse", "sygedagpenge", "bisidder"}, path


def test_the_check_finds_an_unmarked_word(client, demo_data):
    """The test above can fail: a word whose mark is taken away is found."""
    login(client, "demo-hanne")
    client.get("/?lang=en")
    page = _english_page(client, "/privatliv")
    span = page.select_one("main span[lang=da]")
    word = span.get_text()
    span.unwrap()
    assert f"> {word}" in " ".join(unmarked_words(page))


def test_danish_pages_have_no_such_marks(client, read_db, demo_data):
    login(client, "demo-hanne")
    client.get("/?lang=en")  # English first: a mark must not outlive its page
    client.get("/privatliv")
    client.get("/?lang=da")
    for path in _citizen_pages(read_db, demo_data):
        page = check_page(client.get(path))
        assert page.html["lang"] == "da", path
        assert not [
            s for s in page.select("main span[lang=da]") if _WORD.fullmatch(s.get_text())
        ], path


def test_the_caseworkers_english_pages_mark_the_outcome_kind(client, read_db, demo_data):
    login(client, "demo-anders")
    client.get("/medarbejder?lang=en")
    hanne = demo_data["Hanne"]
    for path in (
        "/medarbejder",
        f"/medarbejder/borger/{hanne}",
        f"/medarbejder/borger/{hanne}/resultater",
    ):
        page = _english_page(client, path)
        assert unmarked_words(page) == [], path
    listed = _english_page(client, f"/medarbejder/borger/{hanne}/resultater")
    kinds = [s.get_text() for s in listed.select("td span[lang=da]")]
    assert kinds and set(kinds) <= {"afgørelse", "indstilling"}


def test_the_english_json_copy_stays_plain(client, demo_data):
    login(client, "demo-hanne")
    client.get("/?lang=en")
    page = _english_page(client, "/mine-oplysninger")
    link = page.find("a", href=re.compile(r"json"))
    assert link is not None
    body = client.get(link["href"]).get_data(as_text=True)
    assert "<span" not in body and 'lang=\\"da' not in body
