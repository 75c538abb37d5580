"""The privacy notice (/privatliv): public, linked from every page's footer, in Danish and
English, and built from the settings: the organisation and every period it states."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select
from werkzeug.exceptions import NotFound

from portal.models import AuditEvent
from portal.services import readability
from tests.conftest import app_variant
from tests.functional.delegation_support import act_for, start_preview
from tests.helpers import check_page, login

HEADINGS_DA = [
    "Hvem har ansvaret for dine oplysninger?",
    "Hvorfor bruger vi dine oplysninger?",
    "Hvilke oplysninger har vi, og hvor kommer de fra?",
    "Hvem kan se dine oplysninger?",
    "Hvor længe gemmer vi oplysningerne?",
    "Dine rettigheder",
    "Databeskyttelsesrådgiver",
    "Klage til Datatilsynet",
]


def _main(response):
    assert response.status_code == 200
    return check_page(response).find("main")


def _periods(main) -> list[str]:
    return [li.get_text(" ", strip=True) for li in main.select("ul.retention-periods li")]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_notice_in_both_languages(client, lang):
    response = client.get(f"/privatliv?lang={lang}")
    page = check_page(response)
    assert page.html["lang"] == lang
    headings = [h.get_text(strip=True) for h in page.select("main h2")]
    assert len(headings) == len(HEADINGS_DA)
    if lang == "da":
        assert page.h1.get_text(strip=True) == "Privatlivspolitik for Én plan"
        assert headings == HEADINGS_DA
    else:
        assert page.h1.get_text(strip=True) == "Privacy notice for Én plan"
        assert "Your rights" in headings and "Data protection officer" in headings
        assert not set(headings) & set(HEADINGS_DA)


def test_the_defaults_stated_in_words(client):
    main = _main(client.get("/privatliv"))
    text = main.get_text(" ", strip=True)
    assert _periods(main) == [
        "Loggen over, hvem der har set og ændret dine oplysninger: 5 år fra den dag, det skete.",
        "Beskeder, vi har sendt dig på e-mail og sms: 1 år fra beskeden blev lavet.",
        "Din forberedelse til rehabiliteringsmødet: 90 dage efter mødet.",
        "Dit log-in slutter, når du ikke har brugt Én plan i 30 minutter. Det slutter altid "
        "senest 8 timer efter, at du loggede ind. Derefter sletter vi det. Kun loggens linjer "
        "om, at du loggede ind og ud, bliver gemt.",
    ]
    for fact in ("Åby Kommune er dataansvarlig", "artikel 6, stk. 1, litra e", "artikel 9"):
        assert fact in text
    assert "databeskyttelseslovens § 7" in text and "arkivloven" in text
    assert main.select_one('a[href="mailto:databeskyttelse@aaby.example"]')
    assert main.select_one('a[href="mailto:jobcenter@aaby.example"]')
    assert main.select_one('a[href="https://www.datatilsynet.dk"]').get_text() == "datatilsynet.dk"
    assert '"Hent dine oplysninger"' in text  # named: a visitor who is not logged in has no link


def test_the_english_notice_states_the_periods_in_english(client):
    periods = _periods(_main(client.get("/privatliv?lang=en")))
    assert periods[0].endswith(": 5 years from the day it happened.")
    assert periods[2].endswith(": 90 days after the meeting.")
    assert "for 30 minutes" in periods[3] and "8 hours after" in periods[3]


def test_the_page_follows_the_settings(database_url, demo_data):
    """Other settings, another notice: nothing on it is written by hand."""
    settings = {
        "RETENTION_AUDIT_DAYS": "2000",
        "RETENTION_NOTIFICATIONS_DAYS": "400",
        "RETENTION_PREPARATION_DAYS": "730",
        "PERMANENT_SESSION_LIFETIME": 15 * 60,
        "SESSION_MAX_HOURS": 4,
        "ORG_NAME": "Nordby Kommune",
        "ORG_JOBCENTER": "Jobcenter Nordby",
        "ORG_ADDRESS": "Havnegade 7, 9998 Nordby",
        "ORG_DPO_EMAIL": "dpo@nordby.example",
    }
    with app_variant(database_url, **settings) as app:
        for lang, said in (
            ("da", ["2000 dage", "400 dage", "2 år", "15 minutter", "4 timer"]),
            ("en", ["2000 days", "400 days", "2 years", "15 minutes", "4 hours"]),
        ):
            main = _main(app.test_client().get(f"/privatliv?lang={lang}"))
            periods = " ".join(_periods(main))
            for words in said:
                assert words in periods, (lang, words)
            for default in ("5 år", "90 dage", "30 minutter", "8 timer", "5 years", "90 days"):
                assert default not in periods
            assert main.select_one('a[href="mailto:dpo@nordby.example"]')
            text = main.get_text(" ", strip=True)
            assert "Nordby Kommune" in text and "Jobcenter Nordby" in text
            assert "Åby" not in text and "databeskyttelse@aaby.example" not in text


def _audit_rows(read_db) -> int:
    return read_db(lambda s: s.scalar(select(func.count()).select_from(AuditEvent)))


def _signed_in(app, subject, demo_data, then=None):
    client = app.test_client()
    login(client, subject)
    if then:
        then(client, demo_data["Hanne"])
    return client


def test_anyone_may_read_it_and_reading_it_is_not_audited(app, demo_data, read_db):
    readers = {
        "anonymous": app.test_client(),
        "citizen": _signed_in(app, "demo-hanne", demo_data),
        "delegate": _signed_in(app, "demo-mads", demo_data, act_for),
        "relative": _signed_in(app, "demo-birgit", demo_data),
        "caseworker": _signed_in(app, "demo-anders", demo_data),
        "preview": _signed_in(app, "demo-anders", demo_data, start_preview),
    }
    for who, client in readers.items():
        before = _audit_rows(read_db)
        main = _main(client.get("/privatliv"))
        assert main.h1.get_text(strip=True) == "Privatlivspolitik for Én plan", who
        assert _audit_rows(read_db) == before, f"{who}'s view left an audit row"


def _internal_links(app, main) -> list[str]:
    paths = []
    for a in main.select("a[href]"):
        parts = urlsplit(a["href"])
        if parts.scheme or parts.netloc:
            continue
        try:
            app.url_map.bind("localhost").match(parts.path)
        except NotFound:
            raise AssertionError(f"{a['href']} leads nowhere") from None
        paths.append(parts.path)
    return paths


def test_links_only_where_this_person_can_go(app, demo_data):
    """Nothing links to a page that does not exist, or that this person may not open."""
    anonymous = _main(app.test_client().get("/privatliv"))
    assert _internal_links(app, anonymous) == []
    citizen = _main(_signed_in(app, "demo-hanne", demo_data).get("/privatliv"))
    assert sorted(_internal_links(app, citizen)) == ["/dine-log-ins", "/log", "/mine-oplysninger"]
    delegate = _main(_signed_in(app, "demo-mads", demo_data, act_for).get("/privatliv"))
    # A fuldmagt never shows the citizen's log or their download.
    assert _internal_links(app, delegate) == ["/dine-log-ins"]


@pytest.mark.parametrize(
    ("subject", "path"),
    [
        (None, "/log-ind"),
        (None, "/hjaelp"),
        (None, "/findes-ikke"),
        ("demo-hanne", "/"),
        ("demo-hanne", "/plan"),
        ("demo-mads", "/"),
        ("demo-anders", "/medarbejder"),
    ],
)
def test_every_page_links_to_it_from_the_footer(app, demo_data, subject, path):
    client = app.test_client()
    if subject:
        login(client, subject)
    page = check_page(client.get(path))
    link = page.select_one('footer a[href="/privatliv"]')
    assert link is not None and link.get_text(strip=True) == "Privatlivspolitik"


def test_the_danish_notice_is_easy_to_read(client):
    """Legal content in plain Danish: LIX in the easy band and no sentence over 20 words."""
    report = readability.analyse(_main(client.get("/privatliv")).get_text("\n", strip=True))
    assert readability.band(report.lix) in (readability.Band.VERY_EASY, readability.Band.EASY)
    assert [s.text for s in report.long_sentences] == []
