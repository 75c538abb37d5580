from flask import Blueprint

bp = Blueprint("outcomes", __name__)

from portal.blueprints.outcomes import routes, staff_routes  # noqa: E402,F401
