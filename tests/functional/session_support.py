"""Apps whose sessions live in the database or in Redis, for the session and rate limit tests.

Redis is used when PORTAL_TEST_REDIS_URL points at a server (CI sets it when one answers on
127.0.0.1:6379). Each app gets a key prefix of its own, and its keys are deleted afterwards, so
runs sharing one Redis never see each other's sessions or counters.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.conftest import app_variant

REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL")
STORES = ["database", "redis"]
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="PORTAL_TEST_REDIS_URL is not set")
COOKIE = "enplan_session"
CHROME_ON_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
FIREFOX_ON_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
)


def forget_prefix(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    client.close()


@contextmanager
def redis_app(database_url: str, prefix: str | None = None, **overrides) -> Iterator:
    """An app on the test database whose sessions (and rate limits) live in Redis."""
    prefix = prefix or f"enplan-test-{uuid.uuid4().hex[:10]}"
    try:
        with app_variant(
            database_url, REDIS_URL=REDIS_URL, REDIS_PREFIX=prefix, **overrides
        ) as app:
            yield app
    finally:
        forget_prefix(prefix)


def store_param(request, app, database_url):
    """For a fixture parametrised over STORES: the app to use (skips redis without a server)."""
    if request.param == "database":
        yield app
        return
    if not REDIS_URL:
        pytest.skip("PORTAL_TEST_REDIS_URL is not set")
    with redis_app(database_url) as redis_backed:
        yield redis_backed


def session_cookie(client) -> str | None:
    cookie = client.get_cookie(COOKIE)
    return cookie.value if cookie is not None else None
