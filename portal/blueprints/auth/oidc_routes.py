"""Log-in through an OpenID provider: MitID through a broker for citizens and relatives, the
municipality's identity provider for caseworkers. Each provider has a start (POST, from the
button on /log-ind) and the address the provider sends the browser back to."""

from flask import abort, current_app, redirect, render_template, url_for

from portal.blueprints.auth import bp
from portal.blueprints.auth.forms import ProviderLoginForm
from portal.models import LoginProvider
from portal.services import login
from portal.services.errors import DomainError
from portal.web import identity, oidc
from portal.web import unit_of_work as uow
from portal.web.access import public
from portal.web.guard import describe_change

_RETURN = {LoginProvider.CITIZEN: "auth.mitid_return", LoginProvider.STAFF: "auth.staff_return"}
_CLAIM = {LoginProvider.CITIZEN: "OIDC_CPR_CLAIM", LoginProvider.STAFF: "STAFF_OIDC_CLAIM"}


def _start(provider: LoginProvider):
    if not oidc.configured(provider):
        abort(404)
    if not ProviderLoginForm().validate_on_submit():
        return render_template("auth/login_failed.html"), 400
    try:
        return oidc.start(provider, url_for(_RETURN[provider], _external=True))
    except oidc.LoginFailed as failure:
        _refused(provider, f"login_failed {failure.reason}")
        return render_template("auth/login_failed.html"), 503


def _refused(provider: LoginProvider, why: str) -> None:
    """The refused log-in's one audit row (written by the unit of work; nobody is logged in)."""
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
    claim = verified.claims.get(current_app.config[_CLAIM[provider]])
    try:
        person = login.identify(uow.session(), provider, verified.subject, claim)
    except DomainError as error:
        _refused(provider, f"{error.code} sub={verified.subject}")
        return render_template("auth/unknown_person.html"), 403
    identity.sign_in(person, provider=provider.value, id_token=verified.id_token)
    return redirect(url_for("overview.home"))


@bp.route("/log-ind/mitid", methods=["POST"])
@public
def mitid_start():
    return _start(LoginProvider.CITIZEN)


@bp.route("/log-ind/mitid/retur")
@public
def mitid_return():
    return _return(LoginProvider.CITIZEN)


@bp.route("/log-ind/medarbejder", methods=["POST"])
@public
def staff_start():
    return _start(LoginProvider.STAFF)


@bp.route("/log-ind/medarbejder/retur")
@public
def staff_return():
    return _return(LoginProvider.STAFF)
