"""The meeting's receipts as PDF documents: one consent record, one participation record."""

from portal.blueprints.meeting import bp
from portal.services import meeting as meetings
from portal.text.meeting import MODE_LABELS
from portal.web import identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires
from portal.web.documents import pdf_download


@bp.route("/moede/kvittering/<int:record_id>/pdf")
@requires(Action.MEETING_VIEW)
def consent_receipt_pdf(record_id: int):
    citizen = identity.subject_citizen()
    record = meetings.consent_record_of(uow.session(), citizen.id, record_id)
    return pdf_download(
        "meeting/receipt_pdf.html",
        f"kvittering-samtykke-{record.id}.pdf",
        record=record,
        kind="consent",
        mode_labels=MODE_LABELS,
    )


@bp.route("/moede/deltagelse/kvittering/<int:record_id>/pdf")
@requires(Action.MEETING_VIEW)
def participation_receipt_pdf(record_id: int):
    citizen = identity.subject_citizen()
    record = meetings.participation_record_of(uow.session(), citizen.id, record_id)
    return pdf_download(
        "meeting/receipt_pdf.html",
        f"kvittering-deltagelse-{record.id}.pdf",
        record=record,
        kind="participation",
        mode_labels=MODE_LABELS,
    )
