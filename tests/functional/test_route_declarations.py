"""Every route declares what it does for the access policy; public pages say so explicitly."""

from portal.web import access


def test_every_route_declares_an_access_action(app):
    undeclared = sorted(
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if access.declared_action(app.view_functions[rule.endpoint]) is None
    )
    assert undeclared == [], f"routes without @requires/@public: {undeclared}"


def test_public_routes_are_only_the_ones_meant_to_be_public(app):
    public = sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if access.declared_action(app.view_functions[rule.endpoint]) is access.Action.PUBLIC
    )
    assert public == sorted(
        [
            "/favicon.ico",
            "/healthz",
            "/hjaelp",
            "/log-ind",
            "/log-ind/medarbejder",  # log-in through an OpenID provider: start and return
            "/log-ind/medarbejder/retur",
            "/log-ind/mitid",
            "/log-ind/mitid/retur",
            "/metrics",  # the bearer token is its lock: portal/web/metrics.py
            "/udvikling/beskeder",  # development only: 404 unless DEV_MESSAGES_PAGE
            "/logget-ud",
            "/ordforklaring",
            "/privatliv",
            "/readyz",
            "/static/<path:filename>",
            "/tilgaengelighed",
        ]
    )


def test_an_undeclared_route_is_refused(database_url):
    """Fail closed: a view someone forgot to declare answers 403, never its content."""
    from tests.conftest import app_variant

    with app_variant(database_url) as app:

        @app.route("/test-undeclared")
        def secret():
            return "should not be shown"

        response = app.test_client().get("/test-undeclared")
        assert response.status_code == 403
        assert b"should not be shown" not in response.data
