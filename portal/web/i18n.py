"""Language choice and how dates read: Danish first, English second, always Copenhagen time."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from flask import Flask, current_app, request, session
from flask_babel import get_locale

from portal import clock

# Full, calm forms: "tirsdag 3. december 2024" and "kl. 10.00" (never ISO in the UI).
DATE_PATTERNS = {"da": "EEEE d. MMMM y", "en": "EEEE d MMMM y"}
SHORT_DATE_PATTERNS = {"da": "d. MMMM y", "en": "d MMMM y"}
TIME_PATTERNS = {"da": "'kl.' HH.mm", "en": "HH:mm"}


def select_locale() -> str:
    """?lang= (remembered in the session), then the session, then the browser, then Danish."""
    languages = current_app.config["LANGUAGES"]
    wanted = request.args.get("lang")
    if wanted in languages:
        session["lang"] = wanted
        return wanted
    if session.get("lang") in languages:
        return session["lang"]
    return request.accept_languages.best_match(languages) or "da"


def select_timezone() -> str:
    return "Europe/Copenhagen"


def _lang(locale: str | None) -> str:
    if locale:
        return "en" if locale.startswith("en") else "da"
    current = get_locale()
    return "en" if current is not None and current.language == "en" else "da"


def long_date(value: date | datetime, locale: str | None = None) -> str:
    """'mandag 6. januar 2025'."""
    if isinstance(value, datetime):
        value = clock.local(value).date()
    lang = _lang(locale)
    return babel_format_date(value, DATE_PATTERNS[lang], locale=lang)


def short_date(value: date | datetime, locale: str | None = None) -> str:
    """'6. januar 2025'."""
    if isinstance(value, datetime):
        value = clock.local(value).date()
    lang = _lang(locale)
    return babel_format_date(value, SHORT_DATE_PATTERNS[lang], locale=lang)


def time_of_day(value: datetime, locale: str | None = None) -> str:
    """'kl. 10.00' in Copenhagen time."""
    lang = _lang(locale)
    return babel_format_time(clock.local(value).time(), TIME_PATTERNS[lang], locale=lang)


def long_datetime(value: datetime, locale: str | None = None) -> str:
    """'tirsdag 3. december 2024 kl. 10.00'."""
    return f"{long_date(value, locale)} {time_of_day(value, locale)}"


def install(app: Flask) -> None:
    app.add_template_filter(long_date, "long_date")
    app.add_template_filter(short_date, "short_date")
    app.add_template_filter(time_of_day, "time_of_day")
    app.add_template_filter(long_datetime, "long_datetime")
