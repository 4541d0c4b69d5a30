"""Every page of the web app × every persona, generated from the URL configuration.

The URL patterns come from ``django.urls.get_resolver()``; ``ROUTES`` says how to fill each one's
parameters and which methods it answers, and ``PUBLIC`` names the pages anyone may open, with the
reason. A pattern in neither fails ``test_every_url_pattern_is_swept_or_declared_public``, so a new
page cannot ship without an isolation check. The JSON API under ``/api/`` has its own sweep built
from the OpenAPI document (tests/web/api/test_sweep.py); this file checks that it covers every
API route.

The target is the clinic's second case: the patient persona belongs to the clinic's first case,
so for them it is another patient's case; the outsider owns a workspace of their own.
"""

from __future__ import annotations

import ast
import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ketacover.web.accounts.models import Membership, Role
from ketacover.web.accounts.services import invitation_create
from ketacover.web.api.services import token_create
from ketacover.web.cases.services import document_generate
from ketacover.web.feeds.services import feed_create
from ketacover.web.imports.history import read_file, remittance_file_record
from ketacover.web.uploads.services import upload_create

from .conftest import TODAY, readable_pdf

pytestmark = pytest.mark.django_db

X12 = Path(__file__).resolve().parents[1] / "fixtures" / "x12"
API_SWEEP = Path(__file__).resolve().parent / "api" / "test_sweep.py"
PDF = readable_pdf("Referral notes")


class Scope(enum.Enum):
    """What a page shows, and so who may see it."""

    CASE = "one case of the clinic"
    WORKSPACE = "the clinic itself (members, audit log, feeds)"
    OWN = "the caller's own things (their lists, their forms, their tokens)"


@dataclass(frozen=True)
class Targets:
    """The concrete objects the URLs point at: all belong to the clinic or to its owner."""

    case: int
    workspace: int
    document: int
    upload: int
    member: int
    invitation: int
    invitation_token: str
    feed: int
    api_token: int
    remittance_file: int


@dataclass(frozen=True)
class Route:
    """How to reach one URL pattern: its scope, its methods and its parameters."""

    scope: Scope
    methods: tuple[str, ...]
    kwargs: Callable[[Targets], dict[str, object]] = lambda t: {}


GET, POST, BOTH = ("get",), ("post",), ("get", "post")


def _case(t: Targets) -> dict[str, object]:
    return {"pk": t.case}


def _workspace(t: Targets) -> dict[str, object]:
    return {"pk": t.workspace}


def _case_route(methods: tuple[str, ...]) -> Route:
    return Route(Scope.CASE, methods, _case)


