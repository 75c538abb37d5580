"""Security headers on every response: a nonce-based CSP, and no caching of personal data."""

from __future__ import annotations

import secrets

from flask import Flask, current_app, g, request


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def _content_security_policy(nonce: str) -> str:
    # The log-in and log-out forms are answered with a redirect to the OpenID provider, which
    # form-action covers too (portal/web/oidc.py names the providers' origins).
    form_action = " ".join(["'self'", *current_app.config.get("CSP_FORM_ACTION_ORIGINS", ())])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            f"form-action {form_action}",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


def _set_headers(response):
    headers = response.headers
    headers["Content-Security-Policy"] = _content_security_policy(csp_nonce())
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if current_app.config["SECURE_TRANSPORT"]:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if request.endpoint != "static" and not request.path.startswith("/static/"):
        # Pages may show personal data: never keep them in a shared or back-button cache.
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    return response


def install(app: Flask) -> None:
    app.after_request(_set_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
