"""Page weight: what the browser actually receives for a citizen's main pages.

Each page is opened in a fresh browser context (an empty cache) that only carries Hanne's log-in
cookies, and every byte Chromium reports as received for the page and everything it loads (the
HTML, the stylesheet, fonts, icons, scripts) is added up, as encoded on the wire: compressed,
with the response headers. Then the same page is opened again in that context, as a person
returning to it does. The budgets are the targets of issue 15; a new dependency, a forgotten
weight of a font or an uncompressed answer makes this fail, and the message lists what loaded.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import log_in_as

FIRST_VISIT_BUDGET = 60 * 1024
REPEAT_VISIT_BUDGET = 15 * 1024
PAGES = ["/", "/plan", "/samtaler", "/resultater", "/moede"]


class Transfers:
    """The encoded bytes of each request, read from Chromium's network events (CDP)."""

    def __init__(self, context, page) -> None:
        self.urls: dict[str, str] = {}
        self.sizes: dict[str, int] = {}
        self.cdp = context.new_cdp_session(page)
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.send("Network.enable")

    def _sent(self, event) -> None:
        self.urls[event["requestId"]] = event["request"]["url"]

    def _finished(self, event) -> None:
        self.sizes[event["requestId"]] = int(event["encodedDataLength"])

    def measure(self, page, path: str) -> tuple[int, list[str]]:
        self.urls.clear()
        self.sizes.clear()
        page.goto(path, wait_until="networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_load_state("networkidle")
        total = sum(self.sizes.values())
        listing = [
            f"{size:>7} B  {self.urls.get(request_id, '?')}"
            for request_id, size in sorted(self.sizes.items(), key=lambda item: -item[1])
        ]
        return total, listing


@pytest.fixture(scope="module")
def hanne_cookies(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="da-DK")
    page = context.new_page()
    log_in_as(page, "Hanne")
    cookies = context.cookies()
    context.close()
    return cookies


@pytest.mark.parametrize("path", PAGES)
def test_first_and_repeat_visit_stay_within_budget(browser, base_url, hanne_cookies, path):
    context = browser.new_context(
        base_url=base_url, locale="da-DK", viewport={"width": 360, "height": 640}
    )
    context.add_cookies(hanne_cookies)
    page = context.new_page()
    transfers = Transfers(context, page)

    first, first_listing = transfers.measure(page, path)
    assert page.url.endswith(path), "Hanne's log-in did not carry over"
    assert first <= FIRST_VISIT_BUDGET, (
        f"{path}: {first} B on a first visit (budget {FIRST_VISIT_BUDGET} B):\n"
        + "\n".join(first_listing)
    )
    # Fonts, the stylesheet and the icons are the page's; a page without them would be light
    # for the wrong reason.
    loaded = "\n".join(first_listing)
    assert ".css" in loaded and ".woff2" in loaded

    repeat, repeat_listing = transfers.measure(page, path)
    assert repeat <= REPEAT_VISIT_BUDGET, (
        f"{path}: {repeat} B on a repeat visit (budget {REPEAT_VISIT_BUDGET} B):\n"
        + "\n".join(repeat_listing)
    )
    context.close()
