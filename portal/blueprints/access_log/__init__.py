from flask import Blueprint

bp = Blueprint("access_log", __name__, url_prefix="/log")

from portal.blueprints.access_log import routes  # noqa: E402,F401
