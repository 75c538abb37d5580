""" "Hent dine oplysninger" for a relative in a real browser: Mads, signed in as himself, looks at
Hanne's plan for her, goes back to his own view, finds the download in the menu and gets both
files, with JavaScript on and off; his copy names Hanne only as the giver of his fuldmagt and
says what he did for her. While he acts for Hanne the page is refused. axe on his page, phone
and desktop, Danish and English."""

import io
import json

import pypdf
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as


def _download(page, name: str):
    with page.expect_download() as info:
        page.locator("main").get_by_role("link", name=name, exact=True).click()
    download = info.value
    with open(download.path(), "rb") as handle:
        return download.suggested_filename, handle.read()


def _look_at_hannes_plan_and_come_back(page) -> None:
    page.get_by_role("button", name="Handl på vegne af Hanne").click()
    expect(page.locator("#acting-banner")).to_contain_text("Du handler på vegne af Hanne")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Hannes plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hannes plan")
    # Not while acting for her: the link is not offered, and the address is refused.
    response = page.goto("/mine-oplysninger?lang=da")
    assert response.status == 403
    expect(page.locator("main")).to_contain_text("går tilbage til din egen side")
    page.goto("/?lang=da")
    page.get_by_role("button", name="Tilbage til min egen side").click()
    expect(page.locator("#acting-banner")).to_have_count(0)


def _find_and_download(page) -> None:
    nav = page.get_by_role("navigation", name="Hovedmenu")
    nav.get_by_role("link", name="Hent dine oplysninger").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hent dine oplysninger")
    expect(page.locator("main")).to_contain_text("Kun deres navn er med")
    name, body = _download(page, "Hent som JSON-fil")
    assert name.startswith("mine-oplysninger-") and name.endswith(".json")
    document = json.loads(body)
    assert document["subject"] == "relative" and document["person"]["first_name"] == "Mads"
    assert [f["citizen"] for f in document["fuldmagter_held"]] == ["Hanne Sørensen"]
    texts = [e["action_text"] for e in document["access_log"]]
    assert "Du har set planen for Hanne Sørensen." in texts
    assert "plan" not in document and "bookings" not in document
    name, body = _download(page, "Hent som PDF")
    assert name.endswith(".pdf")
    reader = pypdf.PdfReader(io.BytesIO(body))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Mads Sørensen" in text and "Fuldmagter du har fået" in text


def test_mads_downloads_his_own_data(page):
    log_in_as(page, "Mads")
    _look_at_hannes_plan_and_come_back(page)
    _find_and_download(page)


def test_mads_downloads_his_own_data_without_javascript(browser, base_url):
    context = browser.new_context(
        java_script_enabled=False, base_url=base_url, locale="da-DK", accept_downloads=True
    )
    page = context.new_page()
    try:
        log_in_as(page, "Mads")
        _look_at_hannes_plan_and_come_back(page)
        _find_and_download(page)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_his_page_is_accessible(page, axe, viewport, lang):
    page.set_viewport_size(viewport)
    log_in_as(page, "Mads")
    page.goto(f"/mine-oplysninger?lang={lang}")
    heading = {"da": "Hent dine oplysninger", "en": "Download your data"}[lang]
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(axe, page)
