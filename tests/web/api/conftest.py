"""API personas: the web personas, each with a personal API token, and a client that sends it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from ketacover.web.api.models import TokenScope
from ketacover.web.api.services import token_create


@dataclass
class Tokens:
    owner: str
    staff: str
    patient: str
    outsider: str

    def client(self, persona: str) -> Client:
        return Client(headers={"Authorization": f"Bearer {getattr(self, persona)}"})


@pytest.fixture
def tokens(world) -> Tokens:
    made = {
        persona: token_create(
            user=getattr(world, persona), name=f"{persona} script", scope=TokenScope.READ_WRITE
        )[1]
        for persona in ("owner", "staff", "patient", "outsider")
    }
    return Tokens(**made)
