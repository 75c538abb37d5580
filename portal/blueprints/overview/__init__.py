from flask import Blueprint

bp = Blueprint("overview", __name__)

from portal.blueprints.overview import routes  # noqa: E402,F401