ROUTES: dict[str, Route] = {
    "dashboard": Route(Scope.OWN, GET),
    "accounts:workspaces": Route(Scope.OWN, GET),
    "accounts:password_change": Route(Scope.OWN, BOTH),
    "accounts:two_factor": Route(Scope.OWN, GET),
    "accounts:two_factor_enable": Route(Scope.OWN, BOTH),
    "accounts:two_factor_disable": Route(Scope.OWN, POST),
    "accounts:two_factor_requirement": Route(Scope.WORKSPACE, POST, _workspace),
    "accounts:members": Route(Scope.WORKSPACE, BOTH, _workspace),
    "accounts:member_role": Route(
        Scope.WORKSPACE, POST, lambda t: {"pk": t.workspace, "member_pk": t.member}
    ),
    "accounts:member_remove": Route(
        Scope.WORKSPACE, POST, lambda t: {"pk": t.workspace, "member_pk": t.member}
    ),
    "accounts:invitation_revoke": Route(
        Scope.WORKSPACE, POST, lambda t: {"pk": t.workspace, "invitation_pk": t.invitation}
    ),
    "audit:log": Route(Scope.WORKSPACE, GET, _workspace),
    "audit:export": Route(Scope.WORKSPACE, GET, _workspace),
    "archives:export": Route(Scope.WORKSPACE, GET, _workspace),
    "feeds:list": Route(Scope.WORKSPACE, BOTH, _workspace),
    "clinics:profile": Route(Scope.WORKSPACE, BOTH, _workspace),
    "feeds:revoke": Route(Scope.WORKSPACE, POST, lambda t: {"pk": t.workspace, "feed_pk": t.feed}),
    "cases:list": Route(Scope.OWN, GET),
    "cases:queue_act": Route(Scope.OWN, POST),
    "cases:queue_undo": Route(Scope.OWN, POST),
    "cases:queue_marked": Route(Scope.OWN, GET),
    "cases:import": Route(Scope.OWN, BOTH),
    "cases:detail": _case_route(GET),
    "cases:section": Route(Scope.CASE, GET, lambda t: {"pk": t.case, "name": "overview"}),
    "cases:assign": _case_route(POST),
    "cases:document_create": _case_route(POST),
    "cases:good_faith_create": _case_route(POST),
    "cases:abn_create": _case_route(POST),
    "cases:document_download": Route(
        Scope.CASE, GET, lambda t: {"pk": t.case, "document_pk": t.document}
    ),
    "intake:start": Route(Scope.OWN, BOTH),
    "intake:icd": Route(Scope.OWN, GET),
    "intake:drugs": Route(Scope.OWN, GET),
    "intake:resume": _case_route(GET),
    "intake:step": Route(Scope.CASE, BOTH, lambda t: {"pk": t.case, "step": "patient"}),
    "events:call": _case_route(POST),
    "events:plan_criterion": _case_route(POST),
    "events:pa": _case_route(POST),
    "events:decision": _case_route(POST),
    "events:denial": _case_route(POST),
    "events:letter": _case_route(POST),
    "events:peer_to_peer": _case_route(POST),
    "events:appeal": _case_route(POST),
    "events:appeal_decision": _case_route(POST),
    "events:session": _case_route(POST),
    "events:rems": _case_route(POST),
    "events:claim": _case_route(POST),
    "events:claim_update": _case_route(POST),
    "events:abn": _case_route(POST),
    "events:claims_composed": _case_route(GET),
    "events:claim_status": Route(Scope.CASE, POST, lambda t: {"pk": t.case, "number": 1}),
    "events:claim_download": Route(
        Scope.CASE, GET, lambda t: {"pk": t.case, "number": 1, "fmt": "cms-1500"}
    ),
    "uploads:create": _case_route(POST),
    "uploads:download": Route(Scope.CASE, GET, lambda t: {"pk": t.case, "upload_pk": t.upload}),
    "uploads:packet": _case_route(POST),
    "imports:bundle": _case_route(BOTH),
    "imports:bundle_merge": _case_route(POST),
    "imports:bundle_cancel": _case_route(POST),
    "imports:remittances": Route(Scope.OWN, BOTH),
    "imports:remittance_apply": Route(Scope.OWN, POST),
    "imports:remittance_cancel": Route(Scope.OWN, POST),
    "imports:remittance_file": Route(Scope.WORKSPACE, GET, lambda t: {"pk": t.remittance_file}),
    "imports:eligibility": _case_route(BOTH),
    "imports:eligibility_merge": _case_route(POST),
    "imports:eligibility_cancel": _case_route(POST),
    "patients:home": Route(Scope.OWN, GET),
    "patients:case": _case_route(GET),
    "patients:upload": _case_route(POST),
    "patients:document": _case_route(POST),
    "api_tokens": Route(Scope.OWN, BOTH),
    "api_token_revoke": Route(Scope.CASE, POST, lambda t: {"pk": t.api_token}),
}
"""Every non-public page outside the JSON API. ``api_token_revoke`` is swept like a case: the
token is the clinic owner's, and nobody else may touch it."""

PUBLIC: dict[str, str] = {
    "login": "the way in; shows no data",
    "logout": "ends the caller's own session; shows no data",
    "accounts:signup": "creating an account shows nothing of anyone else's",
    "accounts:signup_confirm": "guarded by the one-time token e-mailed to the address given; "
    "shows only the username that address asked for",
    "accounts:login_code": "the second login step; without the pending login the password step "
    "leaves in the session it only sends to the login page; shows no data",
    "accounts:password_reset": "asks for an address and says the same whether it exists or not",
    "accounts:password_reset_done": "a fixed message",
    "accounts:password_reset_confirm": "guarded by the signed one-time token in the link",
    "accounts:password_reset_complete": "a fixed message",
    "accounts:invitation": "guarded by the one-time token in the link; joining needs a login",
    "feeds:feed": "guarded by the secret token in the feed address; revocable by the clinic",
    "set_language": "Django's language switch: sets the caller's own language cookie",
    "navigator:start": "the patient navigator's first page: fixed text, no data",
    "navigator:step": "a question page: shows only the answers the caller's own page or cookie"
    " carried",
    "navigator:answer": "the answer to the answers the caller's own page or cookie carried;"
    " reads no rows",
    "navigator:forget": "deletes the caller's own answers cookie; reads and writes no rows",
    "navigator:download": "documents made from the answers the caller posted; nothing stored",
    "navigator:language": "switches the caller's language and shows their own posted answers",
    "navigator:save": "creates a new account whose only case is the caller's own answers",
}
"""Pages anyone may open, and why that is safe. Static files are served by middleware
(WhiteNoise) and are not URL patterns; they hold no data."""

API_PAGES: dict[str, str] = {
    "api:openapi-json": "the API's schema: describes operations, holds no data",
    "api:api-root": "the API's own root, answered by the API framework",
}
"""Routes of the JSON API that are not operations of its OpenAPI document."""


def _walk(
    patterns: list[object], namespace: str = "", prefix: str = ""
) -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield namespace + (pattern.name or ""), prefix + str(pattern.pattern)


def _patterns() -> list[tuple[str, str]]:
    return list(_walk(get_resolver().url_patterns))


def _web_names() -> set[str]:
    return {name for name, _ in _patterns() if not name.startswith("api:")}


