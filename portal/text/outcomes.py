"""Plain sections as HTML: paragraphs, with each domain word linked to the glossary where it
first appears on the page (the link is the explanation UX.md asks for)."""

from __future__ import annotations

from flask import url_for
from flask_babel import get_locale
from markupsafe import Markup, escape

from portal.services.readability import domain_word_spans


def _linked(line: str, seen: list[str]) -> Markup:
    out, position = [], 0
    for start, end, anchor in domain_word_spans(line):
        if anchor in seen:
            continue
        seen.append(anchor)
        out.append(escape(line[position:start]))
        href = url_for("pages.glossary", _anchor=anchor)
        out.append(
            Markup('<a href="{}" class="glossary-link">{}</a>').format(href, line[start:end])
        )
        position = end
    out.append(escape(line[position:]))
    return Markup("").join(out)


def plain_paragraphs(text: str | None, seen: list[str] | None = None, link: bool = True) -> Markup:
    """One <p> per line; domain words linked once per page when `seen` is shared. The text is
    written in Danish only, so on an English page it is marked Danish (WCAG 3.1.2)."""
    seen = [] if seen is None else seen
    locale = get_locale()
    opening = Markup("<p>") if not locale or locale.language == "da" else Markup('<p lang="da">')
    paragraphs = []
    for line in (text or "").splitlines():
        if line.strip():
            body = _linked(line.strip(), seen) if link else escape(line.strip())
            paragraphs.append(opening + body + Markup("</p>"))
    return Markup("\n").join(paragraphs)
