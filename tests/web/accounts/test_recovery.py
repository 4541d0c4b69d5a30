"""Recovery codes: one-time look-up secrets, stored only as salted digests."""

from __future__ import annotations

import doctest
import re

from ketacover.web.accounts import recovery


def test_the_module_examples_hold():
    assert doctest.testmod(recovery).failed == 0


def test_ten_distinct_codes_in_three_groups_of_four_without_look_alikes():
    codes = recovery.generate()
    assert len(codes) == recovery.COUNT == 10
    assert len(set(codes)) == 10
    for code in codes:
        assert re.fullmatch(r"[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}", code)
        assert not set(code) & set("01ILO")
        assert recovery.looks_like_a_code(code)


def test_a_code_matches_its_digest_however_it_is_typed():
    code = recovery.generate()[0]
    salt = recovery.new_salt()
    stored = recovery.digest(code, salt=salt)
    assert code.replace("-", "") not in stored
    assert recovery.matches(code.lower().replace("-", " "), salt=salt, stored=stored)
    assert recovery.matches(f"  {code}  ", salt=salt, stored=stored)


def test_another_code_or_another_salt_does_not_match():
    first, second = recovery.generate()[:2]
    salt = recovery.new_salt()
    stored = recovery.digest(first, salt=salt)
    assert not recovery.matches(second, salt=salt, stored=stored)
    assert recovery.digest(first, salt=recovery.new_salt()) != stored


def test_only_the_shape_of_a_code_looks_like_one():
    assert recovery.looks_like_a_code("abcd-efgh-jkmn")
    assert not recovery.looks_like_a_code("abcd-efgh-jkm")  # too short
    assert not recovery.looks_like_a_code("abcd-efgh-jkm0")  # 0 is not in the alphabet
    assert not recovery.looks_like_a_code("123456")
