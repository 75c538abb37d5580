"""A page of the portal as a downloadable file: the one place a route's template becomes a
response with a PDF in it, and where every download answers a HEAD request.

The template extends `documents/base.html` (the language as `<html lang>`, the title, the
citizen's name, the day it was made and "Side x af y" on every page); `portal/services/pdf.py`
turns it into a tagged PDF/UA-1 file. The data comes from the services, as for the page itself.

A HEAD request asks for a file's headers only. Flask would run the whole view and drop the body;
here nothing is built, and nothing is handed out, so the request leaves no "allowed" audit row (no
download row, no page view): `headers_only`. The guard has already decided before any view runs,
so a HEAD that is not allowed is refused and recorded exactly like a GET, and the route's own
look-ups (an unknown or someone else's id) still answer their audited 404 before the HEAD is.
"""

from __future__ import annotations

from flask import Response, render_template, request
from flask_babel import get_locale

from portal import clock
from portal.services import pdf as pdf_service
from portal.web import guard


def language() -> str:
    return str(get_locale() or "da")


def only_headers_asked() -> bool:
    return request.method == "HEAD"


def _attachment(body, mimetype: str, filename: str) -> Response:
    return Response(
        body,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            # A document with personal data: not kept by shared caches or the browser's cache.
            "Cache-Control": "no-store",
        },
    )


def headers_only(mimetype: str, filename: str) -> Response:
    """The answer to a HEAD of a download: its headers, no file, and no allowed audit row."""
    guard.nothing_handed_out()
    response = _attachment(b"", mimetype, filename)
    # The length of a file never built is unknown: say nothing rather than 0.
    response.automatically_set_content_length = False
    response.headers.pop("Content-Length", None)
    return response


def file_download(body: str | bytes, mimetype: str, filename: str) -> Response:
    return _attachment(body, mimetype, filename)


def pdf_download(template: str, filename: str, **context) -> Response:
    if only_headers_asked():
        return headers_only("application/pdf", filename)
    html = render_template(template, made_at=clock.now(), lang=language(), **context)
    return _attachment(
        pdf_service.html_to_pdf(html, base_url=request.host_url), "application/pdf", filename
    )
