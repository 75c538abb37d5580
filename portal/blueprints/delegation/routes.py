"""Fuldmagt: the citizen gives, changes and revokes; the holder acts for the citizen or gives up."""

from flask import redirect, render_template, request, url_for

from portal import clock
from portal.blueprints.delegation import bp
from portal.blueprints.delegation.forms import ActForForm, ConfirmForm, GrantForm, TermsForm
from portal.forms import show_domain_error
from portal.forms.fields import parse_id
from portal.services import delegation, sensitivity
from portal.services.errors import DomainError, NotFound
from portal.text import fuldmagt_terms
from portal.text.errors import status_for
from portal.web import identity, step_up
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires
from portal.web.limits import Limit, limited

DONE = ("granted", "changed", "revoked")

bp.add_app_template_global(fuldmagt_terms.can_and_cannot, "fuldmagt_terms")


@bp.route("")
@requires(Action.FULDMAGT_VIEW)
def index():
    citizen = identity.subject_citizen()
    done = request.args.get("udfoert")
    return render_template(
        "delegation/index.html",
        fuldmagter=delegation.of_citizen(uow.session(), citizen.id),
        history=delegation.history(uow.session(), citizen.id),
        today=clock.today(),
        status=delegation.status,
        done=done if done in DONE else None,
        receipt=_receipt(citizen.id, done),
    )


def _receipt(citizen_id: int, done: str | None):
    """The fuldmagt just given or changed (?fuldmagt=), for the receipt; only the citizen's own."""
    fuldmagt_id = parse_id(request.args.get("fuldmagt"))
    if done not in ("granted", "changed") or fuldmagt_id is None:
        return None
    try:
        return delegation.one_of_citizen(uow.session(), citizen_id, fuldmagt_id)
    except NotFound:
        return None


def _looks_up_holder() -> bool:
    """Every grant POST but "Ret" looks the holder up by name and CPR number."""
    return "ret" not in request.form


@bp.route("/ny", methods=["GET", "POST"])
@requires(Action.FULDMAGT_GRANT)
@limited(Limit.LOOKUP, when=_looks_up_holder)
def grant():
    """The form; then a check page ("Mads kan se: ..."); then the fuldmagt and its receipt.
    "Ret" on the check page goes back to the form with everything filled in."""
    citizen = identity.subject_citizen()
    today = clock.today()
    form = GrantForm()
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit() and "ret" not in request.form:
        try:
            holder = delegation.find_holder(
                uow.session(), citizen.id, form.holder_name.data, form.holder_identifier.data
            )
            chosen = delegation.check_grant(
                uow.session(),
                citizen_id=citizen.id,
                holder=holder,
                scopes=form.scopes.data,
                ends_on=form.ends_on.data,
                today=today,
            )
            if "bekraeft" not in request.form:
                return _check_page(form, holder, chosen, url_for("delegation.grant"))
            made = delegation.grant(
                uow.session(),
                citizen_id=citizen.id,
                holder_id=holder.id,
                scopes=chosen,
                ends_on=form.ends_on.data,
                today=today,
                now=clock.now(),
                identity_confirmed=step_up.satisfied(),
            )
            return redirect(url_for("delegation.index", udfoert="granted", fuldmagt=made.id))
        except DomainError as error:
            show_domain_error(form, error)
            status = status_for(error)
    elif "ret" in request.form:
        status = 200
    return render_template(
        "delegation/grant.html", form=form, latest=delegation.latest_end(today)
    ), status


def _check_page(form, holder, chosen, action: str, fuldmagt=None):
    citizen = identity.subject_citizen()
    return render_template(
        "delegation/check.html",
        form=form,
        holder=holder,
        chosen=chosen,
        action=action,
        fuldmagt=fuldmagt,
        sensitive_titles=[
            e.title for e in sensitivity.sensitive_efforts(uow.session(), citizen.id)
        ],
    )


