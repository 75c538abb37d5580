from flask import Blueprint

bp = Blueprint("booking", __name__)


from portal.blueprints.booking import help_routes, receipt_routes, routes, staff_routes  # noqa: E402,F401
