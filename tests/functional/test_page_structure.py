"""The header says who sends it, the menu stays short, alerts show their icons, a form error is
named in the title and has the focus, and Danish-only text is marked Danish on English pages."""

from __future__ import annotations

import re

from portal.models import OutcomeKind
from portal.org import DEMO
from tests.functional.outcomes_support import outcome_of_kind
from tests.helpers import check_page, csrf_token, login


def test_the_header_names_the_job_centre_and_municipality(client):
    """The DKFDS header: the municipality's logo and name over the service and its authority."""
    login(client, "demo-hanne")
    header = check_page(client.get("/plan")).find("header")
    logo = header.select_one(".portal-info .portal-info-inner a.portal-logo")
    assert logo["href"] == "/"
    image = logo.find("img")
    stem, _, suffix = DEMO.logo.rpartition(".")
    assert image["src"].startswith(f"/static/org/{stem}.") and image["src"].endswith(f".{suffix}")
    assert image["alt"] == ""
    assert logo.get_text(" ", strip=True) == f"{DEMO.name} – Én plan, til forsiden"
    solution = header.select_one(".solution-info .solution-info-inner")
    assert solution.select_one(".solution-heading").get_text(strip=True) == "Én plan"
    assert solution.select_one(".authority-name").get_text(strip=True) == DEMO.jobcenter
    assert f"En selvbetjening fra {DEMO.name}" in solution.get_text(" ", strip=True)
    served = client.get(image["src"])
    served.close()  # a static file: close it, or its handle is left to the garbage collector
    assert served.status_code == 200 and served.mimetype == "image/svg+xml"
    english = check_page(client.get("/plan?lang=en")).find("header")
    assert "A self-service from" in english.select_one(".additional-info").get_text()


def test_the_menu_has_at_most_five_items_and_more_behind_a_disclosure(client):
    login(client, "demo-hanne")
    nav = check_page(client.get("/")).find("nav", attrs={"aria-label": "Hovedmenu"})
    top = nav.select(".container > ul > li")
    direct = [li for li in top if "nav-more" not in (li.get("class") or [])]
    assert len(direct) <= 5 and len(top) <= 6
    more = nav.select_one("li.nav-more details")
    assert more.summary.get_text(strip=True) == "Mere"
    assert {a.get_text(strip=True) for a in more.select("a")} == {
        "Fuldmagt",
        "Hvem har set mine oplysninger?",
        "Indstillinger",
        "Beskeder vi har sendt dig",
        "Hent dine oplysninger",
    }
    on_log = check_page(client.get("/log")).find("nav", attrs={"aria-label": "Hovedmenu"})
    assert on_log.select_one("details a[aria-current=page]").get_text(strip=True).startswith("Hvem")


def test_a_form_error_is_in_the_title_and_the_summary_takes_the_focus(client):
    login(client, "demo-sofie")
    page = check_page(client.get("/samtaler/book"))
    slot = page.select(".day-list a")[-1]["href"]
    slot = check_page(client.get(slot)).find("input", attrs={"name": "tid"})["value"]
    token = csrf_token(client.get(f"/samtaler/book/detaljer?tid={slot}"))
    data = {"csrf_token": token, "slot": slot, "rebook": "", "form": "telefon", "note": "x" * 501}
    refused = check_page(client.post("/samtaler/book/detaljer", data=data))
    assert refused.title.get_text().startswith("Fejl: ")
    summary = refused.find(id="error-summary")
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1"
    fine = check_page(client.get(f"/samtaler/book/detaljer?tid={slot}"))
    assert not fine.title.get_text().startswith("Fejl")


def test_alerts_show_their_icon(client):
    login(client, "demo-sofie")
    page = check_page(client.get("/samtaler/book/detaljer"))  # "Vælg en tid." as an alert
    icons = page.select(".alert svg.alert-icon use")
    # DKFDS's icon, from the small sprite the asset build makes of the alert icons.
    assert icons and re.fullmatch(r"/static/icons\.[0-9a-f]{12}\.svg#error", icons[0]["href"])
    assert page.select_one(".alert svg.alert-icon")["aria-hidden"] == "true"
    sprite = client.get(icons[0]["href"].split("#")[0])
    assert sprite.mimetype == "image/svg+xml" and b'<symbol id="error"' in sprite.get_data()
    sprite.close()


def test_danish_only_text_is_marked_danish_in_english(client, read_db, demo_data):
    decision = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    login(client, "demo-hanne")
    danish = check_page(client.get(f"/resultater/{decision}"))
    assert danish.html["lang"] == "da" and not danish.select("main [lang=da]:not(a)")
    english = check_page(client.get(f"/resultater/{decision}?lang=en"))
    assert english.html["lang"] == "en"
    assert english.h1.get("lang") == "da"  # the decision's title is written in Danish only
    assert english.select(".outcome-section p[lang=da]")
    notice = english.select_one(".language-notice").get_text(" ", strip=True)
    assert re.search(r"only in Danish", notice)
    plan = check_page(client.get("/plan"))
    assert plan.select(".effort-title[lang=da]")


def test_law_payment_and_full_history_wait_behind_a_disclosure(client):
    login(client, "demo-hanne")
    plan = check_page(client.get("/plan"))
    card = plan.select_one(".effort-card")
    law = card.select_one("details.effort-law")
    assert law is not None and not law.has_attr("open")
    assert law.summary.get_text(strip=True) == "Lov og betaling"
    assert "Lov og betaling" not in card.select_one("dl").get_text()  # not on the first screen
    meeting = check_page(client.get("/moede"))
    history = meeting.select_one("details.meeting-history")
    assert history is not None and not history.has_attr("open")
    assert history.select(".history-list li")  # Hanne gave and withdrew consent in the demo
