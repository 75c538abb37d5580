"""/healthz (the process answers) and /readyz (database migrated to head, Redis when configured),
for the proxy's and the orchestrator's checks: public, tiny JSON, never audited, no session."""

from flask import current_app, jsonify

from portal.blueprints.health import bp
from portal.services import readiness
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
