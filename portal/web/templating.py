"""What every template can use: who is signed in, whose page it is, and where help is."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from flask import Flask, current_app, g, request, url_for
from flask_babel import get_locale, gettext
from jinja2 import pass_context
from markupsafe import Markup, escape

from portal.org import Organisation
from portal.text import labels, names
from portal.text import notifications as notification_words
from portal.text import tasks as task_words
from portal.web import access, i18n, identity
from portal.web.access import Action, Reason, Role
from portal.web.danish_terms import mark_terms


@dataclass(frozen=True)
class HelpContact:
    name: str
    role: str | None
    phone: str
    hours: str


def organisation() -> Organisation:
    """The organisation behind this installation (settings PORTAL_ORG_*, portal/org.py)."""
    return current_app.config["ORGANISATION"]


def help_contact() -> HelpContact:
    """Who to call, the same on every page for the same person (WCAG 3.2.6): the caseworker of
    the citizen this person is (or acts for, or previews), else the job centre's general line.

    It depends on who is signed in, never on the page: public pages such as /hjaelp show a
    citizen their own caseworker too. Worked out once per request (a request can render more
    than one template, e.g. a page and then its error page)."""
    if "help_contact" not in g:
        g.help_contact = _help_contact()
    return g.help_contact


def _help_contact() -> HelpContact:
    actor = identity.current_actor()
    if actor.role is Role.CITIZEN:
        citizen = identity.current_person()
    elif actor.role in (Role.DELEGATE, Role.PREVIEW):
        citizen = identity.acting_for_person()
    else:  # not signed in, a relative acting for nobody, a caseworker on their own pages
        citizen = None
    caseworker = citizen.caseworker if citizen else None
    org = organisation()
    if caseworker and caseworker.phone:
        return HelpContact(
            name=caseworker.full_name,
            role=caseworker.job_title,
            phone=caseworker.phone,
            hours=caseworker.office_hours or org.hours,
        )
    return HelpContact(name=org.jobcenter, role=None, phone=org.phone, hours=org.hours)


def language_links() -> list[dict]:
    """Links to this same page in the other language(s); plain links work without JavaScript."""
    current = get_locale().language if get_locale() else "da"
    # url_for treats arguments starting with "_" as its own options (_external, _anchor, ...).
    args = {k: v for k, v in request.args.items() if not k.startswith("_")}
    links = []
    for code, name in (("da", "Dansk"), ("en", "English")):
        if code == current:
            continue
        args["lang"] = code
        endpoint = request.endpoint or "overview.home"
        view_args = request.view_args or {}
        try:
            href = url_for(endpoint, **view_args, **args)
        except Exception:  # e.g. an error page without a routable endpoint
            href = url_for("overview.home", lang=code)
        links.append({"code": code, "name": name, "href": href})
    return links


def control_state(action: Action, citizen_id: int | None = None) -> str:
    """How a control for `action` is shown: "enabled", "disabled" (seen but not usable, e.g. in a
    read-only preview) or "hidden" (the actor may not do it at all). Asks the access policy,
    about `citizen_id` when a page lists several citizens, else about the page's citizen."""
    actor = identity.current_actor()
    if citizen_id is None:
        citizen_id = g.get("citizen_id", actor.subject_citizen_id)
    decision = access.decide(actor, action, citizen_id)
    if decision:
        return "enabled"
    # The previewed person could do it; the preview shows the button but never lets it work.
    return "disabled" if decision.reason is Reason.READ_ONLY_PREVIEW else "hidden"


def can_open(action: Action) -> bool:
    """Whether a link to a page of `action` leads somewhere for this actor (nav, overview)."""
    actor = identity.current_actor()
    citizen_id = g.get("citizen_id", actor.subject_citizen_id)
    return bool(access.decide(actor, action, citizen_id, only_showing=True))


def speaking_about(actor, citizen) -> names.About:
    """Whom the page speaks about: the citizen reads "din plan"; a delegate, or a caseworker
    previewing as one, reads "Hannes plan" (portal/text/names.py)."""
    third_person = actor.role is Role.DELEGATE or (
        actor.role is Role.PREVIEW and actor.preview_delegate_id is not None
    )
    locale = get_locale()
    return names.about(
        citizen.first_name if citizen else None,
        third_person,
        locale.language if locale else "da",
    )


