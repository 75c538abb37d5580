"""Fuldmagt: the citizen gives, changes and revokes; the holder acts for the citizen or gives up."""

from flask import redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from portal import clock
from portal.blueprints.delegation import bp
from portal.blueprints.delegation.forms import ActForForm, ConfirmForm, GrantForm, TermsForm
from portal.extensions import db
from portal.forms import show_domain_error
from portal.services import delegation
from portal.services.errors import DomainError, NotFound
from portal.web import guard, identity
from portal.web.access import Action, requires

MESSAGES = {
    "unknown_holder": _l("Vælg en af personerne på listen."),
    "already_holds": _l(
        "Personen har allerede en fuldmagt fra dig. Du kan ændre den i stedet for at give en ny."
    ),
    "no_scope": _l("Vælg mindst én ting, personen må gøre for dig."),
    "unknown_scope": _l("Vælg kun blandt de ting, der står på listen."),
    "no_end": _l("Skriv den sidste dag, fuldmagten skal gælde."),
    "end_in_past": _l("Den sidste dag kan tidligst være i dag."),
    "not_active": _l("Fuldmagten gælder ikke længere, så den kan ikke ændres. Giv en ny i stedet."),
}

DONE = ("granted", "changed", "revoked")


def _messages():
    from portal.web.i18n import long_date

    latest = long_date(delegation.latest_end(clock.today()))
    return {
        **MESSAGES,
        "end_too_far": _l(
            "En fuldmagt kan højst gælde 12 måneder. Vælg en dag senest %(day)s.", day=latest
        ),
    }


@bp.route("")
@requires(Action.FULDMAGT_VIEW)
def index():
    citizen = identity.subject_citizen()
    today = clock.today()
    done = request.args.get("udfoert")
    return render_template(
        "delegation/index.html",
        fuldmagter=delegation.of_citizen(db.session, citizen.id),
        history=delegation.history(db.session, citizen.id),
        today=today,
        status=delegation.status,
        done=done if done in DONE else None,
    )


@bp.route("/ny", methods=["GET", "POST"])
@requires(Action.FULDMAGT_GRANT)
def grant():
    citizen = identity.subject_citizen()
    today = clock.today()
    form = GrantForm()
    holders = delegation.possible_holders(db.session, citizen.id)
    form.holder.choices = [SelectChoice(p.id, p.full_name) for p in holders]
    if form.validate_on_submit():
        try:
            delegation.grant(
                db.session,
                citizen_id=citizen.id,
                holder_id=form.holder.data,
                scopes=form.scopes.data,
                ends_on=form.ends_on.data,
                today=today,
                now=clock.now(),
            )
            db.session.commit()
            return redirect(url_for("delegation.index", udfoert="granted"))
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error, _messages())
    status = 400 if form.errors else 200
    return render_template(
        "delegation/grant.html", form=form, latest=delegation.latest_end(today)
    ), status


@bp.route("/<int:fuldmagt_id>/aendr", methods=["GET", "POST"])
@requires(Action.FULDMAGT_CHANGE)
def change(fuldmagt_id: int):
    citizen = identity.subject_citizen()
    today = clock.today()
    try:
        fuldmagt = delegation.one_of_citizen(db.session, citizen.id, fuldmagt_id)
    except NotFound:
        guard.not_found(Action.FULDMAGT_CHANGE, detail="fuldmagt_not_given_by_citizen")
    form = TermsForm()
    if request.method == "GET":
        form.scopes.data = sorted(fuldmagt.scope_set)
        form.ends_on.data = fuldmagt.ends_on
    elif form.validate_on_submit():
        try:
            delegation.change(
                db.session,
                citizen_id=citizen.id,
                fuldmagt_id=fuldmagt.id,
                scopes=form.scopes.data,
                ends_on=form.ends_on.data,
                today=today,
                now=clock.now(),
            )
            db.session.commit()
            return redirect(url_for("delegation.index", udfoert="changed"))
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error, _messages())
    status = 400 if form.errors else 200
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
    try:
        fuldmagt = delegation.one_of_citizen(db.session, citizen.id, fuldmagt_id)
    except NotFound:
        guard.not_found(Action.FULDMAGT_REVOKE, detail="fuldmagt_not_given_by_citizen")
    form = ConfirmForm()
    if form.validate_on_submit():
        delegation.revoke(
            db.session, citizen_id=citizen.id, fuldmagt_id=fuldmagt.id, now=clock.now()
        )
        db.session.commit()
        return redirect(url_for("delegation.index", udfoert="revoked"))
    return render_template("delegation/revoke.html", form=form, fuldmagt=fuldmagt)


# --- The holder's side ----------------------------------------------------------------------


@bp.route("/handl-for", methods=["POST"])
@requires(Action.HOLDER_ACT_FOR)
def act_for():
    actor = identity.current_actor()
    form = ActForForm()
    try:
        citizen_id = int(form.citizen_id.data or "")
    except ValueError:
        citizen_id = None
    if not form.validate_on_submit() or citizen_id is None:
        guard.not_found(Action.HOLDER_ACT_FOR, detail="bad_act_for_form")
    if delegation.mandate(db.session, actor.person_id, citizen_id, clock.today()) is None:
        guard.not_found(Action.HOLDER_ACT_FOR, detail="no_valid_fuldmagt")
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
    try:
        fuldmagt = delegation.one_held_by(db.session, actor.person_id, fuldmagt_id)
    except NotFound:
        guard.not_found(Action.HOLDER_GIVE_UP, detail="fuldmagt_not_held")
    form = ConfirmForm()
    if form.validate_on_submit():
        delegation.give_up(
            db.session, holder_id=actor.person_id, fuldmagt_id=fuldmagt.id, now=clock.now()
        )
        db.session.commit()
        if actor.acting_for == fuldmagt.citizen_id:
            identity.act_as_self()
        return redirect(url_for("overview.home", udfoert="given_up"))
    return render_template("delegation/give_up.html", form=form, fuldmagt=fuldmagt)
