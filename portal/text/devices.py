"""A device in plain words ("Chrome på Android") from a browser's User-Agent.

`ua-parser` (the maintained port of the uap-core rules) reads the User-Agent once, when a session
begins; the session keeps only the two short names (browser and system), and "Dine log-ins"
words them here in the person's language. The parser's names are shortened to what a person
recognises: "Chrome Mobile" and "HeadlessChrome" are Chrome, "Mac OS X" is a Mac.
"""

from __future__ import annotations

from flask_babel import gettext

_BROWSERS = {
    "Chrome Mobile": "Chrome",
    "Chrome Mobile iOS": "Chrome",
    "Chrome Mobile WebView": "Chrome",
    "HeadlessChrome": "Chrome",
    "Chromium": "Chromium",
    "Mobile Safari": "Safari",
    "Mobile Safari UI/WKWebView": "Safari",
    "Firefox Mobile": "Firefox",
    "Firefox iOS": "Firefox",
    "Edge Mobile": "Edge",
    "Samsung Internet": "Samsung Internet",
    "Opera Mobile": "Opera",
}
_SYSTEMS = {
    "Mac OS X": "Mac",
    "Chrome OS": "ChromeOS",
    "Ubuntu": "Linux",
    "Fedora": "Linux",
    "Debian": "Linux",
}
_UNKNOWN = "Other"  # what the parser answers for what it does not recognise


def _parse(user_agent: str):
    import ua_parser  # loads its rules on first use (a fraction of a second, once a process)

    return ua_parser.parse(user_agent[:500])


def browser_of(user_agent: str) -> str:
    found = _parse(user_agent).user_agent if user_agent else None
    if found is None or found.family == _UNKNOWN:
        return ""
    return _BROWSERS.get(found.family, found.family)[:60]


def system_of(user_agent: str) -> str:
    found = _parse(user_agent).os if user_agent else None
    if found is None or found.family == _UNKNOWN:
        return ""
    return _SYSTEMS.get(found.family, found.family)[:60]


def describe(browser: str, system: str) -> str:
    """ "Chrome på Android"; one of them when only one is known; else an unknown device."""
    if browser and system:
        return gettext("%(browser)s på %(system)s", browser=browser, system=system)
    if browser or system:
        return browser or system
    return gettext("En ukendt browser")
