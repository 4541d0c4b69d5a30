"""The authentication backend loads the logged-in user with one statement and answers exactly
as Django's ModelBackend does: the same user with every field equal, nobody for an unknown,
inactive or malformed id; logging in with a password is unchanged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ketacover.web.accounts import backends
from ketacover.web.accounts.backends import AccountBackend

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-1"


@pytest.fixture
def person() -> User:
    user = User.objects.create_user(
        "synthetic.staffer",
        email="staffer@example.test",
        password=PASSWORD,
        first_name="Sam",
        last_name="Example",
    )
    user.last_login = timezone.now() - timedelta(days=2)
    user.is_staff = True
    user.save()
    return user


def _fields(user: User) -> dict[str, object]:
    return {field.attname: getattr(user, field.attname) for field in User._meta.concrete_fields}


def test_the_settings_use_this_backend_alone():
    assert settings.AUTHENTICATION_BACKENDS == [backends.PATH]


def test_it_loads_the_same_user_as_djangos_model_backend(person):
    ours = AccountBackend().get_user(person.pk)
    theirs = ModelBackend().get_user(person.pk)
    assert ours is not None
    assert theirs is not None
    assert _fields(ours) == _fields(theirs)
    assert ours._state.adding is False
    assert ours._state.db == "default"


def test_dates_come_back_aware_and_flags_as_booleans(person):
    user = AccountBackend().get_user(person.pk)
    assert user is not None
    assert timezone.is_aware(user.date_joined)
    assert user.last_login is not None
    assert timezone.is_aware(user.last_login)
    assert user.is_staff is True
    assert user.is_superuser is False


def test_it_loads_the_user_with_one_statement(person):
    with CaptureQueriesContext(connection) as queries:
        AccountBackend().get_user(person.pk)
    assert len(queries) == 1


def test_an_id_given_as_text_finds_the_user(person):
    user = AccountBackend().get_user(str(person.pk))
    assert user is not None
    assert user.pk == person.pk


def test_an_unknown_id_is_nobody(person):
    assert AccountBackend().get_user(person.pk + 1000) is None


def test_a_malformed_id_is_nobody_and_is_never_looked_up():
    with CaptureQueriesContext(connection) as queries:
        assert AccountBackend().get_user("1; DROP TABLE auth_user") is None
        assert AccountBackend().get_user(None) is None
    assert len(queries) == 0


def test_an_inactive_user_is_nobody(person):
    person.is_active = False
    person.save()
    assert AccountBackend().get_user(person.pk) is None


def test_logging_in_with_a_password_records_this_backend(client, person):
    assert client.login(username=person.username, password=PASSWORD)
    assert client.session["_auth_user_backend"] == backends.PATH


def test_a_wrong_password_is_refused(person):
    assert AccountBackend().authenticate(None, username=person.username, password="wrong") is None
