"""Diagnosis groups by ICD-10-CM code, substance use disorders active or in remission included."""

from __future__ import annotations

import pytest

from ketacover.core.coverage.diagnoses import dx_groups, substance_use
from ketacover.core.model import SubstanceUse


@pytest.mark.parametrize(
    ("code", "groups"),
    [
        ("F33.2", {"depression", "without_psychosis"}),
        ("F33.3", {"depression", "psychotic"}),
        ("F31.4", {"bipolar"}),
        ("F10.20", {"substance_active"}),
        ("F10.21", {"substance_remission"}),
        ("F10.11", {"substance_remission"}),
        ("F11.91", {"substance_remission"}),
        ("F12.20", {"substance_active"}),
        ("F10.120", {"substance_active"}),
        ("F19.21", {"substance_remission"}),
        ("F17.210", set()),
        ("R45.851", {"suicidal_ideation"}),
        ("G90.512", {"crps", "pain"}),
    ],
)
def test_each_code_falls_in_its_groups(code, groups):
    assert dx_groups(code) == groups


@pytest.mark.parametrize(
    ("codes", "flag", "expected"),
    [
        (("F10.20",), None, "active"),
        (("F10.20",), SubstanceUse.IN_REMISSION, "active"),
        (("F10.21",), None, "in_remission"),
        (("F10.21",), SubstanceUse.NONE, "none"),
        ((), SubstanceUse.ACTIVE, "active"),
        ((), None, None),
    ],
)
def test_a_coded_active_disorder_wins_and_a_remission_code_fills_a_gap(codes, flag, expected):
    groups = frozenset().union(*(dx_groups(code) for code in codes))
    assert substance_use(groups, flag) == expected
