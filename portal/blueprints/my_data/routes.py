""" "Hent dine oplysninger": the page that explains the download, and the download as JSON
(machine-readable, GDPR art. 20) and as PDF (readable, art. 15). The person's own copy: the
citizen's, or a relative's signed in as themself (what they hold as a fuldmagt holder and did with
it); who may is decided by the access policy (`Action.MY_DATA_*`, portal/web/access.py). Each
download leaves one audit row naming its format; a HEAD leaves none (portal/web/documents.py)."""

from flask import render_template

from portal import clock
from portal.blueprints.my_data import bp
from portal.models import PersonKind
from portal.services import holder_data, my_data, my_data_document
from portal.text import log_labels
from portal.text import meeting as meeting_words
from portal.web import documents, identity, sessions
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires
from portal.web.guard import about_self, describe_change


def _person():
    """Whose copy: the signed-in person themself (the policy let only the citizen in their own
    view or a relative in theirs through)."""
    return identity.current_person()


def _is_relative(person) -> bool:
    return person.kind == PersonKind.RELATIVE


@bp.route("")
@requires(Action.MY_DATA_VIEW)
def index():
    return render_template("my_data/index.html", relative=_is_relative(_person()))


def _logins(person_id: int) -> list[my_data.LoginSession]:
    here = sessions.current_key()
    return [
        my_data.LoginSession(
            started_at=record.started_at,
            last_seen_at=record.last_seen_at,
            browser=record.browser,
            system=record.system,
            this_one=record.key == here,
        )
        for record in sessions.active_of(person_id)
    ]


def _document(person) -> dict:
    logins, now, language = _logins(person.id), clock.now(), documents.language()
    if _is_relative(person):
        data = holder_data.collect(uow.session(), person.id, logins)
        return holder_data.build(data, now, language, log_labels.held_entry)
    data = my_data.collect(uow.session(), person.id, logins)
    return my_data_document.build(data, now, language, log_labels.entry_or_someone)


def _file_name(extension: str) -> str:
    return f"mine-oplysninger-{clock.today().isoformat()}.{extension}"


def _downloaded(person, file_format: str) -> None:
    # A download changes nothing, yet a copy of everything now exists outside the portal: unlike
    # the person's own page views it leaves the request's one audit row, naming the format.
    describe_change(Action.MY_DATA_DOWNLOAD.value, file_format)
    if _is_relative(person):
        about_self(person.id)


@bp.route("/json")
@requires(Action.MY_DATA_DOWNLOAD)
def download_json():
    def build():
        person = _person()
        document = _document(person)
        _downloaded(person, "json")
        return my_data_document.as_json(document)

    return documents.file_download("application/json", _file_name("json"), build)


@bp.route("/pdf")
@requires(Action.MY_DATA_DOWNLOAD)
def download_pdf():
    def build():
        person = _person()
        document = _document(person)
        _downloaded(person, "pdf")
        return documents.pdf_file(
            "my_data/holder_pdf.html" if _is_relative(person) else "my_data/pdf.html",
            citizen=person,
            doc=document,
            mode_names=meeting_words.MODE_NAMES,
            section_labels=meeting_words.SECTION_LABELS,
        )

    return documents.file_download("application/pdf", _file_name("pdf"), build)
