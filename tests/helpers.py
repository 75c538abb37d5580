"""Helpers for functional tests: log in as a browser would, and check every page's invariants."""

from __future__ import annotations

from collections import Counter
from datetime import date

from bs4 import BeautifulSoup

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def csrf_token(response) -> str:
    field = soup(response).find("input", attrs={"name": "csrf_token"})
    assert field is not None, "the page has no CSRF token to submit"
    return field["value"]


def date_fields(name: str, value: date | tuple[str, str, str]) -> dict[str, str]:
    """A date field's three inputs as a browser posts them (portal.forms.fields.DateInputField):
    `value` is a date, or (day, month, year) exactly as typed."""
    parts = (
        (str(value.day), str(value.month), str(value.year)) if isinstance(value, date) else value
    )
    return {
        f"{name}-{part}": typed for part, typed in zip(("day", "month", "year"), parts, strict=True)
    }


def login(client, subject: str):
    """Log in on the demo login page by pressing the person's button."""
    page = client.get("/log-ind")
    response = client.post(
        "/log-ind", data={"csrf_token": csrf_token(page), "subject": subject, "next": ""}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


def check_page(response, *, personal: bool = True) -> BeautifulSoup:
    """Invariants every HTML page must keep; returns the parsed page for more assertions."""
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
    for form in page.find_all("form"):
        assert form.get("action"), f"form without action: {form}"
        if form.get("method", "get").lower() == "post":
            assert form.find("input", attrs={"name": "csrf_token"}), (
                f"POST form without CSRF: {form}"
            )
    for script in page.find_all("script"):
        assert script.get("src"), "no inline scripts"
        assert script.get("nonce"), "scripts carry the CSP nonce"
    assert page.find(attrs={"style": True}) is None, "no inline styles (CSP)"
    check_headers(response, personal=personal)
    return page


def check_headers(response, *, personal: bool = True) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self' 'nonce-" in csp
    if personal:
        assert response.headers.get("Cache-Control") == "no-store"
