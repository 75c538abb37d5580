"""One URL serves a whole page, or just one named block of it when htmx asked.

Everything htmx-specific goes through this module, through public APIs only:
- htmx-flask (the stack the portal was specified with; a small 0.1.0 package from 2022)
  recognises htmx requests (`is_htmx`) and sets htmx response headers (`response`);
- jinja2-fragments renders one named block of a page template (`render_block`).
Replacing either touches this module alone.
"""

from __future__ import annotations

from flask import Flask, Response, render_template
from htmx_flask import Htmx
from htmx_flask import make_response as htmx_make_response
from htmx_flask import request as htmx_request
from jinja2_fragments.flask import render_block


def install(app: Flask) -> None:
    """Let requests tell whether htmx sent them."""
    Htmx(app)


def is_htmx() -> bool:
    return bool(getattr(htmx_request, "htmx", False))


def render(template: str, block: str | None = None, **context) -> str:
    """Render the page, or only `block` of it for an htmx request."""
    if block and is_htmx():
        return render_block(template, block, **context)
    return render_template(template, **context)


def response(*args, **htmx_headers) -> Response:
    """A response with htmx response headers, e.g. `response(body, trigger="saved")`."""
    return htmx_make_response(*args, **htmx_headers)
