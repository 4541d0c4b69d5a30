"""The navigator's post-redirect-get: an accepted answer redirects (303) to the next page, which
reads the answers from a cookie of the person's browser, so Back and Reload never re-post a form;
the cookie is scoped, hidden from scripts, short-lived, and forgotten on request or on saving."""

from __future__ import annotations

import random
import string

import pytest
from django.core import signing

from ketacover.web.navigator import answers_cookie
from ketacover.web.navigator.services import SALT, state_dump, state_load

from .conftest import FLOW, state_of


def test_an_accepted_answer_redirects_to_the_next_page_with_303(walker):
    first = walker.client.get("/navigator/coverage/")
    response = walker.client.post(
        "/navigator/coverage/", {"state": state_of(first), **dict(FLOW)["coverage"]}
    )
    assert response.status_code == 303
    assert response["Location"] == "/navigator/plan/"
    assert "OH" not in response["Location"]


def test_reload_and_back_are_gets_that_show_the_answers_so_far(walker):
    first = walker.client.get("/navigator/coverage/")
    walker.post("/navigator/coverage/", {"state": state_of(first), **dict(FLOW)["coverage"]})
    reloaded = walker.client.get("/navigator/plan/")
    assert reloaded.status_code == 200
    assert reloaded.context["step"].slug == "plan"
    assert state_load(state_of(reloaded)).coverage is not None
    back = walker.client.get("/navigator/coverage/")
    assert back.status_code == 200
    assert back.context["form"].initial["coverage"] == "employer"
    assert back.context["form"].initial["home_state"] == "OH"


def test_the_answer_page_is_a_get_after_the_last_step(walker):
    answer = walker.walk()
    assert answer.redirect_chain == [("/navigator/answer/", 303)]
    again = walker.client.get("/navigator/answer/")
    assert again.status_code == 200
    assert again.context["page"] == "answer"
    assert state_load(state_of(again)) == state_load(state_of(answer))


def test_the_cookie_is_scoped_hidden_from_scripts_and_short_lived(walker):
    first = walker.client.get("/navigator/coverage/")
    response = walker.client.post(
        "/navigator/coverage/", {"state": state_of(first), **dict(FLOW)["coverage"]}
    )
    cookie = response.cookies[answers_cookie.NAME]
    assert cookie["path"] == "/navigator/"
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 7200


def test_without_answers_the_answer_page_sends_the_person_to_the_start(walker):
    response = walker.client.get("/navigator/answer/")
    assert response.status_code == 302
    assert response["Location"] == "/navigator/"


def test_an_expired_or_tampered_cookie_reads_as_no_answers(walker, monkeypatch):
    walker.walk()
    walker.client.cookies[answers_cookie.NAME] = "tampered" + state_dump(
        state_load(walker.client.cookies[answers_cookie.NAME].value)
    )
    assert walker.client.get("/navigator/answer/").status_code == 302
    walker.client.cookies[answers_cookie.NAME] = signing.dumps(
        {"coverage": "employer"}, salt=SALT, compress=True
    )
    assert walker.client.get("/navigator/answer/").status_code == 200
    monkeypatch.setattr(answers_cookie, "MAX_AGE", -1)
    assert walker.client.get("/navigator/answer/").status_code == 302


def test_forget_deletes_the_cookie_and_the_start_page_offers_it(walker):
    walker.walk()
    start = walker.client.get("/navigator/").content.decode()
    assert "Start over and forget my answers" in start
    assert "See my answer" in start
    response = walker.client.post("/navigator/forget/")
    assert response.status_code == 302
    assert response.cookies[answers_cookie.NAME].value == ""
    assert (
        "Start over and forget my answers" not in walker.client.get("/navigator/").content.decode()
    )


def test_answers_too_long_for_a_cookie_are_shown_directly(walker, monkeypatch):
    monkeypatch.setattr(answers_cookie, "LIMIT", 10)
    first = walker.client.get("/navigator/coverage/")
    response = walker.client.post(
        "/navigator/coverage/", {"state": state_of(first), **dict(FLOW)["coverage"]}
    )
    assert response.status_code == 200
    assert response.context["step"].slug == "plan"
    assert state_load(state_of(response)).coverage is not None
    assert response.cookies[answers_cookie.NAME].value == ""


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_longest_answers_the_forms_accept_fit_in_a_cookie(walker, seed):
    rng = random.Random(seed)

    def text(length: int) -> str:
        return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(length))

    flow = dict(FLOW)
    flow["plan"] = {**flow["plan"], "insurer": text(100)}
    flow["history"] = {
        **{f"med_{i}_name": text(60) for i in range(6)},
        **{f"med_{i}_outcome": "no_response" for i in range(6)},
        **{f"med_{i}_weeks": "52" for i in range(6)},
        "therapy": "yes",
        "tms": "yes",
        "ect": "yes",
    }
    flow["treatment"] = {**flow["treatment"], "clinic_name": text(100)}
    answer = walker.walk(list(flow.items()))
    details = {
        "given_name": text(100),
        "family_name": text(100),
        "date_of_birth": "1985-04-12",
        "member_id": text(30),
        "group_number": text(30),
        "street": text(100),
        "city": text(100),
        "postal_code": "43004",
    }
    walker.details(answer, details)
    token = walker.client.cookies[answers_cookie.NAME].value
    assert token
    assert answers_cookie.fits(token)
