""" "Hent dine oplysninger": the page that explains the download, and the download as JSON
(machine-readable, GDPR art. 20) and as PDF (readable, art. 15). Only the citizen themself
(`Action.MY_DATA_*`, portal/web/access.py); each download leaves one audit row naming its
format, which the citizen's access log shows."""

from flask import Response, render_template

from portal import clock
from portal.blueprints.my_data import bp
from portal.services import my_data, my_data_document
from portal.text import log_labels
from portal.text import meeting as meeting_words
from portal.web import identity, sessions
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires
from portal.web.documents import pdf_download
from portal.web.guard import describe_change


@bp.route("")
@requires(Action.MY_DATA_VIEW)
def index():
    return render_template("my_data/index.html")


def _document(person_id: int) -> dict:
    here = sessions.current_key()
    logins = [
        my_data.LoginSession(
            started_at=record.started_at,
            last_seen_at=record.last_seen_at,
            browser=record.browser,
            system=record.system,
            this_one=record.key == here,
        )
        for record in sessions.active_of(person_id)
    ]
    data = my_data.collect(uow.session(), person_id, logins)
    return my_data_document.build(data, clock.now())


def _file_name(extension: str) -> str:
    return f"mine-oplysninger-{clock.today().isoformat()}.{extension}"


@bp.route("/json")
@requires(Action.MY_DATA_DOWNLOAD)
def download_json():
    person = identity.subject_citizen()
    document = _document(person.id)
    # A download changes nothing, yet a copy of everything now exists outside the portal: unlike
    # the citizen's own page views it leaves the request's one audit row, naming the format.
    describe_change(Action.MY_DATA_DOWNLOAD.value, "json")
    return Response(
        my_data_document.as_json(document),
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{_file_name("json")}"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/pdf")
@requires(Action.MY_DATA_DOWNLOAD)
def download_pdf():
    person = identity.subject_citizen()
    document = _document(person.id)
    describe_change(Action.MY_DATA_DOWNLOAD.value, "pdf")
    return pdf_download(
        "my_data/pdf.html",
        _file_name("pdf"),
        citizen=person,
        doc=document,
        entry=log_labels.entry,
        mode_names=meeting_words.MODE_NAMES,
        section_labels=meeting_words.SECTION_LABELS,
    )
