"""Documents and the worklist's new items in a real browser.

Hanne downloads her plan and a receipt as PDF from the pages' "Hent som PDF" links (JavaScript
on), Jens his summons with JavaScript off; each file is read back with pypdf. Rikke's worklist
shows Gitte's "Jeg kan ikke booke selv" request and Jens's interpreter (demo data), and leads to
where they are handled; axe on the pages with the new links and items, phone and desktop, Danish
and English."""

import io

import pypdf
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as


def _download(page, link) -> pypdf.PdfReader:
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        return pypdf.PdfReader(io.BytesIO(handle.read()))


def _text(reader) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_hanne_downloads_her_plan_and_a_receipt(page):
    log_in_as(page, "Hanne")
    page.goto("/plan?lang=da")
    reader = _download(page, page.get_by_role("link", name="Hent som PDF", exact=True))
    assert reader.trailer["/Root"]["/Lang"] == "da"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert "Plan for Hanne" in _text(reader) and "Side 1 af" in _text(reader)

    page.goto("/moede?lang=da")
    page.get_by_text("Se alle dine").click()  # the history is folded away
    link = page.get_by_role("link", name="Hent kvittering som PDF").first
    assert "Kvittering for deltagelse i mødet" in _text(_download(page, link))


def test_jens_downloads_his_summons_without_javascript(browser, base_url):
    context = browser.new_context(
        java_script_enabled=False, base_url=base_url, locale="da-DK", accept_downloads=True
    )
    page = context.new_page()
    try:
        log_in_as(page, "Jens")
        page.goto("/samtaler?lang=da")
        page.get_by_role("link", name="Se indkaldelsen og hent kalenderfil").first.click()
        reader = _download(page, page.get_by_role("link", name="Hent som PDF", exact=True))
        text = _text(reader)
        assert "Indkaldelse til samtale" in text and "dansk tegnsprog" in text
    finally:
        context.close()


def test_rikke_sees_gittes_request_and_jenss_interpreter(page):
    log_in_as(page, "Rikke")
    page.goto("/medarbejder?lang=da")
    waiting = page.locator("section[aria-labelledby=waiting-heading]")
    expect(waiting.locator("li", has_text="Kan ikke booke selv: Gitte")).to_be_visible()
    interpreter = waiting.locator("li", has_text="Tolk til samtalen: Jens")
    expect(interpreter).to_contain_text("dansk tegnsprog")
    interpreter.get_by_role("link", name="Se samtaler for Jens").click()
    expect(page.locator("main")).to_contain_text("dansk tegnsprog")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_pages_with_documents_and_new_items_are_accessible(page, axe, viewport, lang):
    page.set_viewport_size(viewport)
    log_in_as(page, "Rikke")
    page.goto(f"/medarbejder?lang={lang}")
    expect(page.locator("section[aria-labelledby=waiting-heading] li").first).to_be_visible()
    assert_accessible(axe, page)
    page.goto("/log-ud?lang=da")
    page.locator("main").get_by_role("button", name="Log ud").click()
    page.wait_for_url(lambda url: "/logget-ud" in url)
    log_in_as(page, "Jens")
    page.goto(f"/samtaler?lang={lang}")
    page.locator("main a[href^='/samtaler/']").first.click()
    page.wait_for_load_state("load")
    assert_accessible(axe, page)
    page.goto("/log-ud?lang=da")
    page.locator("main").get_by_role("button", name="Log ud").click()
    page.wait_for_url(lambda url: "/logget-ud" in url)
    log_in_as(page, "Hanne")
    for path in ("/plan", "/moede"):
        page.goto(f"{path}?lang={lang}")
        assert_accessible(axe, page)
