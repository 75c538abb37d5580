"""The citizen's outcomes: the list, one outcome in plain Danish, the read receipt, print."""

from flask import redirect, render_template, request, url_for

from portal import clock
from portal.blueprints.outcomes import bp
from portal.blueprints.outcomes.forms import MarkReadForm
from portal.forms.fields import parse_id
from portal.services import outcomes as service
from portal.services.errors import DomainError, NotFound
from portal.text.errors import status_for
from portal.text.outcomes import plain_paragraphs
from portal.web import identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires
from portal.web.documents import pdf_download

bp.add_app_template_filter(plain_paragraphs, "plain_paragraphs")
bp.add_app_template_global(service.deadline, "appeal_deadline")
bp.add_app_template_global(service.deadline_moved_from, "appeal_deadline_moved_from")


@bp.route("/resultater")
@requires(Action.OUTCOMES_VIEW)
def index():
    citizen = identity.subject_citizen()
    return render_template(
        "outcomes/list.html",
        summaries=service.citizen_outcomes(
            uow.session(), citizen.id, include_sensitive=identity.current_actor().sees_sensitive
        ),
    )


def _view(outcome_id: int, with_version: bool = False):
    """The outcome, and the version asked for in ?udgave= when allowed (an odd value is no
    version at all: the audited 404)."""
    citizen = identity.subject_citizen()
    raw = request.args.get("udgave") if with_version else None
    number = parse_id(raw) if raw is not None else None
    if raw is not None and number is None:
        raise NotFound("outcome_version")
    return service.citizen_outcome(
        uow.session(),
        citizen.id,
        outcome_id,
        number,
        include_sensitive=identity.current_actor().sees_sensitive,
    )


@bp.route("/resultater/<int:outcome_id>")
@requires(Action.OUTCOMES_VIEW)
def show(outcome_id: int):
    view = _view(outcome_id, with_version=True)
    form = MarkReadForm(version_id=view.latest.id)
    return render_template("outcomes/show.html", view=view, form=form)


@bp.route("/resultater/<int:outcome_id>/udskriv")
@requires(Action.OUTCOMES_VIEW)
def printable(outcome_id: int):
    view = _view(outcome_id, with_version=True)
    return render_template("outcomes/print.html", view=view, printed_at=clock.now())


@bp.route("/resultater/<int:outcome_id>/pdf")
@requires(Action.OUTCOMES_VIEW)
def pdf(outcome_id: int):
    """The outcome as a tagged PDF, with the citizen's name, the day it was made and pages."""
    view = _view(outcome_id, with_version=True)
    name = f"resultat-{view.outcome.id}-udgave-{view.version.number}.pdf"
    return pdf_download("outcomes/pdf.html", name, view=view)


@bp.route("/resultater/<int:outcome_id>/laest", methods=["POST"])
@requires(Action.OUTCOME_MARK_READ)
def mark_read(outcome_id: int):
    citizen = identity.subject_citizen()
    form = MarkReadForm()
    if not form.validate_on_submit():
        return _show_again(outcome_id, 400)
    try:
        service.mark_read(
            uow.session(), citizen.id, outcome_id, form.version_id.data, at=clock.now()
        )
    except NotFound:
        raise
    except DomainError as error:  # an old page, or a newer version came meanwhile
        uow.note_refusal(error.code)
        return _show_again(outcome_id, status_for(error), stale=True)
    return redirect(url_for("outcomes.show", outcome_id=outcome_id, _anchor="laest"))


def _show_again(outcome_id: int, status: int, stale: bool = False):
    """The page again, saying why nothing happened (an old form, or a newer version came)."""
    view = _view(outcome_id)
    return render_template(
        "outcomes/show.html", view=view, form=MarkReadForm(version_id=view.latest.id), stale=stale
    ), status