def _api_sweep_operations() -> set[str]:
    """The operation ids the API sweep calls: the keys of its ``CALLS`` table."""
    tree = ast.parse(API_SWEEP.read_text(encoding="utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == "CALLS"
            and isinstance(node.value, ast.Dict)
        ):
            return {key.value for key in node.value.keys if isinstance(key, ast.Constant)}
    raise AssertionError(f"no CALLS table in {API_SWEEP}")


def test_every_url_pattern_is_swept_or_declared_public():
    names = _web_names()
    assert all(name for name in names), "every URL pattern needs a name to be swept"
    assert not (set(ROUTES) & set(PUBLIC)), "a page is either swept or public, not both"
    assert names - set(ROUTES) - set(PUBLIC) == set(), "pages without an isolation check"
    assert (set(ROUTES) | set(PUBLIC)) - names == set(), "table entries for pages that are gone"


def test_every_api_route_is_covered_by_the_api_sweep():
    api_names = {name for name, _ in _patterns() if name.startswith("api:")}
    operations = {name.removeprefix("api:") for name in api_names} - {
        name.removeprefix("api:") for name in API_PAGES
    }
    assert operations, "the API exposes operations"
    assert operations <= _api_sweep_operations()
    assert set(API_PAGES) <= api_names


def test_every_pattern_outside_the_api_is_a_web_page():
    outside = {name for name, route in _patterns() if not route.startswith("api/")}
    assert not any(name.startswith("api:") for name in outside)


@pytest.fixture
def targets(world) -> Targets:
    """One object of each kind, on the clinic's second case or owned by the clinic's owner."""
    owner, record = world.owner, world.second_case
    document = document_generate(
        user=owner, record=record, kind="call-script", fmt="html", today=TODAY
    )
    upload = upload_create(user=owner, record=record, name="referral.pdf", content=PDF)
    sent = invitation_create(
        user=owner,
        workspace=world.clinic,
        email="newcomer@example.org",
        role=Role.STAFF,
        case=None,
        site="http://testserver",
    )
    feed = feed_create(user=owner, workspace=world.clinic, case=None, site="http://testserver")
    token, _ = token_create(user=owner, name="clinic laptop")
    staff = Membership.objects.get(workspace=world.clinic, user=world.staff)
    remittance = (X12 / "denials.835").read_text()
    kept = remittance_file_record(
        user=owner,
        workspace=world.clinic,
        name="era.835",
        text=remittance,
        read=read_file(remittance),
    )
    return Targets(
        case=record.pk,
        workspace=world.clinic.pk,
        document=document.pk,
        upload=upload.pk,
        member=staff.pk,
        invitation=sent.invitation.pk,
        invitation_token=sent.link.rstrip("/").rsplit("/", 1)[-1],
        feed=feed.feed.pk,
        api_token=token.pk,
        remittance_file=kept.pk,
    )


def _secrets(world) -> list[str]:
    """What identifies the target case: patient name, member id, case id."""
    record = world.second_case
    member_id = record.data["plan"]["member_id"]
    return [record.patient_name, record.data["patient"]["given_name"], member_id, record.case_id]


def _assert_nothing_of(response, secrets: list[str]) -> None:
    body = response.content.decode(errors="replace")
    for secret in secrets:
        assert secret not in body


OWNER_ANSWERS = {"get": {200, 302}, "post": {200, 302, 400}}
"""The positive control: the owner reaches every page; an empty form post may be answered with
its validation errors (400), which proves the view was reached and the URL is right."""


def _call(client: Client, method: str, url: str):
    return client.get(url) if method == "get" else client.post(url, {})


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_each_persona_gets_only_what_is_theirs(world, targets, name):
    route = ROUTES[name]
    url = reverse(name, kwargs=route.kwargs(targets))
    secrets = _secrets(world)
    for method in route.methods:
        response = _call(Client(), method, url)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login")), (method, url)
        else:
            assert response.status_code in {401, 403, 404}, (method, url)
        _assert_nothing_of(response, secrets)

        for persona in (world.outsider, world.patient):
            response = _call(world.client_for(persona), method, url)
            if route.scope is Scope.OWN:
                assert response.status_code < 500, (persona, method, url)
            else:
                assert response.status_code in {403, 404}, (persona, method, url)
            _assert_nothing_of(response, secrets)

    for method in route.methods:
        response = _call(world.client_for(world.owner), method, url)
        assert response.status_code in OWNER_ANSWERS[method], ("owner", method, url)


def test_a_made_up_feed_token_finds_nothing(world):
    response = Client().get(reverse("feeds:feed", kwargs={"token": "not-a-real-feed-token"}))
    assert response.status_code == 404
    _assert_nothing_of(response, _secrets(world))


def test_a_made_up_invitation_token_shows_no_workspace(world, targets):
    response = Client().get(reverse("accounts:invitation", kwargs={"token": "made-up"}))
    assert response.status_code in {200, 404}
    _assert_nothing_of(response, [world.clinic.name, *_secrets(world)])
