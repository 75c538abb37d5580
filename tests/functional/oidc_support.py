"""Logging in through a real OpenID provider (tests/oidc_provider.py) with the Flask test client:
the client plays the browser on the portal's side, `requests` on the provider's side."""

from __future__ import annotations

from urllib.parse import urlsplit

import requests
from sqlalchemy import select

from portal.models import AuditEvent
from tests.helpers import csrf_token

START = {"citizen": "/log-ind/mitid", "staff": "/log-ind/medarbejder"}


def to_provider(client, provider: str = "citizen") -> str:
    """Press the provider's button on /log-ind; returns the provider's authorization URL."""
    token = csrf_token(client.get("/log-ind"))
    response = client.post(START[provider], data={"csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return response.location


def authorize(authorization_url: str, subject: str) -> str:
    """Log in at the provider as `subject`; returns the portal path (with code and state) the
    provider sends the browser back to."""
    response = requests.post(
        authorization_url, data={"sub": subject}, allow_redirects=False, timeout=10
    )
    assert response.status_code == 302, response.text[:300]
    back = urlsplit(response.headers["Location"])
    return f"{back.path}?{back.query}"


def log_in(client, subject: str, provider: str = "citizen"):
    """The whole round trip; returns the portal's answer to the provider's redirect."""
    return client.get(authorize(to_provider(client, provider), subject))


def signed_in(client) -> bool:
    response = client.get("/")
    return not (response.status_code == 302 and "/log-ind" in response.location)


def last_login_rows(session, since_id: int) -> list[AuditEvent]:
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.id > since_id, AuditEvent.action.like("auth.login%"))
            .order_by(AuditEvent.id)
        )
    )
