"""'Hvem har set mine oplysninger?': the citizen's access log."""

from flask import render_template, request

from portal import clock
from portal.blueprints.access_log import bp
from portal.extensions import db
from portal.services import access_log
from portal.text import log_labels
from portal.web import identity
from portal.web.access import Action, requires


@bp.route("")
@requires(Action.ACCESS_LOG_VIEW)
def index():
    citizen = identity.subject_citizen()
    page = request.args.get("side", "1")
    number = int(page) if page.isascii() and page.isdigit() and len(page) < 6 else 1
    return render_template(
        "access_log/index.html",
        log=access_log.page_of(db.session, citizen.id, clock.now(), number),
        sentence=log_labels.sentence,
    )
