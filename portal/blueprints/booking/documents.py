"""A conversation's confirmation (or summons) as a PDF document."""

from portal import clock
from portal.blueprints.booking import bp
from portal.services import booking as bookings
from portal.web import identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires
from portal.web.documents import pdf_download


@bp.route("/samtaler/<int:booking_id>/pdf")
@requires(Action.BOOKING_VIEW)
def confirmation_pdf(booking_id: int):
    """What was booked, when it can still be changed online, and its state today (a cancelled
    or moved conversation says so): another citizen's id is the audited 404."""
    found = bookings.booking_of(uow.session(), identity.subject_citizen().id, booking_id)
    now = clock.now()
    return pdf_download(
        "booking/pdf.html",
        f"samtale-{found.id}.pdf",
        booking=found,
        can_change=bookings.can_change(found, now),
        deadline=bookings.change_deadline(found),
        is_past=found.slot.ends_at <= now,
    )
