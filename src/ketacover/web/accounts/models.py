"""Workspaces (a clinic, or a patient's own) and who belongs to them in which role.

Every case belongs to exactly one workspace; nobody sees a case outside their workspace, and a
patient sees only their own case.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    """What a member may do in a workspace."""

    OWNER = "owner", "Owner"
    STAFF = "staff", "Staff"
    PRESCRIBER = "prescriber", "Prescriber"
    PATIENT = "patient", "Patient"


class Workspace(models.Model):
    """A clinic's workspace, or one patient's personal workspace."""

    class Kind(models.TextChoices):
        CLINIC = "clinic", "Clinic"
        PERSONAL = "personal", "Personal"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CLINIC)
    require_two_factor = models.BooleanField(
        default=False,
        help_text="Owners, staff and prescribers must turn on two-factor login to see it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in a workspace. A patient member is tied to their own case."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    case = models.ForeignKey(
        "cases.CaseRecord",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="patient_memberships",
        help_text="For a patient: the one case they may see.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.workspace_id} as {self.role}"

    @property
    def sees_all_cases(self) -> bool:
        """Owners, staff and prescribers see every case of the workspace; patients one."""
        return self.role != Role.PATIENT


class Invitation(models.Model):
    """An invitation to join a workspace in a role, sent to one e-mail address.

    The link's token is stored only as its SHA-256 hash; it works once (``accepted_at``) and until
    ``expires_at``. A patient invitation is tied to the one case the patient will see.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices)
    case = models.ForeignKey(
        "cases.CaseRecord",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
        help_text="For a patient: the one case they will see.",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"invitation {self.pk} to {self.workspace_id} as {self.role}"


class LoginFailure(models.Model):
    """One failed login, counted for the login throttle (:mod:`ketacover.web.accounts.logins`).
    ``key`` is a hash of the account (or of the known device) it counts against, empty when no
    username was given; ``address`` a hash of the client address. The table holds neither a
    username nor an address."""

    key = models.CharField(max_length=64, db_index=True)
    address = models.CharField(max_length=64, db_index=True, blank=True, default="")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"failed login at {self.at:%Y-%m-%d %H:%M}"


class SignupRequest(models.Model):
    """An account asked for on the sign-up page and waiting for its e-mailed link to be opened
    (:mod:`ketacover.web.accounts.signups`). Only the link token's SHA-256 hash and the
    password's hash are stored; the account is created when the link is confirmed."""

    token_hash = models.CharField(max_length=64, unique=True)
    username = models.CharField(max_length=150)
    email = models.EmailField()
    password = models.CharField(max_length=128, help_text="The password's hash.")
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"sign-up request {self.pk}"


class SignupAttempt(models.Model):
    """One sign-up asked for, counted for the sign-up throttle; ``address`` is a hash of the
    client address, so the table holds no address."""

    address = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"sign-up at {self.at:%Y-%m-%d %H:%M}"


class TwoFactor(models.Model):
    """A user's authenticator for two-factor login (RFC 6238 TOTP; HIPAA 45 CFR 164.312(d)).

    ``secret`` holds the base32 secret encrypted (see :mod:`ketacover.web.accounts.
    authenticator`); it is shown only while enrolment is unconfirmed. Two-factor login is on once
    ``confirmed_at`` is set. ``last_step`` is the 30-second time step of the last code accepted,
    so a code is never accepted twice.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_factor"
    )
    secret = models.TextField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        state = "on" if self.confirmed_at is not None else "being set up"
        return f"two-factor login of {self.user_id} ({state})"


class RecoveryCode(models.Model):
    """A one-time recovery code, for logging in without the authenticator app.

    Only a salted SHA-256 digest is stored (OWASP ASVS 2.6.2); ``used_at`` marks it spent.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    salt = models.CharField(max_length=32)
    digest = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"recovery code {self.pk} of {self.user_id}"


Actor = User | AnonymousUser
"""Whoever makes a request: a logged-in user or nobody."""


def user_id_of(actor: Actor) -> int:
    """The logged-in user's id; an anonymous actor has none and may do nothing."""
    if not actor.is_authenticated or actor.pk is None:
        raise PermissionError("log in first")
    return int(actor.pk)
