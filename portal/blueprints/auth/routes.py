"""Log in and out. The demo log-in is a list of demo people; the OpenID Connect log-in
(oidc_routes.py) ends in the same `identity.sign_in`."""

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from portal import log_events
from portal.blueprints.auth import bp
from portal.blueprints.auth.forms import DemoLoginForm, LogoutForm
from portal.models import LoginProvider
from portal.services import login_sessions, people
from portal.services.login import UNKNOWN
from portal.web import identity, oidc, sessions
from portal.web import unit_of_work as uow
from portal.web.access import Action, public, requires
from portal.web.guard import describe_change
from portal.web.limits import Limit, limited
from portal.web.safe_redirect import local_path


@bp.route("/log-ind", methods=["GET", "POST"])
@public
@limited(Limit.LOGIN)
def login():
    demo = current_app.config["DEMO_LOGIN"]
    form = DemoLoginForm()
    if request.method == "POST":
        if not demo:
            abort(404)
        person = people.by_subject(uow.session(), form.subject.data or "")
        if not form.validate_on_submit() or person is None:
            _refused_demo(form.subject.data, "login_form_invalid" if person else UNKNOWN)
            return render_template(
                "auth/login.html",
                demo=demo,
                people=_people(demo),
                demo_cpr=_demo_cpr(demo),
                providers=_providers(),
                error=True,
            ), 400
        identity.sign_in(person)
        people.record_sign_in(uow.session(), person, how="demo")
        return redirect(local_path(form.next.data, url_for("overview.home")))
    next_path = local_path(request.args.get("next"), "")
    return render_template(
        "auth/login.html",
        demo=demo,
        people=_people(demo),
        demo_cpr=_demo_cpr(demo),
        providers=_providers(),
        next_path=next_path,
    )


def _refused_demo(subject: str | None, why: str) -> None:
    """A failed demo log-in's one refused audit row (written by the unit of work)."""
    log_events.login_failed(None, why)
    why = f"{why} subject={(subject or '')[:64]!r}"
    describe_change("auth.login.demo", why)
    uow.note_refusal(why)


_PROVIDER_BUTTONS = (
    (LoginProvider.CITIZEN, "auth.mitid_start", _l("Log ind med MitID")),
    (LoginProvider.STAFF, "auth.staff_start", _l("Log ind som medarbejder")),
)


def _providers() -> list[tuple[str, str]]:
    """The configured OpenID providers' buttons: (start endpoint, label)."""
    return [(endpoint, label) for p, endpoint, label in _PROVIDER_BUTTONS if oidc.configured(p)]


def _people(demo: bool):
    return people.demo_people(uow.session()) if demo else []


def _demo_cpr(demo: bool) -> dict[str, str]:
    """The demo people's fictitious CPR numbers by subject: the database keeps only a keyed
    hash, so the demo log-in page shows them from the demo data's own table."""
    if not demo:
        return {}
    from portal.demo.people import CPR

    return CPR


@bp.route("/log-ud", methods=["GET", "POST"])
@requires(Action.SIGNED_IN)
def logout():
    form = LogoutForm()
    if request.method == "POST" and form.validate_on_submit():
        provider = identity.logged_in_with()
        describe_change(login_sessions.LOGOUT, provider or "demo")
        log_events.logout(provider, identity.current_actor().role.value)
        ended = identity.sign_out()
        done = url_for("auth.logged_out")
        if ended is not None:  # end the provider's session too, where it offers that
            provider = LoginProvider(ended.provider)
            back = url_for("auth.logged_out", _external=True)
            return redirect(oidc.end_session_url(provider, ended.id_token, back) or done)
        return redirect(done)
    return render_template("auth/logout.html", form=form)


@bp.route("/logget-ud")
@public
def logged_out():
    return render_template("auth/logged_out.html")


@bp.route("/session/forlaeng", methods=["POST"])
@requires(Action.SIGNED_IN)
def extend_session():
    """Stay logged in: any signed-in request renews the idle timer; this one does only that.

    Called by static/session.js when the person answers the warning before the session ends
    (WCAG 2.2.1); without JavaScript the same button is a plain form that returns to the page.
    """
    sessions.keep_alive()
    if request.headers.get("X-Requested-With") == "fetch":
        return "", 204
    return redirect(local_path(request.form.get("next"), url_for("overview.home")))
