"""Log-in through an OpenID provider: MitID through a broker for citizens and relatives, the
municipality's identity provider for caseworkers. Each provider has a start (POST, from the
button on /log-ind) and the address the provider sends the browser back to."""

import time

from flask import abort, current_app, redirect, render_template, url_for

from portal import log_events
from portal.blueprints.auth import bp
from portal.blueprints.auth.forms import ConfirmIdentityForm, ProviderLoginForm
from portal.models import LoginProvider
from portal.services import login
from portal.services.errors import DomainError
from portal.web import identity, oidc, step_up
from portal.web import unit_of_work as uow
from portal.web.access import Action, public, requires
from portal.web.guard import describe_change
from portal.web.limits import Limit, limited
from portal.web.safe_redirect import local_path

_RETURN = {LoginProvider.CITIZEN: "auth.mitid_return", LoginProvider.STAFF: "auth.staff_return"}
_CLAIM = {LoginProvider.CITIZEN: "OIDC_CPR_CLAIM", LoginProvider.STAFF: "STAFF_OIDC_CLAIM"}


def _start(provider: LoginProvider):
    if not oidc.configured(provider):
        abort(404)
    form = ProviderLoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login_failed.html"), 400
    identity.remember_destination(local_path(form.next.data, url_for("overview.home")))
    try:
        return oidc.start(provider, url_for(_RETURN[provider], _external=True))
    except oidc.LoginFailed as failure:
        _refused(provider, f"login_failed {failure.reason}")
        return render_template("auth/login_failed.html"), 503


def _refused(provider: LoginProvider, why: str) -> None:
    """The refused log-in's one audit row (written by the unit of work; nobody is logged in)."""
    log_events.login_failed(provider.value, why)
    describe_change(f"auth.login.{provider.value}", why)
    uow.note_refusal(why)


def _return(provider: LoginProvider):
    if not oidc.configured(provider):
        abort(404)
    try:
        verified = oidc.finish(provider)
    except oidc.LoginFailed as failure:
        _refused(provider, f"login_failed {failure.reason}")
        return render_template("auth/login_failed.html"), 400
    pending = identity.pending_confirmation()
    person = identity.current_person()
    if pending is not None and person is not None:
        return _confirmed(provider, verified, pending, person.id)
    claim = verified.claims.get(current_app.config[_CLAIM[provider]])
    destination = identity.take_destination()
    try:
        person = login.identify(uow.session(), provider, verified.subject, claim)
    except DomainError as error:
        _refused(provider, f"{error.code} sub={verified.subject}")
        return render_template("auth/unknown_person.html"), 403
    identity.sign_in(person, provider=provider.value, id_token=verified.id_token)
    return redirect(local_path(destination, url_for("overview.home")))


def _confirmed(provider, verified, pending: dict, person_id: int):
    """The answer to a step-up: the same person, freshly logged in, or refused (still logged in)."""
    leeway = current_app.config["OIDC_LEEWAY_SECONDS"]
    auth_time = verified.claims.get("auth_time")
    if not login.is_same_person(uow.session(), provider, verified.subject, person_id):
        _refused(provider, f"step_up_other_person sub={verified.subject}")
        return render_template("auth/login_failed.html"), 403
    if not login.fresh_enough(auth_time, pending.get("since", 0), leeway):
        _refused(provider, f"step_up_not_fresh auth_time={auth_time!r}")
        return render_template("auth/login_failed.html"), 400
    identity.confirm(auth_time)
    describe_change("auth.step_up", f"oidc:{provider.value}")
    return redirect(local_path(pending.get("next"), url_for("overview.home")))


@bp.route("/log-ind/mitid/bekraeft", methods=["POST"])
@requires(Action.SIGNED_IN)
@limited(Limit.LOGIN)
def mitid_confirm():
    """Confirm who you are with a fresh MitID log-in before giving or widening a fuldmagt."""
    form = ConfirmIdentityForm()
    if not form.validate_on_submit():
        return render_template("auth/login_failed.html"), 400
    back = local_path(form.next.data, url_for("overview.home"))
    if not step_up.required():
        return redirect(back)
    identity.begin_confirmation(back, since=time.time())
    try:
        return oidc.start(
            LoginProvider.CITIZEN,
            url_for("auth.mitid_return", _external=True),
            fresh_within=step_up.MAX_AGE_SECONDS,
        )
    except oidc.LoginFailed as failure:
        _refused(LoginProvider.CITIZEN, f"login_failed {failure.reason}")
        return render_template("auth/login_failed.html"), 503


@bp.route("/log-ind/mitid", methods=["POST"])
@public
@limited(Limit.LOGIN)
def mitid_start():
    return _start(LoginProvider.CITIZEN)


@bp.route("/log-ind/mitid/retur")
@public
@limited(Limit.LOGIN_RETURN)
def mitid_return():
    return _return(LoginProvider.CITIZEN)


@bp.route("/log-ind/medarbejder", methods=["POST"])
@public
@limited(Limit.LOGIN)
def staff_start():
    return _start(LoginProvider.STAFF)


@bp.route("/log-ind/medarbejder/retur")
@public
@limited(Limit.LOGIN_RETURN)
def staff_return():
    return _return(LoginProvider.STAFF)
