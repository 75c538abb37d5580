"""How a conversation with the job centre can be held, in words: the one table for the pages, the
booking forms and the calendar file.

Plain Danish message ids and no Flask, so the calendar file (a service) can read them too; pages
show them translated through `portal.text.labels`. `N_` only marks a text for `pybabel extract`
(it is one of its default keywords).
"""

from __future__ import annotations


def N_(message: str) -> str:
    return message


# The form by its name: "Telefon".
NAMES = {
    "fremmoede": N_("Fremmøde"),
    "telefon": N_("Telefon"),
    "video": N_("Video"),
}

# What happens once it is booked, said after the name: "Telefon – din sagsbehandler ringer til dig".
WHAT_HAPPENS = {
    "telefon": N_("din sagsbehandler ringer til dig"),
    "video": N_("du får et link fra din sagsbehandler"),
}

# The choices when booking: the name and what it means.
CHOICES = {
    "fremmoede": N_("Fremmøde – du kommer til jobcentret"),
    "telefon": N_("Telefon – din sagsbehandler ringer til dig"),
    "video": N_("Video – I ses på skærmen"),
}


def described(code: str | None, translate=lambda text: text) -> str:
    """The form by name and, when there is more to say, what happens: "Video – du får et link
    fra din sagsbehandler". `translate` turns a message id into the reader's language."""
    if not code:
        return ""
    name = translate(NAMES[code]) if code in NAMES else code
    if code in WHAT_HAPPENS:
        return f"{name} – {translate(WHAT_HAPPENS[code])}"
    return name
