"""A page of the portal as a downloadable PDF document: the one place a route's template becomes
a response with a PDF in it.

The template extends `documents/base.html` (the language as `<html lang>`, the title, the
citizen's name, the day it was made and "Side x af y" on every page); `portal/services/pdf.py`
turns it into a tagged PDF/UA-1 file. The data comes from the services, as for the page itself.
"""

from __future__ import annotations

from flask import Response, render_template, request
from flask_babel import get_locale

from portal import clock
from portal.services import pdf as pdf_service


def pdf_download(template: str, filename: str, **context) -> Response:
    html = render_template(template, made_at=clock.now(), lang=str(get_locale() or "da"), **context)
    return Response(
        pdf_service.html_to_pdf(html, base_url=request.host_url),
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            # A document with personal data: not kept by shared caches or the browser's cache.
            "Cache-Control": "no-store",
        },
    )
