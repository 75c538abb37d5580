"""What every response of the portal keeps, checked on every response the functional tests get.

`CheckingClient` is the Flask test client of every test app (tests/conftest.py): each response it
receives has the security headers, and each HTML page keeps the page invariants (one h1, a title,
`lang`, unique ids, forms with an action and a CSRF token, ...).
"""

from __future__ import annotations

import re
from collections import Counter

from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from portal.text.glossary import TERMS

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
GLOSSARY_ANCHORS = {anchor for anchor, _, _ in TERMS}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def check_headers(response, *, personal: bool = True) -> None:
    """The security headers every response carries (portal/web/security.py)."""
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    assert "camera=()" in response.headers.get("Permissions-Policy", "")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "form-action 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self' 'nonce-" in csp
    if personal:
        assert response.headers.get("Cache-Control") == "no-store"


def check_page(response) -> BeautifulSoup:
    """Invariants every HTML page keeps; returns the parsed page for more assertions."""
    assert response.mimetype == "text/html"
    page = soup(response)
    html = page.find("html")
    assert html is not None and html.get("lang") in {"da", "en"}, "html needs a lang"
    title = page.find("title")
    assert title is not None and title.get_text(strip=True), "the page needs a title"
    assert len(page.find_all("h1")) == 1, "exactly one h1"
    assert page.find("main") is not None, "a main landmark"
    assert page.find("a", class_="skipnav") is not None, "a skip link"
    assert page.find(class_="help-box") is not None, "the help box on every page"
    ids = [tag["id"] for tag in page.find_all(id=True)]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    _check_forms(page)
    for script in page.find_all("script"):
        assert script.get("src"), "no inline scripts"
        assert script.get("nonce"), "scripts carry the CSP nonce"
    assert page.find(attrs={"style": True}) is None, "no inline styles (CSP)"
    _check_glossary_links(page)
    check_headers(response)
    return page


def _check_forms(page: BeautifulSoup) -> None:
    for form in page.find_all("form"):
        assert form.get("action"), f"form without action: {str(form)[:300]}"
        if form.get("method", "get").lower() == "post":
            assert form.find("input", attrs={"name": "csrf_token"}), (
                f"POST form without CSRF: {str(form)[:300]}"
            )


def _check_glossary_links(page: BeautifulSoup) -> None:
    for link in page.find_all("a", href=re.compile(r"^/ordforklaring#")):
        target = link["href"].split("#", 1)[1]
        assert target in GLOSSARY_ANCHORS, f"glossary link to a word it does not explain: {target}"


def is_fragment(response) -> bool:
    """An htmx answer: a piece of a page, swapped into the page the browser already has."""
    return bool(response.request.headers.get("HX-Request"))


class CheckingClient(FlaskClient):
    """The Flask test client, checking every response it receives."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        check_response(response)
        return response


def check_response(response) -> None:
    static = response.request.path.startswith("/static/")
    check_headers(response, personal=not static)
    if response.mimetype != "text/html" or response.status_code in (204, 304):
        return
    if 300 <= response.status_code < 400:
        return  # a redirect's body is never shown
    if is_fragment(response):
        return
    check_page(response)
