"""Walking the navigator's question flow with Django's test client, the way a browser posts it:
each page's hidden token goes back with the next answers, an accepted answer redirects (303) to
the next page, and the browser follows it with the answers cookie."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

STATE = re.compile(r'name="state" value="([^"]*)"')

FLOW: list[tuple[str, dict[str, Any]]] = [
    ("coverage", {"age": "adult", "home_state": "OH", "coverage": "employer"}),
    (
        "plan",
        {
            "plan_kind": "unknown",
            "plan_type": "ppo",
            "insurer": "Example Health",
            "out_of_network": "yes",
            "deductible": "1500",
            "coinsurance_percent": "20",
            "out_of_pocket_max": "6000",
        },
    ),
    (
        "condition",
        {
            "conditions": ["depression"],
            "recurrent": "yes",
            "severity": "severe",
            "psychotic": "no",
            "bipolar": "no",
            "suicidal": "no",
        },
    ),
    (
        "history",
        {
            "med_0_name": "Zoloft",
            "med_0_outcome": "no_response",
            "med_0_weeks": "8",
            "med_1_name": "Wellbutrin XL",
            "med_1_outcome": "ongoing",
            "therapy": "yes",
            "tms": "no",
            "ect": "unknown",
        },
    ),
    (
        "treatment",
        {
            "treatment": "iv_ketamine",
            "sessions": "6",
            "price_per_session": "550",
            "clinic_name": "Maple Infusions",
            "clinic_in_network": "no",
        },
    ),
    (
        "denial",
        {
            "denial": "yes",
            "denial_date": "2026-11-02",
            "denial_pre_service": "yes",
            "denial_reason": "experimental_investigational",
            "denial_level": "first",
        },
    ),
]

DETAILS = {
    "given_name": "Robin",
    "family_name": "Testperson",
    "date_of_birth": "1985-04-12",
    "member_id": "XKC000123456",
    "group_number": "G-0042",
    "street": "1 Elm Street",
    "city": "Columbus",
    "postal_code": "43004",
}
"""A synthetic person's details for the documents."""

PRIVATE = ("Testperson", "XKC000123456", "1 Elm Street", "Zoloft", "Maple Infusions")
"""Answers that must appear nowhere but in the person's own pages and files."""


def state_of(response: Any) -> str:
    found = STATE.search(response.content.decode())
    assert found, "the page carries the answers"
    return found.group(1)


@dataclass
class Walker:
    client: Client

    def walk(self, flow: list[tuple[str, dict[str, Any]]] = FLOW) -> Any:
        """Answer every step in order; the last response is the answer page."""
        response = self.client.get(f"/navigator/{flow[0][0]}/")
        assert response.status_code == 200
        for slug, data in flow:
            response = self.post(f"/navigator/{slug}/", {"state": state_of(response), **data})
            assert response.status_code == 200, (slug, response.content.decode()[:2000])
        return response

    def post(self, path: str, data: dict[str, Any]) -> Any:
        """Post like a browser, following a redirect to the page it names."""
        return self.client.post(path, data, follow=True)

    def details(self, response: Any, details: dict[str, str] = DETAILS) -> Any:
        """Add the details step from the answer page; returns the new answer page."""
        shown = self.post("/navigator/details/", {"state": state_of(response), "go": "show"})
        assert shown.status_code == 200
        answered = self.post("/navigator/details/", {"state": state_of(shown), **details})
        assert answered.status_code == 200
        return answered

    def download(self, response: Any, document: str) -> Any:
        return self.client.post(
            "/navigator/download/", {"state": state_of(response), "document": document}
        )


@pytest.fixture
def walker(db: None) -> Walker:
    return Walker(Client())
