"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py 'portal:create_app()'`.

Workers and threads follow the CPU count (each request is short and mostly waits on the
database); a worker that hangs is replaced after `timeout`; a restart lets requests in flight
finish (`graceful_timeout`). The bind address and counts can be set in the environment.
"""

import glob
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
# Logs (README, "Logs"): one JSON line per request, without the path (it can hold record ids),
# the query or the client's address: the method, the status, the time taken and the request id
# the app answered with, which finds the app's own line (that one names the endpoint). The error
# log is JSON lines too, with the details of a failed request withheld.
accesslog = "-"
access_log_format = (
    '{"time": "%(t)s", "name": "gunicorn.access", "method": "%(m)s", "status": %(s)s, '
    '"duration_ms": %(M)s, "request_id": "%({x-request-id}o)s"}'
)
errorlog = "-"
logger_class = "portal.gunicorn_logging.JsonLogger"
control_socket_disable = True


# --- Prometheus metrics across workers (portal/web/metrics.py) -------------------------------
# With PROMETHEUS_MULTIPROC_DIR set, each worker writes its counters to files in that folder and
# a scrape adds up every file. Files left by an earlier run would be added too, so the folder is
# emptied when the server starts: only the client library's own `*.db` files, and the folder must
# belong to this one server (never shared with another gunicorn or anything else).


def on_starting(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        return
    os.makedirs(folder, exist_ok=True)
    for stale in glob.glob(os.path.join(folder, "*.db")):
        os.remove(stale)


def child_exit(server, worker):
    # A worker that ended keeps its counts in the total; only its live gauges must go.
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
