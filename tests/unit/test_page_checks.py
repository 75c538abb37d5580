"""The checks the test client runs on every page can fail: each broken invariant is caught."""

import pytest
from werkzeug.wrappers import Response

from tests.page_checks import check_page

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Content-Security-Policy": "script-src 'self' 'nonce-x'; form-action 'self'; "
    "frame-ancestors 'none'",
    "Cache-Control": "no-store",
}
PAGE = """<!DOCTYPE html><html lang="da"><head><title>Min plan</title></head><body>
<a class="skipnav" href="#main">Gå til indhold</a><main id="main"><h1>Min plan</h1>
<p><a href="/ordforklaring#afgoerelse">afgørelse</a></p>
<form method="post" action="/moede/samtykke"><input type="hidden" name="csrf_token" value="t">
</form></main><aside class="help-box"></aside></body></html>"""


def _response(body=PAGE, **headers):
    return Response(body, mimetype="text/html", headers={**HEADERS, **headers})


def test_a_good_page_passes():
    assert check_page(_response()).h1.get_text() == "Min plan"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('<html lang="da">', "<html>"),
        ("<title>Min plan</title>", "<title> </title>"),
        ("<h1>Min plan</h1>", "<h1>Min plan</h1><h1>Igen</h1>"),
        ('<aside class="help-box">', '<aside class="help-box" id="main">'),
        ('<input type="hidden" name="csrf_token" value="t">', ""),
        (' action="/moede/samtykke"', ""),
        ("#afgoerelse", "#findes-ikke"),
        ("</main>", '<script src="/x.js"></script></main>'),
    ],
)
def test_a_broken_invariant_is_caught(old, new):
    assert old in PAGE
    with pytest.raises(AssertionError):
        check_page(_response(PAGE.replace(old, new)))


def test_missing_security_headers_are_caught():
    with pytest.raises(AssertionError):
        check_page(_response(**{"X-Frame-Options": "SAMEORIGIN"}))
    with pytest.raises(AssertionError):
        check_page(_response(**{"Cache-Control": "max-age=60"}))


def test_pages_that_differ_only_in_nonce_and_csrf_token_are_one_page_for_the_checker():
    from tests.page_checks import _without_per_request_values as normalised

    def page(nonce, token):
        return (
            f'<body data-hx-headers=\'{{"X-CSRFToken": "{token}"}}\'>'
            f'<script src="/a.js" nonce="{nonce}"></script>'
            f'<input type="hidden" name="csrf_token" value="{token}"></body>'
        )

    assert normalised(page("n1", "t1")) == normalised(page("n2", "t2"))
    assert normalised(page("n1", "t1")) != normalised(page("n1", "t1").replace("a.js", "b.js"))
