"""Local stand-ins for the outside world of notifications: a real SMTP server (aiosmtpd) and an
HTTP server playing the SMS gateway of the documented contract. Both keep what they received."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

from tests.oidc_provider import free_port


class _Inbox:
    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.refuse = False

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "451 Try again later"
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@contextmanager
def smtp_server() -> Iterator[tuple[_Inbox, int]]:
    """(inbox, port). Set `inbox.refuse = True` to have every message refused for a while."""
    inbox = _Inbox()
    port = free_port()  # aiosmtpd connects to itself on start: port 0 does not work
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@contextmanager
def sms_gateway() -> Iterator[tuple[list[dict], str]]:
    """(received JSON bodies, URL). A repeated reference is accepted but not kept twice, as the
    contract asks of a gateway."""
    received: list[dict] = []
    seen: set[str] = set()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            body["authorization"] = self.headers.get("Authorization")
            if body["reference"] not in seen:
                seen.add(body["reference"])
                received.append(body)
            self.send_response(202)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield received, f"http://127.0.0.1:{server.server_port}/send"
    finally:
        server.shutdown()
        server.server_close()
