"""Fuldmagt: the citizen gives, changes and revokes; the holder acts for the citizen or gives up."""

from flask import redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from portal import clock
from portal.blueprints.delegation import bp
from portal.blueprints.delegation.forms import ActForForm, ConfirmForm, GrantForm, TermsForm
from portal.forms import show_domain_error
from portal.services import delegation
from portal.services.errors import DomainError
from portal.text.errors import status_for
from portal.web import identity, step_up
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires

DONE = ("granted", "changed", "revoked")


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
    )


@bp.route("/ny", methods=["GET", "POST"])
@requires(Action.FULDMAGT_GRANT)
def grant():
    citizen = identity.subject_citizen()
    today = clock.today()
    form = GrantForm()
    holders = delegation.possible_holders(uow.session(), citizen.id)
    form.holder.choices = [SelectChoice(p.id, p.full_name) for p in holders]
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        try:
            delegation.grant(
                uow.session(),
                citizen_id=citizen.id,
                holder_id=form.holder.data,
                scopes=form.scopes.data,
                ends_on=form.ends_on.data,
                today=today,
                now=clock.now(),
                identity_confirmed=step_up.satisfied(),
            )
            return redirect(url_for("delegation.index", udfoert="granted"))
        except DomainError as error:
            show_domain_error(form, error)
            status = status_for(error)
    return render_template(
        "delegation/grant.html", form=form, latest=delegation.latest_end(today)
    ), status


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
    elif form.validate_on_submit():
        try:
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
            return redirect(url_for("delegation.index", udfoert="changed"))
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
