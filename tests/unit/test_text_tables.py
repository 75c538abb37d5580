"""The text tables cover every code they label, and the conversation forms are said one way."""

from portal.models import (
    BookingKind,
    BookingStatus,
    ChangeKind,
    Channel,
    ConversationForm,
    FuldmagtEventKind,
    OutcomeKind,
    RequestStatus,
)
from portal.services.outcomes import PLAIN_SECTIONS
from portal.services.readability import Band
from portal.text import conversation_forms, labels


def test_every_code_has_a_label():
    assert set(labels.OUTCOME_KIND) == set(OutcomeKind)
    assert set(labels.LIX_BAND) == set(Band)
    assert set(labels.REQUEST_STATUS) == set(RequestStatus)
    assert set(labels.OUTCOME_SECTION) == set(PLAIN_SECTIONS)
    assert set(labels.CHANGE_KIND) == set(ChangeKind)
    assert set(labels.FULDMAGT_EVENT) == set(FuldmagtEventKind)
    assert set(labels.CHANNEL) == set(Channel) | {"none"}
    # A live booking by who booked it, an ended one by what happened to it.
    assert set(labels.BOOKING_STATE) == set(BookingKind) | (set(BookingStatus) - {"active"})


def test_every_conversation_form_has_a_name_and_a_choice():
    assert set(conversation_forms.NAMES) == set(ConversationForm)
    assert set(conversation_forms.CHOICES) == set(ConversationForm)
    assert set(conversation_forms.WHAT_HAPPENS) <= set(ConversationForm)


def test_a_conversation_form_described_in_danish_and_through_a_translation():
    assert conversation_forms.described("fremmoede") == "Fremmøde"
    assert conversation_forms.described("video") == "Video – du får et link fra din sagsbehandler"
    assert conversation_forms.described(None) == ""
    shouted = conversation_forms.described("telefon", str.upper)
    assert shouted == "TELEFON – DIN SAGSBEHANDLER RINGER TIL DIG"
