"""The read side of the journey sections: the call script is composed once per case version."""

from __future__ import annotations

from dataclasses import replace

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from ketacover.web.cases.services import case_of, case_save


def _page(client, record) -> str:
    return client.get(reverse("cases:section", args=[record.pk, "calls"])).content.decode()


def _key(record) -> str:
    stamp = record.updated_at.isoformat()
    return f"call-script:{record.pk}:{record.version}:{stamp}:{timezone.localdate().isoformat()}"


def _script(body: str) -> str:
    return body.partition('class="call-script"')[2].partition("</details>")[0]


def test_the_call_script_is_kept_per_case_version_and_day(world):
    cache.clear()
    staff = world.client_for(world.staff)
    _page(staff, world.case)
    script, missing = cache.get(_key(world.case))
    assert "<h" in script
    assert missing == []
    case = case_of(world.case)
    changed = replace(case, plan=replace(case.plan, member_id="MEMBER-CHANGED-42"))
    saved = case_save(
        user=world.staff,
        record=world.case,
        case=changed,
        expected_version=world.case.version,
        today=timezone.localdate(),
    )
    second = _page(staff, saved)
    assert cache.get(_key(saved)) is not None
    assert "MEMBER-CHANGED-42" in _script(second)


def test_the_cached_call_script_is_the_same_for_each_reader_and_carries_no_token(world):
    cache.clear()
    owner = _page(world.client_for(world.owner), world.case)
    staff = _page(world.client_for(world.staff), world.case)
    assert _script(owner) == _script(staff) != ""
    assert "csrf" not in _script(owner)
