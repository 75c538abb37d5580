"""The yardstick for throughput (scripts/benchmark_scale.py): a bare Flask page that reads one
row with sqlite3 and renders a small Jinja template. Nothing else: no session, no database
layer, no access policy. `BARE_DATABASE` names the SQLite file (the demo database)."""

from __future__ import annotations

import os
import sqlite3

from flask import Flask, g, render_template_string

app = Flask(__name__)

PAGE = """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>{{ person[0] }}</title></head>
<body><h1>{{ person[0] }} {{ person[1] }}</h1>
<ul>{% for n in range(10) %}<li>Punkt {{ n }}</li>{% endfor %}</ul></body></html>"""


def _connection() -> sqlite3.Connection:
    if "db" not in g:
        g.db = sqlite3.connect(os.environ["BARE_DATABASE"])
    return g.db


@app.teardown_appcontext
def _close(_exc) -> None:
    connection = g.pop("db", None)
    if connection is not None:
        connection.close()


@app.get("/")
def page():
    person = _connection().execute("SELECT first_name, last_name FROM person LIMIT 1").fetchone()
    return render_template_string(PAGE, person=person)


@app.get("/hjaelp")
def ready():
    return "ok"
