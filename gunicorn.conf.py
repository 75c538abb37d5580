"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py 'portal:create_app()'`.

Workers and threads follow the CPU count (each request is short and mostly waits on the
database); a worker that hangs is replaced after `timeout`; a restart lets requests in flight
finish (`graceful_timeout`). The bind address and counts can be set in the environment.
"""

import multiprocessing
import os

bind = os.environ.get("PORTAL_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("PORTAL_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("PORTAL_THREADS", 2))
worker_class = "gthread"
timeout = 30
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then, so a slow leak cannot grow without bound
max_requests_jitter = 200
# The access log names the method, the path without the query string and the status, never the
# query (which can carry ids or search words) or the client's address details.
accesslog = "-"
access_log_format = '{"method": "%(m)s", "path": "%(U)s", "status": %(s)s, "ms": %(M)s}'
errorlog = "-"
control_socket_disable = True
