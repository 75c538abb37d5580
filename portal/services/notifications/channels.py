"""Where messages leave the machine: e-mail over SMTP, text messages through one HTTP adapter,
or — with neither configured — nowhere (the worker's "notification_sent" line, with the row's
id and message key, says `"via": "log_only"`).

The text message contract (a thin shim maps it to a real Danish gateway):
    POST PORTAL_SMS_URL   Authorization: Bearer PORTAL_SMS_KEY
    {"to": "+45…", "text": "…", "reference": "<idempotency key>"}
2xx means accepted; a repeated reference must not send twice.
"""

from __future__ import annotations

import json
import smtplib
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.error import URLError
from urllib.request import Request, urlopen

TIMEOUT = 20  # seconds; well under the worker's stale-claim time


class ChannelError(Exception):
    """The channel did not accept the message. `kind` says why, without address or text."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind[:200]


@dataclass(frozen=True)
class Outgoing:
    reference: str  # the idempotency key: one per event, recipient and channel
    to: str
    subject: str
    text: str
    attachments: list[tuple[str, str, bytes]] = field(default_factory=list)  # name, type, bytes


class Smtp:
    """E-mail over SMTP. One connection is kept open across a round of messages and closed by
    `close()` (the worker calls it when a round ends); a broken connection is opened again."""

    via = "smtp"  # what the worker's log line names as the way out

    def __init__(self, host, port, sender, starttls=False, user=None, password=None):
        self.host, self.port, self.sender = host, int(port), sender
        self.starttls, self.user, self.password = starttls, user, password
        self._server: smtplib.SMTP | None = None

    def _connection(self) -> smtplib.SMTP:
        if self._server is None:
            server = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT)
            try:
                if self.starttls:
                    server.starttls()
                if self.user:
                    server.login(self.user, self.password or "")
            except BaseException:
                server.close()
                raise
            self._server = server
        return self._server

    def send(self, message: Outgoing) -> None:
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = message.to
        mail["Subject"] = message.subject
        # The sender's domain, not the machine's name: make_msgid would otherwise look up the
        # host name for every message (slow where DNS is slow).
        domain = self.sender.rpartition("@")[2] or "en-plan.invalid"
        mail["Message-ID"] = make_msgid(idstring=message.reference.replace(":", "."), domain=domain)
        mail.set_content(message.text)
        for name, mime, body in message.attachments:
            maintype, _, subtype = mime.partition("/")
            mail.add_attachment(body, maintype=maintype, subtype=subtype, filename=name)
        try:
            self._connection().send_message(mail)
        except (OSError, smtplib.SMTPException) as error:
            self.close()
            raise ChannelError(f"smtp: {type(error).__name__}") from error

    def close(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            try:
                server.quit()
            except (OSError, smtplib.SMTPException):
                server.close()


@dataclass(frozen=True)
class SmsGateway:
    url: str
    key: str
    via = "sms_gateway"

    def __post_init__(self):
        if not self.url.startswith(("https://", "http://")):
            raise ValueError("PORTAL_SMS_URL must be an http(s) address")

    def send(self, message: Outgoing) -> None:
        body = json.dumps(
            {"to": message.to, "text": message.text, "reference": message.reference}
        ).encode()
        request = Request(  # noqa: S310 - the scheme is checked in __post_init__
            self.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.key}"},
        )
        try:
            with urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - as above
                if not 200 <= response.status < 300:
                    raise ChannelError(f"sms: HTTP {response.status}")
        except URLError as error:
            raise ChannelError(f"sms: {type(error).__name__}") from error
        except OSError as error:
            raise ChannelError(f"sms: {type(error).__name__}") from error


@dataclass(frozen=True)
class LogOnly:
    """Development: nothing leaves the machine; the worker's log line (the row's id and key,
    never the address or the text) is all there is."""

    channel: str
    via = "log_only"

    def send(self, message: Outgoing) -> None:
        return None


def from_settings(config) -> dict[str, object]:
    """The channels the configuration names; a channel that is not configured only logs."""
    channels: dict[str, object] = {"email": LogOnly("email"), "sms": LogOnly("sms")}
    if config.get("SMTP_HOST"):
        channels["email"] = Smtp(
            host=config["SMTP_HOST"],
            port=int(config.get("SMTP_PORT") or 25),
            sender=config.get("MAIL_FROM") or "en-plan@localhost",
            starttls=str(config.get("SMTP_STARTTLS") or "") == "1",
            user=config.get("SMTP_USER") or None,
            password=config.get("SMTP_PASSWORD") or None,
        )
    if config.get("SMS_URL"):
        channels["sms"] = SmsGateway(url=config["SMS_URL"], key=config.get("SMS_KEY") or "")
    return channels
