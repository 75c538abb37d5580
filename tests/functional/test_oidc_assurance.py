"""PORTAL_OIDC_ACR: the portal asks the citizens' provider for the assurance level and refuses,
calmly, an ID token whose `acr` is missing or lower (the provider's `acr` set per subject)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from portal.services.login import assurance_enough
from tests.conftest import app_variant
from tests.functional.oidc_support import (
    authorize,
    last_login_rows,
    log_in,
    signed_in,
    to_provider,
)
from tests.oidc_provider import running_provider

NSIS = "https://data.gov.dk/concept/core/nsis/loa/"


@pytest.fixture(scope="module")
def provider():
    with running_provider() as provider:
        yield provider


@pytest.fixture
def web(database_url, demo_data, provider):
    settings = {**provider.settings("OIDC"), "OIDC_ACR": f"{NSIS}Substantial"}
    with app_variant(database_url, **settings) as app:
        yield app.test_client()


def test_the_level_is_asked_for(web):
    query = parse_qs(urlsplit(to_provider(web)).query)
    assert query["acr_values"] == [f"{NSIS}Substantial"]


@pytest.mark.parametrize(
    ("acr", "let_in"),
    [
        (f"{NSIS}Substantial", True),
        (f"{NSIS}High", True),
        (f"{NSIS}Low", False),
        ("", False),
        (None, False),
    ],
)
def test_a_log_in_below_the_level_is_refused(web, provider, read_db, acr, let_in):
    provider.set_claims("demo-sofie", {} if acr is None else {"acr": acr})
    response = log_in(web, "demo-sofie")
    assert response.status_code == (302 if let_in else 400)
    assert signed_in(web) is let_in
    # Either way the attempt is in the audit trail: a log-in, or a refused one naming the level.
    rows = read_db(lambda s: [(r.outcome, r.detail) for r in last_login_rows(s, 0)])
    assert len(rows) == 1, rows
    if let_in:
        assert rows[0] == ("allowed", "oidc:citizen")
    else:
        assert rows[0][0] == "refused" and "acr" in rows[0][1] and "below" in rows[0][1]


def test_staff_log_in_is_not_held_to_the_citizens_level(database_url, demo_data, provider):
    settings = {**provider.settings("STAFF_OIDC"), "OIDC_ACR": f"{NSIS}High"}
    with app_variant(database_url, **settings) as app:
        web = app.test_client()
        assert "acr_values" not in to_provider(web, "staff")
        assert log_in(web, "demo-rikke", provider="staff").status_code == 302


@pytest.mark.parametrize(
    ("acr", "required", "enough"),
    [
        (f"{NSIS}High", f"{NSIS}Substantial", True),
        ("urn:broker:loa:substantial", f"{NSIS}Substantial", True),
        (f"{NSIS}Low", f"{NSIS}Substantial", False),
        ("gold", "gold", True),
        ("silver", "gold", False),
        (f"{NSIS}High", "gold", False),  # levels outside NSIS must match exactly
        (None, "gold", False),
        (3, f"{NSIS}Low", False),
    ],
)
def test_which_levels_are_enough(acr, required, enough):
    assert assurance_enough(acr, required) is enough


def test_the_answer_from_the_provider_is_what_counts(web, provider):
    # The browser cannot raise its own level: acr_values in the answer changes nothing.
    provider.set_claims("demo-jens", {"acr": f"{NSIS}Low"})
    back = authorize(to_provider(web), "demo-jens")
    response = web.get(f"{back}&acr={NSIS}High")
    assert response.status_code == 400
    assert not signed_in(web)
