"""One blueprint per feature."""

from flask import Flask


def register_all(app: Flask) -> None:
    from portal.blueprints.access_log import bp as access_log
    from portal.blueprints.auth import bp as auth
    from portal.blueprints.booking import bp as booking
    from portal.blueprints.delegation import bp as delegation
    from portal.blueprints.health import bp as health
    from portal.blueprints.meeting import bp as meeting
    from portal.blueprints.my_data import bp as my_data
    from portal.blueprints.outcomes import bp as outcomes
    from portal.blueprints.overview import bp as overview
    from portal.blueprints.pages import bp as pages
    from portal.blueprints.plan import bp as plan
    from portal.blueprints.settings import bp as settings
    from portal.blueprints.staff import bp as staff
    from portal.web.access import public

    for blueprint in (
        auth,
        overview,
        plan,
        meeting,
        booking,
        pages,
        staff,
        outcomes,
        delegation,
        access_log,
        my_data,
        settings,
        health,
    ):
        app.register_blueprint(blueprint)
    # Stylesheets, scripts and fonts are public by declaration, like every other route.
    public(app.view_functions["static"])
