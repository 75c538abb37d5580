"""gunicorn's error log in the portal's JSON lines, without what a request carried.

Named by `logger_class` in gunicorn.conf.py. gunicorn writes a few lines about one request into
its error log ("Error handling request <method> <path>", "Invalid request from ip=<address>:
<the request line>"); the path can hold record ids and the request line anything a person sent,
so those lines keep only their first words. Exceptions are written as type and stack, without
their message (portal/logs.py). The access log's format is set in gunicorn.conf.py.
"""

from __future__ import annotations

import logging

from gunicorn import glogging

from portal.logs import JsonLines


class _WithholdRequestDetails(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        text = str(record.msg)
        if record.levelno >= logging.WARNING and "request" in text.lower():
            record.msg = text.split(" from ip=")[0].split(" %")[0].split(":")[0]
            record.args = ()
        return True


class JsonLogger(glogging.Logger):
    def setup(self, cfg) -> None:
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.setFormatter(JsonLines())
            if not any(isinstance(f, _WithholdRequestDetails) for f in handler.filters):
                handler.addFilter(_WithholdRequestDetails())
