""" "Hent dine oplysninger" in a real browser: Hanne opens the page from "Mere" in the menu and
downloads both files, with JavaScript on and off; the JSON is parsed and the PDF read back with
pypdf. axe on the page, phone and desktop, Danish and English."""

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


def _open_from_the_menu(page) -> None:
    page.goto("/?lang=da")
    nav = page.get_by_role("navigation", name="Hovedmenu")
    nav.locator(".nav-more summary").click()  # the rest of the menu is under "Mere"
    nav.get_by_role("link", name="Hent dine oplysninger").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hent dine oplysninger")


def _downloads_both(page) -> None:
    name, body = _download(page, "Hent som PDF")
    assert name.startswith("mine-oplysninger-") and name.endswith(".pdf")
    reader = pypdf.PdfReader(io.BytesIO(body))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Dine oplysninger i Én plan" in text and "Hanne Sørensen" in text
    name, body = _download(page, "Hent som JSON-fil")
    assert name.startswith("mine-oplysninger-") and name.endswith(".json")
    document = json.loads(body)
    assert document["format"] == "en-plan/mine-oplysninger"
    assert document["person"]["first_name"] == "Hanne" and document["plan"]["efforts"]


def test_hanne_downloads_her_data_from_the_menu(page):
    log_in_as(page, "Hanne")
    _open_from_the_menu(page)
    _downloads_both(page)
    page.goto("/log?lang=da")
    expect(page.locator(".access-log")).to_contain_text(
        "Du har hentet dine oplysninger som JSON-fil."
    )


def test_hanne_downloads_her_data_without_javascript(browser, base_url):
    context = browser.new_context(
        java_script_enabled=False, base_url=base_url, locale="da-DK", accept_downloads=True
    )
    page = context.new_page()
    try:
        log_in_as(page, "Hanne")
        _open_from_the_menu(page)
        _downloads_both(page)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_page_is_accessible(page, axe, viewport, lang):
    page.set_viewport_size(viewport)
    log_in_as(page, "Hanne")
    page.goto(f"/mine-oplysninger?lang={lang}")
    assert_accessible(axe, page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_refusal_for_someone_acting_for_hanne_is_clear_and_accessible(
    page, axe, viewport, lang
):
    page.set_viewport_size(viewport)
    log_in_as(page, "Mads")
    page.goto(f"/?lang={lang}")
    page.locator(".fuldmagt-list button").first.click()
    expect(page.locator("#acting-banner")).to_be_visible()
    response = page.goto(f"/mine-oplysninger?lang={lang}")
    assert response.status == 403
    heading = {
        "da": "Kun borgeren selv kan hente sine oplysninger",
        "en": "Only the citizen can download their data",
    }[lang]
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(axe, page)
