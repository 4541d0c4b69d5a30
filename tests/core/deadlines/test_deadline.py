"""Tests for ketacover.core.deadlines.deadline: every kind of deadline has words for a list."""

from __future__ import annotations

import re

from ketacover.core.deadlines import DeadlineKind


def test_every_kind_has_a_label_in_words_not_its_key():
    for kind in DeadlineKind:
        assert kind.label, kind
        assert "_" not in kind.label
        assert re.match(r"[A-Z]", kind.label), kind.label
    assert DeadlineKind.PA_FOLLOW_UP.label == "Check on the prior-authorization request"
