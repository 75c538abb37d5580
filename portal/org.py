"""The organisation behind this installation: one municipality and its job centre.

One installation serves one municipality. Its name, job centre, address, phone and phone hours,
e-mail, appeal web address, data protection officer's e-mail and logo are settings
(`PORTAL_ORG_*`, read with the other settings in portal/config.py) and reach the rest of the
portal only as one plain `Organisation` value: templates get it as `org` (a context processor in
portal/web/templating.py), services and demo data get it as an argument. No template or service
hard-codes any of it.

It sits at the top of `portal/` next to config.py, not in portal/web/, because it is not part of
the request cycle: it is a plain value (no Flask here) that services, demo data and the CLI use too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

# Setting name (portal/config.py, environment variable PORTAL_<name>) of each field.
SETTINGS = {
    "name": "ORG_NAME",
    "jobcenter": "ORG_JOBCENTER",
    "address": "ORG_ADDRESS",
    "phone": "ORG_PHONE",
    "hours": "ORG_HOURS",
    "email": "ORG_EMAIL",
    "appeal_url": "ORG_APPEAL_URL",
    "dpo_email": "ORG_DPO_EMAIL",
    "appeal_address": "ORG_APPEAL_ADDRESS",
    "appeal_channel": "ORG_APPEAL_CHANNEL",
    "logo": "ORG_LOGO",
}


@dataclass(frozen=True)
class Organisation:
    name: str  # the municipality, e.g. "Åby Kommune"
    jobcenter: str  # the job centre, e.g. "Jobcenter Åby"
    address: str  # where citizens meet the job centre
    phone: str  # the job centre's general line
    hours: str  # when the general line answers
    email: str  # the job centre's general e-mail
    appeal_url: str  # where to read how to appeal a decision
    dpo_email: str  # the data protection officer (databeskyttelsesrådgiver)
    # Where an appeal is sent: the municipality that decided reconsiders it first. Its postal
    # address for appeals (empty: `address`) and its digital channel, in words.
    appeal_address: str = ""
    appeal_channel: str = ""
    # The municipality's logo for the header: a file in portal/static/org/ (served by the portal
    # itself, so the CSP's img-src 'self' allows it); empty: the header names it in text only.
    logo: str = ""

    @classmethod
    def from_settings(cls, settings: Mapping[str, str]) -> Organisation:
        return cls(**{f.name: settings[SETTINGS[f.name]] for f in fields(cls)})

    @property
    def logo_file(self) -> str | None:
        """The logo's file name in portal/static/org/, or None ("" or "none": no logo)."""
        return None if self.logo.strip().lower() in ("", "none") else self.logo.strip()

    @property
    def appeal_postal_address(self) -> str:
        return self.appeal_address or self.address


# The demo municipality (settings defaults; the demo data uses it when given no other).
DEMO = Organisation(
    name="Åby Kommune",
    jobcenter="Jobcenter Åby",
    address="Torvet 1, 9999 Åby",
    phone="70 10 20 30",
    hours="Mandag–torsdag 9–15, fredag 9–12",
    email="jobcenter@aaby.example",
    appeal_url="https://aaby.example/klage",
    dpo_email="databeskyttelse@aaby.example",
    appeal_address="Postboks 100, 9999 Åby",
    appeal_channel="Digital Post til Åby Kommune på borger.dk",
    logo="aaby.svg",
)
