from flask import Blueprint

bp = Blueprint("meeting", __name__)

from portal.blueprints.meeting import documents, routes, staff_routes  # noqa: E402,F401