@bp.route("/<int:fuldmagt_id>/aendr", methods=["GET", "POST"])
@requires(Action.FULDMAGT_CHANGE)
def change(fuldmagt_id: int):
    citizen = identity.subject_citizen()
    today = clock.today()
    fuldmagt = delegation.one_of_citizen(uow.session(), citizen.id, fuldmagt_id)
    form = TermsForm()
    status = 400 if request.method == "POST" else 200
    if request.method == "GET":
        form.scopes.data = sorted(fuldmagt.scope_set)
        form.ends_on.data = fuldmagt.ends_on
    elif "ret" in request.form:
        status = 200
    elif form.validate_on_submit():
        try:
            if "bekraeft" not in request.form:
                chosen = delegation.check_change(
                    fuldmagt, scopes=form.scopes.data, ends_on=form.ends_on.data, today=today
                )
                return _check_page(
                    form,
                    fuldmagt.holder,
                    chosen,
                    url_for("delegation.change", fuldmagt_id=fuldmagt.id),
                    fuldmagt=fuldmagt,
                )
            delegation.change(
                uow.session(),
                citizen_id=citizen.id,
                fuldmagt_id=fuldmagt.id,
                scopes=form.scopes.data,
                ends_on=form.ends_on.data,
                today=today,
                now=clock.now(),
                identity_confirmed=step_up.satisfied(),
            )
            return redirect(url_for("delegation.index", udfoert="changed", fuldmagt=fuldmagt.id))
        except DomainError as error:
            show_domain_error(form, error)
            status = status_for(error)
    return render_template(
        "delegation/change.html",
        form=form,
        fuldmagt=fuldmagt,
        active=delegation.status(fuldmagt, today) == delegation.Status.ACTIVE,
        latest=delegation.latest_end(today),
    ), status


@bp.route("/<int:fuldmagt_id>/tilbagekald", methods=["GET", "POST"])
@requires(Action.FULDMAGT_REVOKE)
def revoke(fuldmagt_id: int):
    citizen = identity.subject_citizen()
    fuldmagt = delegation.one_of_citizen(uow.session(), citizen.id, fuldmagt_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        delegation.revoke(
            uow.session(), citizen_id=citizen.id, fuldmagt_id=fuldmagt.id, now=clock.now()
        )
        return redirect(url_for("delegation.index", udfoert="revoked"))
    return render_template("delegation/revoke.html", form=form, fuldmagt=fuldmagt)


# --- The holder's side ----------------------------------------------------------------------


@bp.route("/handl-for", methods=["POST"])
@requires(Action.HOLDER_ACT_FOR)
def act_for():
    actor = identity.current_actor()
    form = ActForForm()
    citizen_id = form.citizen_id.data if form.validate_on_submit() else None
    delegation.required_mandate(uow.session(), actor.person_id, citizen_id, clock.today())
    identity.act_for(citizen_id)
    return redirect(url_for("overview.home"))


@bp.route("/egen-side", methods=["POST"])
@requires(Action.HOLDER_OWN_VIEW)
def own_view():
    if ConfirmForm().validate_on_submit():
        identity.act_as_self()
    return redirect(url_for("overview.home"))


@bp.route("/modtaget/<int:fuldmagt_id>/opgiv", methods=["GET", "POST"])
@requires(Action.HOLDER_GIVE_UP)
def give_up(fuldmagt_id: int):
    actor = identity.current_actor()
    fuldmagt = delegation.one_held_by(uow.session(), actor.person_id, fuldmagt_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        delegation.give_up(
            uow.session(), holder_id=actor.person_id, fuldmagt_id=fuldmagt.id, now=clock.now()
        )
        if actor.acting_for == fuldmagt.citizen_id:
            identity.act_as_self()
        return redirect(url_for("overview.home", udfoert="given_up"))
    return render_template("delegation/give_up.html", form=form, fuldmagt=fuldmagt)
