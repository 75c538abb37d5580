"""Log in and out. In demo mode, log-in is a list of demo people; in production an OIDC broker
(MitID) will end in the same `identity.sign_in`."""

from flask import abort, current_app, redirect, render_template, request, session, url_for

from portal.blueprints.auth import bp
from portal.blueprints.auth.forms import DemoLoginForm, LogoutForm
from portal.services import people
from portal.web import identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, public, requires
from portal.web.safe_redirect import local_path


@bp.route("/log-ind", methods=["GET", "POST"])
@public
def login():
    demo = current_app.config["DEMO_LOGIN"]
    form = DemoLoginForm()
    if request.method == "POST":
        if not demo:
            abort(404)
        person = people.by_subject(uow.session(), form.subject.data or "")
        if not form.validate_on_submit() or person is None:
            return render_template(
                "auth/login.html", demo=demo, people=_people(demo), error=True
            ), 400
        identity.sign_in(person)
        people.record_sign_in(uow.session(), person, how="demo")
        return redirect(local_path(form.next.data, url_for("overview.home")))
    next_path = local_path(request.args.get("next"), "")
    return render_template("auth/login.html", demo=demo, people=_people(demo), next_path=next_path)


def _people(demo: bool):
    return people.demo_people(uow.session()) if demo else []


@bp.route("/log-ud", methods=["GET", "POST"])
@requires(Action.SIGNED_IN)
def logout():
    form = LogoutForm()
    if request.method == "POST" and form.validate_on_submit():
        identity.sign_out()
        return redirect(url_for("auth.logged_out"))
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
    session.modified = True
    if request.headers.get("X-Requested-With") == "fetch":
        return "", 204
    return redirect(local_path(request.form.get("next"), url_for("overview.home")))
