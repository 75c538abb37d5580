"""The main journeys over HTTP, as a browser without JavaScript makes them, with the planted
values of log_support.py typed in. Each step checks its answer, so a journey that silently did
nothing cannot make the log test pass."""

from __future__ import annotations

import re
from datetime import date, timedelta

import requests
from bs4 import BeautifulSoup

from tests.integration.log_support import (
    CPR,
    EMAIL,
    NAMES,
    NOTE,
    PHONE,
    REPRESENTATIVE,
    REQUEST_IDS,
)


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.http = requests.Session()

    def get(self, path: str, **headers: str) -> requests.Response:
        return self.http.get(self.base + path, headers=headers, allow_redirects=False, timeout=30)

    def post(self, path: str, data: dict, **headers: str) -> requests.Response:
        return self.http.post(
            self.base + path, data=data, headers=headers, allow_redirects=False, timeout=30
        )

    def page(self, path: str) -> BeautifulSoup:
        answer = self.get(path)
        assert answer.status_code == 200, (path, answer.status_code)
        return BeautifulSoup(answer.text, "html.parser")

    def token(self, path: str) -> str:
        return self.page(path).find("input", attrs={"name": "csrf_token"})["value"]

    def submit(self, path: str, action: str, expect: int, **values) -> requests.Response:
        """Fill the form posting to `action` on the page at `path` as it stands, change
        `values`, and post it."""
        form = self.page(path).find("form", action=action)
        assert form is not None, (path, action)
        answer = self.post(action, {**fields(form), **values})
        assert answer.status_code == expect, (action, answer.status_code, answer.text[:300])
        return answer


