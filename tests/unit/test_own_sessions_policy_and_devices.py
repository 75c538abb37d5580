""" "Dine log-ins" in the access policy (everyone's own; a preview only reads), and the device
names read from a User-Agent."""

from portal.text import devices
from portal.web.access import ANONYMOUS, Action, Actor, Reason, Role, Scope, decide

HANNE = 1
PEOPLE = [
    Actor(person_id=HANNE, role=Role.CITIZEN),
    Actor(person_id=20, role=Role.RELATIVE),
    Actor(person_id=20, role=Role.DELEGATE, acting_for=HANNE, scopes=frozenset({Scope.SEE})),
    Actor(person_id=10, role=Role.CASEWORKER, caseload=frozenset({HANNE})),
]
PREVIEW = Actor(person_id=10, role=Role.PREVIEW, caseload=frozenset({HANNE}), acting_for=HANNE)


def test_everyone_signed_in_sees_and_ends_their_own_sessions():
    for actor in PEOPLE:
        assert decide(actor, Action.SESSIONS_VIEW)
        assert decide(actor, Action.SESSIONS_END_OTHERS)
    for action in (Action.SESSIONS_VIEW, Action.SESSIONS_END_OTHERS):
        assert decide(ANONYMOUS, action).reason is Reason.NOT_SIGNED_IN


def test_a_preview_shows_the_page_but_ends_nothing():
    assert decide(PREVIEW, Action.SESSIONS_VIEW)
    assert decide(PREVIEW, Action.SESSIONS_END_OTHERS, only_showing=True)
    refused = decide(PREVIEW, Action.SESSIONS_END_OTHERS)
    assert refused.reason is Reason.READ_ONLY_PREVIEW


def test_browsers_and_systems_in_the_words_people_use():
    cases = {
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Mobile Safari/537.36": ("Chrome", "Android"),
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1": ("Safari", "iOS"),
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.5 Safari/605.1.15": ("Safari", "Mac"),
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0": (
            "Firefox",
            "Windows",
        ),
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0": ("Edge", "Windows"),
    }
    for user_agent, expected in cases.items():
        assert (devices.browser_of(user_agent), devices.system_of(user_agent)) == expected


def test_what_cannot_be_read_is_left_empty():
    for user_agent in ("", "curl/8.5.0 something", "x" * 5000):
        assert len(devices.browser_of(user_agent)) <= 60
        assert devices.system_of("") == ""
    assert devices.browser_of("") == ""
