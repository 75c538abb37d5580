"""The organisation behind the portal comes from the PORTAL_ORG_* settings, never from the code."""

from dataclasses import asdict

from portal import clock, config, demo
from portal.extensions import db
from portal.org import DEMO, Organisation
from tests.conftest import app_variant
from tests.helpers import login, soup

OTHER = Organisation(
    name="Nordby Kommune",
    jobcenter="Jobcenter Nordby",
    address="Havnegade 7, 9998 Nordby",
    phone="99 88 77 66",
    hours="Hverdage 8–14",
    email="kontakt@nordby.example",
    appeal_url="https://nordby.example/klagevejledning",
    dpo_email="dpo@nordby.example",
    appeal_address="Klagepostboks 5, 9998 Nordby",
    appeal_channel="Digital Post til Nordby Kommune",
    logo="nordby.svg",
)
OVERRIDES = {
    "ORG_NAME": OTHER.name,
    "ORG_JOBCENTER": OTHER.jobcenter,
    "ORG_ADDRESS": OTHER.address,
    "ORG_PHONE": OTHER.phone,
    "ORG_HOURS": OTHER.hours,
    "ORG_EMAIL": OTHER.email,
    "ORG_APPEAL_URL": OTHER.appeal_url,
    "ORG_DPO_EMAIL": OTHER.dpo_email,
    "ORG_APPEAL_ADDRESS": OTHER.appeal_address,
    "ORG_APPEAL_CHANNEL": OTHER.appeal_channel,
    "ORG_LOGO": OTHER.logo,
}


def _text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def _never_the_demo(html: str, path: str) -> None:
    assert "Åby" not in html and "aaby" not in html, path
    for value in asdict(DEMO).values():
        assert value not in html, f"{path} shows the demo default {value!r}"


def test_the_settings_are_read_from_the_environment(monkeypatch):
    for name, value in OVERRIDES.items():
        monkeypatch.setenv(f"PORTAL_{name}", value)
    assert config.load({"ENV_NAME": "test"})["ORGANISATION"] == OTHER


def test_the_demo_municipality_is_the_default(monkeypatch):
    for name in OVERRIDES:
        monkeypatch.delenv(f"PORTAL_{name}", raising=False)
    assert config.load({"ENV_NAME": "test"})["ORGANISATION"] == DEMO


def test_pages_show_the_configured_organisation_and_never_the_demo_one(database_url, demo_data):
    with app_variant(database_url, **OVERRIDES) as app:
        with app.app_context():
            demo.load(db.session, today=clock.today(), org=app.config["ORGANISATION"])
            db.session.commit()
        seen = []
        client = app.test_client()
        for path in ("/hjaelp", "/ordforklaring", "/tilgaengelighed", "/log-ind"):
            seen.append((path, _text(client, path)))
        login(client, "demo-hanne")
        for path in ("/", "/plan", "/moede", "/samtaler", "/resultater", "/log", "/fuldmagt"):
            seen.append((path, _text(client, path)))
        outcome_links = {
            a for a in _text(client, "/resultater").split('"') if a.startswith("/resultater/")
        }
        assert outcome_links
        for path in sorted(outcome_links):
            seen.append((path, _text(client, path)))
        relative = app.test_client()
        login(relative, "demo-birgit")
        seen.append(("/ as Birgit", _text(relative, "/")))
        staff = app.test_client()
        login(staff, "demo-anders")
        seen.append(("/medarbejder", _text(staff, "/medarbejder")))
        seen.append(("/medarbejder/tider", _text(staff, "/medarbejder/tider")))

        for path, html in seen:
            _never_the_demo(html, path)
        everything = "\n".join(html for _, html in seen)
        for field, value in asdict(OTHER).items():
            if field == "logo":  # shown once built with the assets (test_page_structure.py)
                continue
            assert value in everything, f"{value!r} is shown nowhere"
        help_page = dict(seen)["/hjaelp"]
        assert OTHER.jobcenter in help_page and OTHER.hours in help_page
        assert f'href="{OTHER.appeal_url}"' in everything
        assert f'href="mailto:{OTHER.dpo_email}"' in dict(seen)["/log"]

    with app_variant(database_url, **OVERRIDES, DEMO_LOGIN=False) as app:
        page = _text(app.test_client(), "/log-ind")
        assert OTHER.jobcenter in page and OTHER.phone in page
        _never_the_demo(page, "/log-ind without the demo login")


def test_without_a_logo_the_header_names_the_municipality_in_text(database_url, demo_data):
    with app_variant(database_url, ORG_LOGO="none") as app:
        page = soup(app.test_client().get("/log-ind"))
        logo = page.select_one("header .portal-logo")
        assert logo.find("img") is None
        assert logo.select_one(".portal-logo-name").get_text(strip=True) == DEMO.name
