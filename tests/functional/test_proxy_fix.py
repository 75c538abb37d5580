"""Behind a TLS proxy (PORTAL_PROXY_FIX=number of proxies): the portal builds its OpenID redirect
address from the public scheme and host, and counts rate limits per real client address. Without
the setting, forwarded headers are ignored (anyone could send them)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import app_variant
from tests.helpers import csrf_token
from tests.oidc_provider import running_provider

FORWARDED = {
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "enplan.aaby.example",
    "X-Forwarded-For": "198.51.100.20",
}


@pytest.fixture(scope="module")
def provider():
    with running_provider() as running:
        yield running


def _redirect_uri(app) -> str:
    client = app.test_client()
    token = csrf_token(client.get("/log-ind", headers=FORWARDED))
    # Over https Flask-WTF also wants a Referer from the same host, as a browser sends it.
    headers = {**FORWARDED, "Referer": "https://enplan.aaby.example/log-ind"}
    response = client.post("/log-ind/mitid", data={"csrf_token": token}, headers=headers)
    assert response.status_code == 302
    return parse_qs(urlsplit(response.location).query)["redirect_uri"][0]


def test_redirect_addresses_use_the_proxys_scheme_and_host(database_url, demo_data, provider):
    settings = provider.settings("OIDC")
    with app_variant(database_url, PROXY_FIX=1, **settings) as app:
        assert _redirect_uri(app) == "https://enplan.aaby.example/log-ind/mitid/retur"
    with app_variant(database_url, **settings) as app:
        client = app.test_client()
        token = csrf_token(client.get("/log-ind", headers=FORWARDED))
        response = client.post("/log-ind/mitid", data={"csrf_token": token}, headers=FORWARDED)
        redirect_uri = parse_qs(urlsplit(response.location).query)["redirect_uri"][0]
        assert redirect_uri == "http://localhost/log-ind/mitid/retur"


def _failed_logins(app, forwarded_for: str) -> list[int]:
    client = app.test_client()
    headers = {"X-Forwarded-For": forwarded_for}
    token = csrf_token(client.get("/log-ind", headers=headers))
    data = {"csrf_token": token, "subject": "nobody", "next": ""}
    return [client.post("/log-ind", data=data, headers=headers).status_code for _ in range(2)]


def test_rate_limits_count_the_real_client_address(database_url, demo_data):
    limits = {"RATELIMIT_ENABLED": True, "RATELIMIT_LOGIN": "2 per minute"}
    with app_variant(database_url, PROXY_FIX=1, **limits) as app:
        assert _failed_logins(app, "198.51.100.1") == [400, 400]
        assert _failed_logins(app, "198.51.100.2") == [400, 400]  # another person behind it
    with app_variant(database_url, **limits) as app:
        assert _failed_logins(app, "198.51.100.1") == [400, 400]
        assert _failed_logins(app, "198.51.100.2") == [429, 429]  # a forged header changes nothing
