from flask import Blueprint

bp = Blueprint("booking", __name__)


from portal.blueprints.booking import (  # noqa: E402,F401
    documents,
    help_routes,
    receipt_routes,
    routes,
    staff_routes,
)
