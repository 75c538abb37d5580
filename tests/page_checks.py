"""What every response of the portal keeps, checked on every response the functional tests get.

`CheckingClient` is the Flask test client of every test app (tests/conftest.py): each response it
receives has the security headers, and each HTML page keeps the page invariants (one h1, a title,
`lang`, unique ids, forms with an action and a CSRF token, ...). Full pages from GET requests are
also kept, once per distinct page, for the W3C Nu Html Checker that validates them all in one
batch at the end of the run (tests/functional/conftest.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from portal.text.glossary import TERMS

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
GLOSSARY_ANCHORS = {anchor for anchor, _, _ in TERMS}
ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def check_headers(response, *, personal: bool = True) -> None:
    """The security headers every response carries (portal/web/security.py)."""
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    assert "camera=()" in response.headers.get("Permissions-Policy", "")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "form-action 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self' 'nonce-" in csp
    if personal:
        assert response.headers.get("Cache-Control") == "no-store"


def check_static_headers(response) -> None:
    """A built asset served by WhiteNoise (portal/web/static_files.py): the same headers, a
    policy that lets nothing run, and a year's caching (its name changes with its content)."""
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    assert "camera=()" in response.headers.get("Permissions-Policy", "")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src" not in csp and "unsafe-inline" not in csp
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Set-Cookie" not in response.headers


def check_page(response) -> BeautifulSoup:
    """Invariants every HTML page keeps; returns the parsed page for more assertions."""
    assert response.mimetype == "text/html"
    page = soup(response)
    html = page.find("html")
    assert html is not None and html.get("lang") in {"da", "en"}, "html needs a lang"
    title = page.find("title")
    assert title is not None and title.get_text(strip=True), "the page needs a title"
    assert len(page.find_all("h1")) == 1, "exactly one h1"
    assert page.find("main") is not None, "a main landmark"
    assert page.find("a", class_="skipnav") is not None, "a skip link"
    assert page.find(class_="help-box") is not None, "the help box on every page"
    ids = [tag["id"] for tag in page.find_all(id=True)]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    _check_forms(page)
    for script in page.find_all("script"):
        assert script.get("src"), "no inline scripts"
        assert script.get("nonce"), "scripts carry the CSP nonce"
    assert page.find(attrs={"style": True}) is None, "no inline styles (CSP)"
    _check_glossary_links(page)
    check_headers(response)
    return page


def _check_forms(page: BeautifulSoup) -> None:
    for form in page.find_all("form"):
        assert form.get("action"), f"form without action: {str(form)[:300]}"
        if form.get("method", "get").lower() == "post":
            assert form.find("input", attrs={"name": "csrf_token"}), (
                f"POST form without CSRF: {str(form)[:300]}"
            )


def _check_glossary_links(page: BeautifulSoup) -> None:
    for link in page.find_all("a", href=re.compile(r"^/ordforklaring#")):
        target = link["href"].split("#", 1)[1]
        assert target in GLOSSARY_ANCHORS, f"glossary link to a word it does not explain: {target}"


def is_fragment(response) -> bool:
    """An htmx answer: a piece of a page, swapped into the page the browser already has."""
    return bool(response.request.headers.get("HX-Request"))


class CheckingClient(FlaskClient):
    """The Flask test client, checking every response it receives."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        check_response(response)
        return response


def check_response(response) -> None:
    static = response.request.path.startswith("/static/")
    if static and response.status_code in (200, 304):
        check_static_headers(response)
    else:
        check_headers(response, personal=not static)
    if response.mimetype != "text/html" or response.status_code in (204, 304):
        return
    if 300 <= response.status_code < 400:
        return  # a redirect's body is never shown
    if response.request.method == "HEAD":
        return  # headers only (checked above): there is no page
    if is_fragment(response):
        return
    if "Content-Encoding" in response.headers:
        return  # tests/functional/test_assets.py asked for it compressed; the same page is checked uncompressed elsewhere
    PAGES.check(response)


class PageCollection:
    """Distinct full pages rendered by GET, written to a folder for one run of the checker."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.checked: set[str] = set()  # hashes of pages whose invariants were checked
        self.seen: dict[str, str] = {}  # hash -> file name, for GET pages
        self.origin: dict[str, str] = {}  # file name -> "GET /path (test)"

    def check(self, response) -> None:
        """Check the page's invariants (once per distinct page: the same markup keeps the same
        invariants) and keep it for the checker when a GET rendered it."""
        body = response.get_data(as_text=True)
        digest = hashlib.sha256(_without_per_request_values(body).encode()).hexdigest()
        if digest not in self.checked:
            check_page(response)
            self.checked.add(digest)
        if response.request.method == "GET" and digest not in self.seen:
            self._keep(body, digest, response)

    def _keep(self, body: str, digest: str, response) -> None:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="portal-pages-"))
        name = f"page-{len(self.seen):04d}.html"
        (self.folder / name).write_text(body, encoding="utf-8")
        self.seen[digest] = name
        test = os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0]
        self.origin[name] = f"GET {response.request.full_path.rstrip('?')} ({test})"

    def validate(self) -> list[str]:
        """The checker's errors over all kept pages, one line each (empty: all valid)."""
        if self.folder is None:
            return []
        java = shutil.which("java")
        assert java, "Java is missing: `make test` installs default-jre-headless"
        assert VNU_JAR.exists(), f"{VNU_JAR} is missing: `make setup` runs npm ci"
        run = subprocess.run(
            [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout"]
            + [str(self.folder / name) for name in sorted(self.origin)],
            capture_output=True,
            text=True,
            check=False,
        )
        messages = json.loads(run.stdout or '{"messages": []}')["messages"]
        errors = []
        for message in messages:
            name = Path(message.get("url", "")).name
            where = self.origin.get(name, name)
            line = message.get("lastLine", "?")
            errors.append(f"{where}, line {line}: {message['message']}")
        assert run.returncode == 0 or errors, run.stderr[-2000:]
        return errors

    def clear(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.__init__()


def _without_per_request_values(body: str) -> str:
    """The page with its CSP nonce and CSRF tokens blanked: they differ on every request and
    change nothing about the markup's validity."""
    body = re.sub(r'nonce="[^"]*"', 'nonce=""', body)
    body = re.sub(r'(name="csrf_token"[^>]*value=)"[^"]*"', r'\1""', body)
    return re.sub(r'("X-CSRFToken": )"[^"]*"', r'\1""', body)


PAGES = PageCollection()
