"""Static files and compressed pages, the same under `flask run`, gunicorn and the tests.

- The built assets (scripts/build_assets.py) are served by WhiteNoise inside the WSGI app, with
  their precompressed brotli or gzip copy when the browser takes it, and cached for a year: each
  file's name carries a hash of its content, so a new build is a new URL.
- Templates name an asset by its logical name, `asset_url("portal.css")`; the manifest written by
  the build gives the hashed file.
- HTML and text answers are compressed by Flask-Compress, but only for requests the browser says
  come from the portal itself or from the person (typing the address, a bookmark): pages carry a
  CSRF token, and a compressed page answering a request another site started could let that site
  guess the token from the sizes (BREACH).
"""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask, current_app, request, url_for
from flask_compress import Compress
from whitenoise import WhiteNoise

STATIC = Path(__file__).resolve().parent.parent / "static"
DIST = STATIC / "dist"
MANIFEST = STATIC / "manifest.json"
ONE_YEAR = 31536000

# Static files never hold personal data or run scripts; their policy allows nothing to run.
STATIC_CSP = "; ".join(
    [
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)


class AssetsNotBuilt(RuntimeError):
    pass


def read_manifest() -> dict[str, str]:
    try:
        return json.loads(MANIFEST.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AssetsNotBuilt(
            f"{MANIFEST} is missing: build the assets with `make setup` "
            "(or `.venv/bin/python scripts/build_assets.py` after `npm ci`)"
        ) from None


def asset_url(name: str) -> str:
    """The URL of a built asset by its logical name, e.g. "portal.css" or "htmx.js"."""
    manifest = current_app.extensions["asset_manifest"]
    return url_for("static", filename=manifest[name])


def logo_url(file_name: str | None) -> str | None:
    """The built logo's URL, or None when none is configured or the named file was not built
    (then the header names the municipality in text only, rather than showing a broken image)."""
    manifest = current_app.extensions["asset_manifest"]
    name = f"org/{file_name}" if file_name else None
    return url_for("static", filename=manifest[name]) if name in manifest else None


def _static_headers(secure_transport: bool):
    def add(headers, path: str, url: str) -> None:
        headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
        headers["Content-Security-Policy"] = STATIC_CSP
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        headers["X-Frame-Options"] = "DENY"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if secure_transport:
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"

    return add


def _compress_own_requests(response):
    """Compress the answer when the request came from the portal or from the person."""
    # Sec-Fetch-Site is sent by every current browser; "same-origin" is a click inside the
    # portal, "none" an address typed or a bookmark. Without it (curl, an old browser), the
    # answer goes uncompressed, which is safe.
    if request.headers.get("Sec-Fetch-Site") in ("same-origin", "none"):
        return current_app.extensions["compress"].after_request(response)
    return response


def install(app: Flask) -> None:
    app.extensions["asset_manifest"] = read_manifest()
    app.jinja_env.globals["asset_url"] = asset_url
    app.jinja_env.globals["logo_url"] = logo_url
    app.wsgi_app = WhiteNoise(
        app.wsgi_app,
        root=str(DIST),
        prefix="static/",
        max_age=ONE_YEAR,
        allow_all_origins=False,
        add_headers_function=_static_headers(app.config["SECURE_TRANSPORT"]),
    )
    app.config.setdefault("COMPRESS_REGISTER", False)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_MIMETYPES", ["text/html", "text/plain", "application/json"])
    app.extensions["compress"] = Compress(app)
    # Registered first, so it runs last: the security headers and the unit of work see the page
    # before it is compressed.
    app.after_request(_compress_own_requests)
