"""Synthetic case generator for benchmarks: varied, valid, reproducible (seeded), no real people.

Each case differs in payer category, plan type, diagnoses, history, treatment and events, so the
benchmark exercises every pathway rather than one hot path.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

_GIVEN = ["Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Harper", "Jordan", "Kai", "Logan"]
_FAMILY = ["Testcase", "Sample", "Fictional", "Synthetic", "Madeup", "Ashdown"]
_CATEGORIES = [
    "commercial_fully_insured",
    "commercial_self_funded",
    "marketplace_qhp",
    "individual",
    "medicare",
    "medicare_advantage",
    "medicaid_managed_care",
    "tricare",
]
_PLAN_TYPES = ["ppo", "hmo", "epo", "pos", "hdhp"]
_DIAGNOSES = [
    ["F33.2"],
    ["F33.1"],
    ["F32.2"],
    ["F33.2", "R45.851"],
    ["G90.521"],
    ["F43.12"],
    ["F31.4"],
]
_DRUGS = [
    "sertraline",
    "escitalopram",
    "fluoxetine",
    "venlafaxine",
    "duloxetine",
    "bupropion",
    "mirtazapine",
    "nortriptyline",
    "vortioxetine",
    "aripiprazole",
    "lithium",
]
_TREATMENTS = ["esketamine", "iv_ketamine", "iv_ketamine", "im_ketamine"]
_NPIS = ["1234567893", "1245319599", "1003000126"]
TODAY = date(2026, 11, 23)


def _day(rng: random.Random, back_from: int, back_to: int) -> date:
    return TODAY - timedelta(days=rng.randint(back_to, back_from))


def make_case(index: int, rng: random.Random) -> dict[str, Any]:
    """One synthetic case as plain data, in the case-file format."""
    category = rng.choice(_CATEGORIES)
    treatment = rng.choice(_TREATMENTS)
    trials = []
    start = _day(rng, 900, 400)
    for _ in range(rng.randint(0, 5)):
        weeks = rng.randint(3, 16)
        end = start + timedelta(weeks=weeks)
        trials.append(
            {
                "name": rng.choice(_DRUGS),
                "dose": f"{rng.choice([50, 100, 150, 200])} mg daily",
                "start": start.isoformat(),
                "end": end.isoformat(),
                "adequate_dose": rng.random() > 0.2,
                "outcome": rng.choice(["no_response", "partial_response", "intolerance"]),
                "current_episode": rng.random() > 0.3,
            }
        )
        start = end + timedelta(days=rng.randint(1, 30))
    case: dict[str, Any] = {
        "id": f"bench-{index:05d}",
        "patient": {
            "given_name": rng.choice(_GIVEN),
            "family_name": rng.choice(_FAMILY),
            "date_of_birth": date(
                rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28)
            ).isoformat(),
        },
        "plan": {
            "payer": "Example Health Plan",
            "category": category,
            "plan_type": rng.choice(_PLAN_TYPES),
            "member_id": f"XKC{index:09d}",
            "out_of_network_benefits": rng.choice([True, False, None]),
            "in_network": {
                "deductible": "1500.00",
                "deductible_met": "300.00",
                "coinsurance_percent": "20",
                "out_of_pocket_max": "6000.00",
            },
        },
        "clinic": {
            "name": "Example Ketamine Clinic",
            "npi": rng.choice(_NPIS),
            "network_status": rng.choice(["in_network", "out_of_network", "unknown"]),
            "rems_certified": rng.choice([True, False, None]),
        },
        "diagnoses": [
            {"code": code, "primary": i == 0} for i, code in enumerate(rng.choice(_DIAGNOSES))
        ],
        "scores": [
            {"scale": "phq9", "score": rng.randint(10, 27), "on": _day(rng, 60, 1).isoformat()}
        ],
        "treatment_history": trials,
        "history": {"bipolar_history": rng.choice([False, None]), "psychotic_features": False},
        "treatment_plan": {
            "treatment": treatment,
            "sessions": rng.choice([6, 8, 23]),
            "price_per_session": str(rng.choice([450, 600, 800, 1050])) + ".00",
        },
    }
    if rng.random() < 0.3:
        notice = _day(rng, 120, 5)
        case["denials"] = [
            {
                "id": "denial-1",
                "notice_date": notice.isoformat(),
                "reason": rng.choice(["not_medically_necessary", "experimental_investigational"]),
                "carc_codes": [rng.choice(["50", "55", "197"])],
            }
        ]
    if rng.random() < 0.3:
        case["prior_authorizations"] = [
            {"id": "pa-1", "treatment": treatment, "submitted": _day(rng, 20, 1).isoformat()}
        ]
    return case


def make_cases(count: int, seed: int = 2026) -> list[dict[str, Any]]:
    """``count`` synthetic cases, the same for the same seed."""
    rng = random.Random(seed)
    return [make_case(i, rng) for i in range(count)]
