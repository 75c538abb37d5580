"""The choice being checked, kept between "Fortsæt" and "Bekræft" in the signed session cookie.

So the check page is an ordinary GET page (Post/Redirect/Get): Back and reload never ask to send a
form again, and the person's note never appears in an address. The check page validates the
choice again every time, so an old or edited value here is refused like any other input.
"""

from __future__ import annotations

from flask import session

KEY = "booking_choice"
FIELDS = ("slot", "rebook", "form", "note", "interpreter", "interpreter_language")


def remember(form) -> None:
    session[KEY] = {name: getattr(form, name).data for name in FIELDS if hasattr(form, name)}


def recall() -> dict | None:
    value = session.get(KEY)
    return value if isinstance(value, dict) else None


def fill(form, choice: dict) -> None:
    """Put a remembered choice into a form (unknown names are ignored)."""
    for name in FIELDS:
        if name in choice and hasattr(form, name):
            getattr(form, name).data = choice[name]
