"""The one plan, its history, a printable version and the plan as a PDF."""

from flask import render_template

from portal import clock
from portal.blueprints.plan import bp
from portal.services import plan as plan_service
from portal.web import identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires
from portal.web.documents import pdf_download


def _sees_sensitive() -> bool:
    """Health and social treatment only for those the policy lets see it (a fuldmagt's "se"
    without the citizen's choice of health and social data does not)."""
    return identity.current_actor().sees_sensitive


@bp.route("/plan")
@requires(Action.PLAN_VIEW)
def show():
    citizen = identity.subject_citizen()
    return render_template(
        "plan/show.html",
        view=plan_service.plan_view(
            uow.session(), citizen.id, clock.today(), include_sensitive=_sees_sensitive()
        ),
    )


@bp.route("/plan/historik")
@requires(Action.PLAN_VIEW)
def history():
    citizen = identity.subject_citizen()
    return render_template(
        "plan/history.html",
        entries=plan_service.history(
            uow.session(), citizen.id, include_sensitive=_sees_sensitive()
        ),
    )


@bp.route("/plan/udskriv")
@requires(Action.PLAN_VIEW)
def printable():
    citizen = identity.subject_citizen()
    return render_template(
        "plan/print.html",
        view=plan_service.plan_view(
            uow.session(), citizen.id, clock.today(), include_sensitive=_sees_sensitive()
        ),
        printed_at=clock.now(),
    )


@bp.route("/plan/pdf")
@requires(Action.PLAN_VIEW)
def pdf():
    """The plan as a tagged PDF, with exactly the efforts this reader may see."""
    citizen = identity.subject_citizen()
    sees_sensitive = _sees_sensitive()
    view = plan_service.plan_view(
        uow.session(), citizen.id, clock.today(), include_sensitive=sees_sensitive
    )
    return pdf_download(
        "plan/pdf.html",
        f"plan-{clock.today().isoformat()}.pdf",
        view=view,
        sees_sensitive=sees_sensitive,
    )


@bp.route("/plan/indsats/<int:effort_id>")
@requires(Action.PLAN_VIEW)
def effort(effort_id: int):
    citizen = identity.subject_citizen()
    sees_sensitive = _sees_sensitive()
    found = plan_service.effort_of(
        uow.session(), citizen.id, effort_id, include_sensitive=sees_sensitive
    )
    # The effort is visible, but a change linking it to a hidden outcome is not.
    entries = plan_service.history(
        uow.session(), citizen.id, effort_id=effort_id, include_sensitive=sees_sensitive
    )
    return render_template("plan/effort.html", effort=found, entries=entries)
