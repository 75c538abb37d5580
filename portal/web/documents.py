"""Files to download: the one way every download is answered (`file_download`: a PDF, the JSON
of "Hent dine oplysninger", a plain-text receipt, a calendar file; each with `Content-Language`,
the reader's language it is written in), and the one place a route's template becomes a PDF.

The template extends `documents/base.html` (the language as `<html lang>`, the title, the
citizen's name, the day it was made and "Side x af y" on every page); `portal/services/pdf.py`
turns it into a tagged PDF/UA-1 file. The data comes from the services, as for the page itself.

A HEAD request asks for a file's headers only. Flask would run the whole view and drop the body;
here nothing is built, and nothing is handed out, so the request leaves no "allowed" audit row (no
download row, no page view): `_headers_only`. The guard has already decided before any view runs,
so a HEAD that is not allowed is refused and recorded exactly like a GET, and the route's own
look-ups (an unknown or someone else's id) still answer their audited 404 before the HEAD is.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, render_template, request
from flask_babel import get_locale

from portal import clock
from portal.services import pdf as pdf_service
from portal.web import guard


def language() -> str:
    return str(get_locale() or "da")


def _only_headers_asked() -> bool:
    return request.method == "HEAD"


def _attachment(body, mimetype: str, filename: str) -> Response:
    return Response(
        body,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            # A document with personal data: not kept by shared caches or the browser's cache.
            "Cache-Control": "no-store",
            # Every file is written in the reader's language (a PDF says it inside as well; a
            # text, calendar or JSON file cannot). What exists only in Danish stays Danish: a
            # PDF marks it, a plain-text receipt names it in its label (README, Known gaps).
            "Content-Language": language(),
        },
    )


def _headers_only(mimetype: str, filename: str) -> Response:
    """The answer to a HEAD of a download: its headers, no file, and no allowed audit row."""
    guard.nothing_handed_out()
    response = _attachment(b"", mimetype, filename)
    # The length of a file never built is unknown: say nothing rather than 0.
    response.automatically_set_content_length = False
    response.headers.pop("Content-Length", None)
    return response


def file_download(mimetype: str, filename: str, build: Callable[[], str | bytes]) -> Response:
    """The one way a route answers with a file to download (PDF, JSON, plain text, calendar).

    The route first looks up what it needs for the file's name (its own audited 404s come from
    there); `build` then makes the file and is called only when the file is asked for, so a HEAD
    builds nothing and leaves no allowed row (`_headers_only`). Side effects of handing the file
    out (e.g. naming the download in the audit row) belong inside `build` for the same reason."""
    if _only_headers_asked():
        return _headers_only(mimetype, filename)
    return _attachment(build(), mimetype, filename)


def pdf_file(template: str, **context) -> bytes:
    """The template as a tagged PDF (for a `build` that must look things up first)."""
    html = render_template(template, made_at=clock.now(), lang=language(), **context)
    return pdf_service.html_to_pdf(html, base_url=request.host_url)


def pdf_download(template: str, filename: str, **context) -> Response:
    return file_download("application/pdf", filename, lambda: pdf_file(template, **context))
