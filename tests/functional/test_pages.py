"""Every page, as each kind of person reaches it, keeps the page invariants (tests/helpers.py)."""

import pytest

from tests.helpers import check_page, login

PUBLIC_PAGES = [
    "/log-ind",
    "/hjaelp",
    "/ordforklaring",
    "/tilgaengelighed",
    "/privatliv",
    "/logget-ud",
]
CITIZEN_PAGES = ["/", "/plan", "/plan/historik", "/plan/udskriv", "/log-ud"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("lang", ["da", "en"])
def test_public_pages_anonymous(client, path, lang):
    response = client.get(f"{path}?lang={lang}")
    assert response.status_code == 200
    page = check_page(response)
    assert page.html["lang"] == lang


@pytest.mark.parametrize("path", CITIZEN_PAGES)
def test_citizen_pages(client, path):
    login(client, "demo-hanne")
    response = client.get(path)
    assert response.status_code == 200
    check_page(response)


def test_effort_page(client, read_db, demo_data):
    from portal.services import plan as plans

    effort_id, title = read_db(
        lambda s: (lambda e: (e.id, e.title))(plans.plan_of(s, demo_data["Hanne"]).efforts[0])
    )
    login(client, "demo-hanne")
    page = check_page(client.get(f"/plan/indsats/{effort_id}"))
    assert page.h1.get_text(strip=True) == title


def test_caseworker_pages(client, demo_data):
    login(client, "demo-anders")
    assert client.get("/").headers["Location"] == "/medarbejder"
    page = check_page(client.get("/medarbejder"))
    names = [a.get_text(strip=True) for a in page.select(".caseload-list a")]
    assert names == ["Hanne Sørensen", "Lærke Nielsen", "Sofie Larsen"]
    page = check_page(client.get("/medarbejder?q=lær"))
    assert [a.get_text(strip=True) for a in page.select(".caseload-list a")] == ["Lærke Nielsen"]
    check_page(client.get(f"/medarbejder/borger/{demo_data['Hanne']}"))


def test_relative_home(client):
    login(client, "demo-mads")
    page = check_page(client.get("/"))
    assert "Mads" in page.h1.get_text()


def test_error_pages_are_calm_and_complete(client):
    response = client.get("/findes-ikke")
    assert response.status_code == 404
    page = check_page(response)
    assert "Siden findes ikke" in page.h1.get_text()


def test_help_box_names_the_citizens_caseworker(client):
    login(client, "demo-hanne")
    box = check_page(client.get("/plan")).select_one(".help-box").get_text(" ", strip=True)
    assert "Anders Mikkelsen" in box and "72 34 56 10" in box and "Mandag–torsdag" in box


def test_help_box_for_anonymous_shows_the_job_centre(client):
    box = check_page(client.get("/hjaelp")).select_one(".help-box").get_text(" ", strip=True)
    assert "Jobcenter" in box


def test_glossary_explains_the_domain_words(client):
    page = check_page(client.get("/ordforklaring"))
    words = [dt.get_text(strip=True) for dt in page.select("dl.glossary dt")]
    for word in ("indstilling", "afgørelse", "ressourceforløb", "fleksjob", "fuldmagt", "samtykke"):
        assert word in words


def test_the_accessibility_statement_names_the_limit_that_cannot_be_extended(client):
    """The 8-hour end of a log-in cannot be extended (WCAG 2.2.1 allows it only as essential):
    the statement says so, in the configured length and warning time."""
    text = check_page(client.get("/tilgaengelighed")).get_text(" ", strip=True)
    assert "altid logget ud, når du har været logget ind i 8 timer" in text
    assert "besked 5 minutter før" in text
