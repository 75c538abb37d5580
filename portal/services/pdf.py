"""Documents as tagged PDF (PDF/UA-1) with WeasyPrint: the one place HTML becomes a PDF.

The HTML given must carry the document's language (`<html lang>`), a `<title>` and real
headings; WeasyPrint then writes the structure tree, `/Lang` and the title into the PDF, so
screen readers read it in order. Plain Python: the caller renders the HTML.
"""

from __future__ import annotations

import weasyprint

VARIANT = "pdf/ua-1"


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf(pdf_variant=VARIANT)
