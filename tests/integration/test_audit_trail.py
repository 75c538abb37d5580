"""The audit trail is append-only: an entry can be neither changed nor deleted."""

import pytest

from portal.models import AuditEvent
from portal.models.audit import AuditIsAppendOnly
from portal.services import audit


def test_audit_entries_cannot_be_changed_or_deleted(empty_session):
    session = empty_session
    entry = audit.record(
        session, actor_id=None, actor_role="anonymous", citizen_id=None, action="x"
    )
    session.commit()
    entry.detail = "rewritten"
    with pytest.raises(AuditIsAppendOnly):
        session.flush()
    session.rollback()
    session.delete(session.get(AuditEvent, entry.id))
    with pytest.raises(AuditIsAppendOnly):
        session.flush()
    session.rollback()
    assert session.get(AuditEvent, entry.id).detail is None
