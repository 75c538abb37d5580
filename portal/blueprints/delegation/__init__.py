from flask import Blueprint

bp = Blueprint("delegation", __name__, url_prefix="/fuldmagt")

from portal.blueprints.delegation import routes  # noqa: E402,F401
