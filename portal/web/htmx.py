"""One URL serves a whole page, or just one named block of it when htmx asked.

Everything htmx-specific goes through here, so the htmx-flask dependency can be swapped.
"""

from __future__ import annotations

from flask import current_app, render_template
from htmx_flask import request as htmx_request


def is_htmx() -> bool:
    return bool(getattr(htmx_request, "htmx", False))


def render(template: str, block: str | None = None, **context) -> str:
    """Render the page, or only `block` of it for an htmx request."""
    if block and is_htmx():
        tmpl = current_app.jinja_env.get_template(template)
        ctx = tmpl.new_context(_template_context(context))
        return "".join(tmpl.blocks[block](ctx))
    return render_template(template, **context)


def _template_context(context: dict) -> dict:
    full = dict(context)
    current_app.update_template_context(full)
    return full
