from flask import Blueprint

bp = Blueprint("auth", __name__)

from portal.blueprints.auth import oidc_routes, routes, session_routes  # noqa: E402,F401
