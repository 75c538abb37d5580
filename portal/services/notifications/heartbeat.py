"""The notification worker's heartbeat for Prometheus (`PORTAL_NOTIFY_METRICS_FILE`).

A worker has no address to scrape, and the outbox's numbers show a stopped worker only once
something is due. So after each round the worker writes the time it ended to a file for the node
exporter's textfile collector, and "no worker went round for minutes" is an alert of its own
(ops/prometheus/alerts.yml). The label `worker` is the file's name without `.prom`: give each
worker its own file. prometheus_client writes the file whole under another name and renames it,
so the collector never reads half of one.
"""

from __future__ import annotations

from pathlib import Path

from prometheus_client import CollectorRegistry, Gauge, write_to_textfile

NAME = "portal_notify_worker_last_round_timestamp_seconds"


def write(path: str, ended_at: float) -> None:
    """Record that this worker ended a round at `ended_at` (Unix time). Raises OSError."""
    registry = CollectorRegistry()
    gauge = Gauge(
        NAME,
        "When this notification worker last ended a round (Unix time).",
        ["worker"],
        registry=registry,
    )
    gauge.labels(Path(path).name.removesuffix(".prom")).set(ended_at)
    write_to_textfile(path, registry)