def fields(form) -> dict:
    data: dict = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") == "submit":
            continue
        if field.get("type") in ("radio", "checkbox"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.get("value", "")
    return data


def log_in(base: str, subject: str, request_id: str = "") -> Browser:
    browser = Browser(base)
    data = {"csrf_token": browser.token("/log-ind"), "subject": subject, "next": ""}
    headers = {"X-Request-ID": request_id} if request_id else {}
    assert browser.post("/log-ind", data, **headers).status_code == 302
    return browser


def log_out(browser: Browser) -> None:
    browser.submit("/log-ud", "/log-ud", 302)


def _id_in(location: str, prefix: str) -> int:
    return int(re.search(rf"{prefix}(\d+)", location).group(1))


def failed_log_in(base: str) -> None:
    browser = Browser(base)
    data = {"csrf_token": browser.token("/log-ind"), "subject": " ".join(NAMES["demo-hanne"])}
    assert browser.post("/log-ind", data).status_code == 400


def sofie_books_rebooks_and_cancels(base: str) -> list[str]:
    """Contact settings with the planted e-mail and phone (and a form error), a query string
    with the CPR number, a booking with a note, moved, cancelled; refusals and unknown ids."""
    sofie = log_in(base, "demo-sofie", REQUEST_IDS["login"])
    assert NAMES["demo-sofie"][0] in sofie.get("/plan").text  # the planted name is served
    settings = dict(mobile=PHONE, receipts="email", reminders="email", language="da")
    sofie.submit("/indstillinger", "/indstillinger", 400, email=f"{NAMES['demo-sofie'][1]}@@")
    sofie.submit("/indstillinger", "/indstillinger", 302, email=EMAIL, **settings)
    assert sofie.get(f"/plan?cpr={CPR}&q={NAMES['demo-sofie'][0]}").status_code == 200

    day = sofie.page("/samtaler/book").select(".day-list a")[-1]["href"]
    slot = sofie.page(day).find("input", attrs={"name": "tid"})["value"]
    token = sofie.token(f"/samtaler/book/detaljer?tid={slot}")
    choice = {"csrf_token": token, "slot": slot, "rebook": "", "form": "telefon", "note": NOTE}
    booked = sofie.post("/samtaler/book/bekraeft", choice)
    assert booked.status_code == 302, booked.text[:300]
    first = _id_in(booked.headers["Location"], "/samtaler/")
    assert NOTE in sofie.get(f"/samtaler/{first}").text
    assert sofie.get(f"/samtaler/{first}/kvittering.txt").status_code == 200

    # A time on the last day too, well after the deadline for cancelling.
    day = sofie.page(f"/samtaler/{first}/flyt").select(".day-list a")[-1]["href"]
    times = [i["value"] for i in sofie.page(day).find_all("input", attrs={"name": "tid"})]
    moved_to = next(t for t in times if t != slot)
    sofie.get(f"/samtaler/book/detaljer?tid={moved_to}&flyt={first}")
    moved = sofie.post(
        "/samtaler/book/bekraeft", {**choice, "slot": moved_to, "rebook": str(first)}
    )
    assert moved.status_code == 302 and "udfoert=flyttet" in moved.headers["Location"]
    second = _id_in(moved.headers["Location"], "/samtaler/")
    sofie.submit(f"/samtaler/{second}/aflys", f"/samtaler/{second}/aflys", 302, reason=NOTE)

    refused = sofie.get("/medarbejder", **{"X-Request-ID": REQUEST_IDS["refused"]})
    assert refused.status_code == 403
    assert sofie.get("/samtaler/987654321").status_code == 404
    assert sofie.get("/resultater/987654321").status_code == 404
    log_out(sofie)
    return [f"/samtaler/{first}", f"/samtaler/{second}"]


def laerke_consents_and_chooses(base: str) -> None:
    laerke = log_in(base, "demo-laerke")
    laerke.submit("/moede", "/moede/samtykke", 302, choice="give")
    laerke.submit("/moede", "/moede/samtykke", 302, choice="withdraw")
    laerke.submit(
        "/moede/deltagelse",
        "/moede/deltagelse",
        303,
        mode="repraesenteret",
        representative_name=REPRESENTATIVE,
        representative_relation="ven",
        inline="1",
    )
    laerke.submit("/moede/deltagelse/tjek", "/moede/deltagelse/bekraeft", 303)
    log_out(laerke)


def hanne_reads_an_outcome_and_tries_a_fuldmagt(base: str, others: list[str]) -> list[str]:
    hanne = log_in(base, "demo-hanne")
    assert NAMES["demo-hanne"][1] in hanne.get("/plan").text
    link = hanne.page("/resultater").find("a", href=re.compile(r"^/resultater/\d+$"))["href"]
    outcome = _id_in(link, "/resultater/")
    hanne.submit(link, f"{link}/laest", 302)
    today = date.today()
    hanne.submit(
        "/fuldmagt/ny",
        "/fuldmagt/ny",
        400,  # nobody with that name and number
        holder_name=" ".join(NAMES["demo-laerke"]),
        holder_identifier=f"{CPR[:6]}-{CPR[6:]}",
        scopes="se",
        **{"ends_on-day": today.day, "ends_on-month": today.month, "ends_on-year": today.year},
    )
    ends = today + timedelta(days=30)
    terms = {
        "csrf_token": hanne.token("/fuldmagt/ny"),
        "holder_name": "Birgit Holm",  # a demo relative: her number is the demo data's, not planted
        "holder_identifier": "990101-3002",
        "scopes": "se",
        **{"ends_on-day": ends.day, "ends_on-month": ends.month, "ends_on-year": ends.year},
    }
    assert hanne.post("/fuldmagt/ny", terms).status_code == 200  # the check page
    assert hanne.post("/fuldmagt/ny", {**terms, "bekraeft": "1"}).status_code == 302
    for path in others:  # Sofie's conversations: not Hanne's to see
        assert hanne.get(path).status_code == 404
    log_out(hanne)
    return [f"/resultater/{outcome}"]


def caseworker_opens_a_citizen(base: str) -> list[str]:
    anders = log_in(base, "demo-anders")
    link = anders.page("/medarbejder").find("a", href=re.compile(r"^/medarbejder/borger/\d+$"))
    assert anders.get(link["href"]).status_code == 200
    log_out(anders)
    return [link["href"]]


def all_journeys(base: str) -> list[str]:
    """Every journey; returns the paths with record ids that were visited."""
    failed_log_in(base)
    paths = sofie_books_rebooks_and_cancels(base)
    laerke_consents_and_chooses(base)
    paths += hanne_reads_an_outcome_and_tries_a_fuldmagt(base, paths)
    return paths + caseworker_opens_a_citizen(base)
