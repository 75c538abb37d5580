"""A conversation's receipt: what was booked and what became of it (cancelled or moved), as a
page to keep or print, and as a PDF and a plain-text file to download. All three render the one
value the service builds (`bookings.conversation_receipt`)."""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext

from portal import clock
from portal.blueprints.booking import bp
from portal.services import booking as bookings
from portal.services.booking import receipt as kinds
from portal.text.labels import label
from portal.web import identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires
from portal.web.documents import file_download, pdf_download
from portal.web.i18n import long_datetime, time_of_day


def _receipt(booking_id: int) -> bookings.ConversationReceipt:
    """This citizen's receipt; another citizen's id is the audited 404 (NotFound)."""
    return bookings.conversation_receipt(uow.session(), identity.subject_citizen().id, booking_id)


@bp.route("/samtaler/<int:booking_id>/kvittering")
@requires(Action.BOOKING_VIEW)
def receipt(booking_id: int):
    found = _receipt(booking_id)
    return render_template(
        "booking/receipt.html",
        receipt=found,
        title=title(found),
        what=what_happened(found),
        now=clock.now(),
    )


@bp.route("/samtaler/<int:booking_id>/kvittering.pdf")
@requires(Action.BOOKING_VIEW)
def receipt_pdf(booking_id: int):
    found = _receipt(booking_id)
    return pdf_download(
        "booking/receipt_pdf.html",
        f"kvittering-samtale-{found.number}.pdf",
        receipt=found,
        title=title(found),
        what=what_happened(found),
    )


@bp.route("/samtaler/<int:booking_id>/kvittering.txt")
@requires(Action.BOOKING_VIEW)
def receipt_text(booking_id: int):
    found = _receipt(booking_id)
    return file_download(
        "text/plain", f"kvittering-samtale-{found.number}.txt", lambda: receipt_lines(found)
    )


def title(receipt: bookings.ConversationReceipt) -> str:
    return {
        kinds.CANCELLED: gettext("Kvittering for aflyst samtale"),
        kinds.MOVED: gettext("Kvittering for flyttet samtale"),
        kinds.SUMMONED: gettext("Kvittering for indkaldelse"),
        kinds.BOOKED: gettext("Kvittering for booket samtale"),
    }[receipt.state]


def what_happened(receipt: bookings.ConversationReceipt) -> str:
    """One sentence: what became of the conversation, by whom and when."""
    who = receipt.ended_by_name or gettext("jobcentret")
    if receipt.state == kinds.CANCELLED:
        return gettext("Aflyst af %(who)s %(when)s.", who=who, when=long_datetime(receipt.ended_at))
    if receipt.state == kinds.MOVED:
        moved = gettext(
            "Flyttet af %(who)s %(when)s.", who=who, when=long_datetime(receipt.ended_at)
        )
        if receipt.moved_to is None:
            return moved
        return moved + " " + gettext("Flyttet til %(when)s.", when=long_datetime(receipt.moved_to))
    if receipt.state == kinds.SUMMONED:
        return gettext("Jobcentret har indkaldt %(name)s til samtalen.", name=receipt.citizen_name)
    return gettext("Samtalen er booket.")


def receipt_lines(receipt: bookings.ConversationReceipt) -> str:
    """The receipt as plain text, line by line, in the reader's language."""
    when = f"{long_datetime(receipt.starts_at)}–{time_of_day(receipt.ends_at).replace('kl. ', '')}"
    booked_by = receipt.booked_by_name or gettext("jobcentret")
    rows = [
        gettext("Kvittering fra Én plan"),
        title(receipt),
        "",
        what_happened(receipt),
        gettext("Borger: %(name)s", name=receipt.citizen_name),
        gettext("Samtalen: %(when)s", when=when),
        gettext("Hvordan: %(form)s", form=label("conversation_form", receipt.form)),
        gettext("Hvor: %(place)s", place=receipt.place) if receipt.place else None,
        gettext("Med: %(name)s", name=receipt.caseworker_name),
        gettext("Om: %(topic)s", topic=receipt.topic),
        gettext("Tolk: %(language)s", language=receipt.interpreter_language)
        if receipt.interpreter_language
        else None,
        gettext("Besked: %(note)s", note=receipt.note) if receipt.note else None,
        gettext("Begrundelse: %(reason)s", reason=receipt.cancel_reason)
        if receipt.cancel_reason
        else None,
        gettext(
            "Booket %(when)s af %(who)s.", when=long_datetime(receipt.booked_at), who=booked_by
        ),
        gettext("Kvitteringsnummer: %(number)s", number=receipt.number),
    ]
    if receipt.ended:
        rows += ["", gettext("Har du lagt tiden i din kalender, så slet den.")]
    return "\n".join(row for row in rows if row is not None) + "\n"
