"""The outcome as a PDF: read back with pypdf, it holds the decision and the appeal date, is
tagged (structure tree, /Lang, title), has page numbers and the citizen's name; a delegate who
may see downloads it, one who may only book does not, and another citizen's id is 404."""

from portal.models import Outcome, OutcomeKind
from portal.services.appeal import appeal_deadline
from portal.web.i18n import long_date
from tests.functional.delegation_support import act_for, grant_birgit_for_hanne
from tests.functional.outcomes_support import outcome_of_kind
from tests.functional.pdf_support import assert_tagged
from tests.functional.pdf_support import pdf_text as _text
from tests.functional.pdf_support import read_pdf as _read
from tests.helpers import login


def test_the_decision_as_a_tagged_pdf(client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    decision = outcome_of_kind(read_db, hanne, OutcomeKind.DECISION)
    version = read_db(lambda s: s.get(Outcome, decision).versions[-1])
    login(client, "demo-hanne")
    reader = _read(client.get(f"/resultater/{decision}/pdf"))
    assert_tagged(reader, "da", version.title)
    text = _text(reader)
    assert version.title in text and "Det blev besluttet" in text
    assert "Den formelle tekst" in text
    deadline = long_date(appeal_deadline(version.decision_date, weeks=version.appeal_weeks), "da")
    assert deadline in text
    assert "Hanne" in text and "Side 1 af" in text


def test_the_pdf_in_english_says_so(client, read_db, demo_data):
    decision = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    login(client, "demo-hanne")
    client.get("/?lang=en")
    reader = _read(client.get(f"/resultater/{decision}/pdf"))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "Page 1 of" in _text(reader)


def test_another_citizens_outcome_is_404(client, read_db, demo_data):
    decision = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    login(client, "demo-laerke")
    assert client.get(f"/resultater/{decision}/pdf").status_code == 404


def test_a_delegate_downloads_only_with_the_see_scope(client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    decision = outcome_of_kind(read_db, hanne, OutcomeKind.DECISION)
    login(client, "demo-mads")  # se + booke for Hanne
    act_for(client, hanne)
    assert "Det blev besluttet" in _text(_read(client.get(f"/resultater/{decision}/pdf")))
    grant_birgit_for_hanne(read_db, demo_data, "booke")
    login(client, "demo-birgit")
    act_for(client, hanne)
    assert client.get(f"/resultater/{decision}/pdf").status_code == 403
