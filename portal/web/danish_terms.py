"""The Danish domain words that English texts keep (WCAG 3.1.2), marked after translation.

The English translations keep the Danish word a citizen meets in their letters, in brackets
("decision (afgørelse)") or on its own ("your fuldmagt"). On an English page a screen reader
would read it with English rules, so `mark_terms` wraps each such word in `<span lang="da">`.
Doing it after translation keeps every msgid, the Danish pages and the translators' work as they
are, and keeps the words in one place (the domain words, below) instead of a placeholder in some
50 sentences.

Only for text shown in the HTML body: the `danish_terms` filter goes on those uses alone. A
<title>, an attribute, an e-mail, an SMS, a plain-text receipt or a calendar file gets the
translation as it is (a span there would be shown as text or break the attribute).
"""

from __future__ import annotations

import re

from flask_babel import get_locale
from markupsafe import Markup, escape

from portal.text.domain_words import WORDS

# The domain words (portal/text/domain_words.py, the one list the glossary explains) with every
# form that starts with them ("fuldmagter", "afgørelsen"), and the Danish names of an authority and
# of laws that English texts keep. Not "plan": it is an English word too. Brand names such as MitID
# read the same in any language.
ENGLISH_TOO = frozenset({"plan"})
NAMES = ("Ankestyrelsen", "arkivloven", "databeskyttelsesloven")
TERMS = tuple(w.forms for w in WORDS if w.word not in ENGLISH_TOO) + tuple(n.lower() for n in NAMES)

# Whole words only, any case ("Fuldmagter" as a heading), the longest first.
_WORD = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(t) for t in sorted(TERMS, key=len, reverse=True))
    + r")(\w*)(?![\w-])",
    re.IGNORECASE,
)
# A tag of markup passed in (a name or an example already marked with the `da` filter): kept
# whole, so that a word is never marked inside an attribute.
_TAG = re.compile(r"(<[^>]*>)")


def mark_terms(text, language: str | None = None) -> Markup | None:
    """`text` escaped (Markup passed in stays as it is), with each Danish domain word wrapped
    in `<span lang="da">` when the page is not Danish. On a Danish page the text is unchanged.
    None and "" stay as they are, so `{% if hint %}` and "value or none" keep working."""
    if text is None or text == "":
        return text
    if language is None:
        locale = get_locale()
        language = locale.language if locale else "da"
    escaped = escape(text)
    if language == "da":
        return escaped
    parts = _TAG.split(str(escaped))
    # After escape() the only "<" left belong to tags of Markup passed in: the odd parts.
    for i in range(0, len(parts), 2):
        parts[i] = _WORD.sub(r'<span lang="da">\1\2</span>', parts[i])
    return Markup("".join(parts))  # noqa: S704 - escaped above; only whole words wrapped
