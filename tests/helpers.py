"""Helpers for functional tests: log in as a browser would, and read a page.

The page invariants and security headers are checked by the test client itself on every response
(tests/page_checks.py); `check_page` returns the parsed page (checking it once more, so a page
built another way is checked too).
"""

from __future__ import annotations

from datetime import date

from tests.page_checks import check_headers, check_page, soup

__all__ = ["check_headers", "check_page", "csrf_token", "date_fields", "login", "soup"]


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
