from flask import Blueprint

bp = Blueprint("meeting", __name__)

from portal.blueprints.meeting import (  # noqa: E402,F401
    documents,
    participation_routes,
    routes,
    staff_routes,
)
