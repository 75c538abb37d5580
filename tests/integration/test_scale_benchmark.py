"""The national-volume generator and benchmark (`make benchmark-scale`) run, at a tiny scale:
the generated rows are there and consistent, every page answers, and each page sends the same
number of statements on the demo-size database as on the generated one."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, func, select, table, text

from scripts import benchmark_scale, scale_data
from tests.conftest import fresh_postgres_database

SCALE = 0.0005  # 50 citizens, 500 bookings, 5,000 audit rows
PG_URL = os.environ.get("PORTAL_TEST_DATABASE_URL")


@pytest.fixture(params=["sqlite", *(["postgresql"] if PG_URL else [])])
def two_databases(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'demo.sqlite3'}", f"sqlite:///{tmp_path / 'big.sqlite3'}"
        return
    demo = fresh_postgres_database(PG_URL)
    big = fresh_postgres_database(PG_URL)
    yield next(demo), next(big)
    for made in (demo, big):
        next(made, None)


def test_the_generator_builds_every_table_and_the_pages_cost_the_same(two_databases):
    demo_url, big_url = two_databases
    scale_data.load(demo_url, 0, log=lambda *_: None)
    counts = scale_data.load(big_url, SCALE, log=lambda *_: None)
    expected = scale_data.counts_for(SCALE)
    assert counts.rows["booking"] == counts.rows["slot"] == expected["bookings"]
    assert counts.rows["effort"] == counts.rows["plan_change"] == expected["efforts"]
    assert counts.rows["audit_event"] == expected["audit"]
    assert counts.rows["meeting"] == expected["meetings"]
    assert counts.rows["fuldmagt"] == expected["fuldmagter"]

    engine = create_engine(big_url)
    with engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(table("audit_event"))).scalar()
        assert stored >= expected["audit"]
        if engine.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        else:  # the sequences were moved past the given ids: a new row gets a fresh id
            nextval = conn.execute(
                text("SELECT nextval(pg_get_serial_sequence('audit_event', 'id'))")
            ).scalar()
            assert nextval > stored
    engine.dispose()

    small = benchmark_scale.measure(demo_url, requests=1)
    large = benchmark_scale.measure(big_url, requests=1)
    assert [r["status"] for r in small + large] == [200] * (len(small) + len(large))
    assert [(r["page"], r["statements"]) for r in large] == [
        (r["page"], r["statements"]) for r in small
    ]
