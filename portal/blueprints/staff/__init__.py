from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/medarbejder")

from portal.blueprints.staff import routes  # noqa: E402,F401
