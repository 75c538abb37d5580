"""Every date in the portal is typed as day, month and year: no browser date picker anywhere."""

from datetime import date

from sqlalchemy import select

from portal.models import DeadlineWindow
from tests.helpers import check_page, csrf_token, date_fields, login


def _date_inputs(page) -> list[str]:
    return [i["name"] for i in page.select("input[inputmode=numeric]") if "-" in i["name"]]


def test_every_date_form_uses_the_day_month_year_field(client, demo_data):
    login(client, "demo-anders")
    sofie = demo_data["Sofie"]
    pages = {
        "/medarbejder/tider": ["first_day", "last_day"],
        f"/medarbejder/borger/{sofie}/samtaler": ["frist-opens_on", "frist-closes_on"],
        f"/medarbejder/borger/{sofie}/moede/planlaeg": ["start_date", "deadline_date"],
        f"/medarbejder/borger/{sofie}/resultater/ny": [
            "decision_date",
            "received_date",
            "decision_expected",
        ],
    }
    citizen = client.application.test_client()
    login(citizen, "demo-hanne")
    for path, names in pages.items():
        page = check_page(client.get(path))
        assert not page.select("input[type=date]"), path
        expected = [f"{n}-{p}" for n in names for p in ("day", "month", "year")]
        assert _date_inputs(page) == expected, path
    page = check_page(citizen.get("/fuldmagt/ny"))
    assert not page.select("input[type=date]")
    assert _date_inputs(page) == ["ends_on-day", "ends_on-month", "ends_on-year"]


def test_a_deadline_window_typed_as_day_month_year(client, read_db, demo_data):
    login(client, "demo-anders")
    sofie = demo_data["Sofie"]
    url = f"/medarbejder/borger/{sofie}/samtaler"
    token = csrf_token(client.get(url))
    form = {"csrf_token": token, "frist-topic": "Opfølgning", "frist-cutoff_hours": "24"}
    response = client.post(
        f"{url}/frist",
        data={
            **form,
            **date_fields("frist-opens_on", ("7", "", "2030")),
            **date_fields("frist-closes_on", date(2030, 1, 18)),
        },
    )
    assert response.status_code == 400
    page = check_page(response)
    assert page.select_one(".error-summary a")["href"] == "#frist-opens_on-month"
    assert [i["name"] for i in page.select("input[aria-invalid=true]")] == ["frist-opens_on-month"]
    assert page.select_one("input[name=frist-opens_on-day]")["value"] == "7"
    assert page.select_one("input[name=frist-closes_on-day]")["value"] == "18"

    response = client.post(
        f"{url}/frist",
        data={
            **form,
            **date_fields("frist-opens_on", date(2030, 1, 7)),
            **date_fields("frist-closes_on", date(2030, 1, 18)),
        },
    )
    assert response.status_code == 302
    window = read_db(
        lambda s: s.scalars(
            select(DeadlineWindow)
            .where(DeadlineWindow.citizen_id == sofie)
            .order_by(DeadlineWindow.id.desc())
        ).first()
    )
    assert (window.opens_on, window.closes_on) == (date(2030, 1, 7), date(2030, 1, 18))
