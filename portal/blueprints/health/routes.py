"""/healthz (the process answers) and /readyz (database migrated to head, Redis when configured),
for the proxy's and the orchestrator's checks: public, tiny JSON, never audited, no session.
/metrics, for the Prometheus scraper, likewise (public to the guard; the bearer token is its
lock, portal/web/metrics.py)."""

from flask import Response, current_app, jsonify, request

from portal import clock, log_events
from portal.blueprints.health import bp
from portal.services import readiness
from portal.services.notifications.depth import outbox_depth
from portal.web import metrics as portal_metrics
from portal.web import unit_of_work as uow
from portal.web.access import public


@bp.route("/healthz")
@public
def healthz():
    return jsonify(status="ok")


@bp.route("/readyz")
@public
def readyz():
    redis_client = None
    if url := current_app.config.get("REDIS_URL"):
        import redis

        redis_client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    problems = [
        problem
        for problem in (
            readiness.database_problem(
                uow.session().get_bind(), current_app.extensions["migrate"].directory
            ),
            readiness.redis_problem(redis_client),
        )
        if problem
    ]
    if problems:
        return jsonify(status="not ready", problems=problems), 503
    return jsonify(status="ready")


@bp.route("/metrics")
@public
def metrics():
    # Off, or the wrong token: the same bare 404 as an address that does not exist.
    if not portal_metrics.scrape_allowed(request.headers.get("Authorization")):
        if current_app.config.get("METRICS_TOKEN"):
            # Metrics are on and the token was wrong: no person to audit, but a line to see.
            log_events.refused("metrics", request.endpoint, "bad_token", 404)
        return Response("Not Found", status=404, mimetype="text/plain")
    depth = outbox_depth(uow.session(), clock.now())
    body, content_type = portal_metrics.exposition(depth, request.headers.get("Accept"))
    return Response(body, content_type=content_type)
