"""Finding 6 of the second hardening round: out-of-range ids and dates never answer 500.

The whole URL configuration (from Django's resolver, with the isolation sweep's table of how to
fill each pattern) is probed as the clinic's owner and anonymously: every id in a path replaced
by 0, 2**63, 2**64 and a 20-digit number; every page called with query strings and form posts
whose id fields hold numbers no row can have and whose date fields hold the first and last days
Python knows. The field names come from every form class of the web app, so a new form is probed
without editing this file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from ketacover.web.api.services import token_create

from .test_isolation_sweep import PUBLIC, ROUTES, _patterns
from .test_isolation_sweep import targets as targets  # the sweep's fixture, used by name

pytestmark = pytest.mark.django_db

OUT_OF_RANGE_IDS = ("0", str(2**63), str(2**64), "9" * 20)
HUGE = "9" * 20
_PARAM = re.compile(r"<(?:(?P<converter>[a-z]+):)?(?P<name>[a-z_]+)>")


def _form_classes(base: type[forms.BaseForm] = forms.BaseForm) -> Iterator[type[forms.BaseForm]]:
    for cls in base.__subclasses__():
        if cls.__module__.startswith("ketacover.web"):
            yield cls
        yield from _form_classes(cls)


def _field_values() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Every form field name of the web app with a value out of its range: numbers for number
    and choice fields (choices are often row ids), the last and the first day for dates."""
    numbers: dict[str, str] = {}
    latest: dict[str, str] = {}
    earliest: dict[str, str] = {}
    for cls in set(_form_classes()):
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                latest[name], earliest[name] = "9999-12-31", "0001-01-01"
            elif isinstance(field, forms.CharField | forms.FileField | forms.BooleanField):
                continue
            else:
                numbers[name] = HUGE
    for name in ("assignee", "page", "user", "case", "workspace", "index", "member"):
        numbers.setdefault(name, HUGE)
    for name in ("start", "end", "on", "today"):
        latest.setdefault(name, "9999-12-31")
        earliest.setdefault(name, "0001-01-01")
    return numbers, latest, earliest


def _owner(world) -> Client:
    client = world.client_for(world.owner)
    client.raise_request_exception = False
    return client


def _answers(client: Client, url: str, query: dict[str, str]) -> Iterator[tuple[str, int]]:
    for method in ("get", "post"):
        response = client.get(url, query) if method == "get" else client.post(url, query)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        yield f"{method.upper()} {url} {sorted(query)[:3]}", response.status_code


def test_finding_6_every_id_in_a_path_uses_the_bounded_converter():
    assert [route for _, route in _patterns() if "<int:" in route] == []


def test_finding_6_every_pattern_is_probed():
    probed = set(ROUTES) | set(PUBLIC)
    names = {name for name, _ in _patterns() if not name.startswith("api:")}
    assert names <= probed


def test_finding_6_path_ids_out_of_range_are_not_found_on_every_url(world):
    failures = []
    for name, route in _patterns():
        if "<id:" not in route:
            continue
        for value in OUT_OF_RANGE_IDS:
            url = "/" + _PARAM.sub(
                lambda m, v=value: v if m["converter"] == "id" else "patient", route
            )
            for label, status in _answers(_owner(world), url, {}):
                if status != 404 and not (status == 405 and name.startswith("api:")):
                    failures.append((name, label, status))
    assert failures == []


def test_finding_6_query_and_form_ids_and_dates_out_of_range_never_answer_500(world, targets):
    numbers, latest, earliest = _field_values()
    failures = []
    for name, _route in _patterns():
        if name.startswith("api:") or name not in ROUTES:
            continue
        url = reverse(name, kwargs=ROUTES[name].kwargs(targets))
        for query in (numbers, latest, earliest, {**numbers, **latest}):
            for label, status in _answers(_owner(world), url, query):
                if status >= 500:
                    failures.append((name, label, status))
    assert failures == []


@pytest.mark.parametrize(
    "url",
    [
        "/?assignee=99999999999999999999",
        "/cases/?assignee=99999999999999999999",
    ],
)
def test_finding_6_an_assignee_no_user_can_have_lists_no_case(world, url):
    response = _owner(world).get(url)
    assert response.status_code == 200
    assert world.case.case_id not in response.content.decode()


def test_finding_6_an_audit_day_out_of_range_is_a_form_error(world):
    response = _owner(world).get(f"/audit/{world.clinic.pk}/?end=9999-12-31")
    assert response.status_code == 200
    assert "Pick a day from 1900-01-01 to 2999-12-31." in response.content.decode()


def test_finding_6_an_audit_export_with_a_day_out_of_range_is_refused(world):
    response = _owner(world).get(f"/audit/{world.clinic.pk}/export.csv?end=9999-12-31")
    assert response.status_code == 400
    assert "end: Pick a day from 1900-01-01 to 2999-12-31." in response.content.decode()


def test_finding_6_api_ids_out_of_range_are_not_found(world, targets):
    _, secret = token_create(user=world.owner, name="probe")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    for value in OUT_OF_RANGE_IDS:
        for url in (
            f"/api/cases/{value}",
            f"/api/cases/{value}/documents",
            f"/api/cases/{value}/assessment",
            f"/api/cases/{targets.case}/documents/{value}",
        ):
            response = client.get(url)
            assert response.status_code in {404, 422}, (url, response.status_code)


def test_finding_6_ids_above_the_largest_row_id_do_not_reverse():
    assert reverse("cases:detail", kwargs={"pk": 2**63 - 1}) == f"/cases/{2**63 - 1}/"
    with pytest.raises(Exception, match="Reverse"):
        reverse("cases:detail", kwargs={"pk": "9" * 20})
