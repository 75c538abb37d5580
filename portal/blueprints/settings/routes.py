""" "Indstillinger" (how to reach the person) and "Beskeder vi har sendt dig"."""

from flask import abort, current_app, redirect, render_template, request, url_for

from portal import clock
from portal.blueprints.settings import bp
from portal.blueprints.settings.forms import ContactForm
from portal.forms import show_domain_error
from portal.services import delegation, people
from portal.services.errors import DomainError
from portal.services.notifications import contact, sent
from portal.text.errors import status_for
from portal.web import i18n, identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, public, requires
from portal.web.guard import describe_change


@bp.route("/indstillinger", methods=["GET", "POST"])
@requires(Action.SETTINGS_CHANGE)
def contact_settings():
    person = identity.current_person()
    stored = contact.settings_of(uow.session(), person.id)
    form = ContactForm(data=_initial(stored, person.language))
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        try:
            contact.save(
                uow.session(),
                person.id,
                email=form.email.data,
                mobile=form.mobile.data,
                receipts=form.receipts.data,
                reminders=form.reminders.data,
                delegate_copies=form.delegate_copies.data,
                now=clock.now(),
            )
            people.set_language(uow.session(), person.id, form.language.data)
            describe_change("settings.contact", "contact settings saved")
            i18n.remember(form.language.data)
            return redirect(url_for("settings.contact_settings", gemt=1))
        except DomainError as error:
            show_domain_error(form, error)
            status = status_for(error)
    return render_template(
        "settings/contact.html",
        form=form,
        saved=request.method == "GET" and request.args.get("gemt") == "1",
        holds_fuldmagt=bool(delegation.held_by(uow.session(), person.id)),
    ), status


def _initial(stored, language: str | None) -> dict:
    if stored is None:
        return {"receipts": "email", "reminders": "email", "language": language or "da"}
    return {
        "email": stored.email,
        "mobile": stored.mobile,
        "receipts": stored.receipts,
        "reminders": stored.reminders,
        "delegate_copies": stored.delegate_copies,
        "language": language or "da",
    }


@bp.route("/beskeder")
@requires(Action.MESSAGES_VIEW)
def messages():
    person = identity.current_person()
    return render_template(
        "settings/messages.html",
        messages=sent.to_person(uow.session(), person.id),
        has_settings=contact.settings_of(uow.session(), person.id) is not None,
    )


@bp.route("/udvikling/beskeder")
@public
def development_messages():
    """Development only: what the portal would have sent, rendered, so `make run` shows it
    (with no SMTP or SMS configured nothing leaves the machine). Not there in production."""
    if not current_app.config.get("DEV_MESSAGES_PAGE"):
        abort(404)
    from portal.notify_cli import translate_for, worker_settings

    return render_template(
        "settings/development_messages.html",
        messages=sent.rendered_latest(
            uow.session(), translate_for, sender=worker_settings().sender
        ),
    )
