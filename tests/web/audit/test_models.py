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
