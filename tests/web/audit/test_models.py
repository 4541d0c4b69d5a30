import pytest

from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_audit_events_are_append_only(world):
    event = audit_record(user=world.owner, action=Action.VIEW, object_type="case", object_id=1)
    event.action = Action.DELETE
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).action == Action.VIEW


def test_an_anonymous_actor_is_recorded_without_a_user(world):
    from django.contrib.auth.models import AnonymousUser

    event = audit_record(user=AnonymousUser(), action=Action.LOGIN_FAILED, object_type="user")
    assert event.user is None


def test_an_event_is_written_with_one_statement_and_reads_back_as_returned(world, rf):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request = rf.get("/", REMOTE_ADDR="192.0.2.7")
    with CaptureQueriesContext(connection) as queries:
        event = audit_record(
            user=world.owner,
            action=Action.DOWNLOAD,
            object_type="document",
            object_id=42,
            workspace=world.clinic,
            request=request,
            detail={"kind": "lmn", "version": 2},
        )
    assert len(queries) == 1
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.user_id == world.owner.pk
    assert stored.workspace_id == world.clinic.pk
    assert (stored.action, stored.object_type, stored.object_id) == ("download", "document", "42")
    assert stored.ip == "192.0.2.7"
    assert stored.detail == {"kind": "lmn", "version": 2}
    assert stored.at == event.at
    assert event._state.adding is False


def test_events_are_numbered_in_the_order_they_are_written(world):
    first = audit_record(user=world.owner, action=Action.VIEW, object_type="case", object_id=1)
    second = audit_record(user=world.owner, action=Action.VIEW, object_type="case", object_id=2)
    assert first.pk is not None
    assert second.pk is not None
    assert second.pk > first.pk
    assert list(AuditEvent.objects.values_list("object_id", flat=True)[:2]) == ["2", "1"]
