from flask import Blueprint

bp = Blueprint("my_data", __name__, url_prefix="/mine-oplysninger")

from portal.blueprints.my_data import routes  # noqa: E402,F401
