"""A delegate reads about the citizen in the third person on every page of the citizen's they can
open: each page is rendered as Mads acting for Hanne (every scope, health data included, so every
page and section shows) and fails on a second-person phrase about Hanne's own things ("din plan",
"Du har ikke givet samtykke"). Text people wrote for Hanne (effort descriptions, outcome texts,
her goal and history quotes) is taken out first: it is addressed to her and is shown as written.

Pages reached from these (each outcome, a day's free times and the booking form for one of them,
each conversation) are read too."""

import re

import pytest
from sqlalchemy import select, update

from portal.models import (
    Booking,
    DeadlineWindow,
    Effort,
    Fuldmagt,
    OutcomeVersion,
    Plan,
    PlanChange,
)
from tests.functional.delegation_support import act_for, fuldmagt_of, start_preview
from tests.helpers import check_page, csrf_token, login

PAGES = [
    "/",
    "/det-sker-snart",
    "/plan",
    "/plan/historik",
    "/plan/udskriv",
    "/moede",
    "/moede/deltagelse",
    "/moede/forbered/situation",
    "/moede/forbered/health",
    "/moede/forbered/abilities",
    "/moede/forbered/goal",
    "/moede/forbered/team_note",
    "/moede/forbered/companion",
    "/moede/forbered/tjek",
    "/samtaler",
    "/samtaler/book",
    "/samtaler/kan-ikke-booke",
    "/resultater",
]
# A second-person word about the citizen's things or doings. "Du"/"dig" addressed to the
# delegate about their own doing ("Har du spørgsmål", "Du handler på vegne af") is allowed.
SECOND_PERSON = re.compile(
    r"\b(?:din|dit|dine|Din|Dit|Dine|min|mit|mine|Min|Mit|Mine)\s+"
    r"(?:plan|møde|rehabiliteringsmøde|samtaler?|frist|sag|mål|valg|forberedelse|tid|klage|"
    r"anmodning|samtykke|sagsbehandler|oplysninger|indkaldelse|besked)\b"
    r"|\bDu (?:har (?:ikke )?(?:givet|valgt|booket|læst|ingen|ikke haft)|er (?:indkaldt|i gang|"
    r"under)|kan (?:ændre|klage)|får (?:den|svar|et link))"
    r"|\b(?:for|til|med) dig\b|\bFordi du\b|\bhvis du (?:giver|er uenig)"
)


def _authored(read_db, citizen_id) -> list[str]:
    """Every line people wrote for the citizen, longest first."""

    def run(session):
        texts = []
        for effort in session.scalars(
            select(Effort)
            .join(Plan, Effort.plan_id == Plan.id)
            .where(Plan.citizen_id == citizen_id)
        ):
            texts += [effort.meaning, effort.next_step]
        plan = session.scalar(select(Plan).where(Plan.citizen_id == citizen_id))
        texts += [plan.goal] + [
            c.new_value
            for c in session.scalars(select(PlanChange).where(PlanChange.plan_id == plan.id))
        ]
        texts += list(session.scalars(select(DeadlineWindow.topic)))
        texts += list(session.scalars(select(Booking.topic)))
        for v in session.scalars(select(OutcomeVersion)):
            texts += [v.title, v.decided, v.meaning, v.next_steps, v.if_you_disagree, v.formal_text]
        return texts

    lines = {_plain(line) for text in read_db(run) if text for line in text.splitlines()}
    return sorted((line for line in lines if line), key=len, reverse=True)


def _plain(text: str) -> str:
    """Spaces as a reader sees them (a glossary link inside a sentence adds one before a comma)."""
    return re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split()))


def _problems(client, paths, authored) -> list[str]:
    found = []
    for path in paths:
        page = check_page(client.get(path))
        for hidden in page.select("script, dialog, footer, .acting-banner"):
            hidden.decompose()
        text = _plain(page.get_text(" "))
        for line in authored:
            text = text.replace(line, " ")
        found += [
            f"{path}: …{text[max(0, m.start() - 40) : m.end() + 30]}…"
            for m in SECOND_PERSON.finditer(text)
        ]
    return found


def _all_scopes(read_db, fuldmagt_id):
    def run(session):
        session.execute(
            update(Fuldmagt)
            .where(Fuldmagt.id == fuldmagt_id)
            .values(scopes="se,booke,moede,helbred")
        )
        session.commit()

    read_db(run)


def _with_outcome_pages(client, paths):
    """The listed pages, each outcome, the last day's free times and the form for one of them,
    and each conversation (booking one first, so there is one)."""
    page = check_page(client.get("/resultater"))
    links = {a["href"] for a in page.select("main a[href^='/resultater/']")}
    days = check_page(client.get("/samtaler/book")).select(".day-list a")
    if days:  # none once a time is booked in the window
        slot = check_page(client.get(days[-1]["href"])).find("input", attrs={"name": "tid"})
        links |= {days[-1]["href"], f"/samtaler/book/detaljer?tid={slot['value']}"}
    page = check_page(client.get("/samtaler"))
    links |= {
        a["href"] for a in page.select("main a[href]") if re.fullmatch(r"/samtaler/\d+", a["href"])
    }
    return paths + sorted(links)


def _book_one(client) -> None:
    day = check_page(client.get("/samtaler/book")).select(".day-list a")[-1]["href"]
    slot = check_page(client.get(day)).find("input", attrs={"name": "tid"})["value"]
    token = csrf_token(client.get(f"/samtaler/book/detaljer?tid={slot}"))
    data = {"csrf_token": token, "slot": slot, "rebook": "", "form": "telefon", "note": ""}
    assert client.post("/samtaler/book/bekraeft", data=data).status_code == 302


def test_a_delegate_reads_about_the_citizen_in_the_third_person(client, read_db, demo_data):
    _all_scopes(read_db, fuldmagt_of(read_db, demo_data["Mads"]))
    login(client, "demo-mads")
    act_for(client, demo_data["Hanne"])
    paths = _with_outcome_pages(client, PAGES)  # the booking steps, before a time is booked
    _book_one(client)
    paths = _with_outcome_pages(client, paths)
    assert any(re.fullmatch(r"/samtaler/\d+", p) for p in paths)  # the booking's own page
    assert any(p.startswith("/resultater/") for p in paths)
    problems = _problems(client, paths, _authored(read_db, demo_data["Hanne"]))
    assert not problems, "\n".join(problems)


def test_the_preview_as_a_delegate_reads_the_same(client, read_db, demo_data):
    mads = fuldmagt_of(read_db, demo_data["Mads"])
    _all_scopes(read_db, mads)
    login(client, "demo-anders")
    start_preview(client, demo_data["Hanne"], som=str(mads))
    paths = _with_outcome_pages(client, PAGES)
    problems = _problems(client, paths, _authored(read_db, demo_data["Hanne"]))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", ["/plan", "/moede", "/samtaler", "/resultater"])
def test_the_citizen_still_reads_in_the_second_person(client, demo_data, path):
    """The check is real: the same pattern finds the citizen's own wording on her pages."""
    login(client, "demo-hanne")
    assert _problems(client, [path], [])


def test_the_menu_names_the_citizens_plan_and_meeting(client, demo_data):
    login(client, "demo-mads")
    act_for(client, demo_data["Hanne"])
    menu = [a.get_text(strip=True) for a in check_page(client.get("/")).select(".main-nav a")]
    assert "Hannes plan" in menu and "Hannes møde" in menu
    assert "Min plan" not in menu and "Mit møde" not in menu
    english = check_page(client.get("/?lang=en")).select(".main-nav a")
    assert "Hanne's plan" in [a.get_text(strip=True) for a in english]
