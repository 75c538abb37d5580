from flask import Blueprint

bp = Blueprint("meeting", __name__)

from portal.blueprints.meeting import routes, staff_routes  # noqa: E402,F401
from portal.blueprints.meeting.common import keep_audit_of_refused_form  # noqa: E402

bp.after_request(keep_audit_of_refused_form)
