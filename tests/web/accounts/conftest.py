"""A fixed clock for two-factor tests, and a way to switch two-factor login on for a persona.

Codes are made with pyotp for a given timestamp and the app's clock is set to that timestamp,
so no test depends on when it runs or on a 30-second boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import User

from ketacover.web.accounts import authenticator
from ketacover.web.accounts.two_factor_services import two_factor_enable, two_factor_start

T0 = 1_795_000_000.0
"""A fixed moment (November 18, 2026), ten seconds into a 30-second step."""


@dataclass
class Clock:
    """The time the app checks codes against; tests move it on by whole steps."""

    now: float = T0

    def step(self, count: int = 1) -> float:
        self.now += count * authenticator.STEP_SECONDS
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fixed = Clock()
    monkeypatch.setattr(authenticator, "clock", lambda: fixed.now)
    return fixed


@dataclass
class Enrolled:
    """A user with two-factor login on: their secret and recovery codes."""

    user: User
    secret: str
    recovery_codes: list[str] = field(default_factory=list)

    def code(self, at: float) -> str:
        return authenticator.code_at(self.secret, at)


@pytest.fixture
def enrol(clock):
    """Switch two-factor login on for a user at the clock's time (the code of that step is
    spent, as it would be in the browser)."""

    def switch_on(user: User) -> Enrolled:
        secret = two_factor_start(user=user)
        codes = two_factor_enable(
            user=user, code=authenticator.code_at(secret, clock.now), at=clock.now
        )
        return Enrolled(user=user, secret=secret, recovery_codes=codes)

    return switch_on
