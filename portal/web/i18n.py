"""Language choice and how dates read: Danish first, English second, always Copenhagen time.

The portal is in Danish until the person chooses English, whatever the browser asks for (many
Danes use English-language phones). One source of truth for the choice: the long-lived `lang`
cookie, set when the person follows a `?lang=` link (plain links, no JavaScript needed). For a
signed-in person the same choice is stored on the person (`person.language`), so later features
(notifications, PDFs) can use it without a request; on log-in a stored choice wins and sets the
cookie. Neither log-in nor log-out touches the cookie, so the choice survives both.
"""

from __future__ import annotations

from datetime import date, datetime

from babel import Locale
from flask import Flask, current_app, g, has_app_context, request
from flask_babel import get_locale, get_translations, refresh
from jinja2 import pass_eval_context
from markupsafe import Markup

from portal import clock
from portal.extensions import db
from portal.services import people

# Full, calm forms: "tirsdag 3. december 2024" and "kl. 10.00" (never ISO in the UI). These are
# Babel's patterns; the filters below write them out from the locale's names (`_Words`), which
# reads the same (tests/unit/test_dates.py compares every day of four years with Babel) at a
# fraction of the cost: a caseworker's booking history formats up to seventy times a page, and
# Babel parses and applies its pattern for each.
DATE_PATTERNS = {"da": "EEEE d. MMMM y", "en": "EEEE d MMMM y"}
SHORT_DATE_PATTERNS = {"da": "d. MMMM y", "en": "d MMMM y"}
TIME_PATTERNS = {"da": "'kl.' HH.mm", "en": "HH:mm"}
# Babel parses a locale name into a Locale on every call given a name: each is made once.
_LOCALES = {"da": Locale.parse("da"), "en": Locale.parse("en")}


class _Words:
    """A language's weekday and month names (Babel's wide, format-context ones) and the shapes
    of the three patterns above."""

    def __init__(self, lang: str):
        locale = _LOCALES[lang]
        self.days = [locale.days["format"]["wide"][i] for i in range(7)]  # Monday first
        self.months = [""] + [locale.months["format"]["wide"][i] for i in range(1, 13)]
        self.day_sep = ". " if lang == "da" else " "  # "6. januar" / "6 January"
        self.time = "kl. {:02d}.{:02d}" if lang == "da" else "{:02d}:{:02d}"

    def short(self, day: date) -> str:
        return f"{day.day}{self.day_sep}{self.months[day.month]} {day.year}"

    def long(self, day: date) -> str:
        return f"{self.days[day.weekday()]} {self.short(day)}"


_WORDS = {lang: _Words(lang) for lang in _LOCALES}


COOKIE_NAME = "lang"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60  # a year: the choice is the person's, not the session's
DEFAULT = "da"


def _known(code: str | None) -> str | None:
    return code if code in current_app.config["LANGUAGES"] else None


def select_locale() -> str:
    """The language chosen in this request, then the `lang` cookie, then Danish. Never the
    browser's Accept-Language."""
    return g.get("language_chosen") or _known(request.cookies.get(COOKIE_NAME)) or DEFAULT


def remember(code: str | None) -> None:
    """Use `code` from now on in this request and keep it in the `lang` cookie (e.g. on log-in
    with a stored choice). Unknown codes are ignored."""
    if _known(code):
        g.language_chosen = code
        refresh()  # flask-babel caches the locale per request
        g.pop("translations", None)  # and the templates' catalogue (below)
        g.pop("date_language", None)  # and the dates' language


def _take_choice() -> None:
    """A `?lang=` link was followed: remember the choice, and store it on a signed-in person."""
    code = _known(request.args.get("lang"))
    if code is None or request.endpoint == "static":
        return
    remember(code)
    # identity imports this module (sign_in calls remember), so it is imported here.
    from portal.web import identity

    person = identity.current_person()
    if person is not None and person.language != code:
        people.set_language(db.session, person.id, code)
        db.session.commit()


def _set_cookie(response):
    code = g.get("language_chosen")
    if code:
        response.set_cookie(
            COOKIE_NAME,
            code,
            max_age=COOKIE_MAX_AGE,
            secure=bool(current_app.config["SECURE_TRANSPORT"]),
            httponly=True,
            samesite="Lax",
        )
    return response


def select_timezone() -> str:
    return "Europe/Copenhagen"


def _lang(locale: str | None) -> str:
    if locale:
        return "en" if locale.startswith("en") else "da"
    # The request's language, looked up once (a page formats dozens of dates; `remember` drops
    # it when the language changes mid-request).
    if has_app_context():
        found = g.get("date_language")
        if found is None:
            found = g.date_language = _lang_now()
        return found
    return _lang_now()


def language() -> str:
    """The request's language for dates and labels: "da" or "en"."""
    return _lang(None)


def _lang_now() -> str:
    current = get_locale()
    return "en" if current is not None and current.language == "en" else "da"


def long_date(value: date | datetime, locale: str | None = None) -> str:
    """'mandag 6. januar 2025'."""
    if isinstance(value, datetime):
        value = clock.local(value).date()
    return _WORDS[_lang(locale)].long(value)


def short_date(value: date | datetime, locale: str | None = None) -> str:
    """'6. januar 2025'."""
    if isinstance(value, datetime):
        value = clock.local(value).date()
    return _WORDS[_lang(locale)].short(value)


def time_of_day(value: datetime, locale: str | None = None) -> str:
    """'kl. 10.00' in Copenhagen time."""
    local = clock.local(value)
    return _WORDS[_lang(locale)].time.format(local.hour, local.minute)


def long_datetime(value: datetime, locale: str | None = None) -> str:
    """'tirsdag 3. december 2024 kl. 10.00'."""
    local = clock.local(value)
    words = _WORDS[_lang(locale)]
    return f"{words.long(local.date())} {words.time.format(local.hour, local.minute)}"


def _translations():
    """The request's catalogue, looked up once: a page calls gettext some fifty times, and each
    flask-babel call finds the locale and the catalogue again."""
    if not has_app_context():
        return get_translations()
    found = g.get("translations")
    if found is None:
        found = g.translations = get_translations()
    return found


@pass_eval_context
def _gettext(eval_ctx, string: str, **variables) -> str:
    """`_()` and `{% trans %}` in templates: what Jinja's newstyle gettext does (escape-aware,
    always a format string), in one call instead of three. A page calls it some seventy times,
    and Jinja's own wrapper went through the template context twice for each."""
    found = _translations().ugettext(string)
    if eval_ctx.autoescape:
        found = Markup(found)  # noqa: S704 - our own catalogue, as Jinja's gettext trusts it
    return found % variables


def _install_gettext(app: Flask) -> None:
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    app.jinja_env.globals.update(gettext=_gettext, _=_gettext)


def install(app: Flask) -> None:
    _install_gettext(app)
    app.before_request(_take_choice)
    app.after_request(_set_cookie)
    app.add_template_filter(long_date, "long_date")
    app.add_template_filter(short_date, "short_date")
    app.add_template_filter(time_of_day, "time_of_day")
    app.add_template_filter(long_datetime, "long_datetime")
