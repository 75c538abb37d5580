"""The front page leads with what the person must do ("Det skal du gøre"), then what happens soon."""

from __future__ import annotations

import re

from tests.functional.delegation_support import act_for
from tests.helpers import login


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_hanne_sees_her_tasks_first_nearest_first_each_with_why_and_a_link(client):
    login(client, "demo-hanne")
    page = client.get("/").get_data(as_text=True)
    text = _text(page)
    assert (
        text.index("Det skal du gøre") < text.index("Det sker snart") < text.index("Det kan du her")
    )
    order = [
        "Book en tid til din samtale",
        "Vælg, hvordan du vil deltage i mødet",
        "Send din forberedelse til mødet",
        "Læs den nye afgørelse",
    ]
    positions = [text.index(words) for words in order]
    assert positions == sorted(positions)
    assert "finder jobcentret en tid og sender dig en indkaldelse" in text
    assert "regner teamet med, at du møder op" in text
    assert "Frist for at klage:" in text
    for href in (
        'href="/samtaler/book"',
        'href="/moede/deltagelse"',
        'href="/moede/forbered/situation"',
    ):
        assert href in page
    assert "Dit rehabiliteringsmøde" in text.split("Det sker snart")[1]


def test_a_delegate_sees_the_tasks_their_fuldmagt_covers_worded_about_the_citizen(
    client, demo_data
):
    login(client, "demo-mads")  # fuldmagt se + booke for Hanne
    act_for(client, demo_data["Hanne"])
    text = _text(client.get("/").get_data(as_text=True))
    assert "Det skal Hanne gøre" in text
    assert "Hanne skal booke en tid til en samtale" in text
    assert "Hanne skal læse den nye afgørelse" in text
    assert "Vælg, hvordan" not in text and "vælge sin måde" not in text  # not in their scope
    assert "sender Hanne en indkaldelse" in text
    # "Det sker snart" speaks about Hanne too.
    assert "Hannes rehabiliteringsmøde" in text and "Dit rehabiliteringsmøde" not in text
    coming = _text(client.get("/det-sker-snart").get_data(as_text=True))
    assert "Hannes rehabiliteringsmøde" in coming and "Dit rehabiliteringsmøde" not in coming


def test_the_coming_page_lists_what_happens_soon(client):
    login(client, "demo-hanne")
    text = _text(client.get("/det-sker-snart").get_data(as_text=True))
    assert "Det sker snart" in text and "Dit rehabiliteringsmøde" in text


def test_with_nothing_to_do_the_page_says_so_calmly(client):
    login(client, "demo-jens")  # exempted from booking, no meeting, no new outcome
    text = _text(client.get("/").get_data(as_text=True))
    assert "Du har ikke noget, du skal gøre lige nu." in text


def test_each_deadline_page_says_what_happens_if_it_passes_and_whom_to_call(client):
    login(client, "demo-hanne")
    booking = _text(client.get("/samtaler").get_data(as_text=True))
    assert "Hvis fristen går, uden at du har booket en tid" in booking
    assert "ring til Anders Mikkelsen på 72 34 56 10" in booking
    participation = _text(client.get("/moede/deltagelse").get_data(as_text=True))
    assert "Efter fristen ligger valget fast" in participation
    assert "regner teamet med, at du møder op" in participation
    assert "ring til Anders Mikkelsen på 72 34 56 10 eller til Jobcenter Åby på 70 10 20 30" in (
        participation
    )
    meeting = _text(client.get("/moede").get_data(as_text=True))
    assert "Efter fristen ligger valget fast" in meeting
    assert "Jobcenter Åby på 70 10 20 30" in meeting
    preparation = _text(client.get("/moede/forbered/tjek").get_data(as_text=True))
    assert "Sender du dem ikke, har teamet ikke dine egne ord" in preparation
    assert "ring til Anders Mikkelsen på 72 34 56 10" in preparation
    home = client.get("/").get_data(as_text=True)
    decision = re.search(r'href="(/resultater/\d+)"', home).group(1)
    outcome = _text(client.get(decision).get_data(as_text=True))
    assert "Efter fristen kan du som regel ikke klage" in outcome
