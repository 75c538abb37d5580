"""The built assets as the browser gets them: named by content, cached for a year, compressed,
only what a page uses; and pages compressed, but only for requests the portal itself started.
(The bytes a browser actually receives are budgeted in tests/e2e/test_page_weight.py.)"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
from pathlib import Path

import brotli
import pytest

from portal.web.static_files import DIST, MANIFEST
from tests.helpers import login, soup
from tests.page_checks import check_static_headers

ROOT = Path(__file__).resolve().parents[2]
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Accept-Encoding": "br, gzip"}


def head_assets(client, path: str) -> dict[str, list[str]]:
    page = soup(client.get(path))
    return {
        "stylesheet": [link["href"] for link in page.select('link[rel="stylesheet"]')],
        "preload": [link["href"] for link in page.select('link[rel="preload"]')],
        "script": [script["src"] for script in page.select("script[src]")],
        "hx": [tag.name for tag in page.select("[data-hx-headers]")],
    }


def test_a_page_loads_one_stylesheet_and_preloads_one_font(client):
    assets = head_assets(client, "/hjaelp")
    assert len(assets["stylesheet"]) == 1
    assert re.fullmatch(r"/static/portal\.[0-9a-f]{12}\.css", assets["stylesheet"][0])
    assert len(assets["preload"]) == 1
    assert re.fullmatch(r"/static/fonts/plex-sans-400\.[0-9a-f]{12}\.woff2", assets["preload"][0])
    assert assets["script"] == []  # not logged in: no session timer, no htmx


def test_htmx_only_on_the_pages_that_use_it(client):
    login(client, "demo-hanne")
    plan = head_assets(client, "/plan")
    assert not any("htmx" in src for src in plan["script"]) and plan["hx"] == []
    assert any("/static/session." in src for src in plan["script"])
    booking = head_assets(client, "/samtaler/book")
    assert any(re.fullmatch(r"/static/htmx\.[0-9a-f]{12}\.js", src) for src in booking["script"])
    assert booking["hx"] == ["body"]  # the CSRF header for htmx's requests
    page = soup(client.get("/samtaler/book"))
    assert page.select_one('meta[name="htmx-config"]') is not None
    assert page.select_one('script[src*="htmx"]').has_attr("defer")


def test_assets_are_immutable_and_precompressed(client):
    css_url = head_assets(client, "/hjaelp")["stylesheet"][0]
    plain = client.get(css_url)
    check_static_headers(plain)
    assert plain.headers.get("Content-Encoding") is None
    body = plain.get_data()
    plain.close()
    br = client.get(css_url, headers={"Accept-Encoding": "gzip, br"})
    assert br.headers["Content-Encoding"] == "br" and "Accept-Encoding" in br.headers["Vary"]
    assert brotli.decompress(br.get_data()) == body
    assert len(br.get_data()) < len(body) / 5
    br.close()
    gz = client.get(css_url, headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip" and gzip.decompress(gz.get_data()) == body
    gz.close()
    font = client.get(head_assets(client, "/hjaelp")["preload"][0])
    check_static_headers(font)
    assert font.mimetype == "font/woff2" and font.get_data()[:4] == b"wOF2"
    font.close()


def test_the_stylesheet_brings_swap_fonts_a_matched_fallback_and_no_outside_files(client):
    css_url = head_assets(client, "/hjaelp")["stylesheet"][0]
    response = client.get(css_url)
    css = response.get_data(as_text=True)
    response.close()
    faces = re.findall(r"@font-face\{[^}]*\}", css)
    plex = [face for face in faces if "'IBM Plex Sans'" in face]
    assert sorted(re.search(r"font-weight:(\d+)", face).group(1) for face in plex) == [
        "400",
        "600",
        "700",
    ]
    assert all("font-display:swap" in face and "format('woff2')" in face for face in plex)
    assert all("unicode-range:" in face for face in plex)
    fallback = next(face for face in faces if "IBM Plex Sans Fallback" in face)
    for descriptor in ("size-adjust", "ascent-override", "descent-override"):
        assert f"{descriptor}:" in fallback
    assert "'IBM Plex Sans','IBM Plex Sans Fallback'" in css.replace('"', "'").replace(", ", ",")
    # Every url() is a data: URL or a hashed file next to the stylesheet that is really served.
    for url in re.findall(r'url\("?([^")]+)"?\)', css):
        if url.startswith("data:"):
            continue
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", url), url
        served = client.get("/static/" + url)
        assert served.status_code == 200, url
        served.close()


def test_pages_are_compressed_only_for_the_portals_own_requests(client):
    login(client, "demo-hanne")
    own = client.get("/plan", headers=SAME_ORIGIN)
    assert own.status_code == 200 and own.headers["Content-Encoding"] == "br"
    html = brotli.decompress(own.get_data()).decode()
    assert "<h1>Min plan</h1>" in html
    assert own.headers["Cache-Control"] == "no-store"  # the security headers stay
    assert "script-src 'self' 'nonce-" in own.headers["Content-Security-Policy"]
    typed = client.get("/plan", headers={"Sec-Fetch-Site": "none", "Accept-Encoding": "gzip"})
    assert typed.headers["Content-Encoding"] == "gzip"
    # A request another site started (a link, a form, an image): never compressed, so the
    # size of an answer cannot leak the CSRF token (BREACH).
    foreign = client.get("/plan", headers={**SAME_ORIGIN, "Sec-Fetch-Site": "cross-site"})
    assert "Content-Encoding" not in foreign.headers
    old = client.get("/plan", headers={"Accept-Encoding": "br, gzip"})
    assert "Content-Encoding" not in old.headers


def test_the_build_output_is_listed_in_the_manifest_and_kept_out_of_git():
    names = set(json.loads(MANIFEST.read_text()).values())
    for name in names:
        assert (DIST / name).is_file(), name
    # Built by the set-up from package-lock.json and portal/assets/, never committed.
    assert "portal/static/" in (ROOT / ".gitignore").read_text().splitlines()


@pytest.fixture(scope="module")
def whole_dkfds() -> str:
    """All of DKFDS compiled, to learn which classes it styles."""
    result = subprocess.run(
        [
            "node",
            str(ROOT / "node_modules/sass/sass.js"),
            "--no-source-map",
            "--style=compressed",
            "--quiet",
            f"--load-path={ROOT / 'node_modules/dkfds/src/stylesheets'}",
            str(ROOT / "node_modules/dkfds/src/stylesheets/dkfds-borgerdk.scss"),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def template_classes() -> set[str]:
    classes = set()
    for template in (ROOT / "portal/templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for value in re.findall(r'(?:class|extra_class|list_class|legend_class)="([^"]*)"', text):
            value = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", value)
            classes |= {c for c in value.split() if re.fullmatch(r"[a-z][a-z0-9_-]*", c)}
    # Classes the macros build from a value (alerts.html, forms.html).
    classes |= {f"alert-{kind}" for kind in ("info", "success", "warning", "error")}
    classes |= {"button-primary", "button-secondary", "form-radio", "form-checkbox"}
    classes |= {"radio-large", "checkbox-large", "form-error", "form-select"}
    return classes


def selectors(css: str) -> set[str]:
    """Every selector of every rule (split at the commas between selectors)."""
    found = set()
    for rule in re.finditer(r"([^{}@;]+)\{", css):
        found |= {part.strip() for part in rule.group(1).split(",") if part.strip()}
    return found


def test_every_dkfds_rule_for_the_templates_classes_is_in_the_stylesheet(client, whole_dkfds):
    """portal/assets/styles/main.scss picks DKFDS modules by hand. Every rule of the whole of
    DKFDS whose selector names only classes the templates use must be in the portal's stylesheet
    too (a select without DKFDS's dropdown module, say, would lose its look and focus outline)."""
    response = client.get(head_assets(client, "/hjaelp")["stylesheet"][0])
    ours = selectors(response.get_data(as_text=True))
    response.close()
    used = template_classes()
    missing = sorted(
        selector
        for selector in selectors(whole_dkfds) - ours
        if (names := set(re.findall(r"\.([\w-]+)", selector))) and names <= used
    )
    assert missing == [], f"add their DKFDS modules to portal/assets/styles/main.scss: {missing}"