def input_attributes(field, describedby: str, base: dict) -> dict:
    """The attributes of a form input (Jinja allows only one ** per call): error and hint wiring
    added, empty ones left out."""
    attributes = {k: v for k, v in base.items() if v is not None}
    if describedby:
        attributes["aria-describedby"] = describedby
    if field.errors:
        attributes["aria-invalid"] = "true"
    return attributes


def _context() -> dict:
    locale = get_locale()
    actor = identity.current_actor()
    citizen = identity.subject_citizen()
    return {
        "current_person": identity.current_person(),
        "actor": actor,
        "citizen": citizen,
        "about": speaking_about(actor, citizen),
        "lost_delegation_for": identity.lost_delegation_for(),
        "previewed_person": identity.previewed_person(),
        "acting_for_person": identity.acting_for_person(),
        "help_contact": help_contact(),
        "language_links": language_links(),
        "html_lang": locale.language if locale else "da",
    }


def da_only() -> Markup:
    """` lang="da"` on an English page, for text that exists only in Danish (plan items,
    decisions, names of efforts; WCAG 3.1.2); nothing on a Danish page."""
    locale = get_locale()
    return Markup("") if not locale or locale.language == "da" else Markup(' lang="da"')


def message_title(message_key: str) -> str:
    """A notification's subject in the reader's language (the caseworker's delivery list)."""
    message = notification_words.MESSAGES.get(message_key)
    return gettext(message.subject) if message else message_key


def danish(value):
    """A value that exists only in Danish (an effort's next step, a conversation's topic, a place,
    a caseworker's title), inline: wrapped in `<span lang="da">` on an English page, so a screen
    reader reads it with Danish pronunciation (WCAG 3.1.2); unchanged on a Danish page. Empty
    values stay empty, so "value or none" and `{% if %}` keep working."""
    if value is None or value == "":
        return value
    locale = get_locale()
    if not locale or locale.language == "da":
        return escape(value)
    return Markup('<span lang="da">{}</span>').format(value)


@pass_context
def _danish_filter(_context, value):
    """The `da` filter: `danish`, taking the context only so that Jinja never folds it at
    compile time. On a literal (`"du"|da`) a plain filter is run once, when the template is
    compiled, and its result kept: every later page would get the first page's language."""
    return danish(value)


# A label in each language, remembered for the process: the catalogues do not change while it
# runs, and a list page names a status and a form on every row (the caseworker's booking history:
# a hundred labels), each a lookup of the locale and the catalogue through flask-babel. Only the
# tables' own codes are kept (an unknown code reads as itself and is not remembered).
_LABELS: dict[tuple[str, str, str], str] = {}


def label(table: str, code: str | None) -> str:
    """`labels.label`, remembered per language."""
    if code is None:
        return ""
    key = (i18n.language(), table, code)
    found = _LABELS.get(key)
    if found is None:
        found = labels.label(table, code)
        if code in labels.TABLES[table]:
            _LABELS[key] = found
    return found


@pass_context
def _danish_terms_filter(_context, value):
    """The `danish_terms` filter: the Danish domain words inside a translated sentence marked
    lang="da" on an English page (portal/web/danish_terms.py). HTML body text only: never in a
    <title>, an attribute, an e-mail or a text file. The context only keeps Jinja from folding
    it at compile time, as with `da`."""
    return mark_terms(value)


def install(app: Flask) -> None:
    app.context_processor(_context)
    # A global, not a context value: macros imported without context (components, feature
    # macros) need it too. One installation, one organisation: fixed when the app is built.
    app.jinja_env.globals["org"] = app.config["ORGANISATION"]
    app.jinja_env.globals["label"] = label
    app.jinja_env.globals["scope_list"] = labels.scopes
    app.jinja_env.globals["conversation_form"] = partial(label, "conversation_form")
    app.jinja_env.globals["conversation_form_described"] = labels.conversation_form_described
    app.jinja_env.globals["control_state"] = control_state
    app.jinja_env.globals["can_open"] = can_open
    app.jinja_env.globals["input_attributes"] = input_attributes
    app.jinja_env.globals["Action"] = Action
    app.jinja_env.globals["task_words"] = task_words
    app.jinja_env.globals["da_only"] = da_only
    app.jinja_env.globals["message_title"] = message_title
    app.jinja_env.filters["da"] = _danish_filter
    app.jinja_env.filters["danish_terms"] = _danish_terms_filter
    app.jinja_env.globals["danish"] = danish
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
