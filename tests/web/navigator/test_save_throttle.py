"""Finding 3: saving the navigator's case makes an account, so it counts against the sign-up
budget of the client address; past it nothing is stored and the page says so in the reader's
language."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from ketacover.web.accounts import signups
from ketacover.web.accounts.models import SignupAttempt
from ketacover.web.cases.models import CaseRecord

from .conftest import state_of

pytestmark = pytest.mark.django_db


def test_finding_3_the_navigator_save_is_throttled_like_signup(walker):
    answer = walker.details(walker.walk())
    request = answer.wsgi_request
    SignupAttempt.objects.bulk_create(
        SignupAttempt(address=signups.address_key(request)) for _ in range(signups.ADDRESS_LIMIT)
    )
    response = walker.client.post(
        "/navigator/save/",
        {
            "state": state_of(answer),
            "username": "robin-t",
            "email": "robin@example.com",
            "password1": "a-long-test-password-9",
            "password2": "a-long-test-password-9",
            "given_name": "Robin",
            "family_name": "Testperson",
            "date_of_birth": "1985-04-12",
            "insurer": "Example Health",
        },
    )
    assert response.status_code == 400
    assert "Too many accounts were made from here" in response.content.decode()
    assert not User.objects.exists()
    assert not CaseRecord.objects.exists()
