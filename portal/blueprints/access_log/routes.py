"""'Hvem har set mine oplysninger?': the citizen's access log."""

from flask import render_template, request

from portal import clock
from portal.blueprints.access_log import bp
from portal.forms.fields import parse_id
from portal.services import access_log
from portal.text import log_labels
from portal.web import identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires


@bp.route("")
@requires(Action.ACCESS_LOG_VIEW)
def index():
    citizen = identity.subject_citizen()
    number = parse_id(request.args.get("side")) or 1  # the service keeps it within the pages
    return render_template(
        "access_log/index.html",
        log=access_log.page_of(uow.session(), citizen.id, clock.now(), number),
        sentence=log_labels.sentence,
        own_download=log_labels.own_download,
    )
