"""Log-in through OpenID Connect: the authorization code flow with PKCE, `state` and `nonce`.

Two providers, each configured by its own PORTAL_* variables (portal/config.py): `citizen`
(MitID through a broker) and `staff` (the municipality's identity provider). Authlib's Flask
client keeps the pending log-in (state, nonce, PKCE verifier) in the session until the provider
sends the browser back; the ID token is then verified against the keys from the provider's
discovery document, with a little clock skew tolerated. Nothing else from the browser is
trusted: the person is found by the verified claims only (portal/services/login.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app
from joserfc.errors import JoseError
from requests import RequestException

from portal.models import LoginProvider
from portal.services.login import assurance_enough

log = logging.getLogger(__name__)

_EXTENSION = "portal_oidc"
_PREFIX = {LoginProvider.CITIZEN: "OIDC", LoginProvider.STAFF: "STAFF_OIDC"}


class LoginFailed(Exception):
    """The provider's answer could not be trusted or used; `reason` is for the audit trail."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason[:200]


@dataclass(frozen=True)
class VerifiedLogin:
    provider: LoginProvider
    subject: str
    claims: dict
    id_token: str


def _settings(app: Flask, provider: LoginProvider) -> dict[str, str]:
    prefix = _PREFIX[provider]
    return {
        "issuer": str(app.config.get(f"{prefix}_ISSUER") or "").rstrip("/"),
        "client_id": str(app.config.get(f"{prefix}_CLIENT_ID") or ""),
        "client_secret": str(app.config.get(f"{prefix}_CLIENT_SECRET") or ""),
        "scope": str(app.config.get(f"{prefix}_SCOPE") or "openid"),
    }


def install(app: Flask) -> None:
    """Register a client for every configured provider (none in a plain `make run`)."""
    oauth = OAuth(app)
    origins = []
    for provider in LoginProvider:
        settings = _settings(app, provider)
        if settings["issuer"] and settings["client_id"]:
            issuer = urlsplit(settings["issuer"])
            origins.append(f"{issuer.scheme}://{issuer.netloc}")
            oauth.register(
                provider.value,
                client_id=settings["client_id"],
                client_secret=settings["client_secret"] or None,
                server_metadata_url=f"{settings['issuer']}/.well-known/openid-configuration",
                client_kwargs={
                    "scope": settings["scope"],
                    "code_challenge_method": "S256",
                    "timeout": 10,
                },
            )
    app.extensions[_EXTENSION] = oauth
    # The browser is sent there by a form's redirect (log-in and log-out): allowed by the CSP.
    app.config["CSP_FORM_ACTION_ORIGINS"] = tuple(dict.fromkeys(origins))


def configured(provider: LoginProvider) -> bool:
    oauth = current_app.extensions[_EXTENSION]
    return oauth.create_client(provider.value) is not None


def _client(provider: LoginProvider):
    client = current_app.extensions[_EXTENSION].create_client(provider.value)
    if client is None:
        raise LoginFailed(f"{provider.value} provider not configured")
    return client


def _required_acr(provider: LoginProvider) -> str:
    """The assurance level a citizen's log-in must have (PORTAL_OIDC_ACR); none for staff."""
    if provider is not LoginProvider.CITIZEN:
        return ""
    return str(current_app.config.get("OIDC_ACR") or "").strip()


def start(provider: LoginProvider, redirect_uri: str, fresh_within: int | None = None):
    """The redirect to the provider's log-in; the pending state is kept in the session.
    `fresh_within` (seconds): ask for a new log-in, not a remembered one (step-up)."""
    extra = {"acr_values": acr} if (acr := _required_acr(provider)) else {}
    if fresh_within is not None:
        extra.update(prompt="login", max_age=str(fresh_within))
    try:
        return _client(provider).authorize_redirect(redirect_uri, **extra)
    except (OAuthError, RequestException, ValueError, KeyError) as error:
        log.warning("could not start a log-in at the %s provider: %s", provider.value, error)
        raise LoginFailed(f"provider unavailable: {type(error).__name__}") from error


def finish(provider: LoginProvider) -> VerifiedLogin:
    """Exchange the code the browser brought back and verify the ID token, or refuse."""
    client = _client(provider)
    settings = _settings(current_app, provider)
    claims_options = {
        "iss": {"essential": True, "values": [settings["issuer"]]},
        "aud": {"essential": True, "values": [settings["client_id"]]},
    }
    try:
        token = client.authorize_access_token(
            claims_options=claims_options, leeway=current_app.config["OIDC_LEEWAY_SECONDS"]
        )
    except (OAuthError, JoseError, RequestException, ValueError, KeyError, TypeError) as error:
        log.info(
            "a log-in through the %s provider was refused: %s",
            provider.value,
            getattr(error, "error", None) or type(error).__name__,  # a code, not the claims
        )
        raise LoginFailed(f"{type(error).__name__}: {error}") from error
    userinfo = token.get("userinfo")
    subject = userinfo.get("sub") if userinfo else None
    if not isinstance(subject, str) or not subject:
        raise LoginFailed("no verified ID token")
    required = _required_acr(provider)
    if required and not assurance_enough(userinfo.get("acr"), required):
        raise LoginFailed(f"acr {str(userinfo.get('acr'))[:80]!r} below {required!r}")
    return VerifiedLogin(provider, subject, dict(userinfo), token["id_token"])


def end_session_url(
    provider: LoginProvider, id_token: str | None, post_logout_redirect_uri: str
) -> str | None:
    """Where to send the browser to end the provider's session too, when the provider offers it."""
    if not configured(provider):
        return None
    client = _client(provider)
    try:
        if not client.load_server_metadata().get("end_session_endpoint"):
            return None
        return client.create_logout_url(
            post_logout_redirect_uri=post_logout_redirect_uri,
            id_token_hint=id_token,
            client_id=client.client_id,
        )["url"]
    except (OAuthError, RequestException, ValueError, KeyError, RuntimeError) as error:
        log.warning("no end-session redirect at the %s provider: %s", provider.value, error)
        return None
