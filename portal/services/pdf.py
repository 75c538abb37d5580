"""Documents as tagged PDF (PDF/UA-1) with WeasyPrint: the one place HTML becomes a PDF.

The HTML given must carry the document's language (`<html lang>`), a `<title>` and real
headings; WeasyPrint then writes the structure tree, `/Lang` and the title into the PDF, so
screen readers read it in order. Plain Python: the caller renders the HTML.

A part in another language than the document's (`lang="da"` on what exists only in Danish, in
an English document) gets its own `/Lang` on its structure element, so a screen reader reads it
with Danish pronunciation as on the page (WCAG 3.1.2, PDF technique PDF19). WeasyPrint 70 writes
only the catalog's `/Lang` (it uses an element's `lang` for hyphenation alone), so
`_tag_with_language` adds the element's language where WeasyPrint builds the structure tree.
That hooks a private function of the pinned version: `tests/unit/test_pdf_language.py` fails if
an upgrade moves it, rather than the marks silently disappearing.
"""

from __future__ import annotations

import pydyf
import weasyprint
from weasyprint.pdf import tags as weasyprint_tags

VARIANT = "pdf/ua-1"

_build_box_tree = weasyprint_tags._build_box_tree


def _language(value) -> str | None:
    text = getattr(value, "string", value)
    return str(text).lower() if text else None


def _tag_with_language(box, parent, pdf, *args):
    """WeasyPrint's structure elements for `box`, each given `/Lang` when the box's language
    (its own or inherited `lang`) differs from the document's. Children get theirs from the
    recursive calls, which come back through here."""
    elements = _build_box_tree(box, parent, pdf, *args)
    style = getattr(getattr(box, "_box", box), "style", None)
    own = _language(style["lang"]) if style is not None else None
    if own is None or own == _language(pdf.catalog.get("Lang")):
        yield from elements
        return
    for element in elements:
        if "Lang" not in element:
            element["Lang"] = pydyf.String(own)
        yield element


weasyprint_tags._build_box_tree = _tag_with_language


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf(pdf_variant=VARIANT)
