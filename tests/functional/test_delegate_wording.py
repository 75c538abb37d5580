"""A delegate is addressed as themselves and reads about the citizen in the third person, with
the right Danish genitive; what the fuldmagt does not cover is explained, not linked; the
citizen's access log names what was done for them."""

from sqlalchemy import update

from portal import clock
from portal.models import Fuldmagt
from portal.services import delegation
from portal.text import log_labels
from tests.functional.delegation_support import act_for, fuldmagt_of, start_preview, text_of
from tests.helpers import check_page, login


def _only_see(read_db, fuldmagt_id):
    def run(session):
        session.execute(update(Fuldmagt).where(Fuldmagt.id == fuldmagt_id).values(scopes="se"))
        session.commit()

    read_db(run)


def test_the_start_page_greets_the_delegate_and_names_the_citizen(client, demo_data):
    login(client, "demo-mads")
    act_for(client, demo_data["Hanne"])
    page = check_page(client.get("/"))
    assert page.h1.get_text(strip=True) == "Hej Mads"
    links = [a.get_text(strip=True) for a in page.select("main .overview-links a")]
    assert "Se Hannes plan" in links
    assert "Hannes rehabiliteringsmøde" in links
    assert not any("din plan" in link or "Dit " in link for link in links)


def test_a_see_only_delegate_is_told_who_may_choose_instead_of_a_dead_link(
    client, read_db, demo_data
):
    _only_see(read_db, fuldmagt_of(read_db, demo_data["Mads"]))
    login(client, "demo-mads")
    act_for(client, demo_data["Hanne"])
    response = client.get("/moede")
    page = check_page(response)
    assert page.h1.get_text(strip=True) == "Hannes rehabiliteringsmøde"
    assert not page.select("main a[href='/moede/deltagelse']")
    assert not page.select("main a[href^='/moede/forbered']")
    assert not page.select("#samtykke form")
    text = text_of(response)
    assert "Kun Hanne eller en med fuldmagt til møder kan vælge det." in text
    assert "Kun Hanne eller en med fuldmagt til møder kan forberede mødet." in text
    assert "Samtykket er Hannes eget." in text
    assert "Hanne'" not in text


def test_a_name_ending_in_s_takes_an_apostrophe(client, read_db, demo_data):
    def give(session):
        delegation.grant(
            session,
            citizen_id=demo_data["Jens"],
            holder_id=demo_data["Birgit"],
            scopes=["se"],
            ends_on=clock.today(),
            today=clock.today(),
            now=clock.now(),
        )
        session.commit()

    read_db(give)
    login(client, "demo-birgit")
    act_for(client, demo_data["Jens"])
    assert check_page(client.get("/plan")).h1.get_text(strip=True) == "Jens' plan"
    assert check_page(client.get("/plan/historik")).h1.get_text(strip=True) == (
        "Ændringer i Jens' plan"
    )
    english = check_page(client.get("/plan?lang=en"))
    assert english.h1.get_text(strip=True) == "Jens' plan"


def test_the_citizen_reads_in_the_second_person(client):
    login(client, "demo-hanne")
    assert check_page(client.get("/moede")).h1.get_text(strip=True) == "Dit rehabiliteringsmøde"
    assert check_page(client.get("/plan")).h1.get_text(strip=True) == "Min plan"


def test_the_access_log_names_each_change_a_delegate_made(app):
    with app.test_request_context("/"):
        said = {
            action: log_labels.sentence("delegate", "Mads Sørensen", action)
            for action in ("booking.book", "booking.rebook", "booking.cancel")
        }
        said["participation"] = log_labels.sentence(
            "delegate", "Mads Sørensen", "meeting.participation"
        )
    assert said == {
        "booking.book": "Mads Sørensen har med din fuldmagt booket en samtale til dig.",
        "booking.rebook": "Mads Sørensen har med din fuldmagt flyttet en af dine samtaler.",
        "booking.cancel": "Mads Sørensen har med din fuldmagt aflyst en af dine samtaler.",
        "participation": ("Mads Sørensen har med din fuldmagt valgt, hvordan du deltager i mødet."),
    }


def test_a_see_only_delegate_is_not_offered_booking(client, read_db, demo_data):
    _only_see(read_db, fuldmagt_of(read_db, demo_data["Mads"]))
    login(client, "demo-mads")
    act_for(client, demo_data["Hanne"])
    links = [a.get_text(strip=True) for a in check_page(client.get("/")).select("main a")]
    assert "Se Hannes samtaler" in links and "Se og book Hannes samtaler" not in links


def test_the_preview_as_a_delegate_greets_the_delegate(client, read_db, demo_data):
    login(client, "demo-anders")
    start_preview(client, demo_data["Hanne"], som=str(fuldmagt_of(read_db, demo_data["Mads"])))
    page = check_page(client.get("/"))
    assert page.h1.get_text(strip=True) == "Hej Mads"
    assert check_page(client.get("/plan")).h1.get_text(strip=True) == "Hannes plan"
