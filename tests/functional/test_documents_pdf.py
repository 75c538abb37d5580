"""The plan, the meeting's receipts and a conversation's confirmation as PDF documents: read
back with pypdf they are tagged (structure tree, /Lang, title), carry the citizen's name, the day
they were made and page numbers; a delegate gets only what their fuldmagt lets them read
(sensitive efforts only with health and social data); another citizen's id is 404; every page
links to its document."""

from sqlalchemy import select, update

from portal.models import Booking, ConsentRecord, Fuldmagt, Meeting, ParticipationRecord
from tests.functional.delegation_support import act_for, fuldmagt_of, grant_birgit_for_hanne
from tests.functional.pdf_support import assert_tagged, pdf_text, read_pdf
from tests.helpers import check_page, login

SENSITIVE = ("Samtaler med psykolog", "Alkoholbehandling")
ORDINARY = "Jobafklaringsforløb"


def _records(read_db, citizen, model):
    return read_db(
        lambda s: s.scalars(
            select(model.id)
            .join(Meeting, Meeting.id == model.meeting_id)
            .where(Meeting.citizen_id == citizen)
            .order_by(model.id)
        ).all()
    )


def _booking_of(read_db, citizen):
    return read_db(
        lambda s: s.scalars(
            select(Booking.id).where(Booking.citizen_id == citizen).order_by(Booking.id)
        ).first()
    )


def test_the_plan_as_a_tagged_pdf_with_everything_for_the_citizen(client, demo_data):
    login(client, "demo-hanne")
    page = check_page(client.get("/plan"))
    assert page.find("a", href="/plan/pdf", string="Hent som PDF") is not None
    response = client.get("/plan/pdf")
    assert response.headers["Cache-Control"] == "no-store"
    reader = read_pdf(response)
    assert_tagged(reader, "da", "Plan for Hanne Sørensen")
    text = pdf_text(reader)
    assert "Plan for Hanne Sørensen" in text and "Dit mål" in text
    assert ORDINARY in text and all(t in text for t in SENSITIVE)
    assert "Lavet" in text and "Side 1 af" in text


def test_the_plan_pdf_in_english(client, demo_data):
    login(client, "demo-hanne")
    client.get("/?lang=en")
    reader = read_pdf(client.get("/plan/pdf"))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "Page 1 of" in pdf_text(reader)


def test_a_delegate_gets_the_plan_without_sensitive_efforts_unless_given(
    client, read_db, demo_data
):
    hanne = demo_data["Hanne"]
    login(client, "demo-mads")  # se + booke, no health and social data
    act_for(client, hanne)
    text = pdf_text(read_pdf(client.get("/plan/pdf")))
    assert ORDINARY in text and not any(t in text for t in SENSITIVE)
    assert "fuldmagten ikke omfatter dem" in text

    def widen(session):
        mads = fuldmagt_of(lambda f: f(session), demo_data["Mads"])
        session.execute(
            update(Fuldmagt).where(Fuldmagt.id == mads).values(scopes="booke,helbred,se")
        )
        session.commit()

    read_db(widen)
    text = pdf_text(read_pdf(client.get("/plan/pdf")))
    assert all(t in text for t in SENSITIVE) and "fuldmagten ikke omfatter" not in text


def test_a_delegate_who_may_only_book_gets_no_plan(client, read_db, demo_data):
    grant_birgit_for_hanne(read_db, demo_data, "booke")
    login(client, "demo-birgit")
    act_for(client, demo_data["Hanne"])
    assert client.get("/plan/pdf").status_code == 403


def test_consent_and_participation_receipts_as_pdf(client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    consent = _records(read_db, hanne, ConsentRecord)[0]
    choice = _records(read_db, hanne, ParticipationRecord)[0]
    login(client, "demo-hanne")
    page = check_page(client.get("/moede"))
    assert page.find("a", href=f"/moede/kvittering/{consent}/pdf") is not None
    assert page.find("a", href=f"/moede/deltagelse/kvittering/{choice}/pdf") is not None

    reader = read_pdf(client.get(f"/moede/kvittering/{consent}/pdf"))
    assert_tagged(reader, "da", "Kvittering for samtykke")
    text = pdf_text(reader)
    assert "Samtykke givet til et virtuelt rehabiliteringsmøde" in text
    assert "Hanne Sørensen" in text and f"Kvitteringsnummer {consent}" in text

    reader = read_pdf(client.get(f"/moede/deltagelse/kvittering/{choice}/pdf"))
    assert_tagged(reader, "da", "Kvittering for deltagelse i mødet")
    assert "Jeg deltager på video" in pdf_text(reader)

    login(client, "demo-laerke")
    assert client.get(f"/moede/kvittering/{consent}/pdf").status_code == 404
    assert client.get(f"/moede/deltagelse/kvittering/{choice}/pdf").status_code == 404
    assert client.get("/moede/deltagelse/kvittering/999999/pdf").status_code == 404


def test_a_delegate_with_see_gets_the_receipts_one_with_book_only_does_not(
    client, read_db, demo_data
):
    hanne = demo_data["Hanne"]
    choice = _records(read_db, hanne, ParticipationRecord)[0]
    login(client, "demo-mads")
    act_for(client, hanne)
    assert "Jeg deltager på video" in pdf_text(
        read_pdf(client.get(f"/moede/deltagelse/kvittering/{choice}/pdf"))
    )
    grant_birgit_for_hanne(read_db, demo_data, "booke")
    login(client, "demo-birgit")
    act_for(client, hanne)
    assert client.get(f"/moede/deltagelse/kvittering/{choice}/pdf").status_code == 403


def test_a_summons_as_pdf_and_another_citizens_booking_is_404(client, read_db, demo_data):
    summons = _booking_of(read_db, demo_data["Jens"])
    login(client, "demo-jens")
    page = check_page(client.get(f"/samtaler/{summons}"))
    assert page.find("a", href=f"/samtaler/{summons}/pdf", string="Hent som PDF") is not None
    reader = read_pdf(client.get(f"/samtaler/{summons}/pdf"))
    assert_tagged(reader, "da", "Indkaldelse til samtale")
    text = pdf_text(reader)
    assert "Du er indkaldt til samtale" in text and "dansk tegnsprog" in text
    assert "Jens" in text and f"Bekræftelsesnummer: {summons}" in text
    login(client, "demo-sofie")
    assert client.get(f"/samtaler/{summons}/pdf").status_code == 404


def test_a_booking_confirmation_says_until_when_it_can_be_changed(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    past = _booking_of(read_db, sofie)
    login(client, "demo-sofie")
    text = pdf_text(read_pdf(client.get(f"/samtaler/{past}/pdf")))
    assert "Bekræftelse af samtale" in text and "Sofie" in text
    assert "Hvis tiden ikke passer" not in text  # held already: nothing to change
